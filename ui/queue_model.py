"""The queue's table model: rows come from the service a page at a time as the user scrolls.

Sorting and filtering happen in SQL (the service); the model never sorts in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from branchdesk.read.queue import QueueKey, QueuePage, QueueRow
from branchdesk.read.values import escalation_level
from ui.language import label, render

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex

#: (key for sorting, header); the header is translated by the view.
COLUMNS: list[tuple[str, str]] = [
    ("case_no", "No."),
    ("received_at", "Received"),
    ("complainant_name", "Customer"),
    ("phone", "Phone"),
    ("kind", "Kind"),
    ("category", "Category"),
    ("severity", "Severity"),
    ("status", "Status"),
    ("department", "Department"),
    ("handler", "Handler"),
    ("deadline_at", "Deadline"),
    ("time_left", "Time left"),
    ("escalation_level", "Escalation"),
    ("is_major", "Flags"),
]
SORTABLE = {key for key, _ in COLUMNS} - {"time_left"}

#: (sort, descending, offset, limit, with total, after): ``after`` is the last page's ``next_key``
Fetch = Callable[[str, bool, int, int, bool, QueueKey | None], QueuePage]


class QueueModel(QAbstractTableModel):
    def __init__(self, fetch: Fetch, headers: list[str]) -> None:
        super().__init__()
        self._fetch = fetch
        self._headers = headers
        self.rows: list[QueueRow] = []
        self.total = 0
        self.more_than_total = False  # the core counted up to its limit only
        self.sort_key = "received_at"
        self.descending = True
        self._exhausted = False
        self._next: QueueKey | None = None  # where the next page starts (keyset paging, issue 16 part Q)

    def reload(self) -> None:
        self.beginResetModel()
        # the total is counted here only, once per filter or sort; scrolling pages never count again
        page = self._fetch(self.sort_key, self.descending, 0, PAGE_SIZE, True, None)
        self.rows = list(page.rows)
        self.total = page.total
        self.more_than_total = page.more_than_total
        self._next = page.next_key
        self._exhausted = page.next_key is None
        self.endResetModel()

    # --- paging -------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt API
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt API
        if parent.isValid() or self._exhausted:
            return
        # after the last row seen, by the index: the 50th page costs what the first does, and a case
        # received meanwhile does not shift rows into the next page twice (an offset would)
        page = self._fetch(self.sort_key, self.descending, len(self.rows), PAGE_SIZE, False, self._next)
        self._next = page.next_key
        self._exhausted = page.next_key is None
        if not page.rows:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page.rows) - 1)
        self.rows.extend(page.rows)
        self.endInsertRows()

    # --- table --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(row, key)
        if role == Qt.ItemDataRole.ForegroundRole and key in ("time_left", "deadline_at") and row.overdue:
            return QBrush(QColor("#c0392b"))
        if role == Qt.ItemDataRole.BackgroundRole and row.is_major:
            return QBrush(QColor("#fdecea"))
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and key == "deadline_at" and row.deadline_unconfirmed:
            return QCoreApplication.translate(
                "QueueModel",
                "That year's public holidays are not confirmed; the deadline counts Monday to Friday",
            )
        return None

    def row_at(self, index: int) -> QueueRow:
        return self.rows[index]


def display(row: QueueRow, key: str) -> str:
    """A cell's text: vocabulary codes rendered in the user's language, the branch's data as it is."""
    if key == "received_at":
        return f"{row.received_at:%Y-%m-%d %H:%M}"
    if key == "deadline_at":
        return (
            f"{row.deadline_at:%m-%d %H:%M}" + (" ?" if row.deadline_unconfirmed else "")
            if row.deadline_at
            else ""
        )
    if key == "kind":
        return label(row.kind)
    if key == "category":
        return row.category_label
    if key == "severity":
        return label(row.severity) if row.severity else ""
    if key == "status":
        return label(row.shown_status)
    if key == "department":
        return row.department_name
    if key == "handler":
        return row.handler_name
    if key == "time_left":
        return render(row.time_left.text()) if row.time_left else ""
    if key == "escalation_level":
        return label(escalation_level(row.escalation_level)) if row.escalation_level else ""
    if key == "is_major":
        flags = (
            (QCoreApplication.translate("QueueModel", "Major"), row.is_major),
            (QCoreApplication.translate("QueueModel", "Repeat"), row.is_repeat),
        )
        return " ".join(flag for flag, on in flags if on)
    return str(getattr(row, key))
