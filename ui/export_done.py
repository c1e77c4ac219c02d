"""After every export (issue 17, part D): one message saying where the file went, with 打开文件 and
打开所在文件夹. The files open with the system's program for them (``QDesktopServices.openUrl``).

``OPENER`` is what opens a URL; tests replace it (tests/ui/conftest.py does for every UI test) so no
test ever launches a spreadsheet program or a file manager.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

log = logging.getLogger(__name__)

Opener = Callable[[QUrl], bool]


def _open_with_the_system(url: QUrl) -> bool:
    return bool(QDesktopServices.openUrl(url))


OPENER: Opener = _open_with_the_system


def open_path(target: Path) -> bool:
    """Open a file with its program, or a folder in the file manager — through ``OPENER``, the one
    place the app hands a path to the system (exports, backups)."""
    return OPENER(QUrl.fromLocalFile(str(target)))


class ExportDone(QMessageBox):
    """Non-blocking (``open()``): the export's owner goes on; the buttons act while it shows."""

    def __init__(self, parent: QWidget | None, title: str, text: str, path: Path) -> None:
        super().__init__(parent)
        self.path = path
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(title)
        self.setText(text)
        self.open_file_button = self.addButton(self.tr("Open file"), QMessageBox.ButtonRole.ActionRole)
        self.open_folder_button = self.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        self.close_button = self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(self.close_button)
        self.setEscapeButton(self.close_button)
        self.buttonClicked.connect(self._on_clicked)

    def _on_clicked(self, button: QAbstractButton) -> None:
        if button is self.open_file_button:
            self._open(self.path)
        elif button is self.open_folder_button:
            self._open(self.path.parent)

    def _open(self, target: Path) -> None:
        if not open_path(target):
            log.info("no program opened %s", target)
            QMessageBox.warning(
                self.parentWidget(),
                self.windowTitle(),
                self.tr("No program on this PC opened %1.").replace("%1", str(target)),
            )


def export_done(parent: QWidget | None, title: str, text: str, path: Path) -> ExportDone:
    """Show where the export went, with buttons to open the file or its folder; returns the message."""
    box = ExportDone(parent, title, text, path)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
