"""Attachments at intake (issue 17 part E): a photo or a scan dragged onto the form, or chosen with
添加附件, read and hashed off the GUI thread (a 20 MB scan must not freeze the counter) with progress;
stored with the case when the draft is saved or the case registered.

Before reading, the branch's size and type limits (``domain.attachments``; settings
``attachment_max_mb``, ``attachment_types``) refuse a file at once; the core checks them again on save.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.attachments import attachment_refusal
from branchdesk.services.attachments import read_incoming
from branchdesk.services.dto import IncomingFile
from ui.language import render
from ui.operations import Worker


class FileReader(Worker):
    """Reads one file (``services.attachments.read_incoming``) off the GUI thread; ``sig_progress`` in %."""

    sig_progress = Signal(int)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(lambda: read_incoming(path, self.sig_progress.emit), parent)
        self.path = path


#: Readers still running: held here (not by a widget) so closing the form mid-read never destroys a
#: running thread; each one leaves the set when it finishes.
_RUNNING: set[FileReader] = set()


class AttachmentStrip(QWidget):
    """The files going with this intake: list, 添加附件 / 移除, the reading's progress."""

    sig_changed = Signal()

    def __init__(self, max_mb: int, types: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_mb, self.types = max_mb, types
        self.files: list[IncomingFile] = []
        self._waiting: list[Path] = []
        self._reader: FileReader | None = None
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Attachments"))
        self.list.setMaximumHeight(90)
        self.add_button = QPushButton(self.tr("Add attachment…"))
        self.add_button.setToolTip(self.tr("Or drag photos and scans onto the form"))
        self.add_button.clicked.connect(self._on_add)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self._on_remove)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b")
        self.message.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Attachments (drag photos and scans here)")))
        layout.addWidget(self.list)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def busy(self) -> bool:
        """A file is still being read (saving now would leave it out)."""
        return self._reader is not None or bool(self._waiting)

    def add_paths(self, paths: list[Path]) -> None:
        """Check each file against the branch's limits at once, then read the good ones one by one."""
        refused = []
        for path in paths:
            try:
                size = path.stat().st_size if path.is_file() else 0
            except OSError:
                size = 0
            reason = attachment_refusal(path.name, size, self.max_mb, self.types)
            if reason is not None:
                refused.append(self.tr("%1: %2").replace("%1", path.name).replace("%2", render(reason)))
            else:
                self._waiting.append(path)
        self.message.setText("\n".join(refused))
        self.message.setVisible(bool(refused))
        self._next()

    def clear(self) -> None:
        self.files.clear()
        self._waiting.clear()
        self.list.clear()
        self.message.hide()
        self.sig_changed.emit()

    def _next(self) -> None:
        if self._reader is not None or not self._waiting:
            return
        path = self._waiting.pop(0)
        reader = FileReader(path)
        reader.sig_progress.connect(self.progress.setValue)
        reader.sig_done.connect(self._on_read)
        reader.sig_failed.connect(self._on_failed)
        _RUNNING.add(reader)
        reader.finished.connect(lambda: _RUNNING.discard(reader))
        self._reader = reader
        self.progress.setValue(0)
        self.progress.setFormat(f"{path.name} %p%")
        self.progress.show()
        reader.start()

    def _on_read(self, item: object) -> None:
        assert isinstance(item, IncomingFile)
        self.files.append(item)
        self.list.addItem(f"{item.filename} ({len(item.content) // 1024 + 1} KB)")
        self.list.item(self.list.count() - 1).setToolTip(f"SHA-256 {item.sha256}")
        self._finish_one()
        self.sig_changed.emit()

    def _on_failed(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self._finish_one()

    def _finish_one(self) -> None:
        self._reader = None
        if not self._waiting:
            self.progress.hide()
        self._next()

    def _on_add(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Add attachment"))
        self.add_paths([Path(n) for n in names])

    def _on_remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.files):
            self.list.takeItem(row)
            del self.files[row]
            self.sig_changed.emit()
