"""Opinions from several departments on one case (issue 14 part A, 会签/协办): the case window's section
and the three dialogs (请求会签 / 填写会签意见 / 不等会签继续), each one service call of ``desk.opinions``.

The section lists every ask with its state and due time; the opinion's share stands beside the
investigation's shares and is never added to them (the investigation's add up to 100).
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from branchdesk.domain.opinions import OpinionState
from branchdesk.domain.steps import StepState
from branchdesk.read.case_view import CaseView
from branchdesk.read.opinions import OpinionView
from branchdesk.services.opinions import OpinionSeen
from ui.action_dialog import ActionDialog, Field
from ui.language import join, label

if TYPE_CHECKING:  # ui.case_actions lists these dialogs in its table: a type only, no import cycle
    from ui.case_actions import CaseContext


class CaseOpinions:
    """The translation context of this module (``CaseOpinions.tr("…")`` is found by lupdate)."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("CaseOpinions", text)


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def state_text(o: OpinionView) -> str:
    """Pending (due soon / overdue), given (late), waived."""
    text = label(o.state)
    if o.state is OpinionState.PENDING and o.step_state in (StepState.DUE_SOON, StepState.OVERDUE):
        text += " · " + label(o.step_state)
    if o.state is OpinionState.GIVEN and o.given_at is not None and o.given_at > o.due_at:
        text += " · " + CaseOpinions.tr("late")
    return text


def opinion_text(o: OpinionView) -> str:
    if o.state is OpinionState.GIVEN:
        return o.opinion
    if o.state is OpinionState.WAIVED:
        return CaseOpinions.tr("Not waited for: %1").replace("%1", o.waive_reason)
    return ""


def signer_text(o: OpinionView) -> str:
    if not o.signer:
        return ""
    if o.signer_role is None:
        return o.signer
    return CaseOpinions.tr("%1 (%2)").replace("%1", o.signer).replace("%2", label(o.signer_role))


def opinions_html(d: CaseView) -> str:
    """The case window's section (HTML, like the rest of the case detail); "" without any ask."""
    if not d.opinions:
        return ""
    head = [
        CaseOpinions.tr("Department"),
        CaseOpinions.tr("State"),
        CaseOpinions.tr("Due"),
        CaseOpinions.tr("Opinion"),
        CaseOpinions.tr("Share"),
        CaseOpinions.tr("Signed by"),
        CaseOpinions.tr("At"),
    ]
    rows = [
        "<tr>" + "".join(f"<th align='left' style='color:#555'>{html.escape(h)}</th>" for h in head) + "</tr>"
    ]
    for o in d.opinions:
        colour = "#c0392b" if o.step_state is StepState.OVERDUE else "#000"
        cells = [
            o.department,
            state_text(o),
            _when(o.due_at) + (" " + CaseOpinions.tr("(unconfirmed)") if o.due_unconfirmed else ""),
            opinion_text(o),
            f"{o.share_percent}%" if o.share_percent is not None else "",
            signer_text(o),
            _when(o.given_at or o.waived_at),
        ]
        rows.append(
            f"<tr style='color:{colour}'>"
            + "".join(f"<td style='padding-right:10px'>{html.escape(c)}</td>" for c in cells)
            + "</tr>"
        )
    questions = "".join(
        "<li>"
        + html.escape(CaseOpinions.tr("%1: %2").replace("%1", o.department).replace("%2", o.question))
        + f" <small style='color:#777'>{html.escape(o.asked_by)} {_when(o.asked_at)}</small></li>"
        for o in d.opinions
    )
    shares = ""
    if d.investigation and d.investigation.shares:
        investigated = join([f"{s.department.name} {s.percent}%" for s in d.investigation.shares])
        shares = (
            "<p style='color:#555'>"
            + html.escape(
                CaseOpinions.tr(
                    "The investigation's shares: %1. A department's share is its own view, beside them."
                ).replace("%1", investigated)
            )
            + "</p>"
        )
    # (texts outside the f-strings: lupdate does not find a call inside one)
    heading = html.escape(CaseOpinions.tr("Opinions of other departments"))
    asked = html.escape(CaseOpinions.tr("Asked:"))
    return (  # the anchor lets the window scroll to the section
        f"<a name='opinions'></a><h3>{heading}</h3>"
        f"<table cellspacing='2'>{''.join(rows)}</table>{shares}"
        f"<p style='color:#555;margin-bottom:0'>{asked}</p><ul>{questions}</ul>"
    )


