"""案件详情: everything about one case, and every action the domain allows as a button.

An action the user may not take is disabled, with the reason (recusal, role,
state, authority) as its tooltip — the reason comes from the same rules the
service enforces.
"""

from __future__ import annotations

import html
import mimetypes
import tempfile
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.approvals import ApprovalStep
from branchdesk.domain.approvals import step_text as approval_step_text
from branchdesk.domain.intake import custom_text
from branchdesk.domain.money import format_yuan
from branchdesk.domain.steps import StepState
from branchdesk.domain.vocab import Role
from branchdesk.domain.workflow import Action
from branchdesk.i18n import Label
from branchdesk.read.case_view import (
    CaseView,
    EscalationView,
    ExtensionView,
    FollowUpView,
    InvestigationView,
    ReplyView,
    ResolutionView,
    StepDeadline,
)
from branchdesk.read.timeline import FieldChange
from branchdesk.read.values import Choice, Named, escalation_level
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.dto import Lookups
from ui import case_actions, case_hold, case_notes, case_opinions  # case_hold: issue 15 part N
from ui.action_dialog import ActionDialog
from ui.capa_page import capa_html  # issue 14 part B
from ui.help import install_f1
from ui.language import label, render
from ui.operations import ALL_CASES, app_signals, run_action

# Rendering the case view: headings and field names are Qt translations (English source, the
# Chinese in resources/translations), vocabulary codes go through ui.language, the branch's own
# list labels and names are shown as they are.
translate = QCoreApplication.translate


