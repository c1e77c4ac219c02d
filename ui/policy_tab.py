"""设置 → 策略文件 (issue 13, part "policy"): export the branch's whole policy to a file, and import a
file or a preset — checked first, every problem with its place or every change shown, then applied in
one transaction (the service takes a backup first). The rules and checks live in the core."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import BranchDeskError
from branchdesk.policy.presets import list_presets
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.policy import read_source
from ui.config_seen import seen_version
from ui.export_done import export_done
from ui.language import current_language, render
from ui.operations import run_action


def preset_title(name: str, title: str) -> str:
    """A preset as the combo shows it: its Chinese title, or its (ASCII) name in English."""
    return title if current_language() == "zh_CN" else name


class PolicyTab(QWidget):
    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._me = desk, actor
        self._seen = seen_version(desk)  # every configuration write here names it (ui/config_seen)
        self._text: str | None = None  # the file or preset being previewed
        explain = QLabel(
            self.tr(
                "A policy file holds the branch's whole policy (lists, categories, departments, deadline "
                "rules, approval rules, templates, custom fields, form copies, settings) in one text file. "
                "Importing checks the file first and shows every change; nothing is changed until you apply. "
                "Cases keep the deadline and approval chain they were registered under."
            )
        )
        explain.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export policy…"))
        self.export_button.clicked.connect(self._on_export)
        self.open_button = QPushButton(self.tr("Import a policy file…"))
        self.open_button.clicked.connect(self._on_open)
        self.presets = QComboBox()
        for preset in list_presets():
            self.presets.addItem(preset_title(preset.name, preset.title), preset.name)
        self.preset_button = QPushButton(self.tr("Preview preset"))
        self.preset_button.clicked.connect(self._on_preset)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.open_button)
        row.addWidget(QLabel(self.tr("Preset:")))
        row.addWidget(self.presets)
        row.addWidget(self.preset_button)
        row.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.changes = QListWidget()
        self.apply_button = QPushButton(self.tr("Apply these changes"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self._on_apply)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.apply_button)

    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export policy"), "policy.toml", self.tr("Policy files (*.toml)")
        )
        if not path:
            return
        text = run_action(self, lambda: self._desk.policy.export(self._me), changes=False)
        if text is None:
            return
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as error:
            QMessageBox.warning(
                self, self.tr("Export policy"), self.tr("Cannot write the file: %1").replace("%1", str(error))
            )
            return
        self.summary.setText(self.tr("Policy exported to %1").replace("%1", path))
        export_done(self, self.tr("Export policy"), self.summary.text(), Path(path))  # issue 17, part D

    def _on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a policy file"), "", self.tr("Policy files (*.toml)")
        )
        if path:
            self.preview_source(path)

    def _on_preset(self) -> None:
        name = self.presets.currentData()
        if name:
            self.preview_source(str(name))

    def preview_source(self, source: str) -> None:
        """Read a file or preset and show its problems or its changes; applying waits for the button."""
        self._text = None
        self.apply_button.setEnabled(False)
        self.changes.clear()
        try:
            text = read_source(source)
        except BranchDeskError as error:
            self.summary.setText(render(error.text))
            return
        preview = run_action(self, lambda: self._desk.policy.preview(self._me, text), changes=False)
        if preview is None:
            return
        if preview.problems:
            self.summary.setText(
                self.tr("The file has %1 problem(s); nothing can be applied until they are fixed.").replace(
                    "%1", str(len(preview.problems))
                )
            )
            self.changes.addItems([render(p) for p in preview.problems])
            return
        if not preview.changes:
            self.summary.setText(self.tr("The file is the same as the branch's policy: nothing to change."))
            return
        self.summary.setText(
            self.tr("Applying the file makes %1 change(s):").replace("%1", str(len(preview.changes)))
        )
        self.changes.addItems([render(c.text()) for c in preview.changes])
        self._text = text
        self.apply_button.setEnabled(True)

    def _on_apply(self) -> None:
        text = self._text
        if text is None:
            return
        result = run_action(
            self,
            lambda: self._desk.policy.apply(self._me, text, seen=self._seen.version),
            changes=False,
            config_seen=self._seen,
        )
        if result is None:
            return
        self._text = None
        self.apply_button.setEnabled(False)
        self.changes.clear()
        self.summary.setText(self.tr("Policy applied: %1 change(s).").replace("%1", str(len(result.changes))))
