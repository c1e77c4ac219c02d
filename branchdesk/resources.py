"""The files the app reads at run time: fonts, translations, licences, the user guide.

They live in the checkout's top-level ``resources/``; an installed wheel and the PyInstaller bundle
carry them as package data under ``branchdesk/_resources/`` (pyproject.toml maps the folder there,
build_installer.spec collects it there), read through :mod:`importlib.resources`.
"""

from __future__ import annotations

import atexit
import importlib.resources as importlib_resources
from contextlib import ExitStack
from functools import cache
from pathlib import Path

PACKAGED = "_resources"
_open = ExitStack()
atexit.register(_open.close)


@cache
def root() -> Path:
    """The folder holding ``fonts/``, ``translations/``, ``licenses/`` and ``help/`` (a real folder:
    ReportLab and Qt open the files by name)."""
    packaged = importlib_resources.files(__package__ or "branchdesk") / PACKAGED
    if packaged.is_dir():  # an installed wheel, the PyInstaller bundle
        return Path(_open.enter_context(importlib_resources.as_file(packaged)))
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if (checkout.parent / "pyproject.toml").is_file() and checkout.is_dir():  # checkout, editable install
        return checkout
    raise FileNotFoundError(f"BranchDesk 的资源文件缺失（{packaged}）：安装不完整，请重新安装")


def path(*parts: str) -> Path:
    """A shipped file or folder, e.g. ``path("fonts", "wqy-microhei.ttc")``."""
    return root().joinpath(*parts)
