"""The forms' fonts, embedded in every PDF, and text markup that never drops a character.

WenQuanYi Micro Hei carries the forms; characters it lacks (CJK Extension A and B: 䶮, 𠮷 …) are set in
Hanazono subsets, switched run by run, so every character of a name or a complaint prints.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import textsplit
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph

from branchdesk import resources

MAIN = "BD-Sans"
FALLBACKS = (("BD-ExtA", "HanaMinA-ExtA.ttf"), ("BD-ExtB", "HanaMinB-ExtB.ttf"))
#: Chinese punctuation that must not start a line (ReportLab's CJK wrapping lets some through).
CANNOT_START = "，。、；：？！）》」』】〕”’…—·%‰"


def fonts_dir() -> Path:
    """The shipped fonts (package data; see branchdesk/resources.py)."""
    return resources.path("fonts")


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, but writing characters beyond U+FFFF as UTF-16 surrogate pairs.

    ReportLab writes ``<%04X>`` of the code point, so 𠮷 (U+20BB7) came back out of the PDF as
    "₻" (U+20BB): the character printed right but copying or searching the PDF lost it.
    """
    entries = [f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@cache
def register() -> dict[str, frozenset[int]]:
    """Register the main font once; returns its character coverage.

    The fallbacks (Hanazono ExtA/ExtB, 25 MB) are registered only when a character needs one
    (``_fallback``): parsing them was a third of the first form's time in a fresh process (issue 16
    part P), and most forms never print a character outside the main font."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    main = TTFont(MAIN, str(fonts_dir() / "wqy-microhei.ttc"), subfontIndex=0)
    pdfmetrics.registerFont(main)
    extra = "".join(ch for ch in CANNOT_START if ch not in textsplit.ALL_CANNOT_START)
    textsplit.ALL_CANNOT_START += extra
    paragraph.ALL_CANNOT_START += "".join(ch for ch in CANNOT_START if ch not in paragraph.ALL_CANNOT_START)
    return {MAIN: frozenset(main.face.charToGlyph)}


@cache
def _fallback(name: str, file: str) -> frozenset[int]:
    """Register the fallback font ``name`` once, at the first character that needs it; its coverage."""
    register()
    font = TTFont(name, str(fonts_dir() / file))
    pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph)


def font_for(ch: str) -> str:
    code = ord(ch)
    if code in register()[MAIN] or ch in "\n\t ":
        return MAIN
    for name, file in FALLBACKS:
        if code in _fallback(name, file):
            return name
    return MAIN


def runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into (font, run) pieces."""
    pieces: list[tuple[str, str]] = []
    for ch in text:
        font = font_for(ch)
        if pieces and pieces[-1][0] == font:
            pieces[-1] = (font, pieces[-1][1] + ch)
        else:
            pieces.append((font, ch))
    return pieces


def markup(text: str) -> str:
    """Paragraph markup for plain text: escaped, line breaks kept, rare characters in their font."""
    out = []
    for font, piece in runs(text or ""):
        safe = escape(piece).replace("\n", "<br/>")
        out.append(safe if font == MAIN else f'<font name="{font}">{safe}</font>')
    return "".join(out)
