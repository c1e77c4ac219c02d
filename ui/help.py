"""帮助: the user guide (Markdown shipped in ``resources/help/``) in a browser window; F1 opens it at the
section of the screen in front of the user.

Each screen's section carries an anchor written as ``## <a name="intake"></a>新建投诉`` (GitHub shows
the same anchors); Qt's Markdown reader drops inline HTML, so the anchors are taken out before and set
on the heading afterwards. The guide is Chinese (``user_guide_zh_CN.md``) with an English edition for
an English interface (``user_guide_en.md``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from branchdesk import resources
from ui.language import current_language
from ui.screen_fit import fit_to_screen

GUIDES = {"zh_CN": "user_guide_zh_CN.md", "en": "user_guide_en.md"}
#: The sections F1 can open, one per screen (the anchors both editions carry).
SECTIONS = (
    "start", "login", "work", "intake", "queue", "case", "approval", "print",
    "settings", "users", "password", "lock", "about",
    "capa",  # issue 14 part B
)
_ANCHOR = re.compile(r'^(#{1,6})\s*<a name="([\w-]+)"></a>\s*(.*)$', re.MULTILINE)


def guide_path(language: str | None = None) -> Path:
    return resources.path("help", GUIDES.get(language or current_language(), GUIDES["zh_CN"]))


def markdown_with_anchors(text: str) -> tuple[str, dict[str, str]]:
    """The Markdown without its ``<a name>`` tags, and heading text → anchor name."""
    anchors: dict[str, str] = {}

    def strip(match: re.Match[str]) -> str:
        anchors[match.group(3).strip()] = match.group(2)
        return f"{match.group(1)} {match.group(3)}"

    return _ANCHOR.sub(strip, text), anchors


class HelpWindow(QDialog):
    """The guide, non-modal: it stays open beside the work."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("BranchDesk — user guide"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.language = current_language()
        path = path or guide_path(self.language)
        self.browser.setSearchPaths([str(path.parent)])
        text, anchors = markdown_with_anchors(path.read_text(encoding="utf-8"))
        self.browser.setMarkdown(text)
        self.anchors = self._set_anchors(anchors)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(900, 680))

    def _set_anchors(self, anchors: dict[str, str]) -> set[str]:
        found: set[str] = set()
        block = self.browser.document().begin()
        while block.isValid():
            name = anchors.get(block.text().strip())
            if name and block.blockFormat().headingLevel():
                cursor = QTextCursor(block)
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
                anchor = QTextCharFormat()
                anchor.setAnchor(True)
                anchor.setAnchorNames([name])
                cursor.mergeCharFormat(anchor)
                found.add(name)
            block = block.next()
        return found

    def show_section(self, section: str) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        if section in self.anchors:
            self.browser.scrollToAnchor(section)
        else:
            self.browser.verticalScrollBar().setValue(0)

    def visible_headings(self) -> list[str]:
        """The headings in the visible part, top first (what the reader sees)."""
        document = self.browser.document()
        top = self.browser.verticalScrollBar().value()
        height = self.browser.viewport().height()
        found = []
        block = document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel():
                y = document.documentLayout().blockBoundingRect(block).top() - top
                if 0 <= y < height:
                    found.append(block.text())
            block = block.next()
        return found


_window: HelpWindow | None = None


def show_help(section: str, parent: QWidget | None = None) -> HelpWindow:
    """Open (or bring forward) the one guide window at ``section``."""
    global _window
    if _window is not None and _window.language != current_language():
        _window.close()
        _window.deleteLater()
        _window = None
    if _window is None:
        _window = HelpWindow()
    _window.show_section(section)
    return _window


def install_f1(widget: QWidget, section: str | Callable[[], str]) -> QShortcut:
    """F1 on ``widget`` (and its children) opens the guide at ``section`` (or what the callable says)."""
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_F1), widget)  # F1 everywhere (Windows, Linux)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(lambda: show_help(section() if callable(section) else section, widget))
    return shortcut


def close_help() -> None:
    """The guide goes with the main window (a session ends: quit or log out)."""
    if _window is not None:
        _window.close()