class CaseDetailView(QWidget):
    sig_open_case = Signal(int)
    """A linked case was clicked."""

    def __init__(
        self, desk: BranchDesk, actor: Actor, lookups: Lookups, case_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self._lookups = lookups
        self.case_id = case_id
        self.detail: CaseView | None = None
        self._stale = False  # changed while hidden: reload when shown again
        self._lookups_stale = False  # configuration changed: re-read the pick lists before the next dialog
        self.setAcceptDrops(True)
        install_f1(self, "case")
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setStyleSheet("font-size: 14pt")
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(self._on_link)
        self.body.setAccessibleName(self.tr("Case details"))
        self.attachments = QListWidget()
        self.attachments.setAccessibleName(self.tr("Attachments"))
        self.attachments.setMaximumHeight(90)
        self.attachments.itemActivated.connect(self._on_open_attachment)
        self.add_attachment = QPushButton(self.tr("Add attachment…"))
        self.add_attachment.clicked.connect(self._on_add_attachment)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setToolTip(self.tr("Receipt, handling form and the other forms this case needs"))
        self.print_button.clicked.connect(self.open_print)
        # issue 17 part E: what was printed, and which copies an intake correction superseded
        self.print_log_button = QPushButton(self.tr("Print log…"))
        self.print_log_button.clicked.connect(self.open_print_log)
        # issue 14 part C: the case's rewards and penalties (奖罚), their approvals and notices
        self.rewards_button = QPushButton(self.tr("Rewards and penalties…"))
        self.rewards_button.clicked.connect(self.open_rewards)
        # issue 15 part N: set or lift the legal hold (GM, CR manager; ui/case_hold.py)
        self.hold_button = case_hold.hold_button(actor)
        self.hold_button.clicked.connect(self.open_hold)

        self.buttons: dict[Action, QPushButton] = {}
        grid = QGridLayout()
        for index, (action, op) in enumerate(case_actions.CASE_ACTIONS.items()):
            button = QPushButton(op.label)
            button.setObjectName(f"action_{action.value}")
            button.clicked.connect(lambda _checked=False, a=action: self.run(a))
            self.buttons[action] = button
            grid.addWidget(button, index // 8, index % 8)
        self.shortcuts = self._install_shortcuts()  # issue 17 part F
        files = QHBoxLayout()
        files.addWidget(self.attachments, 1)
        files.addWidget(self.add_attachment)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.print_log_button)
        top.addWidget(self.rewards_button)  # issue 14 part C
        top.addWidget(self.hold_button)  # issue 15 part N
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        # issue 14 part D: a case that came back shows its original's history beside it
        self.original_history = case_notes.OriginalHistory(desk, actor)
        body = QSplitter()
        body.addWidget(self.body)
        body.addWidget(self.original_history)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        layout.addWidget(body, 1)
        layout.addLayout(files)
        app_signals().sig_case_changed.connect(self._on_case_changed)
        app_signals().sig_config_changed.connect(self._on_config_changed)
        self.refresh()

    # --- what changed --------------------------------------------------------------

    def _on_case_changed(self, case_id: int) -> None:
        """Reload when this case changed; a hidden (closed, locked) window only remembers it."""
        if case_id not in (ALL_CASES, self.case_id):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _on_config_changed(self) -> None:
        self._lookups_stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    # --- showing -------------------------------------------------------------------

    def refresh(self) -> None:
        detail = run_action(
            self, lambda: self._desk.queries.case_detail(self._actor, self.case_id), changes=False
        )
        if detail is None:
            return
        self.detail = detail
        self.setWindowTitle(self.tr("Case %1").replace("%1", detail.case_no))
        badges = []
        if detail.is_major:
            major = translate("CaseDetail", "Major")
            badges.append(f"<span style='background:#c0392b;color:white'>&nbsp;{major}&nbsp;</span>")
        if detail.is_repeat:
            repeat = translate("CaseDetail", "Repeat")
            badges.append(f"<span style='background:#e67e22;color:white'>&nbsp;{repeat}&nbsp;</span>")
        if detail.escalation_level:
            escalated = translate("CaseDetail", "Escalated: %1").replace(
                "%1", label(escalation_level(detail.escalation_level))
            )
            badges.append(f"<span style='background:#8e44ad;color:white'>&nbsp;{escalated}&nbsp;</span>")
        if detail.legal_hold is not None:  # issue 15 part N
            badges.append(case_hold.badge(detail))
        case_hold.show_hold(self.hold_button, detail)
        deadlines = detail.deadlines
        left = render(deadlines.time_left.text()) if deadlines.time_left else ""
        colour = "#c0392b" if deadlines.overdue else "#1e7e34"
        deadline = f"{deadlines.due:%Y-%m-%d %H:%M}" if deadlines.due else "—"
        guessed = translate("CaseDetail", "(holidays of that year not confirmed)")
        unconfirmed = f" <small>{html.escape(guessed)}</small>" if deadlines.unconfirmed else ""
        due = translate("CaseDetail", "Deadline %1").replace("%1", deadline)
        self.header.setText(
            f"<b>{detail.case_no}</b> · {html.escape(label(detail.shown_status))} · {due}{unconfirmed} "
            f"<span style='color:{colour}'>{html.escape(left)}</span> {' '.join(badges)}"
        )
        self.body.setHtml(render_detail(detail))
        self.original_history.show_for(detail)  # issue 14 part D
        for action, button in self.buttons.items():
            reason = detail.actions.get(action.value)
            button.setEnabled(reason is None)
            button.setToolTip(self._tooltip(action, render(reason)))
        # a branch without custom fields has nothing to edit: no button (issue 12 "fields")
        self.buttons[Action.EDIT_CUSTOM].setVisible(any(f.active for f in detail.custom_fields))
        attaching = detail.actions.get(Action.ADD_ATTACHMENT.value)
        self.add_attachment.setEnabled(attaching is None)
        self.add_attachment.setToolTip(render(attaching))
        self.attachments.clear()
        for attachment in detail.attachments:
            item = QListWidgetItem(
                translate("CaseDetail", "%1 (%2 KB, %3 %4)")
                .replace("%1", attachment.filename)
                .replace("%2", str(attachment.size // 1024 + 1))
                .replace("%3", attachment.added_by)
                .replace("%4", f"{attachment.added_at:%m-%d %H:%M}")
            )
            item.setData(256, attachment.id)
            self.attachments.addItem(item)

    def open_print(self, form: str | None = None) -> QWidget | None:
        from ui.print_dialog import PrintDialog

        forms = run_action(
            self, lambda: self._desk.printing.forms_for(self._actor, self.case_id), changes=False
        )
        if not forms:
            return None
        dialog = PrintDialog(self._desk, self._actor, self.case_id, forms, form, self)
        dialog.show()
        return dialog

    def open_print_log(self) -> QWidget | None:
        """Issue 17 part E: the case's print log (superseded copies marked)."""
        from ui.print_log import PrintLogDialog

        if self.detail is None:
            return None
        dialog = PrintLogDialog(self._desk, self._actor, self.case_id, self.detail.case_no, self)
        dialog.show()
        return dialog

    def open_rewards(self) -> QWidget | None:
        """Issue 14 part C: the case's reward/penalty records (amounts masked for non-managers)."""
        from ui.rewards_case import RewardsDialog

        if self.detail is None:
            return None
        dialog = RewardsDialog(self._desk, self._actor, self.case_id, self.detail.case_no, self)
        dialog.show()
        return dialog

    def open_hold(self) -> QWidget | None:
        """Issue 15 part N: the legal hold's dialog (set or lift, with a reason)."""
        if self.detail is None:
            return None
        dialog = case_hold.hold_dialog(self._desk, self._actor, self.detail, self.detail.version, self)
        dialog.exec()
        return dialog

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "case":
            self.sig_open_case.emit(int(url.path() or url.host()))

    # --- attachments -------------------------------------------------------------------

    def _on_add_attachment(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add attachment"))
        for path in paths:
            self.attach(Path(path))

    def attach(self, path: Path) -> None:
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        content = path.read_bytes()
        run_action(
            self,
            lambda: self._desk.cases.add_attachment(
                self._actor, self.case_id, path.name, content, media_type
            ),
            case_id=self.case_id,
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.attach(Path(url.toLocalFile()))

    def _on_open_attachment(self, item: QListWidgetItem) -> None:
        found = run_action(
            self, lambda: self._desk.cases.attachment_content(self._actor, item.data(256)), changes=False
        )
        if found is None:
            return
        name, content = found
        target = Path(tempfile.mkdtemp(prefix="branchdesk-")) / name
        target.write_bytes(content)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    # --- actions -------------------------------------------------------------------

    def run(self, action: Action) -> object:
        """Perform ``action`` through its entry in ``ui.case_actions.CASE_ACTIONS``."""
        detail = self.detail
        if detail is None:
            return None
        return case_actions.run_case_action(action, self._context(detail))

    # --- issue 17 part F: keyboard shortcuts (``case_actions.CASE_SHORTCUTS``) -----------------------

    def _install_shortcuts(self) -> dict[Action, QShortcut]:
        """One shortcut per common action, active while this case window (or a child) has the focus."""
        shortcuts: dict[Action, QShortcut] = {}
        for action, keys in case_actions.CASE_SHORTCUTS.items():
            if action not in self.buttons:
                continue
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda a=action: self._on_shortcut(a))
            shortcuts[action] = shortcut
        return shortcuts

    def _on_shortcut(self, action: Action) -> object:
        """A shortcut does what its button does; a disabled button's shortcut only shows why (its tooltip)."""
        button = self.buttons[action]
        if not button.isEnabled() or not button.isVisible():
            QToolTip.showText(button.mapToGlobal(button.rect().center()), button.toolTip(), button)
            return None
        return self.run(action)

    def _tooltip(self, action: Action, reason: str) -> str:
        """The button's tooltip: why it is disabled (if it is), and its shortcut in the reader's format."""
        keys = case_actions.CASE_SHORTCUTS.get(action)
        if not keys:
            return reason
        shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        hint = translate("CaseDetail", "Shortcut: %1").replace("%1", shown)
        return f"{reason}\n{hint}" if reason else hint

    def dialog_for(self, action: Action, d: CaseView) -> ActionDialog | None:
        """The dialog of ``action`` from the table in ``ui.case_actions``."""
        return case_actions.dialog_for(action, self._context(d))

    def _context(self, d: CaseView) -> case_actions.CaseContext:
        if self._lookups_stale:
            self._lookups = self._desk.queries.lookups(self._actor)
            self._lookups_stale = False
        return case_actions.CaseContext(self._desk, self._actor, self._lookups, self.case_id, d, self)


def _table(rows: list[tuple[str, Any]]) -> str:
    cells = "".join(
        f"<tr><td style='color:#555;padding-right:12px;white-space:nowrap'>{html.escape(k)}</td>"
        f"<td>{html.escape(str(v)).replace(chr(10), '<br>')}</td></tr>"
        for k, v in rows
        if v not in ("", None)
    )
    return f"<table cellspacing='2'>{cells}</table>"


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def _yes_no(value: bool) -> str:
    return translate("CaseDetail", "Yes") if value else translate("CaseDetail", "No")


def _choice(value: Choice | None) -> str:
    return value.label if value else ""


def _name(value: Named | None) -> str:
    return value.name if value else ""


def _list(items: list[str]) -> str:
    return translate("CaseDetail", ", ").join(items)


def _heading(text: str) -> str:
    return f"<h3>{html.escape(text)}</h3>"


def intake_rows(d: CaseView) -> list[tuple[str, Any]]:
    i = d.intake
    return [
        (translate("CaseDetail", "Received"), _when(i.received_at)),
        (translate("CaseDetail", "Channel"), _choice(i.channel)),
        (translate("CaseDetail", "Kind"), label(i.kind)),
        (translate("CaseDetail", "Complainant"), i.complainant_name + _choice(i.complainant_title)),
        (translate("CaseDetail", "Phone"), i.phone),
        (translate("CaseDetail", "Address"), i.address),
        (translate("CaseDetail", "E-mail"), i.email),
        (translate("CaseDetail", "Company / customer"), i.company),
        (translate("CaseDetail", "Customer type"), _choice(i.customer_type)),
        (
            translate("CaseDetail", "Domestic / abroad"),
            translate("CaseDetail", "Abroad") if i.is_foreign else translate("CaseDetail", "Domestic"),
        ),
        (translate("CaseDetail", "Product or service"), i.product),
        (translate("CaseDetail", "Order no."), i.order_no),
        (translate("CaseDetail", "Part no. / model"), i.part_no),
        (translate("CaseDetail", "Lot no."), i.lot_no),
        (translate("CaseDetail", "Quantity"), i.quantity),
        (translate("CaseDetail", "Defective quantity"), i.defective_quantity),
        (
            translate("CaseDetail", "Delivery date"),
            i.delivery_date.isoformat() if i.delivery_date else "",
        ),
        (
            translate("CaseDetail", "Vehicle / plate"),
            " ".join(x for x in (i.vehicle_model, i.plate) if x),
        ),
        (translate("CaseDetail", "Occurred at"), _when(i.occurred_at)),
        (translate("CaseDetail", "Department complained about"), _name(i.complained_department)),
        (translate("CaseDetail", "Person complained about"), i.complained_person),
        (translate("CaseDetail", "Complaint"), i.content),
        (translate("CaseDetail", "Customer's request"), _choice(i.request_type)),
        (
            translate("CaseDetail", "Amount asked"),
            format_yuan(i.request_amount_fen) if i.request_amount_fen is not None else "",
        ),
        (translate("CaseDetail", "Request details"), i.request_text),
        (translate("CaseDetail", "Number of complainants"), str(i.complainant_count)),
        (translate("CaseDetail", "Taken by"), i.recorder_name),
    ]


def triage_rows(d: CaseView) -> list[tuple[str, Any]]:
    tr = d.triage
    validity = tr.validity() if tr else None
    rows: list[tuple[str, Any]] = [
        (translate("CaseDetail", "Validity"), label(validity) if validity else ""),
        (translate("CaseDetail", "Why invalid"), _choice(tr.invalid_reason) if tr else ""),
        (
            translate("CaseDetail", "Category"),
            " / ".join(c.label for c in tr.category_path) if tr else "",
        ),
        (translate("CaseDetail", "Severity"), label(tr.severity) if tr and tr.severity else ""),
        (
            translate("CaseDetail", "Estimated loss"),
            format_yuan(tr.loss_estimate_fen) if tr and tr.loss_estimate_fen is not None else "",
        ),
        (translate("CaseDetail", "Responsible department"), d.department_name),
        (translate("CaseDetail", "Triaged at"), _when(tr.triaged_at) if tr else ""),
        (translate("CaseDetail", "Handler"), d.handler_name),
        (translate("CaseDetail", "Deadline rule"), d.deadlines.sla_rule),
    ]
    rows += [(label(step.step), step_text(step)) for step in d.deadlines.steps if step.due or step.done_at]
    return rows


def step_text(step: StepDeadline) -> str:
    """A step's line: done at, or due at with its state (due soon, overdue …) and 待确认 when unconfirmed."""
    if step.state is StepState.DONE:
        return translate("CaseDetail", "done %1").replace("%1", _when(step.done_at))
    text = translate("CaseDetail", "due %1").replace("%1", _when(step.due))
    if step.state in (StepState.DUE_SOON, StepState.OVERDUE, StepState.SKIPPED):
        text += f" · {label(step.state)}"
    if step.unconfirmed:
        text += " " + translate("CaseDetail", "(unconfirmed)")
    return text


def investigation_rows(inv: InvestigationView) -> list[tuple[str, Any]]:
    return [
        (translate("CaseDetail", "Cause"), inv.cause),
        (translate("CaseDetail", "What happened"), inv.details),
        (translate("CaseDetail", "Responsible department"), _name(inv.responsible_department)),
        (translate("CaseDetail", "Responsible person"), inv.responsible_person),
        (translate("CaseDetail", "Conclusion"), inv.conclusion),
        (translate("CaseDetail", "Corrective action"), inv.corrective_action),
        (translate("CaseDetail", "Preventive action"), inv.preventive_action),
        (translate("CaseDetail", "Improvement tracking"), label(inv.improvement())),
        (translate("CaseDetail", "Responsibility"), label(inv.responsibility)),
        (translate("CaseDetail", "Written by"), inv.author_name),
        (translate("CaseDetail", "Written at"), _when(inv.recorded_at)),
        (
            translate("CaseDetail", "Responsibility shares"),
            _list([f"{s.department.name} {s.percent}%" for s in inv.shares]),
        ),
    ]


def _step_name(r: ResolutionView, order: int, role: Role) -> str:
    """The step a signature was given at, as the frozen chain names it."""
    step = r.steps[order - 1] if 0 < order <= len(r.steps) else ApprovalStep(role)
    return render(approval_step_text(step))


def resolution_html(r: ResolutionView) -> list[str]:
    parts = [
        _heading(translate("CaseDetail", "Resolution (%1)").replace("%1", label(r.status))),
        _table(
            [
                (translate("CaseDetail", "Resolution"), r.resolution_type.label),
                (translate("CaseDetail", "Amount"), format_yuan(r.amount_fen)),
                (translate("CaseDetail", "Details"), r.text),
                (translate("CaseDetail", "Proposed by"), f"{r.proposer_name} {_when(r.proposed_at)}"),
                # The chain frozen when proposed, and the rule that chose it (issue 12 "approvals").
                (translate("CaseDetail", "Approval levels"), render(r.chain_text())),
                (translate("CaseDetail", "Approval rule"), r.approval_rule),
            ]
        ),
    ]
    if r.approvals:
        level = translate("CaseDetail", "%1 level")
        rows = "".join(
            f"<tr><td>{html.escape(level.replace('%1', _step_name(r, a.level_order, a.level_role)))}</td>"
            f"<td>{html.escape(a.printed_name)}</td>"
            f"<td>{label(a.signed_role)}</td><td>{_when(a.signed_at)}</td><td>{html.escape(render(a.meaning_text()))}</td>"
            f"<td>{html.escape(a.reason)}</td></tr>"
            for a in r.approvals
        )
        headers = (
            translate("CaseDetail", "Level"),
            translate("CaseDetail", "Signed by"),
            translate("CaseDetail", "Role"),
            translate("CaseDetail", "Time"),
            translate("CaseDetail", "Meaning"),
            translate("CaseDetail", "Grounds"),
        )
        parts.append(
            "<table border='1' cellspacing='0' cellpadding='3'><tr>"
            + "".join(f"<th>{h}</th>" for h in headers)
            + f"</tr>{rows}</table>"
        )
    return parts


def _reply_rows(r: ReplyView) -> list[tuple[str, Any]]:
    return [
        (translate("CaseDetail", "Time"), _when(r.replied_at)),
        (translate("CaseDetail", "How"), r.method.label),
        (translate("CaseDetail", "Replied by"), r.by_name),
        (translate("CaseDetail", "What was said"), r.content),
        (translate("CaseDetail", "Customer accepts"), _yes_no(r.accepted)),
    ]


def _follow_up_rows(f: FollowUpView) -> list[tuple[str, Any]]:
    return [
        (translate("CaseDetail", "Time"), _when(f.visited_at)),
        (translate("CaseDetail", "How"), f.method.label),
        (translate("CaseDetail", "Visited by"), f.visitor_name),
        (translate("CaseDetail", "Problem solved"), _yes_no(f.solved)),
        (translate("CaseDetail", "Satisfaction"), str(f.satisfaction)),
        (translate("CaseDetail", "Comments"), f.comments),
    ]


def _extension_rows(e: ExtensionView) -> list[tuple[str, Any]]:
    return [
        (translate("CaseDetail", "Requested at"), _when(e.requested_at)),
        (translate("CaseDetail", "Requested by"), e.requested_by_name),
        (translate("CaseDetail", "Reason"), e.reason),
        (translate("CaseDetail", "Customer's consent"), e.customer_consent),
        (translate("CaseDetail", "Old deadline"), _when(e.old_deadline)),
        (translate("CaseDetail", "New deadline"), _when(e.new_deadline)),
        (translate("CaseDetail", "Status"), label(e.status)),
        (translate("CaseDetail", "Decided by"), e.decided_by_name),
    ]


def _escalation_rows(e: EscalationView) -> list[tuple[str, Any]]:
    return [
        (translate("CaseDetail", "Time"), _when(e.at)),
        (translate("CaseDetail", "From"), label(escalation_level(e.from_level))),
        (translate("CaseDetail", "To"), label(escalation_level(e.to_level))),
        (translate("CaseDetail", "Reason"), label(e.reason)),
        (translate("CaseDetail", "By"), e.by_name or translate("CaseDetail", "System")),
    ]


def change_text(change: FieldChange) -> str:
    """``field: old → new`` in the reader's language; values are data or vocabulary codes."""
    return (
        translate("CaseDetail", "%1: %2 → %3")
        .replace("%1", label(Label("Field", change.field)))
        .replace("%2", _change_value(change.field, change.old))
        .replace("%3", _change_value(change.field, change.new))
    )


def _change_value(field: str, value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, Enum):
        return label(value)
    if field.endswith("_fen") and isinstance(value, int):
        return format_yuan(value)
    return str(value)


def custom_rows(d: CaseView) -> list[tuple[str, Any]]:
    """The branch's own fields with their labels; a deactivated field's value says so."""
    return [
        (
            f.label if f.active else translate("CaseDetail", "%1 (no longer used)").replace("%1", f.label),
            custom_text(f.value),
        )
        for f in d.custom_fields
    ]


def render_detail(d: CaseView) -> str:
    parts = [_heading(translate("CaseDetail", "Intake")), _table(intake_rows(d))]
    if any(f.value not in (None, "") for f in d.custom_fields):
        parts += [
            _heading(translate("CaseDetail", "Branch's own fields")),
            _table(custom_rows(d)),
        ]
    parts += [_heading(translate("CaseDetail", "Triage")), _table(triage_rows(d))]
    if d.is_major:
        informed = _when(d.gm_informed_at) or translate("CaseDetail", "not yet recorded")
        major = (
            translate("CaseDetail", "Major complaint: %1; GM informed: %2")
            .replace("%1", _list([label(reason) for reason in d.major_reasons]))
            .replace("%2", informed)
        )
        parts.append(f"<p style='color:#c0392b'>{html.escape(major)}</p>")
    if d.investigation:
        parts += [
            _heading(translate("CaseDetail", "Investigation report")),
            _table(investigation_rows(d.investigation)),
        ]
    parts.append(case_opinions.opinions_html(d))  # issue 14 part A: the departments' opinions (会签)
    for r in d.resolutions:
        parts += resolution_html(r)
    sections: list[tuple[str, list[list[tuple[str, Any]]]]] = [
        (translate("CaseDetail", "Replies to the customer"), [_reply_rows(r) for r in d.replies]),
        (translate("CaseDetail", "Follow-up"), [_follow_up_rows(f) for f in d.follow_ups]),
        (translate("CaseDetail", "Extensions"), [_extension_rows(e) for e in d.extensions]),
        (translate("CaseDetail", "Escalations"), [_escalation_rows(e) for e in d.escalations]),
    ]
    for title, tables in sections:
        if tables:
            parts.append(_heading(title))
            parts += [_table(rows) for rows in tables]
    parts.append(case_notes.notes_html(d))  # issue 14 part D: progress notices and internal notes
    if d.links:
        parts.append(
            _heading(translate("CaseDetail", "Linked cases"))
            + "<ul>"
            + "".join(
                f"<li><a href='case:{link.case_id}'>{link.case_no}</a> "
                + translate("CaseDetail", "%1 (%2)")
                .replace("%1", label(link.kind))
                .replace("%2", label(link.shown_status))
                + "</li>"
                for link in d.links
            )
            + "</ul>"
        )
    parts += capa_html(d)  # issue 14 part B: the case's corrective and preventive actions
    parts.append(_heading(translate("CaseDetail", "History")) + "<table cellspacing='2'>")
    for entry in d.timeline:
        changes = translate("CaseDetail", "; ").join(change_text(c) for c in entry.changes)
        parts.append(
            f"<tr><td style='white-space:nowrap;color:#555'>{_when(entry.at)}</td>"
            f"<td style='white-space:nowrap'>{html.escape(entry.actor_name)}</td>"
            f"<td>{html.escape(render(entry.text))}<br><small style='color:#777'>{html.escape(changes)}</small></td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)
