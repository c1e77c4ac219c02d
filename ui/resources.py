"""Where shipped resources live: package data of branchdesk (checkout, wheel and PyInstaller build alike)."""

from __future__ import annotations

from pathlib import Path

from branchdesk import resources


def resources_dir() -> Path:
    return resources.root()


def translations_dir() -> Path:
    return resources.path("translations")
