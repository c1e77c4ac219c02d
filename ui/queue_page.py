"""案件队列: every case the user may see, filtered, sorted and searched in SQL, paged in on scroll."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.vocab import Kind, Role, Severity, Status
from branchdesk.read.queue import QueueFilter, QueueKey, QueuePage, QueueRow
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.dto import Lookups
from branchdesk.services.reports import REPORT_ROLES
from ui.bulk_assign import BulkAssignDialog
from ui.date_field import DateField
from ui.forms import combo, refill_combo
from ui.language import label
from ui.operations import app_signals
from ui.queue_model import COLUMNS, SORTABLE, QueueModel
from ui.reports_ui import export_queue

ANY_DATE = QDate(2000, 1, 1)

#: Who sees 分派 for the selected cases (the roles the workflow lets assign).
ASSIGNING_ROLES = frozenset({Role.CR_MANAGER, Role.DEPT_MANAGER})


class QueueView(QWidget):
    sig_open_case = Signal(int)
    """The user opened a case (its id)."""

    def __init__(
        self, desk: BranchDesk, actor: Actor, lookups: Lookups, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self._extra = QueueFilter()
        headers = {
            "No.": self.tr("No."),
            "Received": self.tr("Received"),
            "Customer": self.tr("Customer"),
            "Phone": self.tr("Phone"),
            "Kind": self.tr("Kind"),
            "Category": self.tr("Category"),
            "Severity": self.tr("Severity"),
            "Status": self.tr("Status"),
            "Department": self.tr("Department"),
            "Handler": self.tr("Handler"),
            "Deadline": self.tr("Deadline"),
            "Time left": self.tr("Time left"),
            "Escalation": self.tr("Escalation"),
            "Flags": self.tr("Flags"),
        }
        self.model = QueueModel(self._fetch, [headers[h] for _, h in COLUMNS])

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search number, name, phone or words of the content"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.status = combo(_vocabulary(Status), empty=self.tr("All states"))
        self.status.setAccessibleName(self.tr("Status"))
        self.scope = combo(
            [
                ("all", self.tr("All I may see")),
                ("mine", self.tr("Mine")),
                ("department", self.tr("My department")),
            ],
            empty=None,
        )
        self.scope.setAccessibleName(self.tr("Scope"))
        self.kind = combo(_vocabulary(Kind), empty=self.tr("All kinds"))
        self.kind.setAccessibleName(self.tr("Kind"))
        self.category = combo(top_categories(lookups), empty=self.tr("All categories"))
        self.category.setAccessibleName(self.tr("Category"))
        self.severity = combo(_vocabulary(Severity), empty=self.tr("All severities"))
        self.severity.setAccessibleName(self.tr("Severity"))
        self.channel = combo(lookups.choices.get("channel", {}), empty=self.tr("All channels"))
        self.channel.setAccessibleName(self.tr("Channel"))
        # issue 12 "fields": one of the branch's own fields and a value (a list's choices, or any text)
        self.custom_field = combo([], empty=self.tr("Custom field"))
        self.custom_field.setAccessibleName(self.tr("Custom field"))
        self.custom_value = QComboBox()
        self.custom_value.setEditable(True)
        self.custom_value.setMinimumWidth(110)
        self.custom_value.setAccessibleName(self.tr("Custom field value"))
        self.custom_value.lineEdit().setPlaceholderText(self.tr("value"))
        self._fill_custom_fields(lookups)
        self.overdue = QCheckBox(self.tr("Overdue"))
        self.due_today = QCheckBox(self.tr("Due today"))
        self.major = QCheckBox(self.tr("Major only"))
        # issue 16 part Q: the default view is the open cases (what a desk works on, and what an index
        # over the open cases serves); closed and void ones when asked — this box, a state, a search
        self.show_closed = QCheckBox(self.tr("Closed too"))
        self.show_closed.setToolTip(
            self.tr("Also list closed and void cases (a search always looks in them)")
        )
        self.date_from = self._date_edit(self.tr("From"))
        self.date_to = self._date_edit(self.tr("To"))
        self.clear_button = QPushButton(self.tr("Clear filters"))
        # clicked(bool) would pass False as ``reload``: the button always reloads
        self.clear_button.clicked.connect(lambda _checked=False: self.clear_filters())
        self.export_button = QPushButton(self.tr("Export ledger…"))
        self.export_button.setToolTip(self.tr("Every case of the current filter, in the ledger's columns"))
        self.export_button.clicked.connect(
            lambda: export_queue(self, self._desk, self._actor, self.current_filter())
        )
        self.export_button.setVisible(bool(actor.roles & REPORT_ROLES))
        self.count = QLabel()
        # --- issue 17, part D: what the work page opened, and bulk 分派 ---
        self.pile_label = QLabel()
        self.pile_label.setStyleSheet("background: #e8f0fe; padding: 3px 6px")
        self.pile_label.hide()
        self.assign_button = QPushButton(self.tr("Assign selected…"))
        self.assign_button.setToolTip(
            self.tr("Assign the selected cases to one handler (Ctrl+click to select several)")
        )
        self.assign_button.setVisible(bool(actor.roles & ASSIGNING_ROLES))
        self.assign_button.setEnabled(False)
        self.assign_button.clicked.connect(lambda _checked=False: self.assign_selected())
        self._lookups = lookups

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # bulk 分派
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionsMovable(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().sectionClicked.connect(self._on_header_clicked)
        self.table.activated.connect(lambda index: self.sig_open_case.emit(self.model.row_at(index.row()).id))
        self.table.setAccessibleName(self.tr("Case queue"))

        row1 = QHBoxLayout()
        row1.addWidget(self.search, 3)
        for widget in (self.status, self.scope, self.kind, self.category, self.custom_field, self.custom_value):
            row1.addWidget(widget)
        row2 = QHBoxLayout()
        for widget in (
            self.severity,
            self.channel,
            self.overdue,
            self.due_today,
            self.major,
            self.show_closed,
            QLabel(self.tr("Received")),
            self.date_from,
            QLabel("–"),
            self.date_to,
            self.clear_button,
            self.export_button,
        ):
            row2.addWidget(widget)
        row2.addStretch()
        row2.addWidget(self.count)
        row3 = QHBoxLayout()
        row3.addWidget(self.pile_label)
        row3.addStretch()
        row3.addWidget(self.assign_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addLayout(row3)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._on_selection())

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for box in (self.status, self.scope, self.kind, self.category, self.severity, self.channel):
            box.currentIndexChanged.connect(lambda _i: self.reload())
        for check in (self.overdue, self.due_today, self.major, self.show_closed):
            check.toggled.connect(lambda _c: self.reload())
        self.custom_field.currentIndexChanged.connect(lambda _i: self._on_custom_field_changed())
        self.custom_value.currentTextChanged.connect(lambda _t: self._debounce.start())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.reload())
        self._stale = False  # cases changed while hidden: reload when shown again
        self._lookups_stale = False  # configuration changed while hidden: new filter lists when shown
        app_signals().sig_case_changed.connect(self._on_case_changed)
        app_signals().sig_config_changed.connect(self._on_config_changed)
        self._restore_settings()
        self.reload()

    # --- what changed ------------------------------------------------------------

    def _on_case_changed(self, _case_id: int) -> None:
        """Any case may enter or leave the list: reload now if visible, else when shown again."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def _on_config_changed(self) -> None:
        if self.isVisible():
            self.reload_lookups()
        else:
            self._lookups_stale = True

    def reload_lookups(self) -> None:
        """New categories and channels in the filter lists, the current choice kept when still offered."""
        self._lookups_stale = False
        lookups = self._desk.queries.lookups(self._actor)
        self._lookups = lookups
        refill_combo(self.category, top_categories(lookups))
        refill_combo(self.channel, lookups.choices.get("channel", {}))
        # The branch may have renamed a status, kind or severity (设置 → 选项与名称).
        refill_combo(self.status, _vocabulary(Status))
        refill_combo(self.kind, _vocabulary(Kind))
        refill_combo(self.severity, _vocabulary(Severity))
        self._fill_custom_fields(lookups)

    # --- issue 12 "fields": the custom field filter -------------------------------

    def _fill_custom_fields(self, lookups: Lookups) -> None:
        self._custom_fields = {key: (kind, choices) for key, _l, kind, choices, _r in lookups.custom_fields}
        refill_combo(self.custom_field, [(key, label) for key, label, *_rest in lookups.custom_fields])
        for widget in (self.custom_field, self.custom_value):
            widget.setVisible(bool(lookups.custom_fields))
        self._fill_custom_values()

    def _fill_custom_values(self) -> None:
        """A choice field offers its choices; any field takes typed text."""
        kind, choices = self._custom_fields.get(self.custom_field.currentData() or "", ("text", ()))
        text = self.custom_value.currentText()
        self.custom_value.blockSignals(True)
        self.custom_value.clear()
        self.custom_value.addItems(["", *choices] if kind == "choice" else [])
        self.custom_value.setCurrentText(text if kind != "choice" or text in choices else "")
        self.custom_value.setEnabled(self.custom_field.currentData() is not None)
        self.custom_value.blockSignals(False)

    def _on_custom_field_changed(self) -> None:
        self._fill_custom_values()
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self._lookups_stale:
            self.reload_lookups()
        if self._stale:
            self._stale = False
            self.reload()
        super().showEvent(event)

    def _date_edit(self, name: str) -> DateField:
        edit = DateField(self.tr("any"))  # typed as 11-30 too; ANY_DATE (= NO_DATE) when empty
        edit.setAccessibleName(name)
        return edit

    # --- filters ---------------------------------------------------------------

    def current_filter(self) -> QueueFilter:
        def day(edit: DateField) -> date | None:
            value = edit.date()
            return None if value == ANY_DATE else date(value.year(), value.month(), value.day())

        def one(box: QComboBox) -> list[str]:
            data = box.currentData()
            return [data] if data else []

        # The work page's pile or chart bar (``_extra``) is kept whole; a filter field the user set
        # narrows it. So the list is exactly what the tile counted (issue 17, part D).
        base = self._extra
        search = self.search.text()
        # closed cases when the box says so, when searching (a number looked up may be closed), or when
        # the work page's pile or chart bar counted them (its list must be what it counted)
        include_closed = (
            self.show_closed.isChecked() or bool(search.strip()) or bool(base.pile and base.include_closed)
        )
        return replace(
            base,
            statuses=one(self.status) or base.statuses,
            scope=self.scope.currentData() or "all",
            overdue=self.overdue.isChecked() or base.overdue,
            due_today=self.due_today.isChecked() or base.due_today,
            kinds=one(self.kind) or base.kinds,
            category_codes=one(self.category) or base.category_codes,
            severities=one(self.severity) or base.severities,
            channels=one(self.channel) or base.channels,
            received_from=day(self.date_from) or base.received_from,
            received_to=day(self.date_to) or base.received_to,
            major_only=self.major.isChecked() or base.major_only,
            search=search,
            custom=self._custom_filter() or base.custom,
            include_closed=include_closed,
        )

    def _custom_filter(self) -> tuple[tuple[str, str], ...]:
        key, value = self.custom_field.currentData(), self.custom_value.currentText().strip()
        return ((key, value),) if key and value else ()

    def apply_preset(self, preset: QueueFilter) -> None:
        """Open the queue filtered as a 工作台 count asked (my cases, overdue, …)."""
        self.clear_filters(reload=False)
        self._extra = preset
        self.scope.blockSignals(True)
        self.scope.setCurrentIndex(max(self.scope.findData(preset.scope), 0))
        self.scope.blockSignals(False)
        self._show_pile()
        self.reload()

    def clear_filters(self, reload: bool = True) -> None:
        widgets: list[Any] = [self.status, self.kind, self.category, self.severity, self.channel, self.scope]
        for widget in widgets:
            widget.blockSignals(True)
            widget.setCurrentIndex(0)
            widget.blockSignals(False)
        for check in (self.overdue, self.due_today, self.major, self.show_closed):
            check.blockSignals(True)
            check.setChecked(False)
            check.blockSignals(False)
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.setDate(ANY_DATE)
            edit.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.custom_field.blockSignals(True)
        self.custom_field.setCurrentIndex(0)
        self.custom_field.blockSignals(False)
        self._fill_custom_values()
        self.custom_value.blockSignals(True)
        self.custom_value.setCurrentText("")
        self.custom_value.blockSignals(False)
        self._extra = QueueFilter()
        self._show_pile()
        if reload:
            self.reload()

    # --- issue 17, part D: the pile shown, bulk 分派 ------------------------------------------------

    def _show_pile(self) -> None:
        names = {
            "my_cases": self.tr("My cases"),
            "awaiting_my_approval": self.tr("Approvals waiting for me"),
            "due_today": self.tr("Due today"),
            "overdue": self.tr("Overdue"),
            "follow_ups_due": self.tr("Follow-ups due"),
            "drafts": self.tr("Drafts"),
            "to_triage": self.tr("To triage"),
            "to_reassign": self.tr("To reassign (handler deactivated)"),
            "steps_due_soon": self.tr("Steps due soon"),
            "steps_overdue": self.tr("Steps overdue"),
            "steps_alerted_to_me": self.tr("Late steps alerted to my role"),
            "awaiting_reply": self.tr("Ready for the reply"),
            "opinions_owed": self.tr("Opinions my department owes"),  # issue 14 part A
            "chart_week": self.tr("Chart: received in a week"),
            "chart_timing": self.tr("Chart: closed in a month"),
            "chart_department": self.tr("Chart: open cases of a department"),
            "chart_category": self.tr("Chart: a top category"),
        }
        name = names.get(self._extra.pile, "")
        detail = self._chart_detail(self._extra)
        if name and detail:
            name = f"{name} · {detail}"
        self.pile_label.setText(
            self.tr("From the work page: %1 (Clear filters shows all)").replace("%1", name)
        )
        self.pile_label.setVisible(bool(name))

    def _chart_detail(self, f: QueueFilter) -> str:
        """What a chart's bar stands for, in words: the week and kind, the month and on time or late,
        the department, the category."""
        parts: list[str] = []
        if f.pile == "chart_week" and f.received_from and f.received_to:
            parts.append(f"{f.received_from:%Y-%m-%d} – {f.received_to:%Y-%m-%d}")
            parts += [label(Kind(k)) for k in f.kinds if k in Kind._value2member_map_]
        elif f.pile == "chart_timing" and f.closed_from:
            parts.append(f"{f.closed_from:%Y-%m}")
            if f.timing:
                parts.append(self.tr("On time") if f.timing == "on_time" else self.tr("Late"))
        elif f.pile == "chart_department":
            names = dict(self._lookups.departments)
            parts += [names.get(i, "") or self.tr("No department yet") for i in f.department_ids]
        elif f.pile == "chart_category":
            labels = {code: text for code, text, _parent in self._lookups.categories}
            parts += [labels.get(code, code) for code in f.category_codes]
        return " · ".join(p for p in parts if p)

    def _on_selection(self) -> None:
        self.assign_button.setEnabled(bool(self.selected_rows()))

    def selected_rows(self) -> list[QueueRow]:
        return [self.model.row_at(index.row()) for index in self.table.selectionModel().selectedRows()]

    def assign_selected(self) -> BulkAssignDialog | None:
        rows = self.selected_rows()
        if not rows:
            return None
        dialog = BulkAssignDialog(self._desk, self._actor, self._lookups, rows, self)
        self.open_dialog(dialog)
        return dialog

    def open_dialog(self, dialog: QDialog) -> None:
        """Modal (a test replaces it to drive the dialog)."""
        dialog.exec()

    def _fetch(
        self, sort: str, descending: bool, offset: int, limit: int, with_total: bool, after: QueueKey | None
    ) -> QueuePage:
        return self._desk.queries.queue_page(
            self._actor,
            self.current_filter(),
            sort=sort,
            descending=descending,
            offset=offset,
            limit=limit,
            with_total=with_total,
            after=after,
        )

    def reload(self) -> None:
        self.model.reload()
        total = self.model.total
        if self.model.more_than_total:  # the core counts up to its limit (read/queue.COUNT_LIMIT)
            self.count.setText(self.tr("More than %1 cases").replace("%1", f"{total:,}"))
        else:
            self.count.setText(self.tr("%1 cases").replace("%1", str(total)))
        self._save_settings()

    def _on_header_clicked(self, section: int) -> None:
        key = COLUMNS[section][0]
        if key not in SORTABLE:
            return
        if self.model.sort_key == key:
            self.model.descending = not self.model.descending
        else:
            self.model.sort_key, self.model.descending = key, key in ("received_at", "deadline_at")
        self.show_sort_indicator()
        self.reload()

    # --- per-user memory ---------------------------------------------------------

    def _settings(self) -> QSettings:
        return QSettings()

    def _remembered(self) -> tuple[dict[str, QComboBox], dict[str, QCheckBox]]:
        boxes = {
            "scope": self.scope,
            "status": self.status,
            "kind": self.kind,
            "category": self.category,
            "severity": self.severity,
            "channel": self.channel,
        }
        checks = {
            "overdue": self.overdue,
            "due_today": self.due_today,
            "major": self.major,
            "show_closed": self.show_closed,
        }
        return boxes, checks

    def _save_settings(self) -> None:
        settings = self._settings()
        prefix = f"queue/{self._actor.username}/"
        settings.setValue(prefix + "header", self.table.horizontalHeader().saveState())
        boxes, checks = self._remembered()
        for key, box in boxes.items():
            settings.setValue(prefix + key, box.currentData() or "")
        for key, check in checks.items():
            settings.setValue(prefix + key, "1" if check.isChecked() else "")
        settings.setValue(prefix + "sort", f"{self.model.sort_key}:{int(self.model.descending)}")

    def _restore_settings(self) -> None:
        settings = self._settings()
        prefix = f"queue/{self._actor.username}/"
        header = settings.value(prefix + "header")
        if header is None or not self.table.horizontalHeader().restoreState(header):
            widths = {
                "case_no": 110,
                "received_at": 130,
                "complainant_name": 90,
                "phone": 110,
                "kind": 50,
                "category": 80,
                "severity": 50,
                "status": 80,
                "department": 90,
                "handler": 70,
                "deadline_at": 95,
                "time_left": 120,
                "escalation_level": 80,
                "is_major": 70,
            }
            for column, (key, _) in enumerate(COLUMNS):
                self.table.setColumnWidth(column, widths[key])
        boxes, checks = self._remembered()
        for key, box in boxes.items():
            value = settings.value(prefix + key)
            box.blockSignals(True)
            box.setCurrentIndex(max(box.findData(value), 0) if value else 0)
            box.blockSignals(False)
        for key, check in checks.items():
            check.blockSignals(True)
            check.setChecked(settings.value(prefix + key) == "1")
            check.blockSignals(False)
        sort = str(settings.value(prefix + "sort", "received_at:1"))
        key, _, descending = sort.partition(":")
        if key in SORTABLE:
            self.model.sort_key, self.model.descending = key, descending == "1"
        self.show_sort_indicator()

    def show_sort_indicator(self) -> None:
        column = next(i for i, (key, _) in enumerate(COLUMNS) if key == self.model.sort_key)
        order = Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)


def top_categories(lookups: Lookups) -> list[tuple[str, str]]:
    return [(code, label) for code, label, parent in lookups.categories if parent is None]


def _vocabulary(vocabulary: type[Status] | type[Kind] | type[Severity]) -> list[tuple[str, str]]:
    """A fixed vocabulary's codes with their names in the user's language and the branch's own words."""
    return [(member.value, label(member)) for member in vocabulary]
