"""案件详情: everything about one case, and every action the domain allows as a button.

An action the user may not take is disabled, with the reason (recusal, role,
state, authority) as its tooltip — the reason comes from the same rules the
service enforces.
"""

from __future__ import annotations

import html
import mimetypes
import tempfile
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.money import format_yuan
from branchdesk.domain.vocab import RESPONSIBILITY_LABELS, SEVERITY_LABELS, Decision, LinkKind, Role
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
)
from branchdesk.read.timeline import FieldChange
from branchdesk.read.values import Choice, ExtensionStatus, Named, ResolutionStatus, escalation_level
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.dto import (
    ExtensionInput,
    FollowUpInput,
    InvestigationInput,
    Lookups,
    ReplyInput,
    ResolutionInput,
    TriageInput,
)
from ui.action_dialog import ActionDialog, Field
from ui.language import label, render
from ui.operations import app_signals, run_action

# Rendering the case view: headings and field names are Qt translations (English source, the
# Chinese in resources/translations), vocabulary codes go through ui.language, the branch's own
# list labels and names are shown as they are.
translate = QCoreApplication.translate

SATISFACTION = [(5, "5 非常满意"), (4, "4 满意"), (3, "3 一般"), (2, "2 不满意"), (1, "1 非常不满意")]


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
        self.setAcceptDrops(True)
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

        self.buttons: dict[Action, QPushButton] = {}
        labels = {
            Action.TRIAGE: self.tr("Triage"),
            Action.ASSIGN: self.tr("Assign / transfer"),
            Action.RECORD_INVESTIGATION: self.tr("Investigation report"),
            Action.PROPOSE: self.tr("Propose resolution"),
            Action.APPROVE: self.tr("Approve / reject"),
            Action.REPLY: self.tr("Reply to customer"),
            Action.ANSWER: self.tr("Answer and close"),
            Action.REQUEST_EXTENSION: self.tr("Request extension"),
            Action.DECIDE_EXTENSION: self.tr("Decide extension"),
            Action.FOLLOW_UP: self.tr("Follow-up visit"),
            Action.CLOSE: self.tr("Close"),
            Action.CLOSE_ABNORMAL: self.tr("Abnormal closure"),
            Action.OPEN_LINKED: self.tr("Open linked case"),
            Action.VOID: self.tr("Void"),
            Action.ESCALATE: self.tr("Escalate"),
            Action.INFORM_GM: self.tr("GM informed"),
        }
        grid = QGridLayout()
        for index, (action, text) in enumerate(labels.items()):
            button = QPushButton(text)
            button.setObjectName(f"action_{action.value}")
            button.clicked.connect(lambda _checked=False, a=action: self.run(a))
            self.buttons[action] = button
            grid.addWidget(button, index // 8, index % 8)
        files = QHBoxLayout()
        files.addWidget(self.attachments, 1)
        files.addWidget(self.add_attachment)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.body, 1)
        layout.addLayout(files)
        app_signals().sig_cases_changed.connect(self.refresh)
        self.refresh()

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
        for action, button in self.buttons.items():
            reason = detail.actions.get(action.value)
            button.setEnabled(reason is None)
            button.setToolTip(render(reason))
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
        detail = self.detail
        if detail is None:
            return None
        dialog = self.dialog_for(action, detail)
        if dialog is None:
            return None
        dialog.exec()
        return dialog.result_value

    def dialog_for(self, action: Action, d: CaseView) -> ActionDialog | None:
        desk, me, cid, lk = self._desk, self._actor, self.case_id, self._lookups
        ch = lk.choices
        departments = lk.departments
        handlers = [
            (p.id, f"{p.name}（{p.department_name}）") for p in lk.people if Role.HANDLER.value in p.roles
        ]
        categories = [
            (code, f"{parent_label(lk, parent)} / {label}" if parent else label)
            for code, label, parent in lk.categories
            if parent or not any(c[2] == code for c in lk.categories)
        ]
        complainant = d.intake.complainant_name + _choice(d.intake.complainant_title)
        summary = f"{d.case_no} · {complainant} · {d.intake.content[:80]}"
        if action is Action.TRIAGE:
            return ActionDialog(
                self.tr("Triage %1").replace("%1", d.case_no),
                [
                    Field("valid", self.tr("Valid complaint"), "check", default=True),
                    Field("category", self.tr("Category"), "choice", categories),
                    Field(
                        "severity",
                        self.tr("Severity"),
                        "choice",
                        [(k.value, v) for k, v in SEVERITY_LABELS.items()],
                    ),
                    Field(
                        "invalid_reason",
                        self.tr("Why invalid"),
                        "choice",
                        list(ch.get("invalid_reason", {}).items()),
                    ),
                    Field("declared_major", self.tr("Major complaint (CR manager's decision)"), "check"),
                    Field("loss_estimate", self.tr("Estimated loss (yuan)")),
                    Field("responsible_department", self.tr("Responsible department"), "choice", departments),
                    Field("handler", self.tr("Handler (assign now)"), "choice", handlers),
                    Field("note", self.tr("Note")),
                ],
                lambda v: desk.cases.triage(
                    me,
                    cid,
                    TriageInput(
                        valid=v["valid"],
                        category_code=v["category"],
                        severity=v["severity"],
                        invalid_reason=v["invalid_reason"],
                        declared_major=v["declared_major"],
                        loss_estimate=v["loss_estimate"],
                        responsible_department_id=v["responsible_department"],
                        handler_id=v["handler"],
                        note=v["note"],
                    ),
                ),
                summary,
                parent=self,
            )
        if action is Action.ASSIGN:
            return ActionDialog(
                self.tr("Assign %1").replace("%1", d.case_no),
                [
                    Field("handler", self.tr("Handler"), "choice", handlers, default=d.handler_id),
                    Field("department", self.tr("Responsible department"), "choice", departments),
                    Field("note", self.tr("Note")),
                ],
                lambda v: desk.cases.assign(me, cid, v["handler"] or 0, v["department"], v["note"]),
                summary,
                parent=self,
            )
        if action is Action.RECORD_INVESTIGATION:
            shares = []
            for i in (1, 2, 3):
                shares += [
                    Field(
                        f"share{i}_department",
                        self.tr("Share %1: department").replace("%1", str(i)),
                        "choice",
                        departments,
                    ),
                    Field(f"share{i}_percent", self.tr("Share %1: percent").replace("%1", str(i)), "int"),
                ]
            report = d.investigation
            return ActionDialog(
                self.tr("Investigation report %1").replace("%1", d.case_no),
                [
                    Field("cause", self.tr("Cause"), "multiline", default=report.cause if report else None),
                    Field(
                        "details",
                        self.tr("What happened"),
                        "multiline",
                        default=report.details if report else None,
                    ),
                    Field("responsible_department", self.tr("Responsible department"), "choice", departments),
                    Field(
                        "responsible_person",
                        self.tr("Responsible person"),
                        default=report.responsible_person if report else None,
                    ),
                    Field(
                        "conclusion",
                        self.tr("Conclusion"),
                        "multiline",
                        default=report.conclusion if report else None,
                    ),
                    Field(
                        "corrective_action",
                        self.tr("Corrective action"),
                        "multiline",
                        default=report.corrective_action if report else None,
                    ),
                    Field(
                        "preventive_action",
                        self.tr("Preventive action"),
                        "multiline",
                        default=report.preventive_action if report else None,
                    ),
                    Field("track_improvement", self.tr("Track the improvement"), "check", default=True),
                    Field(
                        "responsibility",
                        self.tr("Responsibility"),
                        "choice",
                        [(k.value, v) for k, v in RESPONSIBILITY_LABELS.items()],
                    ),
                    *shares,
                ],
                lambda v: desk.cases.record_investigation(
                    me,
                    cid,
                    InvestigationInput(
                        cause=v["cause"],
                        details=v["details"],
                        conclusion=v["conclusion"],
                        responsibility=v["responsibility"] or "",
                        responsible_department_id=v["responsible_department"],
                        responsible_person=v["responsible_person"],
                        corrective_action=v["corrective_action"],
                        preventive_action=v["preventive_action"],
                        track_improvement=v["track_improvement"],
                        shares=[
                            (v[f"share{i}_department"], v[f"share{i}_percent"])
                            for i in (1, 2, 3)
                            if v[f"share{i}_department"]
                        ],
                    ),
                ),
                summary,
                parent=self,
            )
        if action is Action.PROPOSE:
            return ActionDialog(
                self.tr("Propose resolution %1").replace("%1", d.case_no),
                [
                    Field(
                        "resolution_type",
                        self.tr("Resolution"),
                        "choice",
                        list(ch.get("resolution_type", {}).items()),
                    ),
                    Field("amount", self.tr("Amount (yuan)"), default="0"),
                    Field("text", self.tr("Details"), "multiline"),
                ],
                lambda v: desk.cases.propose_resolution(
                    me, cid, ResolutionInput(v["resolution_type"] or "", v["amount"], v["text"])
                ),
                summary,
                parent=self,
            )
        if action is Action.APPROVE:
            return self._approval_dialog(d)
        if action in (Action.REPLY, Action.ANSWER):
            templates = [(body, title) for title, body in lk.reply_templates]
            dialog = ActionDialog(
                self.tr("Reply to customer %1").replace("%1", d.case_no),
                [
                    Field("template", self.tr("Template"), "choice", templates),
                    Field(
                        "method",
                        self.tr("How"),
                        "choice",
                        list(ch.get("reply_method", {}).items()),
                        default="phone",
                    ),
                    Field("content", self.tr("What was said"), "multiline"),
                    Field("accepted", self.tr("Customer accepts"), "check", default=True),
                ],
                lambda v: (desk.cases.answer if action is Action.ANSWER else desk.cases.record_reply)(
                    me, cid, ReplyInput(v["method"] or "", v["content"], v["accepted"])
                ),
                summary,
                parent=self,
            )
            template = dialog.fields.widgets["template"]
            template.currentIndexChanged.connect(  # type: ignore[attr-defined]
                lambda _i: dialog.fields.set_value(
                    "content",
                    fill_template(dialog.fields.value("template") or "", d, lk.branch_name, me.full_name),
                )
            )
            return dialog
        if action is Action.REQUEST_EXTENSION:
            proposed = (d.deadlines.due or datetime.now()) + timedelta(days=3)
            return ActionDialog(
                self.tr("Request extension %1").replace("%1", d.case_no),
                [
                    Field("reason", self.tr("Reason"), "multiline"),
                    Field("consent", self.tr("Customer's consent (when, how)")),
                    Field("new_deadline", self.tr("New deadline"), "datetime", default=proposed),
                ],
                lambda v: desk.cases.request_extension(
                    me, cid, ExtensionInput(v["reason"], v["consent"], v["new_deadline"] or proposed)
                ),
                summary,
                parent=self,
            )
        if action is Action.DECIDE_EXTENSION:
            pending = [e for e in d.extensions if e.status is ExtensionStatus.PENDING]
            info = (
                (
                    f"{summary}\n申请：{pending[-1].reason}，新期限 {pending[-1].new_deadline:%Y-%m-%d %H:%M}，"
                    f"客户同意：{pending[-1].customer_consent}"
                )
                if pending
                else summary
            )
            return ActionDialog(
                self.tr("Decide extension %1").replace("%1", d.case_no),
                [
                    Field(
                        "approve",
                        self.tr("Decision"),
                        "choice",
                        [(True, "批准"), (False, "驳回")],
                        empty=None,
                    ),
                    Field("note", self.tr("Note")),
                ],
                lambda v: desk.cases.decide_extension(me, cid, bool(v["approve"]), v["note"]),
                info,
                parent=self,
            )
        if action is Action.FOLLOW_UP:
            return ActionDialog(
                self.tr("Follow-up %1").replace("%1", d.case_no),
                [
                    Field(
                        "method",
                        self.tr("How"),
                        "choice",
                        list(ch.get("followup_method", {}).items()),
                        default="phone",
                    ),
                    Field("solved", self.tr("Problem solved"), "check", default=True),
                    Field("satisfaction", self.tr("Satisfaction"), "choice", SATISFACTION, empty=None),
                    Field("comments", self.tr("Comments"), "multiline"),
                ],
                lambda v: desk.cases.record_follow_up(
                    me,
                    cid,
                    FollowUpInput(v["method"] or "", v["solved"], int(v["satisfaction"] or 0), v["comments"]),
                ),
                summary,
                parent=self,
            )
        if action is Action.CLOSE:
            return ActionDialog(
                self.tr("Close %1").replace("%1", d.case_no),
                [Field("note", self.tr("Note"))],
                lambda v: desk.cases.close(me, cid, v["note"]),
                summary,
                parent=self,
            )
        if action is Action.CLOSE_ABNORMAL:
            return ActionDialog(
                self.tr("Abnormal closure %1").replace("%1", d.case_no),
                [Field("reason", self.tr("Reason"), "multiline")],
                lambda v: desk.cases.close_abnormally(me, cid, v["reason"]),
                summary,
                parent=self,
            )
        if action is Action.VOID:
            return ActionDialog(
                self.tr("Void %1").replace("%1", d.case_no),
                [Field("reason", self.tr("Reason"), "multiline")],
                lambda v: desk.cases.void(me, cid, v["reason"]),
                summary,
                parent=self,
            )
        if action is Action.ESCALATE:
            return ActionDialog(
                self.tr("Escalate %1").replace("%1", d.case_no),
                [Field("reason", self.tr("Reason"))],
                lambda v: desk.cases.escalate(me, cid, v["reason"]),
                summary,
                parent=self,
            )
        if action is Action.INFORM_GM:
            return ActionDialog(
                self.tr("GM informed %1").replace("%1", d.case_no),
                [Field("note", self.tr("How"))],
                lambda v: desk.cases.inform_gm(me, cid, note=v["note"]),
                summary,
                parent=self,
            )
        if action is Action.OPEN_LINKED:
            return self._linked_dialog(d)
        return None

    def _approval_dialog(self, d: CaseView) -> ActionDialog:
        pending = d.resolutions[-1] if d.resolutions else None
        lines = [f"{d.case_no} · {d.intake.complainant_name}{_choice(d.intake.complainant_title)}"]
        if pending is not None:
            lines.append(
                f"方案：{pending.resolution_type.label} {format_yuan(pending.amount_fen)} — {pending.text}"
            )
            lines.append(
                "需审批："
                + " → ".join(label(role) for role in pending.required_roles)
                + (f"（下一级：{label(pending.next_level)}）" if pending.next_level else "")
            )
            lines.append(f"提出人：{pending.proposer_name} {pending.proposed_at:%Y-%m-%d %H:%M}")
            for a in pending.approvals:
                lines.append(
                    f"已签：{a.printed_name}（{label(a.signed_role)}）{a.signed_at:%Y-%m-%d %H:%M} {a.meaning}"
                )
        lines.append(self.tr("Signing records your name, role, the time and what you decided."))
        desk, me, cid = self._desk, self._actor, self.case_id
        dialog = ActionDialog(
            self.tr("Approval %1").replace("%1", d.case_no),
            [
                Field(
                    "decision",
                    self.tr("Decision"),
                    "choice",
                    [(Decision.APPROVE, "批准"), (Decision.REJECT, "驳回")],
                    empty=None,
                ),
                Field("reason", self.tr("Reason (required to reject)"), "multiline"),
                Field("password", self.tr("Your password to sign"), "password"),
            ],
            lambda v: desk.cases.decide_approval(
                me, cid, Decision(v["decision"]), v["password"], v["reason"]
            ),
            "\n".join(lines),
            ok_text=self.tr("Sign"),
            parent=self,
        )
        return dialog

    def _linked_dialog(self, d: CaseView) -> ActionDialog:
        from branchdesk.domain.intake import IntakeForm

        raw = d.intake_raw
        desk, me, cid = self._desk, self._actor, self.case_id

        def submit(v: dict[str, Any]) -> object:
            form = IntakeForm(
                channel=raw.get("channel") or "phone",
                kind="complaint",
                complainant_name=raw.get("complainant_name") or "",
                phone=raw.get("phone") or "",
                address=raw.get("address") or "",
                company=raw.get("company") or "",
                order_no=raw.get("order_no") or "",
                content=v["content"],
                request_type=raw.get("request_type") or "other",
            )
            return desk.intake.open_linked_case(me, cid, LinkKind(v["kind"]), form)

        return ActionDialog(
            self.tr("Open linked case for %1").replace("%1", d.case_no),
            [
                Field(
                    "kind",
                    self.tr("Why"),
                    "choice",
                    [
                        (LinkKind.NOT_ACCEPTED.value, "客户不接受，转新案（附原表）"),
                        (LinkKind.ABOUT_HANDLING.value, "客户投诉处理过程"),
                        (LinkKind.RELATED.value, "相关案件"),
                    ],
                    empty=None,
                ),
                Field(
                    "content",
                    self.tr("Complaint content"),
                    "multiline",
                    default=f"客户对 {d.case_no} 的处理不接受：{raw.get('content') or ''}",
                ),
            ],
            submit,
            ok_text=self.tr("Open"),
            parent=self,
        )


