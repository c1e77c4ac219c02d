"""Refresh the zh_CN catalogue from the UI sources and compile it.

    .venv/bin/python tools/translations.py          # lupdate + lrelease
Translate new entries in resources/translations/branchdesk_zh_CN.ts (Qt Linguist,
or by hand: fill <translation> and drop type="unfinished"), then run it again.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "branchdesk_zh_CN.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def update(ts: Path = TS) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *ui_sources(),
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            "zh_CN",
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def release(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], cwd=ROOT, check=True, capture_output=True
    )


if __name__ == "__main__":
    update()
    release()
    print(f"updated {TS.relative_to(ROOT)} and {QM.relative_to(ROOT)}")
