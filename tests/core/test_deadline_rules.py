"""Deadline rules as policy data (issue 12 "rules"): units, conditions, steps, delete, 试算, migration.

End to end through the services on the ``branch`` fixture (SQLite and PostgreSQL). The branch's
week: Monday 2026-11-02 … Friday 11-06, Saturday 11-07, Monday 11-09 (no holidays).
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select, text

from branchdesk.domain import defaults
from branchdesk.domain.calendar import WorkingCalendar
from branchdesk.domain.deadlines import (
    SlaFacts,
    SlaRule,
    add_duration,
    find_rule,
    same_working_day,
    schedule,
)
from branchdesk.domain.vocab import DeadlineStep, DeadlineUnit, Kind, Severity
from branchdesk.errors import DomainError, FieldError
from branchdesk.services.deadline_policy import RuleInput, TrialInput
from branchdesk.services.dto import TriageInput
from branchdesk.storage.migrate import upgrade
from branchdesk.storage.models import Case, Category, Setting, SlaRuleRow
from tests.conftest import Branch, complaint_form
from tests.core.conftest import revision_before, rewind_to

FRIDAY_15 = datetime(2026, 11, 6, 15, 0)
LUNCH_CAL = WorkingCalendar(
    lunch_starts=datetime(2000, 1, 1, 12).time(), lunch_ends=datetime(2000, 1, 1, 13).time()
)


# --- the units, in the domain --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (FRIDAY_15, 7, datetime(2026, 11, 9, 14, 0)),  # 2.5 h Friday, 3.5 h Monday morning, 1 h after lunch
        (FRIDAY_15, 6, datetime(2026, 11, 9, 12, 0)),  # ends exactly at the lunch break: stays there
        (datetime(2026, 11, 2, 11, 30), 1, datetime(2026, 11, 2, 13, 30)),  # lunch skipped
        (datetime(2026, 11, 2, 12, 20), 1, datetime(2026, 11, 2, 14, 0)),  # received at lunch: from 13:00
        (datetime(2026, 11, 2, 7, 0), 1, datetime(2026, 11, 2, 9, 30)),  # before opening: from 08:30
        (datetime(2026, 11, 2, 19, 0), 1, datetime(2026, 11, 3, 9, 30)),  # after closing: next opening
        (datetime(2026, 11, 7, 10, 0), 2, datetime(2026, 11, 9, 10, 30)),  # Saturday: Monday's opening
    ],
)
def test_working_hours_count_inside_business_hours_only(start: datetime, hours: int, due: datetime) -> None:
    assert add_duration(LUNCH_CAL, start, hours, DeadlineUnit.WORKING_HOURS).at == due


def test_working_hours_skip_the_national_day_holiday_and_flag_guessed_years() -> None:
    # 2026-09-30 (Wed) 17:00: half an hour that day, then Oct 1–7 off, Oct 8 is the next working day.
    assert add_duration(
        WorkingCalendar(), datetime(2026, 9, 30, 17, 0), 1, DeadlineUnit.WORKING_HOURS
    ).at == (datetime(2026, 10, 8, 9, 0))
    guessed = add_duration(WorkingCalendar(), datetime(2031, 3, 3, 9, 0), 1, DeadlineUnit.WORKING_HOURS)
    assert guessed.unconfirmed
    assert (
        add_duration(WorkingCalendar(), datetime(2031, 3, 3, 9, 0), 1, DeadlineUnit.HOURS).unconfirmed
        is False
    )


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (datetime(2026, 11, 2, 10, 0), datetime(2026, 11, 2, 17, 30)),
        (datetime(2026, 11, 2, 17, 30), datetime(2026, 11, 3, 17, 30)),  # at closing: next working day
        (datetime(2026, 11, 7, 10, 0), datetime(2026, 11, 9, 17, 30)),  # Saturday
        (datetime(2026, 10, 1, 10, 0), datetime(2026, 10, 8, 17, 30)),  # National Day
    ],
)
def test_same_working_day(start: datetime, due: datetime) -> None:
    assert same_working_day(WorkingCalendar(), start).at == due


def test_a_category_rule_matches_a_grandchild_by_its_path() -> None:
    rules = [
        SlaRule(1, "产品品质 5 个工作日", 5, DeadlineUnit.WORKING_DAYS, category_code="quality.product"),
        SlaRule(9, "其他", 1, DeadlineUnit.WORKING_DAYS),
    ]
    facts = SlaFacts(
        Kind.COMPLAINT, ("quality", "quality.product", "quality.product.paint"), None, False, False
    )
    assert find_rule(rules, facts) is rules[0]
    other = SlaFacts(Kind.COMPLAINT, ("quality", "quality.safety"), None, False, False)
    assert find_rule(rules, other) is rules[1]


def test_step_rules_time_only_their_step_and_the_reply_is_capped_by_the_case() -> None:
    rules = [SlaRule(**r) for r in defaults.SLA_RULES]  # type: ignore[arg-type]
    rules.append(SlaRule(5, "答复 10 个工作日", 10, DeadlineUnit.WORKING_DAYS, step=DeadlineStep.REPLY.value))
    facts = SlaFacts(Kind.COMPLAINT, (), Severity.NORMAL, False, False)
    plan = schedule(WorkingCalendar(), rules, facts, datetime(2026, 11, 2, 9, 0))
    assert plan.case.rule is not None and plan.case.rule.label == "投诉·一般 1 个工作日"
    assert plan.case.due.at == datetime(2026, 11, 3, 17, 30)
    reply = plan.steps[DeadlineStep.REPLY]
    assert reply.capped and reply.due.at == plan.case.due.at
    assert plan.steps[DeadlineStep.FIRST_CONTACT].due.at == datetime(2026, 11, 2, 10, 0)
    assert plan.steps[DeadlineStep.INVESTIGATION].due.at == datetime(2026, 11, 5, 17, 30)
    # The follow-up counts from the reply's due time when no reply is given: 2 working days.
    assert plan.steps[DeadlineStep.FOLLOW_UP].due.at == datetime(2026, 11, 5, 17, 30)


# --- through the services ---------------------------------------------------------------------------


def rule(label: str, amount: int, unit: DeadlineUnit, priority: int = 1, **conditions: object) -> RuleInput:
    return RuleInput(priority=priority, label=label, amount=amount, unit=unit.value, **conditions)  # type: ignore[arg-type]


_callers = iter(range(1000, 10_000))


def register_at(b: Branch, at: datetime, **form: object) -> int:
    """A complaint from a new caller each time (the same caller twice would be a repeat, hence major)."""
    b.clock.now = at
    n = next(_callers)
    form = {"phone": f"1390000{n:04d}", "complainant_name": f"客户{n}", **form}
    return b.desk.intake.register(b["clerk"], complaint_form(received_at=at, **form)).id


def deadline_of(b: Branch, case_id: int) -> tuple[datetime, str]:
    with b.desk.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.deadline_at is not None
        return case.deadline_at, case.sla_label


def test_working_hours_across_lunch_and_weekend_end_to_end(branch: Branch) -> None:
    b = branch
    policy = b.desk.deadline_policy
    policy.save_business_hours(b["admin"], "08:30", "17:30", "12:00", "13:00")
    policy.save(b["admin"], None, rule("投诉 7 个工作小时", 7, DeadlineUnit.WORKING_HOURS, kind="complaint"))
    case_id = register_at(b, FRIDAY_15)
    assert deadline_of(b, case_id) == (datetime(2026, 11, 9, 14, 0), "投诉 7 个工作小时")
    with pytest.raises(FieldError) as refused:
        policy.save_business_hours(b["admin"], "08:30", "17:30", "12:00", "")
    assert "lunch_ends" in refused.value.errors
    with pytest.raises(FieldError) as refused:
        policy.save_business_hours(b["admin"], "08:30", "17:30", "18:00", "19:00")
    assert "lunch_ends" in refused.value.errors


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime(2026, 11, 2, 10, 0), datetime(2026, 11, 2, 17, 30)),
        (datetime(2026, 11, 7, 10, 0), datetime(2026, 11, 9, 17, 30)),  # Saturday
        (datetime(2026, 11, 2, 18, 0), datetime(2026, 11, 3, 17, 30)),  # after closing
    ],
)
def test_a_same_day_rule_on_the_channel_wins_over_the_broader_rule(
    branch: Branch, received: datetime, due: datetime
) -> None:
    b = branch
    b.desk.deadline_policy.save(
        b["admin"], None, rule("来访当日办结", 1, DeadlineUnit.SAME_WORKING_DAY, channel="visit")
    )
    assert deadline_of(b, register_at(b, received, channel="visit")) == (due, "来访当日办结")
    # A phone complaint still gets the broader rule (投诉·一般 1 个工作日, priority 60).
    assert deadline_of(b, register_at(b, received, channel="phone"))[1] == "投诉·一般 1 个工作日"


def test_a_rule_on_a_custom_field_wins_over_the_broader_rule(branch: Branch) -> None:
    b = branch
    b.desk.admin.save_custom_field(b["admin"], "vip", "VIP 客户", "choice", ["是", "否"])
    policy = b.desk.deadline_policy
    with pytest.raises(FieldError) as refused:
        policy.save(
            b["admin"],
            None,
            rule("VIP", 2, DeadlineUnit.WORKING_HOURS, custom_key="vip", custom_value="也许"),
        )
    assert set(refused.value.errors) == {"custom_value"}
    with pytest.raises(FieldError) as refused:
        policy.save(b["admin"], None, rule("渠道", 2, DeadlineUnit.HOURS, channel="pigeon"))
    assert set(refused.value.errors) == {"channel"}
    policy.save(
        b["admin"],
        None,
        rule("VIP 2 个工作小时", 2, DeadlineUnit.WORKING_HOURS, custom_key="vip", custom_value="是"),
    )
    monday_9 = datetime(2026, 11, 2, 9, 0)
    vip = register_at(b, monday_9, custom={"vip": "是"})
    assert deadline_of(b, vip) == (datetime(2026, 11, 2, 11, 0), "VIP 2 个工作小时")
    plain = register_at(b, monday_9, custom={"vip": "否"})
    assert deadline_of(b, plain) == (datetime(2026, 11, 3, 17, 30), "投诉·一般 1 个工作日")


def test_a_rule_on_a_middle_category_times_a_case_in_its_grandchild(branch: Branch) -> None:
    b = branch
    # The category service takes two levels today (issue 12 "vocab" opens a third); the grandchild
    # is added as a row, which is all the rule needs: a case's category path.
    with b.desk.db.write() as session:
        parent = session.scalars(select(Category).where(Category.code == "quality.product")).one()
        session.add(Category(code="quality.product.paint", label="漆面", parent_id=parent.id))
        session.execute(text("UPDATE branch SET config_version = config_version + 1"))
    b.desk.deadline_policy.save(
        b["admin"],
        None,
        rule("产品品质 5 个工作日", 5, DeadlineUnit.WORKING_DAYS, category_code="quality.product"),
    )
    case_id = register_at(b, datetime(2026, 11, 2, 9, 0))
    b.desk.cases.triage(
        b["crm"], case_id, TriageInput(valid=True, category_code="quality.product.paint", severity="normal")
    )
    assert deadline_of(b, case_id) == (datetime(2026, 11, 9, 17, 30), "产品品质 5 个工作日")


def test_the_trial_gives_what_a_registered_and_assigned_case_gets(branch: Branch) -> None:
    b = branch
    policy = b.desk.deadline_policy
    policy.save_business_hours(b["admin"], "08:30", "17:30", "12:00", "13:00")
    policy.save(
        b["admin"],
        None,
        rule(
            "企业客户 6 个工作小时", 6, DeadlineUnit.WORKING_HOURS, customer_type="company", kind="complaint"
        ),
    )
    policy.save(
        b["admin"],
        None,
        rule(
            "企业客户 调查 1 个工作日",
            1,
            DeadlineUnit.WORKING_DAYS,
            step="investigation",
            customer_type="company",
        ),
    )
    received = datetime(2026, 11, 6, 16, 40)
    case_id = register_at(b, received, customer_type="company")
    assigned = datetime(2026, 11, 9, 11, 50)
    b.clock.now = assigned
    b.desk.cases.triage(
        b["crm"],
        case_id,
        TriageInput(
            valid=True, category_code="business.damage", severity="normal", handler_id=b["handler"].user_id
        ),
    )
    trial = policy.trial(
        b["admin"],
        TrialInput(
            received_at=received,
            kind="complaint",
            category_code="business.damage",
            severity="normal",
            channel="phone",
            customer_type="company",
            assigned_at=assigned,
        ),
    )
    with b.desk.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        steps = {s.step: s for s in trial.steps}
        assert (trial.case.due, trial.case.rule_name) == (case.deadline_at, case.sla_label)
        assert steps["first_contact"].due == case.first_contact_due_at
        assert steps["investigation"].due == case.investigation_due_at
    # The numbers themselves: 50 min Friday, 3.5 h Monday morning, 1 h 40 after lunch → 14:40; first contact
    # 1 working hour from 11:50 → 10 min before lunch, 50 min after → 13:50.
    assert trial.case.due == datetime(2026, 11, 9, 14, 40)
    assert steps["first_contact"].due == datetime(2026, 11, 9, 13, 50)
    assert steps["first_contact"].rule_name == "首次联系客户 1 个工作小时"
    assert (steps["investigation"].due, steps["investigation"].rule_name) == (
        datetime(2026, 11, 10, 17, 30),
        "企业客户 调查 1 个工作日",
    )
    assert steps["reply"].due == trial.case.due and steps["reply"].rule_name == ""
    assert not trial.unconfirmed
    far = policy.trial(b["admin"], TrialInput(received_at=datetime(2031, 3, 3, 9, 0)))
    assert far.unconfirmed and far.case.unconfirmed


def test_deleting_a_rule_and_never_the_last_catch_all(branch: Branch) -> None:
    b = branch
    policy = b.desk.deadline_policy
    rules = policy.rules(b["admin"])
    catch_all = next(r for r in rules if r.label.startswith("建议/表扬"))
    first_contact = next(r for r in rules if r.step == "first_contact")
    with pytest.raises(DomainError, match="最后一条"):
        policy.delete(b["admin"], catch_all.id)
    with pytest.raises(DomainError, match="最后一条"):
        policy.delete(b["admin"], first_contact.id)
    with pytest.raises(DomainError, match="最后一条"):  # narrowing it is deleting it for the other cases
        policy.save(
            b["admin"], catch_all.id, rule(catch_all.label, 3, DeadlineUnit.WORKING_DAYS, 90, kind="praise")
        )
    consultation = next(r for r in rules if r.kind == "consultation")
    policy.delete(b["admin"], consultation.id)
    assert consultation.id not in {r.id for r in policy.rules(b["admin"])}
    b.clock.now = datetime(2026, 11, 2, 9, 0)
    ref = b.desk.intake.register(b["clerk"], complaint_form(kind="consultation", received_at=b.clock.now))
    assert deadline_of(b, ref.id)[1] == catch_all.label  # the consultation falls to the catch-all now
    new_id = policy.save(b["admin"], None, rule("兜底", 5, DeadlineUnit.WORKING_DAYS, 999))
    policy.delete(b["admin"], catch_all.id)  # another catch-all stands
    assert {r.id for r in policy.rules(b["admin"]) if r.step == "case" and r.kind is None} >= {new_id}


def test_a_0010_database_gets_its_step_settings_as_equivalent_rules(branch: Branch) -> None:
    b = branch
    rewind_to(b.desk.db, "0012")  # what later migrations added goes first
    with b.desk.db.write() as session:  # back to how 0010 left a branch: settings time the steps
        session.execute(text("DELETE FROM sla_rule WHERE step <> 'case'"))
        for column in ("step", "channel", "customer_type", "custom_key", "custom_value"):
            session.execute(text(f"ALTER TABLE sla_rule DROP COLUMN {column}"))
        for key, value in (
            ("first_contact_hours", 2),
            ("investigation_days", 5),
            ("investigation_unit", "calendar_days"),
            ("follow_up_hours", 48),
        ):
            session.add(Setting(key=key, value=value))
        session.flush()
        session.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": revision_before("0012")})
    upgrade(b.desk.db)
    with b.desk.db.read() as session:
        steps = {
            r.step: (r.amount, r.unit, r.label)
            for r in session.scalars(select(SlaRuleRow).where(SlaRuleRow.step != "case"))
        }
        old = session.execute(text("SELECT count(*) FROM setting WHERE key LIKE 'follow_up%'")).scalar()
        case_rules = session.scalars(select(SlaRuleRow.label).where(SlaRuleRow.step == "case")).all()
    assert steps == {
        "first_contact": (2, "hours", "首次联系客户 2 小时"),
        "investigation": (5, "calendar_days", "调查报告 5 天"),
        "follow_up": (48, "hours", "回访 48 小时"),  # their policy, kept as it was
        "opinion": (2, "working_days", "会签意见 2 个工作日"),  # the step migration 0023 added (issue 14 A)
    }
    assert old == 0 and len(case_rules) == len([r for r in defaults.SLA_RULES if "step" not in r])
    # And the services time the steps by them.
    case_id = register_at(b, datetime(2026, 11, 6, 16, 0))
    b.desk.cases.triage(
        b["crm"],
        case_id,
        TriageInput(
            valid=True, category_code="business.damage", severity="normal", handler_id=b["handler"].user_id
        ),
    )
    with b.desk.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assert case.first_contact_due_at == datetime(2026, 11, 6, 18, 0)
        assert case.investigation_due_at == datetime(2026, 11, 11, 17, 30)


def test_the_step_seam_times_the_reply_by_its_rule_capped_at_the_case_deadline(branch: Branch) -> None:
    """``ServiceBase._step_due`` (what the step services call) for the reply: no rule → the case
    deadline; a rule → counted from the given start, never later than the case deadline."""
    from branchdesk.services.base import ServiceBase

    b = branch
    case_id = register_at(b, datetime(2026, 11, 2, 9, 0))  # 投诉·一般: due Tuesday 17:30

    def reply_due() -> datetime:
        with b.desk.door.read(b["admin"]) as unit:
            case = unit.session.get(Case, case_id)
            assert case is not None
            return ServiceBase._step_due(unit, case, DeadlineStep.REPLY, case.received_at).at

    assert reply_due() == datetime(2026, 11, 3, 17, 30)
    policy = b.desk.deadline_policy
    reply = policy.save(
        b["admin"], None, rule("答复 2 个工作小时", 2, DeadlineUnit.WORKING_HOURS, step="reply")
    )
    assert reply_due() == datetime(2026, 11, 2, 11, 0)
    policy.save(b["admin"], reply, rule("答复 5 个工作日", 5, DeadlineUnit.WORKING_DAYS, step="reply"))
    assert reply_due() == datetime(2026, 11, 3, 17, 30)  # capped
