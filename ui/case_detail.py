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
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
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
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.dto import (
    CaseDetail,
    ExtensionInput,
    FollowUpInput,
    InvestigationInput,
    Lookups,
    ReplyInput,
    ResolutionInput,
    TriageInput,
)
from ui.action_dialog import ActionDialog, Field
from ui.operations import app_signals, run_action

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
        self.detail: CaseDetail | None = None
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
            badges.append("<span style='background:#c0392b;color:white'>&nbsp;重大&nbsp;</span>")
        if detail.is_repeat:
            badges.append("<span style='background:#e67e22;color:white'>&nbsp;重复&nbsp;</span>")
        if detail.escalation_level:
            badges.append(
                f"<span style='background:#8e44ad;color:white'>&nbsp;已升级：{detail.escalation_label}&nbsp;</span>"
            )
        left = detail.time_left_label
        colour = "#c0392b" if detail.overdue else "#1e7e34"
        deadline = f"{detail.deadline_at:%Y-%m-%d %H:%M}" if detail.deadline_at else "—"
        unconfirmed = " <small>(该年度节假日未确认)</small>" if detail.deadline_unconfirmed else ""
        self.header.setText(
            f"<b>{detail.case_no}</b> · {html.escape(detail.status_label)} · 期限 {deadline}{unconfirmed} "
            f"<span style='color:{colour}'>{html.escape(left)}</span> {' '.join(badges)}"
        )
        self.body.setHtml(render_detail(detail))
        for action, button in self.buttons.items():
            reason = detail.actions.get(action.value)
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")
        self.add_attachment.setEnabled(detail.actions.get(Action.ADD_ATTACHMENT.value) is None)
        self.add_attachment.setToolTip(detail.actions.get(Action.ADD_ATTACHMENT.value) or "")
        self.attachments.clear()
        for attachment in detail.attachments:
            item = QListWidgetItem(
                f"{attachment.filename}（{attachment.size // 1024 + 1} KB，"
                f"{attachment.added_by} {attachment.added_at:%m-%d %H:%M}）"
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

    def dialog_for(self, action: Action, d: CaseDetail) -> ActionDialog | None:
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
        summary = f"{d.case_no} · {d.intake.get('投诉人', '')} · {d.intake.get('投诉内容', '')[:80]}"
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
            report = d.investigation or {}
            return ActionDialog(
                self.tr("Investigation report %1").replace("%1", d.case_no),
                [
                    Field("cause", self.tr("Cause"), "multiline", default=report.get("发生原因")),
                    Field("details", self.tr("What happened"), "multiline", default=report.get("具体经过")),
                    Field("responsible_department", self.tr("Responsible department"), "choice", departments),
                    Field("responsible_person", self.tr("Responsible person"), default=report.get("责任人")),
                    Field("conclusion", self.tr("Conclusion"), "multiline", default=report.get("调查结论")),
                    Field(
                        "corrective_action",
                        self.tr("Corrective action"),
                        "multiline",
                        default=report.get("纠正措施"),
                    ),
                    Field(
                        "preventive_action",
                        self.tr("Preventive action"),
                        "multiline",
                        default=report.get("预防措施"),
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
            proposed = (d.deadline_at or datetime.now()) + timedelta(days=3)
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
            pending = [e for e in d.extensions if e["状态"] == "待审批"]
            info = (
                (
                    f"{summary}\n申请：{pending[-1]['原因']}，新期限 {pending[-1]['新期限']:%Y-%m-%d %H:%M}，"
                    f"客户同意：{pending[-1]['客户同意']}"
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

    def _approval_dialog(self, d: CaseDetail) -> ActionDialog:
        pending = d.resolutions[-1] if d.resolutions else None
        lines = [f"{d.case_no} · {d.intake.get('投诉人', '')}"]
        if pending is not None:
            lines.append(
                f"方案：{pending.resolution_label} {format_yuan(pending.amount_fen)} — {pending.text}"
            )
            lines.append(
                "需审批："
                + " → ".join(pending.required_role_labels)
                + (f"（下一级：{pending.next_level_label}）" if pending.next_level_label else "")
            )
            lines.append(f"提出人：{pending.proposer_name} {pending.proposed_at:%Y-%m-%d %H:%M}")
            for a in pending.approvals:
                lines.append(
                    f"已签：{a.printed_name}（{a.signed_role_label}）{a.signed_at:%Y-%m-%d %H:%M} {a.meaning}"
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

    def _linked_dialog(self, d: CaseDetail) -> ActionDialog:
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


def fill_template(body: str, d: CaseDetail, branch: str, user: str) -> str:
    resolution = ""
    if d.resolutions and d.resolutions[-1].status == "approved":
        r = d.resolutions[-1]
        resolution = f"{r.resolution_label} {format_yuan(r.amount_fen)}"
    return (
        body.replace("{branch}", branch)
        .replace("{user}", user)
        .replace("{case_no}", d.case_no)
        .replace("{resolution}", resolution)
        .replace("{reason}", d.triage.get("无效原因", ""))
    )


def _table(rows: list[tuple[str, Any]]) -> str:
    cells = "".join(
        f"<tr><td style='color:#555;padding-right:12px;white-space:nowrap'>{html.escape(k)}</td>"
        f"<td>{html.escape(str(v)).replace(chr(10), '<br>')}</td></tr>"
        for k, v in rows
        if v not in ("", None)
    )
    return f"<table cellspacing='2'>{cells}</table>"


def _when(value: Any) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, datetime) else str(value or "")


def render_detail(d: CaseDetail) -> str:
    parts = ["<h3>受理信息</h3>", _table([*d.intake.items(), ("受理人", d.recorder_name)])]
    if d.custom:
        parts += ["<h3>网点自定义字段</h3>", _table(list(d.custom.items()))]
    parts += [
        "<h3>分诊</h3>",
        _table(
            [*d.triage.items(), ("处理责任人", d.handler_name), ("时限规则", d.sla_label)]
            + [(k, _when(v)) for k, v in d.step_deadlines.items() if v]
        ),
    ]
    if d.is_major:
        parts.append(
            f"<p style='color:#c0392b'>重大投诉：{html.escape('、'.join(d.major_reasons))}；"
            f"报告总经理：{_when(d.gm_informed_at) or '尚未登记'}</p>"
        )
    if d.investigation:
        inv = dict(d.investigation)
        shares = "、".join(f"{name} {pct}%" for name, pct in inv.pop("责任比率"))
        parts += ["<h3>调查报告</h3>", _table([*inv.items(), ("责任比率", shares)])]
    for r in d.resolutions:
        status = {"pending": "待审批", "approved": "已核准", "rejected": "已驳回"}[r.status]
        parts.append(f"<h3>处理方案（{status}）</h3>")
        parts.append(
            _table(
                [
                    ("方式", r.resolution_label),
                    ("金额", format_yuan(r.amount_fen)),
                    ("说明", r.text),
                    ("提出人", f"{r.proposer_name} {_when(r.proposed_at)}"),
                    ("审批层级", " → ".join(r.required_role_labels)),
                ]
            )
        )
        if r.approvals:
            rows = "".join(
                f"<tr><td>{a.level_role_label}级</td><td>{html.escape(a.printed_name)}</td>"
                f"<td>{a.signed_role_label}</td><td>{_when(a.signed_at)}</td><td>{a.meaning}</td>"
                f"<td>{html.escape(a.reason)}</td></tr>"
                for a in r.approvals
            )
            parts.append(
                "<table border='1' cellspacing='0' cellpadding='3'><tr><th>级别</th><th>签署人</th>"
                f"<th>角色</th><th>时间</th><th>意义</th><th>理由</th></tr>{rows}</table>"
            )
    for title, items in (
        ("答复客户", d.replies),
        ("回访", d.follow_ups),
        ("延期", d.extensions),
        ("升级", d.escalations),
    ):
        if items:
            parts.append(f"<h3>{title}</h3>")
            for item in items:
                parts.append(
                    _table(
                        [
                            (
                                k,
                                _when(v)
                                if isinstance(v, datetime)
                                else ("是" if v is True else "否" if v is False else v),
                            )
                            for k, v in item.items()
                        ]
                    )
                )
    if d.links:
        parts.append(
            "<h3>关联案件</h3><ul>"
            + "".join(
                f"<li><a href='case:{link.case_id}'>{link.case_no}</a> {link.kind_label}（{link.status_label}）</li>"
                for link in d.links
            )
            + "</ul>"
        )
    parts.append("<h3>处理经过</h3><table cellspacing='2'>")
    for event in d.timeline:
        changes = "；".join(f"{name}：{old} → {new}" for name, old, new in event.changes)
        parts.append(
            f"<tr><td style='white-space:nowrap;color:#555'>{_when(event.at)}</td>"
            f"<td style='white-space:nowrap'>{html.escape(event.actor_name)}</td>"
            f"<td>{html.escape(event.summary)}<br><small style='color:#777'>{html.escape(changes)}</small></td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)
