"""The start benchmark's hidden login (``ui/start_probe``) works on a demo branch only: on a real branch a
user who happens to have the public demo password is not logged in by an environment variable."""

from __future__ import annotations

import sqlite3

import pytest

from branchdesk.demo import DEMO_PASSWORD
from tests.conftest import Branch
from ui import start_probe


def test_the_probe_logs_in_only_on_a_demo_branch(branch: Branch, monkeypatch: pytest.MonkeyPatch) -> None:
    b = branch
    assert b.path is not None
    b.desk.admin.reset_password(b["admin"], b["clerk"].user_id, DEMO_PASSWORD)
    monkeypatch.setenv(start_probe.ENV, "clerk")
    assert start_probe.log_in(b.desk) is None  # a real branch: the login shows
    with sqlite3.connect(b.path) as connection:  # the same branch made a demo one
        connection.execute("UPDATE branch SET demo = 1, config_version = config_version + 1")
    actor = start_probe.log_in(b.desk)
    assert actor is not None and actor.user_id == b["clerk"].user_id
