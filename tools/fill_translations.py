"""Fill unfinished entries of the zh_CN catalogue from a glossary module (a dict named ``zh``).

    .venv/bin/python tools/fill_translations.py GLOSSARY.py

Entries the glossary does not know are listed and left unfinished.
"""

from __future__ import annotations

import importlib.util
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from translations import TS, release, update


def main(glossary_path: str) -> int:
    spec = importlib.util.spec_from_file_location("glossary", glossary_path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    glossary: dict[str, str] = module.zh
    tree = ET.parse(TS)
    missing = []
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") != "unfinished":
            continue
        if source in glossary:
            translation.text = glossary[source]
            del translation.attrib["type"]
        else:
            missing.append(source)
    header = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
    Path(TS).write_text(header + ET.tostring(tree.getroot(), encoding="unicode") + "\n", encoding="utf-8")
    update()
    release()
    for source in missing:
        print("unfinished:", source)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
