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
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QShowEvent
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
from branchdesk.domain.workflow import Action
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseDetail, Lookups
from ui import case_actions
from ui.action_dialog import ActionDialog
from ui.operations import ALL_CASES, app_signals, run_action


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
        self._stale = False  # changed while hidden: reload when shown again
        self._lookups_stale = False  # configuration changed: re-read the pick lists before the next dialog
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
        grid = QGridLayout()
        for index, (action, op) in enumerate(case_actions.CASE_ACTIONS.items()):
            button = QPushButton(op.label)
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

    def dialog_for(self, action: Action, d: CaseDetail) -> ActionDialog | None:
        """The dialog of ``action`` from the table in ``ui.case_actions``."""
        return case_actions.dialog_for(action, self._context(d))

    def _context(self, d: CaseDetail) -> case_actions.CaseContext:
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
