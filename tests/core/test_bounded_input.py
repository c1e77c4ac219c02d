"""Every service entry point, driven with arbitrary values, refuses only in the domain's own words.

Huge and negative integers, ``datetime.min``/``max``, very long and odd Unicode (lone surrogates,
NUL, full-width digits), unknown codes and ids that do not exist: each call either succeeds or
raises a ``BranchDeskError`` — never a database error, an ``OverflowError`` or a ``TypeError``.
Each entry point gets its own case in the state it acts on, and a bounded number of examples.
"""

from __future__ import annotations

import contextlib
import dataclasses
import traceback
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from branchdesk.domain.intake import IntakeForm
from branchdesk.domain.vocab import Decision, LinkKind, Role
from branchdesk.errors import BranchDeskError
from branchdesk.read.capa import CapaFilter  # issue 14 part B
from branchdesk.read.queue import QueueFilter
from branchdesk.services.approval_policy import ApprovalRuleInput, ApprovalStepInput
from branchdesk.services.branch_profile import BranchProfile
from branchdesk.services.context import Actor
from branchdesk.services.deadline_policy import RuleInput, TrialInput
from branchdesk.services.dto import (
    CaseVersion,
    ExtensionInput,
    FollowUpInput,
    IncomingFile,
    InvestigationInput,
    ReplyInput,
    ResolutionInput,
    TriageInput,
)
from branchdesk.services.opinions import OpinionSeen
from tests.conftest import PASSWORD, Branch, complaint_form

# --- values ---------------------------------------------------------------------------------------

ODD = [
    "",
    " ",
    "\ud800",
    "a\udfffb",
    "\x00",
    "x\x00y",
    "1,2,3",
    "1,234.50",
    "¥99,999,999,999",
    "１,２３４.５０元",
    "-0",
    "-1",
    "1e9",
    "NaN",
    "∞",
    "٣",
    "0.001",
    "phone",
    "compensation",
    "ours",
    "normal",
    "business.damage",
    "approve",
    "complaint",
    "consultation",
    "13800135678",
    "a@b.cn",
    "2026-11-01",
    "CS",
]
LONG = st.builds(
    lambda piece, n: piece * n,
    st.sampled_from(["a", "中", "😀", "@", " ", "\ud800", "1", "a@", "1,", "x\x00"]),
    st.integers(0, 100_000),
)
TEXT = st.one_of(
    st.sampled_from(ODD),
    st.text(max_size=40),
    st.text(st.characters(categories=["Cs", "Cc", "Zs", "Nd", "Lo", "So"]), max_size=40),
    LONG,
)
OPT_TEXT = st.one_of(st.none(), TEXT)
MONEY = st.one_of(
    TEXT,
    st.sampled_from(
        ["1,234.50", "1,2,3", "99999999999", "10000000", "10000000.01", "0", "８００", "¥1,000.5"]
    ),
    st.integers(-(10**20), 10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
BIG = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, -1, 1, 2, 5, 100, 2**31 - 1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 10**30]),
)
WHEN = st.one_of(
    st.none(),
    st.datetimes(),
    st.sampled_from([datetime.min, datetime.max, datetime(1989, 12, 31), datetime(2101, 1, 1)]),
)
# issue 12, calendar: notice-like text, pieces of real wording in any order, and the odd values above
NOTICE_TEXT = st.one_of(
    TEXT,
    st.lists(
        st.sampled_from(
            [
                "国务院办公厅关于2026年部分节假日安排的通知\n",
                "一、元旦：",
                "二、春节：",
                "1月1日",
                "12月31日",
                "至",
                "3日",
                "（周六）",
                "放假",
                "上班",
                "补休",
                "调休",
                "，共3天",
                "与周末连休",
                "。",
                "、",
                "\n",
                "２月３０日",
                "(",
                ")",
                "其中",
                "为法定节假日",
                "9999年",
            ]
        ),
        max_size=30,
    ).map("".join),
)
LIST_KEY = st.one_of(st.sampled_from(["channel", "complainant_title", "abnormal_reason"]), TEXT)
ITEM_CODE = st.one_of(st.sampled_from(["phone", "mr", "other", "email"]), TEXT)
DAY = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max]))


def varied(
    build: Callable[..., Any], valid: dict[str, Any], fields: dict[str, st.SearchStrategy[Any]]
) -> Any:
    """A valid input with up to three of its fields arbitrary (so the checks behind the first refusal
    are reached too), or, now and then, every field arbitrary."""
    few = st.lists(st.sampled_from(sorted(fields)), max_size=3, unique=True).flatmap(
        lambda names: st.fixed_dictionaries({name: fields[name] for name in names})
    )
    return st.one_of(few, few, few, st.fixed_dictionaries(fields)).map(
        lambda over: build(**{**valid, **over})
    )


def _ids(*known: int | None) -> st.SearchStrategy[int | None]:
    return st.one_of(st.none(), st.sampled_from([k for k in known if k is not None] or [1]), BIG)


# --- the branch's cases in the states the entry points act on -------------------------------------


_serial = iter(range(1, 10_000))


def _form(**overrides: object) -> IntakeForm:
    """A complaint of its own caller and order (the same ones again would make a repeat, a major case)."""
    n = next(_serial)
    return complaint_form(**{"phone": f"1390013{n:04d}", "order_no": f"SO-{n}", **overrides})


def _triaged(b: Branch, **form: object) -> int:
    ref = b.desk.intake.register(b["clerk"], _form(**form))
    b.desk.cases.triage(
        b["crm"],
        ref.id,
        TriageInput(
            valid=True,
            category_code="business.damage",
            severity="normal",
            responsible_department_id=b["handler"].department_id,
            handler_id=b["handler"].user_id,
        ),
    )
    return ref.id


