"""Every user action on a case, as one table: workflow ``Action`` → button label → dialog → service call.

Each entry's builder is a small function that asks (an ``ActionDialog`` whose
fields are data), and whose submit calls one service method. ``ActionDialog``
runs it through ``ui.operations.run_action``, which shows a refusal or marks the
fields, and on success announces ``sig_case_changed(case id)`` — the case window,
the queue and 工作台 reload themselves. Anki's ``aqt/operations`` is the model.

``CaseDetailView`` only shows the case and wires one button per entry of
``CASE_ACTIONS`` (enabled or not by the same rules the service enforces).
Builders must not query the database themselves: what they need arrives in the
``CaseContext`` (the case as read, the lookups of the pick lists).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from branchdesk.domain.intake import custom_text
from branchdesk.domain.money import format_yuan
from branchdesk.domain.vocab import Decision, LinkKind, Responsibility, Role, Severity
from branchdesk.domain.workflow import Action
from branchdesk.read.case_view import CaseView
from branchdesk.read.values import ExtensionStatus, ResolutionStatus
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.dto import (
    CaseVersion,
    ExtensionInput,
    FollowUpInput,
    InvestigationInput,
    Lookups,
    ReplyInput,
    ResolutionInput,
    TriageInput,
)
from ui import case_opinions  # issue 14 part A
from ui.action_dialog import ActionDialog, Field
from ui.language import label, person_with_department, render, roles_text

#: The follow-up's satisfaction scale, 5 (very satisfied) to 1 (very dissatisfied).
SATISFACTION_SOURCES = (
    (5, QT_TRANSLATE_NOOP("CaseActions", "5 very satisfied")),
    (4, QT_TRANSLATE_NOOP("CaseActions", "4 satisfied")),
    (3, QT_TRANSLATE_NOOP("CaseActions", "3 neutral")),
    (2, QT_TRANSLATE_NOOP("CaseActions", "2 dissatisfied")),
    (1, QT_TRANSLATE_NOOP("CaseActions", "1 very dissatisfied")),
)


def satisfaction_choices() -> list[tuple[int, str]]:
    return [(value, CaseActions.tr(source)) for value, source in SATISFACTION_SOURCES]


class CaseActions:
    """The translation context of this module (``CaseActions.tr("…")`` is found by lupdate)."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("CaseActions", text)


@dataclass(frozen=True)
class CaseContext:
    """What a dialog builder may use: who acts, on which case as read, with which pick lists."""

    desk: BranchDesk
    actor: Actor
    lookups: Lookups
    case_id: int
    detail: CaseView
    parent: QWidget | None = None

    @property
    def seen(self) -> CaseVersion:
        """The case as the user sees it now: every action names it, so a change made meanwhile on
        another PC refuses the action (with who changed what) instead of being silently overwritten.

        Read when OK is pressed: after such a refusal the case window reloads under the dialog, so
        pressing OK again (what was typed is kept) acts, knowingly, on the version now shown.
        """
        shown = getattr(self.parent, "detail", None)
        version = shown.version if shown is not None and shown.id == self.case_id else self.detail.version
        return CaseVersion(self.case_id, version)

    @property
    def complainant(self) -> str:
        intake = self.detail.intake
        title = intake.complainant_title.label if intake.complainant_title else ""
        return intake.complainant_name + title

    @property
    def summary(self) -> str:
        d = self.detail
        return f"{d.case_no} · {self.complainant} · {d.intake.content[:80]}"

    @property
    def handlers(self) -> list[tuple[int, str]]:
        return [
            (p.id, person_with_department(p.name, p.department_name))
            for p in self.lookups.people
            if Role.HANDLER.value in p.roles
        ]

    @property
    def categories(self) -> list[tuple[str, str]]:
        """Leaf categories with their whole path (质量类 / 产品品质 / 外观), in tree order (issue 12)."""
        return leaf_categories(self.lookups)

    def choices(self, list_key: str) -> list[tuple[str, str]]:
        return list(self.lookups.choices.get(list_key, {}).items())

    def title(self, text: str) -> str:
        """A dialog title: ``text`` (translated, with %1) filled with the case number."""
        return text.replace("%1", self.detail.case_no)

    def dialog(
        self,
        title: str,
        fields: list[Field],
        submit: Callable[[dict[str, Any]], object],
        summary: str | None = None,
        ok_text: str = "",
    ) -> ActionDialog:
        """The dialog that asks and, on OK, calls ``submit`` and announces this case changed."""
        return ActionDialog(
            self.title(title),
            fields,
            submit,
            self.summary if summary is None else summary,
            ok_text=ok_text,
            parent=self.parent,
            case_id=self.case_id,
        )


