"""One settings tab: a table of rows above, a form to edit the selected row or add a new one below."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import FieldError
from ui.action_dialog import Field, widget_for
from ui.config_seen import SeenVersion
from ui.forms import FieldSet, multiline
from ui.operations import run_action

Row = dict[str, Any]


class ConfigTab(QWidget):
    def __init__(
        self,
        headers: list[tuple[str, str]],
        fields: list[Field],
        load: Callable[[], list[Row]],
        save: Callable[[Row | None, dict[str, Any]], object],
        parent: QWidget | None = None,
        *,
        fixed_rows: tuple[str, ...] = (),
        config_seen: SeenVersion | None = None,
    ) -> None:
        """``fixed_rows``: the rows are a fixed set (one per step, …) that is edited, never added to;
        the named fields identify a row and are shown, not edited. ``config_seen``: the configuration
        version ``save`` names (``ui/config_seen``); it moves with each save or refusal."""
        super().__init__(parent)
        self._headers = headers
        self._load = load
        self._save = save
        self._config_seen = config_seen
        self._rows: list[Row] = []
        self._selected: Row | None = None
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels([label for _, label in headers])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._on_select)
        self.fields = FieldSet()
        form = QFormLayout()
        for spec in fields:
            widget = multiline(60) if spec.kind == "multiline" else widget_for(spec)
            self.fields.add(form, spec.name, spec.label, widget)
        self.message = QLabel()
        self.message.setWordWrap(True)
        for name in fixed_rows:
            self.fields.widgets[name].setEnabled(False)
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.clicked.connect(self.clear_form)
        if fixed_rows:
            self.new_button.hide()
        save_button = QPushButton(self.tr("Save"))
        save_button.clicked.connect(self._on_save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self._rows = self._load()
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            for c, (key, _) in enumerate(self._headers):
                value = row.get(key)
                text = (
                    self.tr("Yes")
                    if value is True
                    else self.tr("No")
                    if value is False
                    else ""
                    if value is None
                    else str(value)
                )
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def clear_form(self) -> None:
        self.table.clearSelection()
        self._selected = None
        for name in self.fields.order:
            self.fields.set_value(name, None)
        self.fields.clear_errors()

    def _on_select(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self._selected = self._rows[rows[0].row()]
        for name in self.fields.order:
            self.fields.set_value(name, self._selected.get(name))

    def _on_save(self) -> None:
        values = self.fields.values()
        selected = self._selected

        def show(error: FieldError) -> None:
            self.fields.show_errors(error.texts, self.message)

        def call() -> bool:
            self._save(selected, values)
            return True

        if run_action(self, call, changes=False, config=True, on_fields=show, config_seen=self._config_seen) is None:
            return  # refused: what was typed stays in the form (a stale one now saves on the version named)
        self.fields.clear_errors()
        self.message.setStyleSheet("color: #1e7e34")
        self.message.setText(self.tr("Saved"))
        self.reload()