def _investigated(b: Branch) -> int:
    case_id = _triaged(b)
    b.desk.cases.record_investigation(
        b["handler"],
        case_id,
        InvestigationInput(
            "原因", "经过", "属实", "ours", responsible_department_id=b["handler"].department_id
        ),
    )
    return case_id


def _proposed(b: Branch) -> int:
    case_id = _investigated(b)
    b.desk.cases.propose_resolution(b["handler"], case_id, ResolutionInput("compensation", "100", "赔偿"))
    return case_id


def _awaiting_reply(b: Branch) -> int:
    case_id = _proposed(b)
    b.desk.cases.decide_approval(b["qa_mgr"], case_id, Decision.APPROVE, PASSWORD)
    return case_id


def _awaiting_follow_up(b: Branch) -> int:
    case_id = _awaiting_reply(b)
    b.desk.cases.record_reply(b["clerk"], case_id, ReplyInput("phone", "已告知", accepted=True))
    return case_id


def _followed_up(b: Branch) -> int:
    case_id = _awaiting_follow_up(b)
    b.desk.cases.record_follow_up(b["clerk2"], case_id, FollowUpInput("phone", solved=True, satisfaction=5))
    return case_id


def _extension_pending(b: Branch) -> int:
    case_id = _triaged(b)
    b.desk.cases.request_extension(
        b["handler"], case_id, ExtensionInput("等检测报告", "客户同意", b.clock.now + timedelta(days=30))
    )
    return case_id


def _registered(b: Branch, **form: object) -> int:
    return b.desk.intake.register(b["clerk"], _form(**form)).id


def _draft(b: Branch) -> int:
    return b.desk.intake.save_draft(b["clerk"], _form()).id


def _major(b: Branch) -> int:
    return _triaged(b, complainant_count=10)


def _consultation(b: Branch) -> int:
    return _registered(b, kind="consultation", request_type="")


# issue 14 part A: a case in handling that waits for the sales department's opinion
def _asked(b: Branch) -> tuple[int, int, int]:
    """(case id, the pending ask's id, its version)."""
    case_id = _triaged(b)
    b.desk.opinions.ask(b["handler"], case_id, [b["sales_mgr"].department_id], "请给出意见")
    ask = b.desk.queries.case_detail(b["crm"], case_id).opinions[-1]
    return case_id, ask.id, ask.version


# --- the entry points -----------------------------------------------------------------------------

Call = Callable[[], object]


