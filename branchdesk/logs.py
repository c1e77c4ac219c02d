"""Where the program writes down what happened: a rotating log file and a crash file.

``configure_logging()`` is called once by each front end (the CLI's ``main``, the
desktop app's ``ui.main.run``); calling it again is harmless. Everything below
``branchdesk`` and ``ui`` logs at INFO and above into ``<data dir>/logs/branchdesk.log``
(about 1 MB × 5 files, UTF-8); other libraries only from WARNING up (SQLAlchemy's
INFO would be every SQL statement). A hard crash of the interpreter (segfault in Qt,
a deadlock dumped by ``faulthandler``) lands in ``<data dir>/logs/crash.log``.
No Qt here: the desktop app adds its exception hooks in ``ui/crash.py``.
"""

from __future__ import annotations

import faulthandler
import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO

LOG_FILE = "branchdesk.log"
CRASH_FILE = "crash.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: Loggers of our own code that write INFO lines; everything else only WARNING and up.
OUR_LOGGERS = ("branchdesk", "ui")

_handler: RotatingFileHandler | None = None
_crash_file: IO[str] | None = None  # kept open for the life of the process (faulthandler writes to its fd)


def log_directory(data_dir: Path | None = None) -> Path:
    if data_dir is None:
        from branchdesk.storage.database import default_data_dir

        data_dir = default_data_dir()
    return data_dir / "logs"


def configure_logging(data_dir: Path | None = None) -> Path:
    """Log into ``<data dir>/logs/branchdesk.log``, hard crashes into ``crash.log``; returns the log path.

    Idempotent: a second call with the same directory changes nothing; with another
    directory (a test's) the file handler and the crash file move there.
    """
    global _handler, _crash_file
    directory = log_directory(data_dir)
    path = directory / LOG_FILE
    if _handler is not None and Path(_handler.baseFilename) == path.resolve():
        return path
    directory.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    for name in OUR_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET or logger.level > logging.INFO:
            logger.setLevel(logging.INFO)
    _handler = handler

    previous = _crash_file
    _crash_file = open(directory / CRASH_FILE, "a", encoding="utf-8")  # noqa: SIM115 - open for the process
    faulthandler.enable(file=_crash_file, all_threads=True)
    if previous is not None:
        previous.close()
    return path


def current_log_path() -> Path | None:
    """The file ``configure_logging`` writes to, or None before it was called."""
    return Path(_handler.baseFilename) if _handler is not None else None
