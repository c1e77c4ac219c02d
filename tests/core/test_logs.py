"""The log file and the crash file: where they are, what the CLI writes into them."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from branchdesk.logs import configure_logging, current_log_path


def test_configure_logging_writes_under_the_data_directory(tmp_path: Path) -> None:
    previous = current_log_path()
    try:
        path = configure_logging(tmp_path)
        assert path == tmp_path / "logs" / "branchdesk.log"
        assert configure_logging(tmp_path) == path  # idempotent: one handler
        logging.getLogger("branchdesk.test").info("一行日志 %s", 42)
        handlers = [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(path)]
        assert len(handlers) == 1
        handlers[0].flush()
        text = path.read_text(encoding="utf-8")
        assert "INFO branchdesk.test: 一行日志 42" in text
        assert (tmp_path / "logs" / "crash.log").exists()
        logging.getLogger("sqlalchemy.engine.Engine").info("SELECT 1")  # libraries: WARNING and up only
        assert "SELECT 1" not in path.read_text(encoding="utf-8")
    finally:
        if previous is not None:
            configure_logging(previous.parent.parent)


def test_the_cli_logs_each_command_and_its_error(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "branchdesk",
            "--db",
            str(tmp_path / "none.sqlite3"),
            "--user",
            "crm",
            "export",
            "monthly",
            "--month",
            "2026-10",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    reason = result.stderr.strip().removeprefix("branchdesk: ")
    log = next((tmp_path / "data").rglob("logs/branchdesk.log")).read_text(encoding="utf-8")
    assert "command: --db" in log and "export monthly --month 2026-10" in log
    assert reason in log and "WARNING branchdesk.cli: failed (exit 1)" in log
