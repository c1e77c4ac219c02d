"""𠮷 (U+20BB7, CJK extension B) and 䶮 (extension A) are drawn on screen, not as boxes (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from ui.fonts import install_fonts

RARE = {"𠮷": 0x20BB7, "䶮": 0x4DAE}


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[QFont]:
    """The application font as ``ui.main.run`` sets it up; the previous one restored afterwards."""
    before = QFont(qapp.font())
    install_fonts(qapp)
    yield qapp.font()
    qapp.setFont(before)


def drawn(font: QFont, text: str) -> QImage:
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


@pytest.mark.parametrize("char", list(RARE))
def test_the_app_font_chain_has_the_rare_characters(app_font: QFont, char: str) -> None:
    assert QFontMetrics(app_font).inFontUcs4(RARE[char])
    assert "HanaMinB" in app_font.families()


def test_a_name_with_an_extension_b_character_is_not_drawn_as_a_box(app_font: QFont, qtbot: QtBot) -> None:
    font = QFont(app_font)
    font.setPointSize(24)
    box = drawn(font, "\U0010fffd")  # a private-use code point no font has: the box itself
    assert drawn(font, "𠮷") != box
    label = QLabel("王𠮷")  # a widget that did not set its own font gets the chain
    qtbot.addWidget(label)
    assert QFontMetrics(label.font()).inFontUcs4(0x20BB7)
