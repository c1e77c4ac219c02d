"""What pyproject.toml and the installed environment say about packaging, for the install tests."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
RESOURCES_PACKAGE = "branchdesk._resources"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements() -> list[Requirement]:
    return [Requirement(line) for line in PYPROJECT["project"]["dependencies"]]


def qt_requirements() -> list[str]:
    """The Qt lines of the dependencies, markers included (pip evaluates them for its interpreter)."""
    return [str(r) for r in requirements() if canonical(r.name).startswith(("pyside6", "shiboken6"))]


def expected_qt_distributions(python_version: str) -> set[str]:
    """Which Qt distributions the pins select for ``python_version`` ("3.12"), shiboken6 included."""
    chosen = {
        canonical(r.name)
        for r in requirements()
        if canonical(r.name).startswith("pyside6")
        and (r.marker is None or r.marker.evaluate({"python_version": python_version, "extra": ""}))
    }
    return chosen | {"shiboken6"}


def runtime_closure() -> dict[str, str]:
    """canonical name → version of every distribution the app needs here (no extras); the names of
    dependencies for other Pythons (not installed here) with version "-"."""
    found: dict[str, str] = {}
    todo = [r.name for r in requirements()]
    while todo:
        name = canonical(todo.pop())
        if name in found:
            continue
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            found[name] = "-"
            continue
        found[name] = dist.version
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return found


def source_packages() -> set[str]:
    """Every package directory (with __init__.py) of the checkout's branchdesk/ and ui/."""
    return {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("branchdesk", "ui")
        for init in (ROOT / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }


def shipped_resources() -> dict[str, Path]:
    """Wheel path → checkout file, of everything pyproject.toml maps into branchdesk/_resources/."""
    source = ROOT / SETUPTOOLS["package-dir"][RESOURCES_PACKAGE]
    target = RESOURCES_PACKAGE.replace(".", "/")
    return {
        f"{target}/{path.relative_to(source).as_posix()}": path
        for pattern in SETUPTOOLS["package-data"][RESOURCES_PACKAGE]
        for path in source.glob(pattern)
        if path.is_file()
    }