def parent_label(lookups: Lookups, code: str | None) -> str:
    return next((label for c, label, _ in lookups.categories if c == code), "")


def fill_template(body: str, d: CaseView, branch: str, user: str) -> str:
    resolution = ""
    if d.resolutions and d.resolutions[-1].status is ResolutionStatus.APPROVED:
        r = d.resolutions[-1]
        resolution = f"{r.resolution_type.label} {format_yuan(r.amount_fen)}"
    reason = d.triage.invalid_reason if d.triage else None
    return (
        body.replace("{branch}", branch)
        .replace("{user}", user)
        .replace("{case_no}", d.case_no)
        .replace("{resolution}", resolution)
        .replace("{reason}", reason.label if reason else "")
    )


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
    rows += [(label(step.step), _when(step.due)) for step in d.deadlines.steps if step.due]
    return rows


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


def resolution_html(r: ResolutionView) -> list[str]:
    parts = [
        _heading(translate("CaseDetail", "Resolution (%1)").replace("%1", label(r.status))),
        _table(
            [
                (translate("CaseDetail", "Resolution"), r.resolution_type.label),
                (translate("CaseDetail", "Amount"), format_yuan(r.amount_fen)),
                (translate("CaseDetail", "Details"), r.text),
                (translate("CaseDetail", "Proposed by"), f"{r.proposer_name} {_when(r.proposed_at)}"),
                (
                    translate("CaseDetail", "Approval levels"),
                    " → ".join(label(role) for role in r.required_roles),
                ),
            ]
        ),
    ]
    if r.approvals:
        level = translate("CaseDetail", "%1 level")
        rows = "".join(
            f"<tr><td>{level.replace('%1', label(a.level_role))}</td>"
            f"<td>{html.escape(a.printed_name)}</td>"
            f"<td>{label(a.signed_role)}</td><td>{_when(a.signed_at)}</td><td>{a.meaning}</td>"
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


def render_detail(d: CaseView) -> str:
    parts = [_heading(translate("CaseDetail", "Intake")), _table(intake_rows(d))]
    if d.custom:
        parts += [
            _heading(translate("CaseDetail", "Branch's own fields")),
            _table(list(d.custom.items())),
        ]
    parts += [_heading(translate("CaseDetail", "Triage")), _table(triage_rows(d))]
    if d.is_major:
        informed = _when(d.gm_informed_at) or translate("CaseDetail", "not yet recorded")
        major = (
            translate("CaseDetail", "Major complaint: %1; GM informed: %2")
            .replace("%1", _list(d.major_reasons))
            .replace("%2", informed)
        )
        parts.append(f"<p style='color:#c0392b'>{html.escape(major)}</p>")
    if d.investigation:
        parts += [
            _heading(translate("CaseDetail", "Investigation report")),
            _table(investigation_rows(d.investigation)),
        ]
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
