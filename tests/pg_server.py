"""A throw-away PostgreSQL cluster on a Unix socket, for running the services on a real server.

One cluster per test session; each test gets its own database cloned from a template
(``CREATE DATABASE … TEMPLATE``), which takes a fraction of a second.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

PORT = "54329"


def server_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresServer:
    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.base = Path(tempfile.mkdtemp(prefix="bd-pg-"))
        self.data = self.base / "data"
        as_root = os.geteuid() == 0
        self._prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
        if as_root:
            shutil.chown(self.base, "postgres")
        self._counter = 0

    def _run(self, tool: str, *args: str, check: bool = True) -> None:
        subprocess.run([*self._prefix, str(self.binaries / tool), *args], check=check, capture_output=True)

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C")
        options = f"-p {PORT} -k {self.base} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
        self._run("pg_ctl", "-D", str(self.data), "-w", "-l", str(self.base / "log"), "-o", options, "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.base}&port={PORT}"

    def create_database(self, template: str | None = None) -> str:
        """A new empty (or cloned) database; returns its name."""
        self._counter += 1
        name = f"bd_{os.getpid()}_{self._counter}"
        args = ["-h", str(self.base), "-p", PORT, "-U", "postgres"]
        if template:
            args += ["-T", template]
        self._run("createdb", *args, name)
        return name

    def drop_database(self, name: str) -> None:
        self._run("dropdb", "-h", str(self.base), "-p", PORT, "-U", "postgres", "--force", name, check=False)
