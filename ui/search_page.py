"""One search box (issue 17 part C): the box in the main window's toolbar and the page of its results.

Type, Enter: the results show (case number, status, name, which text matched and the match in bold
on a yellow ground); Down moves from the box into the list; Enter or a double-click opens the case
(a draft of one's own opens in the intake form, as from the queue). Everything the user or a customer
typed is escaped before it goes into rich text: user data is never read as HTML.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.bounds import TEXT_LIMITS
from branchdesk.errors import FieldError
from branchdesk.read.search import SearchHit, SearchResult
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.storage.search_index import SearchField
from ui.language import label
from ui.operations import field_errors, run_action

#: The highlight of a match: bold on a light yellow ground (readable on the list's selection colour too).
MARK = '<b style="background-color:#ffe58f; color:#000000">'


def field_name(field: SearchField) -> str:
    """Which text matched, as the result line names it (literal ``translate`` calls: lupdate reads them)."""
    names = {
        SearchField.NUMBER: QCoreApplication.translate("SearchPage", "Case number"),
        SearchField.PHONE: QCoreApplication.translate("SearchPage", "Phone"),
        SearchField.NAME: QCoreApplication.translate("SearchPage", "Name"),
        SearchField.CONTENT: QCoreApplication.translate("SearchPage", "Complaint"),
        SearchField.DETAILS: QCoreApplication.translate("SearchPage", "Customer and product"),
        SearchField.INVESTIGATION: QCoreApplication.translate("SearchPage", "Investigation"),
        SearchField.RESOLUTION: QCoreApplication.translate("SearchPage", "Resolution"),
        SearchField.REPLY: QCoreApplication.translate("SearchPage", "Reply"),
        SearchField.NOTE: QCoreApplication.translate("SearchPage", "Note"),
    }
    return names[field]


def highlighted(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` as rich text with each span marked; every piece escaped (a name like ``<b>`` stays text)."""
    parts: list[str] = []
    at = 0
    for start, end in sorted(spans):
        if start < at or end > len(text) or start >= end:
            continue
        parts.append(html.escape(text[at:start]))
        parts.append(MARK + html.escape(text[start:end]) + "</b>")
        at = end
    parts.append(html.escape(text[at:]))
    return "".join(parts)


class SearchPage(QWidget):
    """The results page; ``box`` is the line edit the main window puts in its toolbar."""

    sig_open_case = Signal(int)
    #: Results are ready: the main window shows this page.
    sig_show = Signal()

    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self.result: SearchResult | None = None
        self.box = QLineEdit()
        self.box.setObjectName("global_search")
        self.box.setPlaceholderText(self.tr("Find a case: number, name, phone or any words (Ctrl+F)"))
        self.box.setAccessibleName(self.tr("Search all cases"))
        self.box.setToolTip(
            self.tr(
                "Finds case numbers, names, phones in any format and words of the complaint, investigation, "
                "reply and notes, drafts included. Enter searches, Down goes to the results."
            )
        )
        self.box.setClearButtonEnabled(True)
        self.box.setMaxLength(TEXT_LIMITS["search"])
        self.box.setMinimumWidth(320)
        self.box.returnPressed.connect(self.run)
        self.box.installEventFilter(self)

        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setAlternatingRowColors(True)
        self.results.itemActivated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.results, 1)

    def focus_box(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def run(self) -> SearchResult | None:
        """Search for the box's text and show the results (an empty or too long query says so here)."""
        query = self.box.text()
        result = run_action(
            self,
            lambda: self._desk.search.search(self._actor, query),
            changes=False,
            on_fields=self._refused,
        )
        if result is None:
            return None
        self.show_result(result)
        return result

    def _refused(self, exc: FieldError) -> None:
        self.result = None
        self.results.clear()
        self.header.setText(" ".join(field_errors(exc).values()))
        self.sig_show.emit()

    def show_result(self, result: SearchResult) -> None:
        self.result = result
        self.results.clear()
        if not result.hits:
            self.header.setText(self.tr("No case found for “%1”.").replace("%1", result.query))
        elif result.more:
            self.header.setText(
                self.tr("The first %1 cases for “%2” — add a word to narrow the search.")
                .replace("%1", str(len(result.hits)))
                .replace("%2", result.query)
            )
        else:
            self.header.setText(
                self.tr("%1 cases for “%2”. Enter or double-click opens a case.")
                .replace("%1", str(len(result.hits)))
                .replace("%2", result.query)
            )
        for hit in result.hits:
            self._add(hit)
        if result.hits:
            self.results.setCurrentRow(0)
        self.sig_show.emit()

    def _add(self, hit: SearchHit) -> None:
        where = self.tr("%1: ").replace("%1", field_name(hit.field))
        plain = f"{hit.case_no}  {label(hit.shown_status)}  {hit.complainant_name}  {where}{hit.snippet}"
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, hit.case_id)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, plain)
        item.setToolTip(plain)
        line = QLabel(
            f"<b>{html.escape(hit.case_no)}</b>&nbsp;&nbsp;{html.escape(label(hit.shown_status))}"
            f"&nbsp;&nbsp;{highlighted(hit.complainant_name, _spans_in(hit, SearchField.NAME))}"
            f"<br><span style='color:#555555'>{html.escape(where)}</span>"
            f"{highlighted(hit.snippet, hit.spans)}"
        )
        line.setTextFormat(Qt.TextFormat.RichText)
        line.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        line.setContentsMargins(6, 3, 6, 3)
        item.setSizeHint(line.sizeHint())
        self.results.addItem(item)
        self.results.setItemWidget(item, line)

    def _open(self, item: QListWidgetItem) -> None:
        self.sig_open_case.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def open_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._open(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the box goes to the first result (the box keeps Enter for searching again)."""
        if (
            watched is self.box
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.results.count()
        ):
            self.sig_show.emit()
            self.results.setFocus(Qt.FocusReason.TabFocusReason)
            self.results.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)


def _spans_in(hit: SearchHit, field: SearchField) -> tuple[tuple[int, int], ...]:
    """The match's spans when the snippet is that field's own text (the name line highlights it too)."""
    return hit.spans if hit.field is field and hit.snippet == hit.complainant_name else ()
