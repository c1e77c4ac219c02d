"""关于: the version, where the data lives and how big it is, the log file, the licences, the audit head —
what a person on the phone needs to help a branch with no IT staff. The facts come from the core
(``BranchDesk.about``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk.services import BranchDesk
from branchdesk.services.about import AboutFacts
from ui.help import HelpWindow, install_f1
from ui.screen_fit import fit_to_screen


class AboutDialog(QDialog):
    def __init__(self, desk: BranchDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts: AboutFacts = desk.about()
        facts = self.facts
        self.setWindowTitle(self.tr("About BranchDesk"))
        title = QLabel(self.tr("BranchDesk %1").replace("%1", facts.version))
        title.setStyleSheet("font-size: 16pt; font-weight: bold")
        subtitle = QLabel(self.tr("The branch office's customer-complaint desk"))
        self.rows: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, name, value in (
            ("version", self.tr("Version"), facts.version),
            ("database", self.tr("Database"), facts.database),
            ("size", self.tr("Database size"), self._size_text(facts.database_size)),
            ("data_dir", self.tr("Data folder"), str(facts.data_dir)),
            ("log_file", self.tr("Log file"), str(facts.log_file)),
            ("anchor", self.tr("Audit chain head"), facts.audit_anchor),
            ("licences", self.tr("Licences"), str(facts.licences)),
        ):
            label = QLabel(value)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            label.setAccessibleName(name)
            form.addRow(name, label)
            self.rows[key] = label
        note = QLabel(
            self.tr(
                "Write down the audit chain head now and then (with the date): "
                "“branchdesk audit verify --anchor” proves later that nothing before it was changed."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        copy = QPushButton(self.tr("Copy"))
        copy.setToolTip(self.tr("Copy these facts, e.g. to send them to whoever helps you"))
        copy.clicked.connect(self.copy_facts)
        licences = QPushButton(self.tr("Licences…"))
        licences.clicked.connect(self.show_licences)
        folder = QPushButton(self.tr("Open data folder"))
        folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.facts.data_dir)))
        )
        for button in (copy, licences, folder):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)
        install_f1(self, "about")
        fit_to_screen(self)  # issue 17: never taller than the screen

    def _size_text(self, size: int | None) -> str:
        if size is None:
            return self.tr("(on the database server)")
        if size < 1024 * 1024:
            return self.tr("%1 KB").replace("%1", f"{size / 1024:.0f}")
        return self.tr("%1 MB").replace("%1", f"{size / 1024 / 1024:.1f}")

    def text(self) -> str:
        """The facts as lines of text (what Copy puts on the clipboard)."""
        return "\n".join(f"{label.accessibleName()}: {label.text()}" for label in self.rows.values())

    def copy_facts(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.text())

    def show_licences(self) -> HelpWindow:
        window = HelpWindow(self, self.facts.licences)
        window.setWindowTitle(self.tr("Licences"))
        window.show()
        return window
