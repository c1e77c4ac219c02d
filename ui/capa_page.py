"""纠正预防措施: the CAPA list (issue 14 part B) — filter by department, status, overdue and owner; open
the case of a row; act on the selected item (mark done, verify, reopen, reassign). The buttons are
enabled by the core's own rule (``domain.capa.capa_refusal``) with its reason as tooltip.

Also here: the work page's tile of overdue items (``CapaTile``) and the case window's CAPA section
(``capa_html``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.capa import CapaAction, CapaStatus, capa_refusal
from branchdesk.read.capa import CapaFilter, CapaRow
from branchdesk.read.case_view import CaseView
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.dto import Lookups
from ui import capa_dialogs
from ui.action_dialog import ActionDialog
from ui.first_show import load_when_shown
from ui.forms import combo
from ui.language import label, render
from ui.operations import app_signals, run_action

translate = QCoreApplication.translate

#: Colours of a row's status (overdue wins).
OVERDUE_COLOUR = "#c0392b"


class CapaPage(QWidget):
    sig_open_case = Signal(int)

    def __init__(
        self, desk: BranchDesk, actor: Actor, lookups: Lookups, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self._lookups = lookups
        self._oversight = desk.capa.oversight_role(actor)
        self.rows: list[CapaRow] = []
        self._stale = False
        heading = QLabel(self.tr("Corrective and preventive actions"))
        heading.setStyleSheet("font-size: 16pt; font-weight: bold")
        self.department = combo(capa_dialogs.departments(lookups), empty=self.tr("All departments"))
        self.department.setAccessibleName(self.tr("Department"))
        self.status = combo([(s.value, label(s)) for s in CapaStatus], empty=self.tr("Any status"))
        self.status.setAccessibleName(self.tr("Status"))
        self.owner = combo(capa_dialogs.people(lookups), empty=self.tr("Any owner"))
        self.owner.setAccessibleName(self.tr("Owner"))
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.count_label = QLabel()
        for box in (self.department, self.status, self.owner):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.overdue.toggled.connect(lambda _on: self.refresh())
        filters = QHBoxLayout()
        for text, widget in (
            (self.tr("Department"), self.department),
            (self.tr("Status"), self.status),
            (self.tr("Owner"), self.owner),
        ):
            filters.addWidget(QLabel(text))
            filters.addWidget(widget, 1)
        filters.addWidget(self.overdue)
        filters.addWidget(self.count_label)
        self.table = QTableWidget(0, 9)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Case"),
                self.tr("Kind"),
                self.tr("Description"),
                self.tr("Owner"),
                self.tr("Department"),
                self.tr("Due"),
                self.tr("Status"),
                self.tr("Reopened"),
            ]
        )
        self.table.setAccessibleName(self.tr("Corrective and preventive actions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.open_case())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setStyleSheet("background: #f4f6f8; padding: 6px")
        self.open_button = QPushButton(self.tr("Open case"))
        self.open_button.clicked.connect(self.open_case)
        self.buttons: dict[CapaAction, QPushButton] = {
            CapaAction.MARK_DONE: QPushButton(self.tr("Mark done…")),
            CapaAction.VERIFY: QPushButton(self.tr("Verify…")),
            CapaAction.REOPEN: QPushButton(self.tr("Reopen…")),
            CapaAction.REASSIGN: QPushButton(self.tr("Reassign…")),
        }
        for action, button in self.buttons.items():
            button.setObjectName(f"capa_{action.value}")
            button.clicked.connect(lambda _c=False, a=action: self.run(a))
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        for button in self.buttons.values():
            actions.addWidget(button)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(actions)
        app_signals().sig_case_changed.connect(self._on_case_changed)
        load_when_shown(self, self.refresh)  # not at each start: most days nobody opens the list

    # --- the filter ----------------------------------------------------------------------

    def current_filter(self) -> CapaFilter:
        return CapaFilter(
            department_id=self.department.currentData() or None,
            status=self.status.currentData() or None,
            overdue=self.overdue.isChecked(),
            owner_id=self.owner.currentData() or None,
        )

    def set_filter(self, f: CapaFilter) -> None:
        """Show the list under ``f`` (the work page's tile opens it so: the same filter it counted)."""
        for box, value in (
            (self.department, f.department_id),
            (self.status, f.status),
            (self.owner, f.owner_id),
        ):
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(value)) if value is not None else 0)
            box.blockSignals(False)
        self.overdue.blockSignals(True)
        self.overdue.setChecked(f.overdue)
        self.overdue.blockSignals(False)
        self.refresh()

    # --- showing -------------------------------------------------------------------------

    def _on_case_changed(self, _case_id: int) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        selected = self.selected()
        rows = run_action(
            self, lambda: self._desk.capa.list(self._actor, self.current_filter()), changes=False
        )
        self.rows = rows if rows is not None else []
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            values = [
                f"#{row.id}",
                row.case_no,
                label(row.kind),
                row.description,
                row.owner_name,
                row.department_name,
                row.due_date.isoformat(),
                label(row.status) + (self.tr(" (overdue)") if row.overdue else ""),
                str(row.reopen_count) if row.reopen_count else "",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 3:
                    item.setToolTip(row.description)
                if row.overdue and column in (6, 7):
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()
        # the list shows at most ``read.capa.PAGE_ROWS``: the count says how many the filter holds
        total = run_action(self, lambda: self._desk.capa.count(self._actor, self.current_filter()), changes=False)
        text = self.tr("%1 item(s)").replace("%1", str(total if total is not None else len(self.rows)))
        if total is not None and total > len(self.rows):
            text += self.tr(" (the first %1 shown)").replace("%1", str(len(self.rows)))
        self.count_label.setText(text)
        again = next(
            (i for i, r in enumerate(self.rows) if selected and r.id == selected.id), 0 if self.rows else -1
        )
        if again >= 0:
            self.table.selectRow(again)
        self._update_buttons()

    def selected(self) -> CapaRow | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def select_item(self, item_id: int) -> None:
        for index, row in enumerate(self.rows):
            if row.id == item_id:
                self.table.selectRow(index)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.open_button.setEnabled(row is not None)
        for action, button in self.buttons.items():
            reason = (
                capa_refusal(
                    action, row.status, row.owner_id, self._actor.user_id, self._actor.roles, self._oversight
                )
                if row is not None
                else None
            )
            button.setEnabled(row is not None and reason is None)
            button.setToolTip(render(reason) if reason is not None else "")
        self.detail.setText(item_html(row) if row is not None else "")
        self.detail.setVisible(row is not None)

    # --- acting --------------------------------------------------------------------------

    def open_case(self) -> None:
        row = self.selected()
        if row is not None:
            self.sig_open_case.emit(row.case_id)

    def dialog_for(self, action: CapaAction) -> ActionDialog | None:
        row = self.selected()
        if row is None:
            return None
        desk, me = self._desk, self._actor
        if action is CapaAction.MARK_DONE:
            return capa_dialogs.mark_done(desk, me, row, self)
        if action is CapaAction.VERIFY:
            return capa_dialogs.VerifyDialog(desk, me, row, self._attachments(row), self)
        if action is CapaAction.REOPEN:
            return capa_dialogs.reopen(desk, me, row, self)
        return capa_dialogs.reassign(desk, me, self._lookups, row, self)

    def run(self, action: CapaAction) -> object:
        dialog = self.dialog_for(action)
        if dialog is None:
            return None
        dialog.exec()
        return dialog.result_value

    def _attachments(self, row: CapaRow) -> list[tuple[int, str]]:
        """The case's attachments the verifier may pick as evidence (none when they cannot see the case)."""
        try:
            detail = self._desk.queries.case_detail(self._actor, row.case_id)
        except Exception:
            return []
        return [(a.id, a.filename) for a in detail.attachments]


def item_html(row: CapaRow) -> str:
    """One item in full: what, who, when, and every verification round."""
    parts = [
        f"<b>#{row.id}</b> {html.escape(label(row.kind))} · {html.escape(row.description)}",
        "<br>"
        + html.escape(
            translate("CapaPage", "Owner %1 (%2), due %3, %4")
            .replace("%1", row.owner_name)
            .replace("%2", row.department_name)
            .replace("%3", row.due_date.isoformat())
            .replace("%4", label(row.status))
        ),
    ]
    if row.reopen_count:
        parts.append(
            " · "
            + html.escape(translate("CapaPage", "reopened %1 time(s)").replace("%1", str(row.reopen_count)))
        )
    if row.done_at is not None:
        day = f"{row.done_at:%Y-%m-%d}"
        done = (
            translate("CapaPage", "Done %1: %2").replace("%1", day).replace("%2", row.done_note)
            if row.done_note
            else translate("CapaPage", "Done %1").replace("%1", day)
        )
        parts.append("<br>" + html.escape(done))
    for v in row.verifications:
        line = (
            translate("CapaPage", "%1 by %2 on %3 (effect checked %4): %5")
            .replace("%1", label(v.verdict))
            .replace("%2", v.verifier_name)
            .replace("%3", f"{v.at:%Y-%m-%d}")
            .replace("%4", v.check_date.isoformat())
            .replace("%5", v.note)
        )
        colour = "#1e7e34" if v.verdict is CapaStatus.VERIFIED else OVERDUE_COLOUR
        parts.append(f"<br><span style='color:{colour}'>{html.escape(line)}</span>")
    return "".join(parts)


def capa_html(d: CaseView) -> list[str]:
    """The case window's CAPA section (nothing when the case has no item)."""
    if not d.capa_items:
        return []
    heading = html.escape(translate("CapaPage", "Corrective and preventive actions"))
    items = []
    for row in d.capa_items:
        style = f" style='color:{OVERDUE_COLOUR}'" if row.overdue else ""
        items.append(f"<li{style}>{item_html(row)}</li>")
    return [f"<h3>{heading}</h3><ul>{''.join(items)}</ul>"]


class CapaTile(QPushButton):
    """The work page's tile: overdue CAPA items (all of them for the oversight role, else one's own);
    clicking opens the CAPA list with exactly the filter it counted."""

    sig_show_capa = Signal(object)

    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self._filter = CapaFilter(overdue=True)
        self.count = 0
        self.setStyleSheet("background: #fff3cd; color: #7a5a00; padding: 6px; text-align: left")
        self.clicked.connect(lambda: self.sig_show_capa.emit(self._filter))
        self.hide()

    def refresh(self) -> None:
        tile = self._desk.capa.work_tile(self._actor)
        self.count = tile.count if tile is not None else 0
        if tile is None or not tile.count:
            self.hide()
            return
        self._filter = tile.filter
        text = (
            self.tr("Overdue corrective/preventive actions: %1 — click to see them")
            if tile.oversight
            else self.tr("My overdue corrective/preventive actions: %1 — click to see them")
        )
        self.setText(text.replace("%1", str(tile.count)))
        self.setAccessibleName(self.text())
        self.show()


__all__ = ["CapaPage", "CapaTile", "capa_html", "item_html"]
