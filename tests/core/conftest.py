"""The service and storage suite runs on both engines: every test that takes ``branch`` runs on a
SQLite file and on a throw-away PostgreSQL server, unless it is marked ``sqlite_only`` (it reaches
into the file itself: raw SQLite, file copies, its own processes on the file)."""

from __future__ import annotations

import pytest


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "branch" not in metafunc.fixturenames:
        return
    only_sqlite = metafunc.definition.get_closest_marker("sqlite_only") is not None
    metafunc.parametrize("branch", ["sqlite"] if only_sqlite else ["sqlite", "postgresql"], indirect=True)