class Drive:
    """Strategies of calls on one branch: each draws its arguments and returns a thunk."""

    def __init__(self, b: Branch) -> None:
        self.b = b
        self.people = [a.user_id for a in b.actors.values()]
        self.departments = sorted({a.department_id for a in b.actors.values() if a.department_id})
        b.desk.admin.save_custom_field(b["admin"], "store", "门店", "choice", ["浦东店", "徐汇店"])
        b.desk.admin.save_custom_field(b["admin"], "pieces", "件数", "number")
        b.desk.admin.save_custom_field(b["admin"], "bought", "购买日期", "date")
        b.desk.admin.save_custom_field(b["admin"], "remark", "说明", "text")

    def actor(self, *usernames: str) -> st.SearchStrategy[Actor]:
        right = [self.b[u] for u in usernames]
        everyone = list(self.b.actors.values())
        return st.one_of(
            st.sampled_from(right or everyone),
            st.sampled_from(right or everyone),
            st.sampled_from(everyone),
            st.builds(Actor, user_id=BIG),
        )

    def ref(self, case_id: int) -> st.SearchStrategy[Any]:
        return st.one_of(
            st.just(case_id),
            st.just(case_id),
            st.builds(CaseVersion, st.just(case_id), BIG),
            BIG,
            TEXT,
            st.builds(CaseVersion, BIG, BIG),
        )

    def form(self) -> st.SearchStrategy[IntakeForm]:
        custom = st.dictionaries(
            st.sampled_from(["store", "pieces", "bought", "remark", "unknown"]),
            st.one_of(TEXT, BIG, st.floats(), DAY, st.sampled_from(["浦东店", "12", "2026-01-01", "1e400"])),
            max_size=4,
        )
        valid = dataclasses.asdict(complaint_form())
        return varied(
            IntakeForm,
            valid,
            dict(
                received_at=WHEN,
                channel=st.one_of(st.just("phone"), TEXT),
                kind=st.one_of(st.just("complaint"), TEXT),
                complainant_name=st.one_of(st.just("李先生"), TEXT),
                complainant_title=TEXT,
                phone=st.one_of(st.just("13800135678"), TEXT),
                address=TEXT,
                email=st.one_of(st.just("a@b.cn"), TEXT, LONG.map(lambda s: s + "@x.cn")),
                company=TEXT,
                customer_type=TEXT,
                is_foreign=st.booleans(),
                product=TEXT,
                order_no=TEXT,
                part_no=TEXT,
                lot_no=TEXT,
                quantity=TEXT,
                defective_quantity=TEXT,
                delivery_date=DAY,
                vehicle_model=TEXT,
                plate=TEXT,
                occurred_at=WHEN,
                complained_department_id=_ids(*self.departments),
                complained_user_id=_ids(*self.people),
                complained_person=TEXT,
                content=st.one_of(st.just("货物破损"), TEXT),
                request_type=st.one_of(st.just("compensation"), TEXT),
                request_amount=MONEY,
                request_text=TEXT,
                complainant_count=st.one_of(st.just(1), BIG),
                personal_injury=st.booleans(),
                lawsuit_threatened=st.booleans(),
                media_involved=st.booleans(),
                external_body=st.booleans(),
                repeat_of_case_no=TEXT,
                custom=custom,
            ),
        )

    def entry_points(self) -> dict[str, Callable[[], st.SearchStrategy[Call]]]:
        b, desk = self.b, self.b.desk
        cases, admin = desk.cases, desk.admin
        clerk = ("clerk", "crm")
        managers = ("qa_mgr", "deputy", "gm")

        def call(fn: Callable[..., object], *args: st.SearchStrategy[Any]) -> st.SearchStrategy[Call]:
            return st.tuples(*args).map(lambda values: lambda: fn(*values))

        def on(
            state: Callable[[Branch], int], fn: Callable[..., object], who: tuple[str, ...], *args: Any
        ) -> Any:
            return lambda: call(fn, self.actor(*who), self.ref(state(b)), *args)

        people, departments = self.people, self.departments
        triage = varied(
            TriageInput,
            dict(
                valid=True,
                category_code="business.damage",
                severity="normal",
                responsible_department_id=b["handler"].department_id,
                handler_id=b["handler"].user_id,
            ),
            dict(
                valid=st.booleans(),
                category_code=st.one_of(st.just("business.damage"), OPT_TEXT),
                severity=st.one_of(st.just("normal"), OPT_TEXT),
                invalid_reason=OPT_TEXT,
                declared_major=st.booleans(),
                loss_estimate=MONEY,
                responsible_department_id=_ids(*departments),
                handler_id=_ids(*people),
                note=TEXT,
            ),
        )
        investigation = varied(
            InvestigationInput,
            dict(
                cause="原因",
                details="经过",
                conclusion="属实",
                responsibility="ours",
                responsible_department_id=b["handler"].department_id,
            ),
            dict(
                cause=TEXT,
                details=TEXT,
                conclusion=TEXT,
                responsibility=st.one_of(st.just("ours"), TEXT),
                responsible_department_id=_ids(*departments),
                responsible_person=TEXT,
                corrective_action=TEXT,
                preventive_action=TEXT,
                track_improvement=st.booleans(),
                shares=st.lists(st.tuples(_ids(*departments).map(lambda x: x or 0), BIG), max_size=4),
            ),
        )
        reply = varied(
            ReplyInput,
            dict(method="phone", content="已告知", accepted=True),
            dict(method=TEXT, content=TEXT, accepted=st.booleans(), replied_at=WHEN),
        )
        return {
            # intake
            "intake.save_draft": lambda: call(
                desk.intake.save_draft, self.actor(*clerk), self.form(), _ids(_draft(b))
            ),
            "intake.register": lambda: call(
                desk.intake.register, self.actor(*clerk), self.form(), _ids(_draft(b))
            ),
            "intake.open_linked_case": lambda: call(
                desk.intake.open_linked_case,
                self.actor(*clerk),
                self.ref(_registered(b)),
                st.one_of(st.sampled_from(list(LinkKind)), TEXT),
                self.form(),
            ),
            "intake.customer_history": lambda: call(
                desk.intake.customer_history,
                self.actor(*clerk),
                st.one_of(st.just("13800135678"), TEXT),
                st.one_of(st.none(), self.form()),
                BIG,
            ),
            # issue 12 "fields": the custom values corrected after intake
            "intake.edit_custom_fields": on(
                _registered,
                desk.intake.edit_custom_fields,
                clerk,
                st.one_of(
                    st.dictionaries(
                        st.one_of(st.sampled_from(["store", "pieces", "bought", "remark", "unknown"]), TEXT),
                        st.one_of(TEXT, BIG, st.floats(), DAY, st.none(), st.sampled_from(["浦东店", "12"])),
                        max_size=4,
                    ),
                    TEXT,
                    BIG,
                    st.none(),
                ),
            ),
            # issue 17 part E: attachments at intake, correcting the intake, the customer's details
            "intake.register_with_files": lambda: call(
                desk.intake.register,
                self.actor(*clerk),
                self.form(),
                st.none(),
                st.one_of(
                    st.lists(
                        st.builds(
                            IncomingFile, st.one_of(st.just("a.png"), TEXT), st.binary(max_size=64), TEXT
                        ),
                        max_size=3,
                    ),
                    TEXT,
                    BIG,
                    st.none(),
                ),
            ),
            "intake.correct_intake": on(
                _registered,
                desk.intake.correct_intake,
                clerk,
                st.one_of(
                    st.dictionaries(
                        st.one_of(
                            st.sampled_from(["phone", "complainant_name", "is_foreign", "received_at"]), TEXT
                        ),
                        st.one_of(TEXT, BIG, st.floats(), DAY, WHEN, st.none(), st.booleans()),
                        max_size=4,
                    ),
                    TEXT,
                    st.none(),
                ),
                st.one_of(st.just("打错了"), TEXT, BIG),
            ),
            "intake.customer_details": lambda: call(
                desk.intake.customer_details, self.actor(*clerk), st.one_of(st.just("13800135678"), TEXT, BIG)
            ),
            # cases
            "cases.triage": on(_registered, cases.triage, ("crm",), triage),
            "cases.assign": on(
                _triaged, cases.assign, ("crm", "qa_mgr"), _ids(*people), _ids(*departments), TEXT
            ),
            # issue 17, part D: 分派 of several cases from the queue
            "cases.assign_many": lambda: call(
                cases.assign_many,
                self.actor("crm", "qa_mgr"),
                st.one_of(st.lists(self.ref(_triaged(b)), max_size=3), TEXT, BIG, st.none()),
                _ids(*people),
                _ids(*departments),
                TEXT,
            ),
            "cases.record_investigation": on(
                _triaged, cases.record_investigation, ("handler",), investigation
            ),
            "cases.propose_resolution": on(
                _investigated,
                cases.propose_resolution,
                ("handler",),
                varied(
                    ResolutionInput,
                    dict(resolution_type="compensation", amount="100", text="赔偿"),
                    dict(resolution_type=TEXT, amount=MONEY, text=TEXT),
                ),
            ),
            "cases.decide_approval": on(
                _proposed,
                cases.decide_approval,
                managers,
                st.one_of(st.sampled_from(list(Decision)), TEXT),
                st.one_of(st.just(PASSWORD), TEXT),
                TEXT,
            ),
            "cases.record_reply": on(_awaiting_reply, cases.record_reply, clerk, reply),
            "cases.answer": on(_consultation, cases.answer, clerk, reply),
            "cases.request_extension": on(
                _triaged,
                cases.request_extension,
                ("handler",),
                varied(
                    ExtensionInput,
                    dict(
                        reason="等检测报告",
                        customer_consent="客户同意",
                        new_deadline=b.clock.now + timedelta(days=30),
                    ),
                    dict(reason=TEXT, customer_consent=TEXT, new_deadline=WHEN),
                ),
            ),
            "cases.decide_extension": on(
                _extension_pending, cases.decide_extension, ("crm", "qa_mgr"), st.booleans(), TEXT
            ),
            "cases.record_follow_up": on(
                _awaiting_follow_up,
                cases.record_follow_up,
                ("clerk2", "crm"),
                varied(
                    FollowUpInput,
                    dict(method="phone", solved=True, satisfaction=5),
                    dict(
                        method=TEXT,
                        solved=st.booleans(),
                        satisfaction=st.one_of(st.integers(1, 5), BIG),
                        comments=TEXT,
                        visited_at=WHEN,
                    ),
                ),
            ),
            "cases.close": on(_followed_up, cases.close, ("crm",), TEXT),
            "cases.close_abnormally": on(_triaged, cases.close_abnormally, ("crm",), TEXT, TEXT),
            "cases.void": on(_registered, cases.void, ("crm",), TEXT),
            "cases.escalate": on(_triaged, cases.escalate, ("crm", "handler"), TEXT),
            "cases.inform_gm": on(_major, cases.inform_gm, ("crm",), WHEN, TEXT),
            "cases.add_attachment": on(
                _registered,
                cases.add_attachment,
                clerk,
                TEXT,
                st.one_of(st.binary(max_size=64), st.just(b"")),
                TEXT,
                TEXT,
            ),
            "cases.attachment_content": lambda: call(cases.attachment_content, self.actor(*clerk), BIG),
            "cases.sweep": lambda: call(cases.sweep, st.one_of(st.none(), self.actor())),
            "cases.record_first_contact": on(
                _triaged,
                cases.record_first_contact,
                ("handler", "crm", "clerk"),
                st.one_of(st.just("phone"), TEXT),
                TEXT,
                WHEN,
            ),
            # issue 14 part A: opinions from several departments (会签)
            "cases.opinions.ask": on(
                _triaged,
                desk.opinions.ask,
                ("handler", "qa_mgr", "crm", "clerk"),
                st.one_of(st.lists(_ids(*departments), max_size=4), st.just([departments[-1]]), TEXT, BIG),
                st.one_of(st.just("请给出意见"), TEXT, BIG),
            ),
            "cases.opinions.give": lambda: (lambda asked: call(
                desk.opinions.give,
                self.actor("sales_mgr", "handler2"),
                st.one_of(
                    st.just(OpinionSeen(asked[1], asked[2])),
                    st.builds(OpinionSeen, st.one_of(st.just(asked[1]), BIG), BIG),
                    TEXT,
                    BIG,
                ),
                st.one_of(st.just("同意"), TEXT, BIG),
                st.one_of(st.none(), st.just(30), BIG, TEXT),
            ))(_asked(b)),
            "cases.opinions.proceed_without": lambda: call(
                desk.opinions.proceed_without,
                self.actor("qa_mgr", "crm", "handler"),
                self.ref(_asked(b)[0]),
                st.one_of(st.just("客户催促"), TEXT, BIG),
            ),
            # administration
            "admin.create_user": lambda: call(
                lambda actor, kw: admin.create_user(actor, **kw),
                self.actor("admin"),
                varied(
                    dict,
                    dict(
                        username="new",
                        full_name="新人",
                        department_code="CS",
                        roles=[Role.CLERK],
                        password="pw-12345",
                    ),
                    dict(
                        username=TEXT,
                        full_name=TEXT,
                        department_code=TEXT,
                        roles=st.one_of(st.lists(st.sampled_from(list(Role))), st.lists(TEXT, max_size=2)),
                        password=TEXT,
                    ),
                ),
            ),
            "admin.set_roles": lambda: call(
                admin.set_roles,
                self.actor("admin"),
                _ids(b["clerk2"].user_id),
                st.one_of(st.lists(st.sampled_from(list(Role)), max_size=3), st.lists(TEXT, max_size=2)),
            ),
            "admin.set_active": lambda: call(
                admin.set_active, self.actor("admin"), _ids(b["deputy2"].user_id), st.booleans()
            ),
            # issue 17 part F: a user's name and department, with the row as the administrator saw it
            "admin.update_user": lambda: call(
                lambda actor, user_id, name, code, seen: admin.update_user(
                    actor, user_id, full_name=name, department_code=code, seen=seen
                ),
                self.actor("admin"),
                _ids(b["clerk2"].user_id),
                TEXT,
                st.one_of(st.sampled_from(["CS", "QA"]), TEXT),
                st.one_of(
                    st.sampled_from(list(admin.snapshot(b["admin"]).users)), TEXT, st.none()
                ),
            ),
            "admin.save_department": lambda: call(
                admin.save_department, self.actor("admin"), TEXT, TEXT, st.booleans()
            ),
            "admin.save_category": lambda: call(
                admin.save_category,
                self.actor("admin"),
                TEXT,
                TEXT,
                st.one_of(st.just("business"), OPT_TEXT),
                st.booleans(),
            ),
            # issue 12, vocabularies (admin group: the same settings page)
            "admin.vocabulary.add_item": lambda: call(
                desk.vocabulary.add_item, self.actor("admin"), LIST_KEY, TEXT, TEXT
            ),
            "admin.vocabulary.rename_item": lambda: call(
                desk.vocabulary.rename_item, self.actor("admin"), LIST_KEY, ITEM_CODE, TEXT
            ),
            "admin.vocabulary.move_item": lambda: call(
                desk.vocabulary.move_item, self.actor("admin"), LIST_KEY, ITEM_CODE, st.one_of(BIG, TEXT)
            ),
            "admin.vocabulary.set_item_active": lambda: call(
                desk.vocabulary.set_item_active,
                self.actor("admin"),
                LIST_KEY,
                ITEM_CODE,
                st.one_of(st.booleans(), TEXT),
            ),
            "admin.vocabulary.delete_item": lambda: call(
                desk.vocabulary.delete_item, self.actor("admin"), LIST_KEY, ITEM_CODE
            ),
            "admin.vocabulary.rename_label": lambda: call(
                desk.vocabulary.rename_label,
                self.actor("admin"),
                st.one_of(st.sampled_from(["Kind", "Role", "Action"]), TEXT),
                st.one_of(st.sampled_from(["complaint", "gm", "clerk"]), TEXT),
                TEXT,
                TEXT,
            ),
            "admin.deadline_rule_save": lambda: call(
                desk.deadline_policy.save,
                self.actor("admin"),
                st.one_of(st.none(), st.just(1), BIG),
                varied(
                    RuleInput,
                    dict(priority=5, label="规则", amount=3, unit="working_days"),
                    dict(
                        priority=BIG,
                        label=TEXT,
                        amount=BIG,
                        unit=st.one_of(st.sampled_from(["working_hours", "same_working_day"]), TEXT),
                        step=st.one_of(st.sampled_from(["case", "reply", "follow_up"]), TEXT),
                        kind=OPT_TEXT,
                        category_code=st.one_of(st.just("business"), OPT_TEXT),
                        min_severity=OPT_TEXT,
                        major=st.one_of(st.none(), st.booleans()),
                        severity_or_major=st.booleans(),
                        foreign=st.one_of(st.none(), st.booleans()),
                        channel=st.one_of(st.just("phone"), OPT_TEXT),
                        customer_type=OPT_TEXT,
                        custom_key=OPT_TEXT,
                        custom_value=OPT_TEXT,
                    ),
                ),
            ),
            "admin.deadline_rule_delete": lambda: call(
                desk.deadline_policy.delete, self.actor("admin"), st.one_of(st.just(1), BIG)
            ),
            "admin.deadline_trial": lambda: call(
                desk.deadline_policy.trial,
                self.actor("admin"),
                varied(
                    TrialInput,
                    dict(received_at=datetime(2026, 11, 2, 9, 0)),
                    dict(
                        received_at=WHEN,
                        kind=OPT_TEXT,
                        category_code=st.one_of(st.just("business.damage"), OPT_TEXT),
                        severity=OPT_TEXT,
                        major=st.one_of(st.booleans(), TEXT),
                        channel=OPT_TEXT,
                        customer_type=OPT_TEXT,
                        foreign=st.booleans(),
                        custom_values=st.dictionaries(TEXT, TEXT, max_size=3),
                        assigned_at=WHEN,
                        replied_at=WHEN,
                    ),
                ),
            ),
            "admin.business_hours": lambda: call(
                desk.deadline_policy.save_business_hours,
                self.actor("admin"),
                st.one_of(st.just("08:30"), TEXT),
                st.one_of(st.just("17:30"), TEXT),
                st.one_of(st.just("12:00"), TEXT),
                st.one_of(st.just("13:00"), TEXT),
            ),
            # issue 12 "approvals": the approval rules
            "admin.approval_policy.save_rule": lambda: call(
                desk.approval_policy.save_rule,
                self.actor("admin"),
                st.one_of(st.none(), st.just(1), BIG),
                varied(
                    ApprovalRuleInput,
                    dict(priority=5, label="规则", steps=[ApprovalStepInput("gm")], max_amount="500"),
                    dict(
                        priority=BIG,
                        label=TEXT,
                        steps=st.one_of(
                            st.lists(
                                st.builds(
                                    ApprovalStepInput,
                                    st.one_of(st.sampled_from([r.value for r in Role]), TEXT),
                                    st.booleans(),
                                ),
                                max_size=10,
                            ),
                            TEXT,
                        ),
                        min_amount=MONEY,
                        max_amount=MONEY,
                        category_code=st.one_of(st.just("business"), OPT_TEXT),
                        kind=OPT_TEXT,
                        min_severity=OPT_TEXT,
                        major=st.one_of(st.none(), st.booleans(), TEXT),
                        active=st.one_of(st.booleans(), TEXT),
                    ),
                ),
            ),
            "admin.approval_policy.delete_rule": lambda: call(
                desk.approval_policy.delete_rule,
                self.actor("admin"),
                st.one_of(st.sampled_from([1, 2, 3]), BIG),
            ),
            "admin.set_calendar_day": lambda: call(
                admin.set_calendar_day, self.actor("admin"), st.one_of(DAY, WHEN), st.booleans(), TEXT
            ),
            "admin.confirm_calendar_year": lambda: call(
                admin.confirm_calendar_year, self.actor("admin"), BIG
            ),
            "admin.save_reply_template": lambda: call(
                admin.save_reply_template, self.actor("admin"), st.one_of(st.none(), BIG), TEXT, TEXT
            ),
            "admin.save_custom_field": lambda: call(
                admin.save_custom_field,
                self.actor("admin"),
                TEXT,
                TEXT,
                st.one_of(st.sampled_from(["text", "number", "date", "choice"]), TEXT),
                st.lists(TEXT, max_size=3),
                st.booleans(),
                st.booleans(),
            ),
            "admin.set_setting": lambda: call(
                admin.set_setting,
                self.actor("admin"),
                st.one_of(
                    st.sampled_from(
                        [
                            "money_ceiling_fen",
                            "office_opens",
                            "idle_lock_minutes",
                            "confirmed_calendar_years",
                            "form_custom_fields",  # issue 12 "fields"
                            "monthly_breakdown_field",
                        ]
                    ),
                    TEXT,
                ),
                st.one_of(
                    BIG,
                    TEXT,
                    st.booleans(),
                    st.lists(BIG, max_size=3),
                    st.none(),
                    st.dictionaries(
                        st.one_of(st.sampled_from(["receipt", "handling"]), TEXT),
                        st.one_of(st.lists(st.one_of(TEXT, BIG), max_size=3), TEXT, BIG),
                        max_size=3,
                    ),
                ),
            ),
            # issue 12, calendar: the holiday notice (services/calendar_admin.py)
            "admin.calendar_preview_notice": lambda: call(
                desk.calendar.preview_notice, self.actor("admin"), NOTICE_TEXT, st.one_of(st.none(), BIG)
            ),
            "admin.calendar_apply_notice": lambda: call(
                desk.calendar.apply_notice, self.actor("admin"), NOTICE_TEXT, st.one_of(st.none(), BIG)
            ),
            "admin.calendar_list_days": lambda: call(desk.calendar.list_days, self.actor("admin"), BIG),
            # issue 12 "fields": the branch profile
            "branch_profile.save": lambda: call(
                desk.branch_profile.save,
                self.actor("admin"),
                st.one_of(
                    varied(
                        BranchProfile,
                        dict(name="网点", code="TS01", address="", phone="", fax="", postal_code=""),
                        dict(name=TEXT, code=TEXT, address=TEXT, phone=TEXT, fax=TEXT, postal_code=TEXT),
                    ),
                    TEXT,
                    st.none(),
                ),
            ),
            "branch_profile.get": lambda: call(desk.branch_profile.get, self.actor()),
            "admin.step_policy.save": lambda: call(
                desk.step_policy.save,
                self.actor("admin", "crm"),
                st.one_of(st.sampled_from(["first_contact", "gm_inform"]), TEXT),
                st.one_of(st.integers(0, 100), BIG, TEXT),
                st.one_of(st.sampled_from(["mark", "escalate", "notify"]), TEXT),
                st.one_of(st.sampled_from(["gm", "cr_manager", ""]), TEXT, st.none()),
                st.one_of(st.booleans(), BIG),
            ),
            # reading
            "queries.queue_page": lambda: st.tuples(
                self.actor(),
                varied(
                    QueueFilter,
                    {},
                    dict(
                        statuses=st.lists(TEXT, max_size=3),
                        scope=TEXT,
                        kinds=st.lists(TEXT, max_size=3),
                        category_codes=st.lists(TEXT, max_size=3),
                        severities=st.lists(TEXT, max_size=3),
                        channels=st.lists(TEXT, max_size=3),
                        received_from=DAY,
                        received_to=DAY,
                        major_only=st.booleans(),
                        search=TEXT,
                        include_closed=st.booleans(),
                        drafts_only=st.booleans(),
                        awaiting_my_approval=st.booleans(),
                        follow_up_due=st.booleans(),
                        custom=st.one_of(  # issue 12 "fields"
                            st.lists(
                                st.tuples(st.one_of(st.sampled_from(["store", "remark"]), TEXT), TEXT),
                                max_size=3,
                            ),
                            TEXT,
                            BIG,
                            st.lists(st.one_of(TEXT, BIG), max_size=2),
                        ),
                        steps_due_soon=st.booleans(),
                        steps_overdue=st.booleans(),
                        steps_alerted_to_me=st.booleans(),
                        # issue 17, part D: the charts' click-through
                        department_ids=st.one_of(st.lists(st.one_of(BIG, st.just(0)), max_size=3), TEXT, BIG),
                        closed_from=DAY,
                        closed_to=DAY,
                        timing=st.one_of(st.sampled_from(["", "on_time", "late"]), TEXT),
                        pile=st.one_of(TEXT, BIG),
                    ),
                ),
                TEXT,
                st.booleans(),
                BIG,
                BIG,
            ).map(
                lambda v: (
                    lambda: desk.queries.queue_page(
                        v[0], v[1], sort=v[2], descending=v[3], offset=v[4], limit=v[5]
                    )
                )
            ),
            "queries.case_detail": lambda: call(
                desk.queries.case_detail, self.actor(), self.ref(_registered(b))
            ),
            "queries.is_own_draft": lambda: call(desk.queries.is_own_draft, self.actor(), _ids(_draft(b))),
            "queries.work_counts": lambda: call(desk.queries.work_counts, self.actor()),
            "queries.lookups": lambda: call(desk.queries.lookups, self.actor()),
            # issue 17 part C: the one search box
            "search.search": lambda: call(desk.search.search, self.actor(), TEXT, BIG),
            "queries.handler_choices": lambda: call(  # issue 17 part E
                desk.queries.handler_choices, self.actor(), _ids(*self.departments)
            ),
            # issue 14 part D: internal notes, progress notices, the complaint that comes back
            "notes.add_note": on(
                _triaged,
                desk.notes.add_note,
                ("handler", "crm", "clerk", "admin"),
                TEXT,
                st.one_of(
                    st.none(),
                    TEXT,
                    st.lists(st.builds(IncomingFile, TEXT, st.binary(max_size=64)), max_size=12),
                ),
            ),
            "notes.record_contact": lambda: call(
                lambda actor, ref, channel, said, at, due: desk.notes.record_contact(
                    actor, ref, channel, said, contacted_at=at, next_due_at=due
                ),
                self.actor("handler", "crm", "clerk"),
                self.ref(_triaged(b)),
                st.one_of(st.just("phone"), TEXT),
                TEXT,
                WHEN,
                WHEN,
            ),
            "notes.reopen": on(_followed_up, desk.notes.reopen, ("crm", "clerk"), TEXT),
            "notes.returning_form": on(_registered, desk.notes.returning_form, ("clerk", "crm")),
            **self.capa_entry_points(),  # issue 14 part B
            **self.reward_entry_points(call),  # issue 14 part C
        }

    # --- issue 14 part B: corrective and preventive actions (CAPA) ---------------------------------

    def capa_entry_points(self) -> dict[str, Callable[[], st.SearchStrategy[Call]]]:
        b, capa = self.b, self.b.desk.capa
        people, departments = self.people, self.departments
        kind = st.one_of(st.sampled_from(["corrective", "preventive"]), TEXT, BIG)
        when = st.one_of(DAY, WHEN, TEXT, st.just(b.clock.now.date() + timedelta(days=5)))

        def item(state: str) -> tuple[int, int]:
            item_id = capa.add(
                b["handler"],
                _investigated(b),
                kind="corrective",
                description="整改",
                owner_id=b["handler2"].user_id,
                department_id=b["handler2"].department_id or 0,
                due_date=b.clock.now.date() + timedelta(days=10),
            )
            if state in ("done", "not_effective"):
                capa.mark_done(b["handler2"], item_id, 1)
            if state == "not_effective":
                today = b.clock.now.date()
                capa.verify(b["crm"], item_id, 2, effective=False, evidence="无效", check_date=today)
            (row,) = [r for r in capa.list(b["crm"]) if r.id == item_id]
            return item_id, row.version

        def on_item(state: str, build: Callable[[Any], Call], *args: st.SearchStrategy[Any]) -> Any:
            def strategy() -> st.SearchStrategy[Call]:
                item_id, version = item(state)
                return st.tuples(
                    self.actor("handler2", "crm"),
                    st.one_of(st.just(item_id), BIG),
                    st.one_of(st.just(version), BIG, TEXT),
                    *args,
                ).map(build)

            return strategy

        filters = st.builds(
            CapaFilter,
            department_id=_ids(*departments),
            status=st.one_of(st.none(), st.sampled_from(["open", "done", "verified", ""]), TEXT, BIG),
            overdue=st.one_of(st.booleans(), TEXT),
            owner_id=_ids(*people),
            case_id=_ids(1, 2),
        )
        files = st.one_of(
            st.none(),
            st.builds(IncomingFile, TEXT, st.one_of(st.binary(max_size=64), st.just(b"")), TEXT),
        )
        return {
            "capa.add": lambda: st.tuples(
                self.actor("handler", "crm"),
                self.ref(_investigated(b)),
                kind,
                TEXT,
                _ids(*people),
                _ids(*departments),
                when,
            ).map(
                lambda v: lambda: capa.add(
                    v[0], v[1], kind=v[2], description=v[3], owner_id=v[4], department_id=v[5], due_date=v[6]
                )
            ),
            "capa.mark_done": on_item("open", lambda v: lambda: capa.mark_done(*v), TEXT),
            "capa.verify": on_item(
                "done",
                lambda v: lambda: capa.verify(
                    v[0], v[1], v[2], effective=v[3], evidence=v[4], check_date=v[5], attachment_id=v[6],
                    file=v[7],
                ),
                st.one_of(st.booleans(), TEXT),
                TEXT,
                when,
                _ids(1),
                files,
            ),
            "capa.reopen": on_item("not_effective", lambda v: lambda: capa.reopen(*v), when, TEXT),
            "capa.reassign": on_item(
                "open",
                lambda v: lambda: capa.reassign(
                    v[0], v[1], v[2], owner_id=v[3], department_id=v[4], due_date=v[5], note=v[6]
                ),
                _ids(*people),
                _ids(*departments),
                when,
                TEXT,
            ),
            "capa.list": lambda: call_with(capa.list, self.actor(), st.one_of(st.none(), filters)),
            "capa.count": lambda: call_with(capa.count, self.actor(), st.one_of(st.none(), filters)),
            "capa.of_case": lambda: call_with(capa.of_case, self.actor(), _ids(1)),
            "capa.work_tile": lambda: call_with(capa.work_tile, self.actor()),
        }

    # --- issue 14 part C: rewards and penalties ---
    def reward_entry_points(
        self, call: Callable[..., st.SearchStrategy[Call]]
    ) -> dict[str, Callable[[], st.SearchStrategy[Call]]]:
        from branchdesk.domain.approvals import ApprovalStep
        from branchdesk.domain.rewards import RewardKind, ScaleItem
        from branchdesk.services.rewards import RewardProposal

        b, rewards = self.b, self.b.desk.rewards

        def case_seen() -> CaseVersion:
            case_id = _proposed(b)
            return CaseVersion(case_id, b.desk.queries.case_detail(b["crm"], case_id).version)

        def pending() -> int:
            _ref, record_id = rewards.propose(
                b["crm"],
                case_seen(),
                RewardProposal("P1", 5_000, "态度", subject_user_id=b["handler"].user_id),
            )
            return record_id

        subject = st.one_of(st.none(), _ids(*self.people))
        scale = varied(
            ScaleItem,
            dict(
                code="X1",
                label="标准",
                kind=RewardKind.PENALTY,
                min_amount_fen=100,
                max_amount_fen=200,
                points=-1,
                measure="",
                proposer_roles=(Role.CR_MANAGER,),
                chain=(ApprovalStep(Role.GM),),
                active=True,
                version=0,
            ),
            dict(
                code=TEXT,
                label=TEXT,
                kind=st.one_of(st.sampled_from(list(RewardKind)), TEXT),
                min_amount_fen=BIG,
                max_amount_fen=BIG,
                points=BIG,
                measure=TEXT,
                proposer_roles=st.lists(st.sampled_from(list(Role)), max_size=3).map(tuple),
                chain=st.lists(st.sampled_from([ApprovalStep(r) for r in Role]), max_size=10).map(tuple),
                active=st.one_of(st.booleans(), BIG),
                version=BIG,
            ),
        )
        return {
            "rewards.propose": lambda: call(
                rewards.propose,
                self.actor("crm", "qa_mgr"),
                st.one_of(st.just(case_seen()), st.builds(CaseVersion, BIG, BIG)),
                varied(
                    RewardProposal,
                    dict(
                        scale_code="P1", amount_fen=5_000, reason="态度", subject_user_id=b["handler"].user_id
                    ),
                    dict(
                        scale_code=st.one_of(st.sampled_from(["P1", "P3", "R1"]), TEXT),
                        amount_fen=st.one_of(BIG, TEXT),
                        reason=TEXT,
                        subject_user_id=subject,
                        subject_department_id=st.one_of(st.none(), _ids(*self.departments)),
                    ),
                ),
            ),
            "rewards.decide": lambda: call(
                rewards.decide,
                self.actor("qa_mgr", "gm"),
                st.one_of(st.just(pending()), BIG),
                st.one_of(st.just(1), st.just(2), BIG),
                st.one_of(st.sampled_from(list(Decision)), TEXT),
                st.one_of(st.just(PASSWORD), TEXT),
                TEXT,
            ),
            "rewards.save_scale_item": lambda: call(rewards.save_scale_item, self.actor("admin"), scale),
            "rewards.history": lambda: st.tuples(
                self.actor("crm", "gm"), subject, _ids(*self.departments)
            ).map(lambda v: lambda: rewards.history(v[0], user_id=v[1], department_id=v[2])),
            "rewards.for_case": lambda: call(
                rewards.for_case, self.actor(), st.one_of(st.just(_proposed(b)), BIG)
            ),
            "rewards.get": lambda: call(rewards.get, self.actor(), st.one_of(st.just(pending()), BIG, TEXT)),
            "rewards.may_sign": lambda: call(
                rewards.may_sign, self.actor(), st.one_of(st.just(pending()), BIG)
            ),
        }


