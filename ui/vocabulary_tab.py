"""设置 → 选项与名称 (issue 12): the branch's pick lists and its own names for the fixed codes.

Left, the lists (channels, customer types …) and, below them, the fixed vocabularies (kinds,
severities, statuses, close kinds, roles). Right, the chosen one's items: a pick list's items can be
added, renamed, moved up or down, deactivated and reactivated, and deleted while no case uses them; a
fixed code can only be given the branch's own Chinese (and optional English) name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk import i18n
from branchdesk.domain import defaults
from branchdesk.errors import FieldError
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.vocabulary import FixedLabel, VocabularyItem, VocabularySnapshot
from ui.config_seen import seen_version
from ui.forms import FieldSet
from ui.language import current_language, label
from ui.operations import run_action

_LIST, _FIXED = "list", "fixed"


class VocabularyTab(QWidget):
    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._seen = seen_version(desk)  # every configuration write here names it (ui/config_seen)
        self._actor = actor
        self._snapshot: VocabularySnapshot | None = None

        self.lists = QListWidget()
        self.lists.setAccessibleName(self.tr("Lists"))
        self.lists.setMaximumWidth(220)
        for key in defaults.VOCABULARY_LISTS:
            item = QListWidgetItem(label(i18n.Label("VocabularyList", key)))
            item.setData(Qt.ItemDataRole.UserRole, (_LIST, key))
            self.lists.addItem(item)
        for name in defaults.RENAMABLE_VOCABULARIES:
            item = QListWidgetItem(self.tr("Names: %1").replace("%1", label(i18n.Label("Vocabulary", name))))
            item.setData(Qt.ItemDataRole.UserRole, (_FIXED, name))
            self.lists.addItem(item)
        self.lists.currentRowChanged.connect(lambda _row: self._show_items())

        self.table = QTableWidget(0, 3)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._on_select)

        # a pick list: name (and an optional code when adding), and the item buttons
        self.item_fields = FieldSet()
        item_form = QFormLayout()
        self.item_fields.add(item_form, "label", self.tr("Name"), QLineEdit())
        code = QLineEdit()
        code.setPlaceholderText(self.tr("optional: made from the name"))
        self.item_fields.add(item_form, "code", self.tr("Code (new item)"), code)
        self.add_button = QPushButton(self.tr("Add"))
        self.rename_button = QPushButton(self.tr("Rename"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.add_button.clicked.connect(self._on_add)
        self.rename_button.clicked.connect(self._on_rename)
        self.up_button.clicked.connect(lambda: self._on_move(-1))
        self.down_button.clicked.connect(lambda: self._on_move(1))
        self.active_button.clicked.connect(self._on_toggle_active)
        self.delete_button.clicked.connect(self._on_delete)
        item_buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.rename_button,
            self.up_button,
            self.down_button,
            self.active_button,
            self.delete_button,
        ):
            item_buttons.addWidget(button)
        item_buttons.addStretch(1)
        item_panel = QWidget()
        item_box = QVBoxLayout(item_panel)
        item_box.setContentsMargins(0, 0, 0, 0)
        item_box.addLayout(item_form)
        item_box.addLayout(item_buttons)

        # a fixed vocabulary: the branch's Chinese and English names
        self.name_fields = FieldSet()
        name_form = QFormLayout()
        self.name_fields.add(name_form, "label_zh", self.tr("Chinese name (empty: as shipped)"), QLineEdit())
        self.name_fields.add(name_form, "label_en", self.tr("English name (optional)"), QLineEdit())
        self.name_button = QPushButton(self.tr("Save name"))
        self.name_button.clicked.connect(self._on_save_name)
        name_buttons = QHBoxLayout()
        name_buttons.addWidget(self.name_button)
        name_buttons.addStretch(1)
        name_panel = QWidget()
        name_box = QVBoxLayout(name_panel)
        name_box.setContentsMargins(0, 0, 0, 0)
        name_box.addLayout(name_form)
        name_box.addLayout(name_buttons)

        self.editor = QStackedWidget()
        self.editor.addWidget(item_panel)
        self.editor.addWidget(name_panel)
        self.message = QLabel()
        self.message.setWordWrap(True)

        right = QVBoxLayout()
        right.addWidget(self.table, 1)
        right.addWidget(self.editor)
        right.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addWidget(self.lists)
        layout.addLayout(right, 1)
        self.reload()
        self.lists.setCurrentRow(0)

    # --- what is shown -----------------------------------------------------------------------

    @property
    def current(self) -> tuple[str, str]:
        item = self.lists.currentItem()
        if item is None:
            return _LIST, defaults.VOCABULARY_LISTS[0]
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        return str(kind), str(key)

    def reload(self) -> None:
        """The lists as configured now (after a save here, or a change on another PC)."""
        self._snapshot = self._desk.vocabulary.snapshot(self._actor)
        self._show_items()

    def _rows(self) -> list[VocabularyItem] | list[FixedLabel]:
        if self._snapshot is None:
            return []
        kind, key = self.current
        return self._snapshot.lists.get(key, []) if kind == _LIST else self._snapshot.fixed.get(key, [])

    def _show_items(self, keep: str | None = None) -> None:
        kind, _key = self.current
        rows = self._rows()
        self.editor.setCurrentIndex(0 if kind == _LIST else 1)
        if kind == _LIST:
            headers = [self.tr("Name"), self.tr("Code"), self.tr("In use"), self.tr("Cases")]
        else:
            headers = [
                self.tr("Code"),
                self.tr("Shipped name"),
                self.tr("Chinese name"),
                self.tr("English name"),
            ]
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            if isinstance(row, VocabularyItem):
                cells = [
                    row.label,
                    row.code,
                    self.tr("Yes") if row.active else self.tr("No"),
                    str(row.in_use),
                ]
            else:
                shipped = row.shipped_en if current_language() == "en" else row.shipped_zh
                cells = [row.code, shipped, row.label_zh, row.label_en]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        codes = [row.code for row in rows]
        if keep in codes:
            self.table.selectRow(codes.index(keep))
        else:
            self.table.clearSelection()
            for fields in (self.item_fields, self.name_fields):
                for name in fields.order:
                    fields.set_value(name, "")
                fields.clear_errors()
        self._enable()

    def _selected(self) -> VocabularyItem | FixedLabel | None:
        rows = self._rows()
        selected = self.table.selectionModel().selectedRows()
        if not selected or selected[0].row() >= len(rows):
            return None
        return rows[selected[0].row()]

    def _on_select(self) -> None:
        row = self._selected()
        if isinstance(row, VocabularyItem):
            self.item_fields.set_value("label", row.label)
            self.item_fields.set_value("code", "")
        elif isinstance(row, FixedLabel):
            self.name_fields.set_value("label_zh", row.label_zh)
            self.name_fields.set_value("label_en", row.label_en)
        self._enable()

    def _enable(self) -> None:
        row = self._selected()
        chosen = isinstance(row, VocabularyItem)
        for button in (self.rename_button, self.up_button, self.down_button, self.active_button):
            button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen and isinstance(row, VocabularyItem) and row.in_use == 0)
        self.active_button.setText(
            self.tr("Reactivate")
            if isinstance(row, VocabularyItem) and not row.active
            else self.tr("Deactivate")
        )
        self.name_button.setEnabled(isinstance(row, FixedLabel))

    # --- actions -------------------------------------------------------------------------------

    def _run(self, fields: FieldSet, call: Callable[[], Any], keep: Callable[[Any], str | None]) -> bool:
        def show(error: FieldError) -> None:
            self.message.setStyleSheet("color: #c0392b")
            fields.show_errors(error.texts, self.message)

        self.message.clear()
        result = run_action(self, lambda: call() or True, changes=False, on_fields=show, config_seen=self._seen)
        if result is None:
            return False
        fields.clear_errors()
        self.message.setStyleSheet("color: #1e7e34")
        self.message.setText(self.tr("Saved"))
        self._snapshot = self._desk.vocabulary.snapshot(self._actor)
        self._show_items(keep(result))
        return True

    def _on_add(self) -> None:
        _kind, key = self.current
        values = self.item_fields.values()
        self._run(
            self.item_fields,
            lambda: self._desk.vocabulary.add_item(
                self._actor, key, values["label"], values["code"], seen=self._seen.version
            ),
            lambda code: code if isinstance(code, str) else None,
        )

    def _on_rename(self) -> None:
        row = self._selected()
        if not isinstance(row, VocabularyItem):
            return
        _kind, key = self.current
        name = self.item_fields.value("label")
        self._run(
            self.item_fields,
            lambda: self._desk.vocabulary.rename_item(self._actor, key, row.code, name, seen=self._seen.version),
            lambda _r: row.code,
        )

    def _on_move(self, steps: int) -> None:
        row = self._selected()
        if not isinstance(row, VocabularyItem):
            return
        _kind, key = self.current
        self._run(
            self.item_fields,
            lambda: self._desk.vocabulary.move_item(self._actor, key, row.code, steps, seen=self._seen.version),
            lambda _r: row.code,
        )

    def _on_toggle_active(self) -> None:
        row = self._selected()
        if not isinstance(row, VocabularyItem):
            return
        _kind, key = self.current
        self._run(
            self.item_fields,
            lambda: self._desk.vocabulary.set_item_active(
                self._actor, key, row.code, not row.active, seen=self._seen.version
            ),
            lambda _r: row.code,
        )

    def _on_delete(self) -> None:
        row = self._selected()
        if not isinstance(row, VocabularyItem):
            return
        _kind, key = self.current
        self._run(
            self.item_fields,
            lambda: self._desk.vocabulary.delete_item(self._actor, key, row.code, seen=self._seen.version),
            lambda _r: None,
        )

    def _on_save_name(self) -> None:
        row = self._selected()
        if not isinstance(row, FixedLabel):
            return
        _kind, vocabulary = self.current
        values = self.name_fields.values()
        self._run(
            self.name_fields,
            lambda: self._desk.vocabulary.rename_label(
                self._actor, vocabulary, row.code, values["label_zh"], values["label_en"], seen=self._seen.version
            ),
            lambda _r: row.code,
        )
