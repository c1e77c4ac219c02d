"""The ready-made policies shipped in ``branchdesk/presets/*.toml`` (package data), read by their header."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Preset:
    name: str  # the file name without .toml: what ``--preset`` and ``policy import`` take
    title: str  # 中文
    description: str
    source: str  # the seed policy it was written from

    def text(self) -> str:
        return resources.files("branchdesk.presets").joinpath(f"{self.name}.toml").read_text(encoding="utf-8")


def list_presets() -> list[Preset]:
    """Every preset, 通用 (general) first, then by name; a file that does not parse is left out."""
    out: list[Preset] = []
    for entry in resources.files("branchdesk.presets").iterdir():
        if not entry.name.endswith(".toml"):
            continue
        try:
            doc = tomllib.loads(entry.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        name = entry.name.removesuffix(".toml")
        out.append(
            Preset(
                name, str(doc.get("title", name)), str(doc.get("description", "")), str(doc.get("source", ""))
            )
        )
    return sorted(out, key=lambda p: (p.name != "general", p.name))


def find(name: str) -> Preset | None:
    """The preset named ``name`` (its file name) or titled so (``通用``); None if there is none."""
    for preset in list_presets():
        if name in (preset.name, preset.title):
            return preset
    return None