GROUPS = (
    "intake.",
    "cases.",
    "admin.",
    "queries.",
    "branch_profile.",
    "search.",
    "capa.",  # issue 14 part B
    "rewards.",  # issue 14 part C
    "notes.",  # issue 14 part D
)


def call_with(fn: Callable[..., object], *args: st.SearchStrategy[Any]) -> st.SearchStrategy[Call]:
    return st.tuples(*args).map(lambda values: lambda: fn(*values))


def _drive(b: Branch, group: str, examples: int) -> None:
    drive = Drive(b)
    failures: list[str] = []
    for name, strategy_of in drive.entry_points().items():
        if not name.startswith(group):
            continue

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(thunk=strategy_of())
        def run(thunk: Call) -> None:
            with contextlib.suppress(BranchDeskError):  # the domain's own refusal: fine
                thunk()

        try:
            run()
        except Exception as exc:
            failures.append(
                f"{name}: {type(exc).__name__}: {str(exc)[:300]}\n"
                + "".join(traceback.format_exception(exc))[-2500:]
            )
    assert not failures, "\n\n".join(failures)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("group", GROUPS)
def test_every_entry_point_refuses_only_in_its_own_words(branch: Branch, group: str) -> None:
    _drive(branch, group, examples=40)


@pytest.mark.parametrize("group", GROUPS)
def test_a_few_of_each_on_both_engines(branch: Branch, group: str) -> None:
    if branch.engine == "sqlite":
        pytest.skip("SQLite runs the full set above")
    _drive(branch, group, examples=20)
