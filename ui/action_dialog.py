"""A dialog for one case action: fields described as data, errors shown at the field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import FieldError
from ui.forms import FieldSet, combo, multiline, optional_date, optional_datetime
from ui.help import install_f1
from ui.operations import ALL_CASES, run_action
from ui.screen_fit import fit_to_screen, scrolled


@dataclass
class Field:
    name: str
    label: str
    kind: str = "text"  # text | multiline | choice | check | int | datetime | date | password
    options: list[tuple[Any, str]] = field(default_factory=list)
    default: Any = None
    empty: str | None = ""


class ActionDialog(QDialog):
    def __init__(
        self,
        title: str,
        fields: list[Field],
        submit: Callable[[dict[str, Any]], object],
        summary: str = "",
        ok_text: str = "",
        parent: QWidget | None = None,
        case_id: int = ALL_CASES,
    ) -> None:
        """``submit`` calls the service; on success ``sig_case_changed(case_id)`` is announced."""
        super().__init__(parent)
        self.case_id = case_id
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        # Signing (a password field) is explained in the guide's approval section, the rest under the case.
        install_f1(self, "approval" if any(f.kind == "password" for f in fields) else "case")
        self._submit = submit
        self.result_value: object = None
        self.fields = FieldSet()
        layout = QVBoxLayout(self)
        if summary:
            text = QLabel(summary)
            text.setWordWrap(True)
            text.setStyleSheet("background: #f4f6f8; padding: 6px")
            layout.addWidget(text)
        # The fields scroll (the investigation report is taller than a 768-pixel screen); the
        # message and the buttons stay in view below them.
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        for spec in fields:
            self.fields.add(form, spec.name, spec.label, widget_for(spec))
            if spec.default is not None:
                self.fields.set_value(spec.name, spec.default)
        self.scroll = scrolled(body)
        layout.addWidget(self.scroll, 1)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        if ok_text:
            buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        # Enter moves from field to field and accepts on the last one; Ctrl+Enter accepts anywhere.
        self.fields.keys.set_submit(self._on_ok, on_last=True)
        fit_to_screen(self)

    def values(self) -> dict[str, Any]:
        return self.fields.values()

    def _on_ok(self) -> None:
        self.message.hide()
        if self.fields.typing_errors():
            return
        values = self.values()

        def show(error: FieldError) -> None:
            self.fields.show_errors(error.texts, self.message)

        result = run_action(self, lambda: self._submit(values), case_id=self.case_id, on_fields=show)
        if result is not None:
            self.result_value = result
            self.accept()


def widget_for(spec: Field) -> QWidget:
    """The input widget for a field description."""
    if spec.kind == "multiline":
        return multiline()
    if spec.kind == "choice":
        return combo(spec.options, empty=spec.empty)
    if spec.kind == "check":
        return QCheckBox(spec.label)
    if spec.kind == "int":
        box = QSpinBox()
        box.setRange(0, 9999)
        return box
    if spec.kind == "datetime":
        return optional_datetime("")
    if spec.kind == "date":  # issue 14 part B: a due date, an effectiveness check date
        return optional_date("")
    edit = QLineEdit()
    if spec.kind == "password":
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit
