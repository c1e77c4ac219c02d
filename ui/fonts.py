"""Screen fonts that have every character a name may hold (issue 17: 𠮷 showed as a box).

The system's UI font (Microsoft YaHei UI, or whatever Linux offers) lacks the CJK extensions A and B
(䶮, 𠮷). The fonts shipped for the printed forms (``resources/fonts``, see its README) cover them:
they are registered with Qt at start, and the application font gets them as fallback families after
its own, so Qt draws a character from the first family in the chain that has it.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtGui import QFontDatabase, QGuiApplication

from branchdesk import resources

log = logging.getLogger(__name__)

#: The bundled files, in the order their families are tried after the system font.
FONT_FILES = ("wqy-microhei.ttc", "HanaMinA-ExtA.ttf", "HanaMinB-ExtB.ttf")


@cache
def bundled_families() -> tuple[str, ...]:
    """Register the bundled fonts with Qt once; their family names (a missing file is logged, skipped)."""
    families: list[str] = []
    folder = resources.path("fonts")
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(folder / name))
        if font_id < 0:
            log.warning("the font %s could not be loaded: some rare characters may show as boxes", name)
            continue
        # a .ttc holds several faces (WenQuanYi Micro Hei and its Mono): the first is the one meant
        families.extend(QFontDatabase.applicationFontFamilies(font_id)[:1])
    return tuple(families)


def install_fonts(app: QGuiApplication) -> list[str]:
    """The application font keeps its family and falls back to the bundled ones; returns the chain."""
    font = app.font()
    chain = list(font.families()) or [font.family()]
    chain += [family for family in bundled_families() if family not in chain]
    font.setFamilies(chain)
    app.setFont(font)
    return chain
