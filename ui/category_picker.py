"""Choosing a category and a handler at triage (issue 17 part E).

The category list shows each leaf under its whole path (质量类 / 产品品质 / 外观), depth first; typing
filters it by any part of the path (a substring, case-insensitive), in a popup the keyboard drives
(↑/↓, Enter). The handler list names the chosen department's handlers first, the others after a
separator — the order comes from the service (``QueryService.handler_choices``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from branchdesk.services.dto import PersonOption
from ui.language import person_with_department


def make_searchable(combo: QComboBox) -> QCompleter:
    """Let ``combo`` be typed into: its items filtered by substring in a popup; only a listed item is
    chosen (typing never creates a new one)."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.activated[str].connect(lambda text: combo.setCurrentIndex(max(combo.findText(text), 0)))
    combo.setCompleter(completer)
    line = combo.lineEdit()
    if line is not None:
        # A text that names no item leaves nothing chosen, never a half-typed category.
        line.editingFinished.connect(lambda: _settle(combo))
    return completer


def _settle(combo: QComboBox) -> None:
    index = combo.findText(combo.currentText(), Qt.MatchFlag.MatchFixedString)
    combo.setCurrentIndex(index if index >= 0 else 0)
    if index < 0:
        combo.setEditText(combo.itemText(0))


def fill_handlers(combo: QComboBox, own: list[PersonOption], others: list[PersonOption]) -> None:
    """The department's handlers first, a separator, then the others; the current choice stays."""
    current = combo.currentData()
    combo.blockSignals(True)
    try:
        combo.clear()
        combo.addItem("", None)
        for person in own:
            combo.addItem(person_with_department(person.name, person.department_name), person.id)
        if own and others:
            combo.insertSeparator(combo.count())
        for person in others:
            combo.addItem(person_with_department(person.name, person.department_name), person.id)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
    finally:
        combo.blockSignals(False)


def follow_department(
    department: QComboBox,
    handler: QComboBox,
    choices: Callable[[int | None], tuple[list[PersonOption], list[PersonOption]]],
) -> None:
    """Refill ``handler`` whenever ``department`` changes (and once now)."""

    def refill() -> None:
        own, others = choices(department.currentData())
        fill_handlers(handler, own, others)

    department.currentIndexChanged.connect(lambda _index: refill())
    refill()