# --- the dialogs (their rows are at the end of ``ui/case_actions.CASE_ACTIONS``) ---------------------


def ask_opinion(c: CaseContext) -> ActionDialog:
    """请求会签: one check per department that may be asked (not the responsible one, none already pending)."""
    d = c.detail
    own = d.department.id if d.department else None
    pending = {o.department_id for o in d.opinions if o.state is OpinionState.PENDING}
    departments = [(i, name) for i, name in c.lookups.departments if i != own and i not in pending]
    fields = [Field(f"department_{i}", name, "check") for i, name in departments]
    fields.append(Field("question", CaseOpinions.tr("Question for them"), "multiline"))

    def submit(v: dict[str, Any]) -> object:
        chosen = [i for i, _ in departments if v.get(f"department_{i}")]
        return c.desk.opinions.ask(c.actor, c.seen, chosen, v["question"] or "")

    title = CaseOpinions.tr("Ask other departments for their opinion on %1")
    dialog = c.dialog(title, fields, submit)
    for i, _ in departments:  # the department's name is the row's label; the box needs no text of its own
        dialog.fields.widgets[f"department_{i}"].setText("")  # type: ignore[attr-defined]
    dialog.fields.widgets["question"].setMaximumHeight(110)
    return dialog


def my_pending(c: CaseContext) -> OpinionView | None:
    """The ask that waits for the acting person's department, if any."""
    d = c.detail
    return next(
        (
            o
            for o in d.opinions
            if o.state is OpinionState.PENDING and o.department_id == c.actor.department_id
        ),
        None,
    )


def give_opinion(c: CaseContext) -> ActionDialog:
    """填写会签意见: the question asked of my department, the opinion, an optional share (0–100)."""
    ask = my_pending(c)
    summary = c.summary
    if ask is not None:
        summary += "\n" + CaseOpinions.tr("%1 asks: %2 (due %3)").replace("%1", ask.asked_by).replace(
            "%2", ask.question
        ).replace("%3", _when(ask.due_at))
    fields = [
        Field("opinion", CaseOpinions.tr("Opinion"), "multiline"),
        Field("share_percent", CaseOpinions.tr("Responsibility share (%), optional"), "text"),
    ]

    def submit(v: dict[str, Any]) -> object:
        typed = (v["share_percent"] or "").strip()
        share: int | None = None
        if typed:
            # not a whole number: the core refuses it at the field, naming the range
            share = int(typed) if typed.isdigit() and len(typed) <= 3 else -1
        seen = OpinionSeen(ask.id, ask.version) if ask is not None else OpinionSeen(0, 0)
        return c.desk.opinions.give(c.actor, seen, v["opinion"] or "", share)

    dialog = c.dialog(CaseOpinions.tr("Opinion on %1"), fields, submit, summary=summary)
    dialog.fields.widgets["opinion"].setMaximumHeight(140)
    return dialog


def proceed_without_opinions(c: CaseContext) -> ActionDialog:
    """不等会签继续: the departments not waited for, and the reason (required, on the timeline)."""
    d = c.detail
    waiting = join([o.department for o in d.opinions if o.state is OpinionState.PENDING])
    summary = c.summary + "\n" + CaseOpinions.tr("Not waiting for: %1").replace("%1", waiting)
    fields = [Field("reason", CaseOpinions.tr("Reason"), "multiline")]

    def submit(v: dict[str, Any]) -> object:
        return c.desk.opinions.proceed_without(c.actor, c.seen, v["reason"] or "")

    title = CaseOpinions.tr("Proceed on %1 without waiting for opinions")
    dialog = c.dialog(title, fields, submit, summary=summary)
    dialog.fields.widgets["reason"].setMaximumHeight(110)
    return dialog