DialogBuilder = Callable[[CaseContext], ActionDialog]


@dataclass(frozen=True)
class CaseOp:
    """One user action on a case: its button's label (English source) and the dialog that performs it."""

    action: Action
    source_label: str
    ask: DialogBuilder

    @property
    def label(self) -> str:
        return QCoreApplication.translate("CaseActions", self.source_label)


# --- the dialogs, one function per action ----------------------------------------------------


def triage(c: CaseContext) -> ActionDialog:
    desk, me, departments = c.desk, c.actor, c.lookups.departments
    dialog = c.dialog(
        CaseActions.tr("Triage %1"),
        [
            Field("valid", CaseActions.tr("Valid complaint"), "check", default=True),
            Field("category", CaseActions.tr("Category"), "choice", c.categories),
            Field(
                "severity",
                CaseActions.tr("Severity"),
                "choice",
                [(k.value, label(k)) for k in Severity],
            ),
            Field("invalid_reason", CaseActions.tr("Why invalid"), "choice", c.choices("invalid_reason")),
            Field("declared_major", CaseActions.tr("Major complaint (CR manager's decision)"), "check"),
            Field("loss_estimate", CaseActions.tr("Estimated loss (yuan)")),
            Field("responsible_department", CaseActions.tr("Responsible department"), "choice", departments),
            Field("handler", CaseActions.tr("Handler (assign now)"), "choice", c.handlers),
            Field("note", CaseActions.tr("Note")),
        ],
        lambda v: desk.cases.triage(
            me,
            c.seen,
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
    )
    # issue 17 part E: the category list filters as one types; the department's own handlers come first
    from ui.category_picker import follow_department, make_searchable

    fields = dialog.fields.widgets
    category, department, handler = fields["category"], fields["responsible_department"], fields["handler"]
    assert isinstance(category, QComboBox) and isinstance(department, QComboBox)
    assert isinstance(handler, QComboBox)
    make_searchable(category)
    follow_department(department, handler, lambda dept: desk.queries.handler_choices(me, dept))
    return dialog


def assign(c: CaseContext) -> ActionDialog:
    desk, me = c.desk, c.actor
    dialog = c.dialog(
        CaseActions.tr("Assign %1"),
        [
            Field("handler", CaseActions.tr("Handler"), "choice", c.handlers, default=c.detail.handler_id),
            Field("department", CaseActions.tr("Responsible department"), "choice", c.lookups.departments),
            Field("note", CaseActions.tr("Note")),
        ],
        lambda v: desk.cases.assign(me, c.seen, v["handler"] or 0, v["department"], v["note"]),
    )
    # issue 17 part E: the chosen department's handlers first
    from ui.category_picker import follow_department

    department, handler = dialog.fields.widgets["department"], dialog.fields.widgets["handler"]
    assert isinstance(department, QComboBox) and isinstance(handler, QComboBox)
    follow_department(department, handler, lambda dept: desk.queries.handler_choices(me, dept))
    return dialog


def record_investigation(c: CaseContext) -> ActionDialog:
    desk, me, departments = c.desk, c.actor, c.lookups.departments
    shares = []
    for i in (1, 2, 3):
        shares += [
            Field(
                f"share{i}_department",
                CaseActions.tr("Share %1: department").replace("%1", str(i)),
                "choice",
                departments,
            ),
            Field(f"share{i}_percent", CaseActions.tr("Share %1: percent").replace("%1", str(i)), "int"),
        ]
    report = c.detail.investigation
    return c.dialog(
        CaseActions.tr("Investigation report %1"),
        [
            Field("cause", CaseActions.tr("Cause"), "multiline", default=report.cause if report else None),
            Field(
                "details", CaseActions.tr("What happened"), "multiline", default=report.details if report else None
            ),
            Field("responsible_department", CaseActions.tr("Responsible department"), "choice", departments),
            Field(
                "responsible_person",
                CaseActions.tr("Responsible person"),
                default=report.responsible_person if report else None,
            ),
            Field(
                "conclusion", CaseActions.tr("Conclusion"), "multiline", default=report.conclusion if report else None
            ),
            Field(
                "corrective_action",
                CaseActions.tr("Corrective action"),
                "multiline",
                default=report.corrective_action if report else None,
            ),
            Field(
                "preventive_action",
                CaseActions.tr("Preventive action"),
                "multiline",
                default=report.preventive_action if report else None,
            ),
            Field("track_improvement", CaseActions.tr("Track the improvement"), "check", default=True),
            Field(
                "responsibility",
                CaseActions.tr("Responsibility"),
                "choice",
                [(k.value, label(k)) for k in Responsibility],
            ),
            *shares,
        ],
        lambda v: desk.cases.record_investigation(
            me,
            c.seen,
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
    )


def propose(c: CaseContext) -> ActionDialog:
    desk, me = c.desk, c.actor
    return c.dialog(
        CaseActions.tr("Propose resolution %1"),
        [
            Field("resolution_type", CaseActions.tr("Resolution"), "choice", c.choices("resolution_type")),
            Field("amount", CaseActions.tr("Amount (yuan)"), default="0"),
            Field("text", CaseActions.tr("Details"), "multiline"),
        ],
        lambda v: desk.cases.propose_resolution(
            me, c.seen, ResolutionInput(v["resolution_type"] or "", v["amount"], v["text"])
        ),
    )


def approve(c: CaseContext) -> ActionDialog:
    d = c.detail
    pending = d.resolutions[-1] if d.resolutions else None
    lines = [f"{d.case_no} · {c.complainant}"]
    if pending is not None:
        lines.append(
            CaseActions.tr("Resolution: %1 %2 — %3")
            .replace("%1", pending.resolution_type.label)
            .replace("%2", format_yuan(pending.amount_fen))
            .replace("%3", pending.text)
        )
        chain = render(pending.chain_text())  # the chain frozen when proposed
        if pending.next_level:
            chain += CaseActions.tr(" (next: %1)").replace("%1", label(pending.next_level))
        lines.append(CaseActions.tr("To sign: %1").replace("%1", chain))
        lines.append(
            CaseActions.tr("Proposed by %1 at %2")
            .replace("%1", pending.proposer_name)
            .replace("%2", f"{pending.proposed_at:%Y-%m-%d %H:%M}")
        )
        for a in pending.approvals:
            lines.append(
                CaseActions.tr("Signed: %1 (%2) %3 %4")
                .replace("%1", a.printed_name)
                .replace("%2", roles_text([a.signed_role]))
                .replace("%3", f"{a.signed_at:%Y-%m-%d %H:%M}")
                .replace("%4", label(a.decision))
            )
    lines.append(CaseActions.tr("Signing records your name, role, the time and what you decided."))
    desk, me = c.desk, c.actor
    return c.dialog(
        CaseActions.tr("Approval %1"),
        [
            Field(
                "decision",
                CaseActions.tr("Decision"),
                "choice",
                [(Decision.APPROVE, label(Decision.APPROVE)), (Decision.REJECT, label(Decision.REJECT))],
                empty=None,
            ),
            Field("reason", CaseActions.tr("Reason (required to reject)"), "multiline"),
            Field("password", CaseActions.tr("Your password to sign"), "password"),
        ],
        lambda v: desk.cases.decide_approval(me, c.seen, Decision(v["decision"]), v["password"], v["reason"]),
        "\n".join(lines),
        ok_text=CaseActions.tr("Sign"),
    )


def _reply_dialog(c: CaseContext, closes: bool) -> ActionDialog:
    desk, me, d = c.desk, c.actor, c.detail
    templates = [(body, title) for title, body in c.lookups.reply_templates]
    record = desk.cases.answer if closes else desk.cases.record_reply
    dialog = c.dialog(
        CaseActions.tr("Reply to customer %1"),
        [
            Field("template", CaseActions.tr("Template"), "choice", templates),
            Field("method", CaseActions.tr("How"), "choice", c.choices("reply_method"), default="phone"),
            Field("content", CaseActions.tr("What was said"), "multiline"),
            Field("accepted", CaseActions.tr("Customer accepts"), "check", default=True),
            # issue 17 part F: a call made yesterday is recorded today — when the customer was told
            Field("replied_at", CaseActions.tr("When the customer was told"), "datetime", default=desk.clock()),
        ],
        lambda v: record(
            me, c.seen, ReplyInput(v["method"] or "", v["content"], v["accepted"], replied_at=v["replied_at"])
        ),
    )
    template = dialog.fields.widgets["template"]
    template.currentIndexChanged.connect(  # type: ignore[attr-defined]
        lambda _i: dialog.fields.set_value(
            "content",
            fill_template(dialog.fields.value("template") or "", d, c.lookups.branch_name, me.full_name),
        )
    )
    return dialog


def reply(c: CaseContext) -> ActionDialog:
    return _reply_dialog(c, closes=False)


def answer(c: CaseContext) -> ActionDialog:
    return _reply_dialog(c, closes=True)


def request_extension(c: CaseContext) -> ActionDialog:
    desk, me = c.desk, c.actor
    proposed = (c.detail.deadlines.due or datetime.now()) + timedelta(days=3)
    return c.dialog(
        CaseActions.tr("Request extension %1"),
        [
            Field("reason", CaseActions.tr("Reason"), "multiline"),
            Field("consent", CaseActions.tr("Customer's consent (when, how)")),
            Field("new_deadline", CaseActions.tr("New deadline"), "datetime", default=proposed),
        ],
        lambda v: desk.cases.request_extension(
            me, c.seen, ExtensionInput(v["reason"], v["consent"], v["new_deadline"] or proposed)
        ),
    )


def decide_extension(c: CaseContext) -> ActionDialog:
    desk, me = c.desk, c.actor
    pending = [e for e in c.detail.extensions if e.status is ExtensionStatus.PENDING]
    info = c.summary
    if pending:
        asked = pending[-1]
        info += "\n" + (
            CaseActions.tr("Requested: %1; new deadline %2; customer's consent: %3")
            .replace("%1", asked.reason)
            .replace("%2", f"{asked.new_deadline:%Y-%m-%d %H:%M}")
            .replace("%3", asked.customer_consent)
        )
    return c.dialog(
        CaseActions.tr("Decide extension %1"),
        [
            Field(
                "approve",
                CaseActions.tr("Decision"),
                "choice",
                [(True, label(Decision.APPROVE)), (False, label(Decision.REJECT))],
                empty=None,
            ),
            Field("note", CaseActions.tr("Note")),
        ],
        lambda v: desk.cases.decide_extension(me, c.seen, bool(v["approve"]), v["note"]),
        info,
    )


def follow_up(c: CaseContext) -> ActionDialog:
    desk, me = c.desk, c.actor
    return c.dialog(
        CaseActions.tr("Follow-up %1"),
        [
            Field("method", CaseActions.tr("How"), "choice", c.choices("followup_method"), default="phone"),
            Field("solved", CaseActions.tr("Problem solved"), "check", default=True),
            # issue 17 part F: no default satisfaction (the clerk asks and chooses); the visit's own time
            Field("satisfaction", CaseActions.tr("Satisfaction"), "choice", satisfaction_choices()),
            Field("comments", CaseActions.tr("Comments"), "multiline"),
            Field("visited_at", CaseActions.tr("When the customer was called"), "datetime", default=desk.clock()),
        ],
        lambda v: desk.cases.record_follow_up(
            me,
            c.seen,
            FollowUpInput(
                v["method"] or "", v["solved"], v["satisfaction"], v["comments"], visited_at=v["visited_at"]
            ),
        ),
    )


def close(c: CaseContext) -> ActionDialog:
    desk, me = c.desk, c.actor
    return c.dialog(
        CaseActions.tr("Close %1"),
        [Field("note", CaseActions.tr("Note"))],
        lambda v: desk.cases.close(me, c.seen, v["note"]),
    )


def close_abnormally(c: CaseContext) -> ActionDialog:
    desk, me = c.desk, c.actor
    return c.dialog(
        CaseActions.tr("Abnormal closure %1"),
        # issue 12: the reason from the branch's list, and an optional note
        [
            Field("reason", CaseActions.tr("Reason"), "choice", c.choices("abnormal_reason")),
            Field("note", CaseActions.tr("Note"), "multiline"),
        ],
        lambda v: desk.cases.close_abnormally(me, c.seen, v["reason"] or "", v["note"] or ""),
    )


def void(c: CaseContext) -> ActionDialog:
    desk, me = c.desk, c.actor
    return c.dialog(
        CaseActions.tr("Void %1"),
        [Field("reason", CaseActions.tr("Reason"), "multiline")],
        lambda v: desk.cases.void(me, c.seen, v["reason"]),
    )


def escalate(c: CaseContext) -> ActionDialog:
    desk, me = c.desk, c.actor
    return c.dialog(
        CaseActions.tr("Escalate %1"),
        [Field("reason", CaseActions.tr("Reason"))],
        lambda v: desk.cases.escalate(me, c.seen, v["reason"]),
    )


def inform_gm(c: CaseContext) -> ActionDialog:
    desk, me = c.desk, c.actor
    return c.dialog(
        CaseActions.tr("GM informed %1"),
        [Field("note", CaseActions.tr("How"))],
        lambda v: desk.cases.inform_gm(me, c.seen, note=v["note"]),
    )


def first_contact(c: CaseContext) -> ActionDialog:
    """首次联系 (issue 12 "steps"): the handler reached the customer; stops the first-contact clock."""
    desk, me = c.desk, c.actor
    return c.dialog(
        CaseActions.tr("First contact %1"),
        [
            Field("method", CaseActions.tr("How"), "choice", c.choices("reply_method"), default="phone"),
            Field("contacted_at", CaseActions.tr("When (blank: now)"), "datetime"),
            Field("note", CaseActions.tr("Note")),
        ],
        lambda v: desk.cases.record_first_contact(
            me, c.seen, v["method"] or "", v["note"], contacted_at=v["contacted_at"]
        ),
    )


def open_linked(c: CaseContext) -> ActionDialog:
    """A new case tied to this one. Issue 14 part D: it starts as a copy of this case's customer, product
    and facts (``domain.notes.form_from_raw``); the dialog shows the ones a person changes most."""
    from dataclasses import replace

    from branchdesk.domain.notes import form_from_raw

    d = c.detail
    raw = d.intake_raw
    desk, me = c.desk, c.actor
    copied = form_from_raw(raw, d.custom)

    def submit(v: dict[str, Any]) -> object:
        form = replace(
            copied,
            kind="complaint",
            channel=copied.channel or "phone",
            request_type=copied.request_type or "other",
            complainant_name=v["complainant_name"],
            product=v["product"],
            content=v["content"],
        )
        return desk.intake.open_linked_case(me, c.seen, LinkKind(v["kind"]), form)

    return c.dialog(
        CaseActions.tr("Open linked case for %1"),
        [
            Field(
                "kind",
                CaseActions.tr("Why"),
                "choice",
                [
                    (kind.value, label(kind))
                    for kind in (LinkKind.NOT_ACCEPTED, LinkKind.ABOUT_HANDLING, LinkKind.RELATED)
                ],
                empty=None,
            ),
            Field("complainant_name", CaseActions.tr("Complainant"), default=copied.complainant_name),
            Field("product", CaseActions.tr("Product or service"), default=copied.product),
            Field(
                "content",
                CaseActions.tr("Complaint content"),
                "multiline",
                default=CaseActions.tr("The customer does not accept the handling of %1: %2")
                .replace("%1", d.case_no)
                .replace("%2", str(raw.get("content") or "")),
            ),
        ],
        submit,
        CaseActions.tr("The new case copies the customer, product, category and facts of %1.").replace(
            "%1", d.case_no
        ),
        ok_text=CaseActions.tr("Open"),
    )


def edit_custom(c: CaseContext) -> ActionDialog:
    """Issue 12 "fields": the branch's own fields, as at intake; a deactivated field is not offered."""
    desk, me = c.desk, c.actor
    fields = [f for f in c.detail.custom_fields if f.active]
    specs = [
        Field(
            f"custom.{f.key}",
            f.label,
            "choice" if f.type == "choice" else "text",
            [(choice, choice) for choice in f.choices],
            default=custom_text(f.value),
        )
        for f in fields
    ]
    return c.dialog(
        CaseActions.tr("Custom fields of %1"),
        specs,
        lambda v: desk.intake.edit_custom_fields(
            me, c.seen, {f.key: v.get(f"custom.{f.key}") or "" for f in fields}
        ),
    )


# --- issue 17 part E: correcting the intake of a registered case --------------------------------

#: The intake facts the correction dialog offers (English sources), in the intake form's order; the core
#: takes any of ``domain.intake.CORRECTABLE_FIELDS``, the dialog keeps to those a clerk mistypes or that
#: move a deadline, few enough to fit a 1366×768 screen.
CORRECTION_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("complainant_name", QT_TRANSLATE_NOOP("CaseActions", "Complainant"), "text"),
    ("complainant_title", QT_TRANSLATE_NOOP("CaseActions", "Title"), "choice:complainant_title"),
    ("phone", QT_TRANSLATE_NOOP("CaseActions", "Phone"), "text"),
    ("address", QT_TRANSLATE_NOOP("CaseActions", "Address"), "text"),
    ("email", QT_TRANSLATE_NOOP("CaseActions", "E-mail"), "text"),
    ("company", QT_TRANSLATE_NOOP("CaseActions", "Company / customer"), "text"),
    ("customer_type", QT_TRANSLATE_NOOP("CaseActions", "Customer type"), "choice:customer_type"),
    ("is_foreign", QT_TRANSLATE_NOOP("CaseActions", "Foreign customer"), "check"),
    ("received_at", QT_TRANSLATE_NOOP("CaseActions", "Received at"), "datetime"),
    ("channel", QT_TRANSLATE_NOOP("CaseActions", "Channel"), "choice:channel"),
    ("order_no", QT_TRANSLATE_NOOP("CaseActions", "Order no."), "text"),
    ("request_amount", QT_TRANSLATE_NOOP("CaseActions", "Amount asked (yuan)"), "text"),
    ("content", QT_TRANSLATE_NOOP("CaseActions", "Complaint content"), "multiline"),
)


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return bool(old) == bool(new)
    return (old if old is not None else "") == (new if new is not None else "")


def correct_intake(c: CaseContext) -> ActionDialog:
    """更正受理信息: the intake as registered, to correct, with a required reason; only what was changed is
    sent (so a field someone else corrected meanwhile is not written back — and the version check
    refuses a stale dialog anyway)."""
    desk, me, raw = c.desk, c.actor, c.detail.intake_raw
    specs = []
    for name, source, kind in CORRECTION_FIELDS:
        text = CaseActions.tr(source)
        if kind.startswith("choice:"):
            options = c.choices(kind.removeprefix("choice:"))
            if raw.get(name) and raw[name] not in dict(options):
                # a value since taken off the list stays as it is unless the clerk picks another
                options.append((raw[name], str(raw[name])))
            specs.append(Field(name, text, "choice", options, raw.get(name)))
        else:
            specs.append(Field(name, text, kind, default=raw.get(name)))
    specs.append(Field("reason", CaseActions.tr("Reason for the correction"), "multiline"))

    def submit(v: dict[str, Any]) -> object:
        changed = {n: v[n] for n, _s, _k in CORRECTION_FIELDS if not _same(raw.get(n), v[n])}
        for name, value in changed.items():
            if value is None and name not in ("received_at",):
                changed[name] = ""  # an emptied choice is an empty code to the core
        return desk.intake.correct_intake(me, c.seen, changed, v["reason"] or "")

    dialog = c.dialog(CaseActions.tr("Correct the intake of %1"), specs, submit)
    for name in ("content", "reason"):  # a few lines each: the dialog fits a 1366×768 screen
        dialog.fields.widgets[name].setMaximumHeight(110)
    return dialog


# --- issue 14 part B: a corrective/preventive action from the case (the dialog: ui/capa_dialogs.py) ---


def add_capa(c: CaseContext) -> ActionDialog:
    from ui.capa_dialogs import add_item

    return add_item(c)
# --- issue 14 part C: a reward or penalty (奖罚) proposed on the case --------------------------------


def propose_reward(c: CaseContext) -> ActionDialog:
    """Scale line, one subject (an employee or a department), amount within the line, reason. The scale is
    read when the dialog opens (it is configuration, not part of the case as read)."""
    from branchdesk.domain.money import parse_yuan
    from branchdesk.services.rewards import RewardProposal

    desk, me = c.desk, c.actor
    scale = [item for item in desk.rewards.scale(me) if item.active and set(item.proposer_roles) & me.roles]
    lines = [
        (
            item.code,
            f"{item.code} {item.label} · {label(item.kind)} · "
            + (
                format_yuan(item.min_amount_fen)
                if item.fixed_amount
                else f"{format_yuan(item.min_amount_fen)}–{format_yuan(item.max_amount_fen)}"
            ),
        )
        for item in scale
    ]
    amounts = {item.code: item.min_amount_fen for item in scale}
    people = [(p.id, person_with_department(p.name, p.department_name)) for p in c.lookups.people]

    def submit(v: dict[str, Any]) -> object:
        amount = (
            parse_yuan(v["amount_fen"], "amount_fen", c.lookups.money_ceiling_fen)
            if str(v["amount_fen"] or "").strip()
            else amounts.get(v["scale_code"] or "", 0)
        )
        return desk.rewards.propose(
            me,
            c.seen,
            RewardProposal(
                v["scale_code"] or "",
                amount,
                v["reason"],
                subject_user_id=v["subject_user_id"] or None,
                subject_department_id=v["subject_department_id"] or None,
            ),
        )[0]

    return c.dialog(
        CaseActions.tr("Propose reward or penalty %1"),
        [
            Field("scale_code", CaseActions.tr("Scale line"), "choice", lines),
            Field("subject_user_id", CaseActions.tr("Employee"), "choice", people),
            Field("subject_department_id", CaseActions.tr("or department"), "choice", c.lookups.departments),
            Field("amount_fen", CaseActions.tr("Amount (yuan; empty: the line's amount)")),
            Field("reason", CaseActions.tr("Reason"), "multiline"),
        ],
        submit,
    )


# --- issue 14 part D: internal notes, progress notices, reopening a case that comes back --------------


def add_note(c: CaseContext) -> ActionDialog:
    """添加内部备注: staff only — shown in the case window and on the timeline, never printed."""
    desk, me = c.desk, c.actor
    return c.dialog(
        CaseActions.tr("Internal note on %1"),
        [Field("note_text", CaseActions.tr("Note (staff only, never printed)"), "multiline")],
        lambda v: desk.notes.add_note(me, c.seen, v["note_text"]),
        ok_text=CaseActions.tr("Add note"),
    )


def record_contact(c: CaseContext) -> ActionDialog:
    """记录进度告知: a contact with the customer while the case is handled; the first one is the first
    contact. The reply templates serve it as they serve the reply."""
    desk, me, d = c.desk, c.actor, c.detail
    templates = [(body, title) for title, body in c.lookups.reply_templates]
    dialog = c.dialog(
        CaseActions.tr("Progress notice %1"),
        [
            Field("template", CaseActions.tr("Template"), "choice", templates),
            Field("channel", CaseActions.tr("How"), "choice", c.choices("reply_method"), default="phone"),
            Field("said", CaseActions.tr("What was said"), "multiline"),
            Field("contacted_at", CaseActions.tr("When (blank: now)"), "datetime"),
            Field("next_due_at", CaseActions.tr("Next contact due (optional)"), "datetime"),
        ],
        lambda v: desk.notes.record_contact(
            me,
            c.seen,
            v["channel"] or "",
            v["said"],
            contacted_at=v["contacted_at"],
            next_due_at=v["next_due_at"],
        ),
    )
    template = dialog.fields.widgets["template"]
    template.currentIndexChanged.connect(  # type: ignore[attr-defined]
        lambda _i: dialog.fields.set_value(
            "said",
            fill_template(dialog.fields.value("template") or "", d, c.lookups.branch_name, me.full_name),
        )
    )
    return dialog


def reopen(c: CaseContext) -> ActionDialog:
    """重新处理 (policy ``returning_complaint_mode = reopen``): back to 处理中 with a reason."""
    desk, me = c.desk, c.actor
    return c.dialog(
        CaseActions.tr("Reopen %1"),
        [Field("reason", CaseActions.tr("Why the case is handled again"), "multiline")],
        lambda v: desk.notes.reopen(me, c.seen, v["reason"]),
        ok_text=CaseActions.tr("Reopen"),
    )


# --- the table: one entry per button of the case window, in the order shown ------------------

CASE_ACTIONS: dict[Action, CaseOp] = {
    op.action: op
    for op in (
        CaseOp(Action.TRIAGE, QT_TRANSLATE_NOOP("CaseActions", "Triage"), triage),
        CaseOp(Action.ASSIGN, QT_TRANSLATE_NOOP("CaseActions", "Assign / transfer"), assign),
        CaseOp(Action.FIRST_CONTACT, QT_TRANSLATE_NOOP("CaseActions", "First contact"), first_contact),
        CaseOp(
            Action.RECORD_INVESTIGATION,
            QT_TRANSLATE_NOOP("CaseActions", "Investigation report"),
            record_investigation,
        ),
        CaseOp(Action.PROPOSE, QT_TRANSLATE_NOOP("CaseActions", "Propose resolution"), propose),
        CaseOp(Action.APPROVE, QT_TRANSLATE_NOOP("CaseActions", "Approve / reject"), approve),
        CaseOp(Action.REPLY, QT_TRANSLATE_NOOP("CaseActions", "Reply to customer"), reply),
        CaseOp(Action.ANSWER, QT_TRANSLATE_NOOP("CaseActions", "Answer and close"), answer),
        CaseOp(
            Action.REQUEST_EXTENSION, QT_TRANSLATE_NOOP("CaseActions", "Request extension"), request_extension
        ),
        CaseOp(
            Action.DECIDE_EXTENSION, QT_TRANSLATE_NOOP("CaseActions", "Decide extension"), decide_extension
        ),
        CaseOp(Action.FOLLOW_UP, QT_TRANSLATE_NOOP("CaseActions", "Follow-up visit"), follow_up),
        CaseOp(Action.CLOSE, QT_TRANSLATE_NOOP("CaseActions", "Close"), close),
        CaseOp(Action.CLOSE_ABNORMAL, QT_TRANSLATE_NOOP("CaseActions", "Abnormal closure"), close_abnormally),
        CaseOp(Action.OPEN_LINKED, QT_TRANSLATE_NOOP("CaseActions", "Open linked case"), open_linked),
        CaseOp(Action.VOID, QT_TRANSLATE_NOOP("CaseActions", "Void"), void),
        CaseOp(Action.ESCALATE, QT_TRANSLATE_NOOP("CaseActions", "Escalate"), escalate),
        CaseOp(Action.INFORM_GM, QT_TRANSLATE_NOOP("CaseActions", "GM informed"), inform_gm),
        CaseOp(Action.EDIT_CUSTOM, QT_TRANSLATE_NOOP("CaseActions", "Custom fields"), edit_custom),
        CaseOp(Action.CORRECT_INTAKE, QT_TRANSLATE_NOOP("CaseActions", "Correct intake"), correct_intake),
        # issue 14 part A: opinions from several departments (会签), dialogs in ui/case_opinions.py
        CaseOp(Action.ASK_OPINION, QT_TRANSLATE_NOOP("CaseActions", "Ask for opinions"), case_opinions.ask_opinion),
        CaseOp(Action.GIVE_OPINION, QT_TRANSLATE_NOOP("CaseActions", "Give opinion"), case_opinions.give_opinion),
        CaseOp(
            Action.PROCEED_WITHOUT_OPINIONS,
            QT_TRANSLATE_NOOP("CaseActions", "Proceed without waiting"),
            case_opinions.proceed_without_opinions,
        ),
        CaseOp(Action.ADD_CAPA, QT_TRANSLATE_NOOP("CaseActions", "Add CAPA item"), add_capa),  # issue 14 B
        # issue 14 part C: rewards and penalties
        CaseOp(
            Action.PROPOSE_REWARD, QT_TRANSLATE_NOOP("CaseActions", "Propose reward/penalty"), propose_reward
        ),
        # issue 14 part D
        CaseOp(Action.ADD_NOTE, QT_TRANSLATE_NOOP("CaseActions", "Add internal note"), add_note),
        CaseOp(Action.RECORD_CONTACT, QT_TRANSLATE_NOOP("CaseActions", "Record progress notice"), record_contact),
        CaseOp(Action.REOPEN, QT_TRANSLATE_NOOP("CaseActions", "Reopen"), reopen),
    )
}


# --- issue 17 part F: keyboard shortcuts of the case window's common actions ------------------------
#: Ctrl+Shift and a letter of the action's name; the letters of the main window's and the intake form's
#: own keys (Ctrl+N, S, F, P, L, Q) are left out so nobody presses one meaning the other. Rare or
#: final actions (void, abnormal closure, linked case, GM informed, custom fields) have none on purpose.
CASE_SHORTCUTS: dict[Action, str] = {
    Action.TRIAGE: "Ctrl+Shift+T",
    Action.ASSIGN: "Ctrl+Shift+A",
    Action.FIRST_CONTACT: "Ctrl+Shift+K",
    Action.RECORD_INVESTIGATION: "Ctrl+Shift+I",
    Action.PROPOSE: "Ctrl+Shift+O",
    Action.APPROVE: "Ctrl+Shift+G",
    Action.REPLY: "Ctrl+Shift+R",
    Action.ANSWER: "Ctrl+Shift+W",
    Action.REQUEST_EXTENSION: "Ctrl+Shift+X",
    Action.DECIDE_EXTENSION: "Ctrl+Shift+D",
    Action.FOLLOW_UP: "Ctrl+Shift+U",
    Action.CLOSE: "Ctrl+Shift+C",
    Action.ESCALATE: "Ctrl+Shift+E",
}


def dialog_for(action: Action, context: CaseContext) -> ActionDialog | None:
    """The dialog that performs ``action`` (None: the action has no dialog in the case window)."""
    op = CASE_ACTIONS.get(action)
    return op.ask(context) if op is not None else None


def run_case_action(action: Action, context: CaseContext) -> object:
    """Ask, call the service, announce: the result of the service call, or None when cancelled or refused."""
    dialog = dialog_for(action, context)
    if dialog is None:
        return None
    dialog.exec()
    return dialog.result_value


# --- helpers the dialogs share ---------------------------------------------------------------


def leaf_categories(lookups: Lookups) -> list[tuple[str, str]]:
    """The categories a case is filed under — those without children — each with its whole path,
    depth first in the branch's order, so a three-level tree reads as one list the clerk scans."""
    children: dict[str | None, list[tuple[str, str]]] = {}
    for code, name, parent in lookups.categories:
        children.setdefault(parent, []).append((code, name))
    leaves: list[tuple[str, str]] = []

    def walk(parent: str | None, path: tuple[str, ...]) -> None:
        for code, name in children.get(parent, []):
            if code in children and len(path) < 3:
                walk(code, (*path, name))
            else:
                leaves.append((code, " / ".join((*path, name))))

    walk(None, ())
    return leaves


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
