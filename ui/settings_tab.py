"""设置 → 设置: the branch's settings that have no screen of their own, in groups, each with the editor its
value needs (a number within its range, a switch, a pick list). The groups, ranges and choices are the
core's (``defaults.ADMIN_SETTINGS``, ``SETTING_RANGES``, ``SETTING_CHOICES``); this tab only shows them.

Saving sends the changed settings in one write together with the values this screen showed, so a setting
another PC changed meanwhile is refused naming who changed it, never overwritten.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain import defaults
from branchdesk.errors import FieldError
from branchdesk.i18n import Label
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.config_seen import seen_version
from ui.forms import FieldSet
from ui.language import label
from ui.operations import field_errors, run_action

Editor = QSpinBox | QCheckBox | QComboBox



class SettingsTab(QWidget):
    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._actor = desk, actor
        self._seen = seen_version(desk)  # the configuration version this PC's screens name
        self.editors: dict[str, Editor] = {}
        self.errors: dict[str, QLabel] = {}
        self._shown: dict[str, Any] = {}  # the values as read: what a save names as seen
        self._field_refusal = False
        self.fields = FieldSet()
        content = QWidget()
        column = QVBoxLayout(content)
        for group, keys in defaults.ADMIN_SETTINGS.items():
            box = QGroupBox(label(Label("SettingGroup", group)))
            form = QFormLayout(box)
            for key in keys:
                editor = self._editor(key)
                self.fields.add(form, key, label(Label("Setting", key)), editor)  # the editor over its error
                self.editors[key], self.errors[key] = editor, self.fields.errors[key]
            column.addWidget(box)
        column.addStretch(1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save changes"))
        self.save_button.clicked.connect(self.save)
        self.reload_button = QPushButton(self.tr("Show the saved values"))
        self.reload_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        # A plain scroll area: a tab asks for little and scrolls (``scrolled`` asks for its whole content,
        # which made the main window taller than the screen).
        area = QScrollArea()
        area.setWidget(content)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(area, 1)
        layout.addLayout(buttons)
        self.reload()

    def _editor(self, key: str) -> Editor:
        shipped = defaults.SETTINGS[key]
        if isinstance(shipped, bool):
            return QCheckBox()
        if key in defaults.SETTING_CHOICES:
            combo = QComboBox()
            for code in defaults.SETTING_CHOICES[key]:
                combo.addItem(label(Label(defaults.SETTING_CHOICE_LABELS[key], code)), code)
            combo.setMaximumWidth(360)
            return combo
        spin = QSpinBox()
        spin.setRange(*defaults.SETTING_RANGES.get(key, (0, 999_999)))
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin.setMaximumWidth(160)
        return spin

    # --- values --------------------------------------------------------------------------------

    def value(self, key: str) -> Any:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        return editor.value()

    def set_value(self, key: str, value: Any) -> None:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        else:
            editor.setValue(int(value))

    def changed(self) -> dict[str, Any]:
        return {key: self.value(key) for key in self.editors if self.value(key) != self._shown.get(key)}

    def reload(self) -> None:
        settings = self._desk.admin.snapshot(self._actor).settings
        self._shown = {key: settings[key] for key in self.editors}
        for key, value in self._shown.items():
            self.set_value(key, value)
        self._show_errors({})
        self.message.clear()

    def save(self) -> None:
        changes = self.changed()
        if not changes:
            self.message.setText(self.tr("Nothing changed."))
            return
        seen = {key: self._shown[key] for key in changes}
        self._show_errors({})
        self._field_refusal = False
        done = run_action(
            self,
            lambda: self._desk.admin.set_settings(self._actor, changes, seen=seen) or True,
            changes=False,
            config_seen=self._seen,  # checked value by value (``seen``); the version moves with it
            on_fields=self._on_fields,
        )
        if done:
            self.reload()
            self.message.setText(self.tr("Saved."))
        elif not self._field_refusal:  # refused as changed elsewhere (the message said by whom)
            self.catch_up()
            self.message.setText(self.tr("Another PC changed settings meanwhile; what you typed is kept."))

    def catch_up(self) -> None:
        """Take in what another PC saved, keeping what was typed here: a setting left alone shows the new
        value; a setting changed here keeps the typed value, now named as seen against the new one — the
        next save replaces it knowingly, after the refusal said who changed it to what."""
        settings = self._desk.admin.snapshot(self._actor).settings
        for key in self.editors:
            if self.value(key) == self._shown[key]:
                self.set_value(key, settings[key])
            self._shown[key] = settings[key]

    def _on_fields(self, error: FieldError) -> None:
        self._field_refusal = True
        self._show_errors(field_errors(error))

    def _show_errors(self, errors: dict[str, str]) -> None:
        for key, widget in self.errors.items():
            widget.setText(errors.get(key, ""))
            widget.setVisible(key in errors)
