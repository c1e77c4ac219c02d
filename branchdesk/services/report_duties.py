"""Report duties (issue 15 part M): the reports the policy asks for, who owes which now, and the record
that a period's summary was made (``ReportService.export_summary`` calls ``record_made``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from branchdesk.domain import report_duties as rd
from branchdesk.domain.bounds import Checks
from branchdesk.domain.periods import Period
from branchdesk.domain.text import clean_text
from branchdesk.domain.vocab import Role
from branchdesk.errors import ConcurrentChange, FieldError, PermissionDenied
from branchdesk.i18n import Label, Text
from branchdesk.read.report_duties import DutyRow, OwedReport
from branchdesk.services.base import ServiceBase
from branchdesk.services.context import Actor
from branchdesk.services.timeline import record
from branchdesk.services.unit_of_work import Unit
from branchdesk.storage.models import Department, ReportDuty, ReportMade, User


def rule_text(rule: str, day: int) -> Text:
    return Text("duty.rule_last_month" if rule == "last_month" else "duty.rule_after_end", {"day": day})


def _row(r: ReportDuty) -> DutyRow:
    return DutyRow(
        r.id, r.label, r.kind, r.rule, r.day, r.role, r.department_code, r.version, rule_text(r.rule, r.day)
    )


def record_made(unit: Unit, period: Period, path: Path) -> None:
    """A summary of ``period`` was written to ``path``: every duty of that period is made (a date range
    is no duty's period and is not recorded)."""
    if period.kind not in rd.PERIOD_KINDS:
        return
    unit.session.add(
        ReportMade(
            period_key=period.key,
            kind=period.kind,
            made_at=unit.now,
            made_by_id=unit.user.id,
            file_name=path.name[:255],
        )
    )
    record(
        unit.session,
        at=unit.now,
        actor=unit.user,
        action="report_made",
        text=Text("event.report_made", {"period": period.label, "file": path.name}),
    )


class ReportDutyService(ServiceBase):
    # --- the list (the administrator edits it; anyone may read it) -----------------------------

    def duties(self, actor: Actor) -> tuple[DutyRow, ...]:
        with self._door.read(actor) as unit:
            rows = unit.session.scalars(select(ReportDuty).order_by(ReportDuty.sort_order, ReportDuty.id))
            return tuple(_row(r) for r in rows)

    def save(
        self,
        actor: Actor,
        duty_id: int | None,
        *,
        label: str,
        kind: str,
        rule: str,
        day: int,
        role: str,
        department: str | None = None,
        seen: int | None = None,
    ) -> int:
        """Add a duty (``duty_id`` None) or change one, naming the ``version`` the screen read."""
        department = department or None
        if department is not None and (not isinstance(department, str) or len(department) > 20):
            raise FieldError({"department": Text("field.not_found", {"field": Label("Field", "department")})})
        # clean_text: no control characters (PostgreSQL refuses NUL), trimmed; the limit is checked after
        duty = rd.Duty(
            kind, rule, day, role, department, clean_text(label[:1000]) if isinstance(label, str) else label
        )
        with self._unit(actor) as unit:
            self._admin(unit)
            codes = set(unit.session.scalars(select(Department.code)))
            problems = rd.duty_problems(duty, codes)
            if problems:
                raise FieldError(dict(problems))
            twin = (
                unit.session.scalars(  # one duty per period kind, role and department (the policy file's key)
                    select(ReportDuty.id).where(
                        ReportDuty.kind == duty.kind,
                        ReportDuty.role == duty.role,
                        ReportDuty.department_code.is_(None)
                        if duty.department is None
                        else ReportDuty.department_code == duty.department,
                    )
                ).first()
            )
            if twin is not None and twin != duty_id:
                raise FieldError({"kind": Text("duty.duplicate")})
            if duty_id is None:
                count = len(list(unit.session.scalars(select(ReportDuty.id))))
                if count >= rd.MAX_DUTIES:
                    raise FieldError({"duty": Text("duty.too_many", {"limit": rd.MAX_DUTIES})})
                row = ReportDuty(since=unit.now.date(), sort_order=count, version=0)
                unit.session.add(row)
            else:
                row = self._existing(unit, ReportDuty, duty_id, "duty")
                self._fresh(unit, row, seen)
            changes = [
                (key, getattr(row, key, None), value)
                for key, value in (
                    ("label", duty.label),
                    ("kind", duty.kind),
                    ("rule", duty.rule),
                    ("day", duty.day),
                    ("role", duty.role),
                    ("department_code", duty.department),
                )
                if getattr(row, key, None) != value
            ]
            for key, _old, value in changes:
                setattr(row, key, value)
            row.version = (row.version or 0) + 1
            row.changed_by_id, row.changed_at = unit.user.id, unit.now
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="report_duty",
                text=Text(
                    "event.report_duty_saved",
                    {
                        "label": duty.label,
                        "kind": Label("PeriodKind", duty.kind),
                        "rule": rule_text(duty.rule, duty.day),
                        "role": Label("Role", duty.role),
                    },
                ),
                changes=changes,
            )
            unit.mark_config_changed()
            unit.session.flush()
            return row.id

    def remove(self, actor: Actor, duty_id: int, seen: int) -> None:
        with self._unit(actor) as unit:
            self._admin(unit)
            row = self._existing(unit, ReportDuty, duty_id, "duty")
            self._fresh(unit, row, seen)
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="report_duty",
                text=Text("event.report_duty_removed", {"label": row.label}),
                changes=[("label", row.label, None)],
            )
            unit.session.delete(row)
            unit.mark_config_changed()

    @staticmethod
    def _admin(unit: Unit) -> None:
        if Role.ADMIN not in unit.actor.roles:
            raise PermissionDenied(Text("duty.admin_only"))

    @staticmethod
    def _fresh(unit: Unit, row: ReportDuty, seen: int | None) -> None:
        """The row is still the version the screen showed; else who changed it and when."""
        if seen is None or row.version != seen:
            who = unit.session.get(User, row.changed_by_id) if row.changed_by_id else None
            at = row.changed_at.strftime("%Y-%m-%d %H:%M") if row.changed_at else ""
            raise ConcurrentChange(Text("duty.changed", {"who": who.full_name if who else "", "at": at}))

    # --- who owes what ---------------------------------------------------------------------------

    def owed(self, actor: Actor, today: date | None = None) -> tuple[OwedReport, ...]:
        """The reports ``actor`` makes (their role, and department where the duty names one) that are
        due or overdue on ``today`` (default: the clock's day), overdue first, then by due date."""
        checks = Checks()
        checks.moment("date", today)  # 1990–2100: a period of year 9999 has no end day
        checks.done()
        with self._door.read(actor) as unit:
            today = today or unit.now.date()
            roles = {r.value for r in unit.actor.roles}
            department = (
                unit.session.scalar(select(Department.code).where(Department.id == unit.actor.department_id))
                if unit.actor.department_id is not None
                else None
            )
            mine = [
                r
                for r in unit.session.scalars(
                    select(ReportDuty).order_by(ReportDuty.sort_order, ReportDuty.id)
                )
                if r.role in roles and (r.department_code is None or r.department_code == department)
            ]
            if not mine:
                return ()
            made = set(
                unit.session.scalars(
                    select(ReportMade.period_key).where(ReportMade.kind.in_({r.kind for r in mine}))
                )
            )
            out: list[OwedReport] = []
            for r in mine:
                duty = rd.Duty(r.kind, r.rule, r.day, r.role, r.department_code, r.label)
                for item in rd.owed(duty, today, r.since, made):
                    out.append(
                        OwedReport(
                            r.id, r.label, r.kind, item.period.key, item.period.label, item.due, item.overdue
                        )
                    )
            return tuple(sorted(out, key=lambda o: (not o.overdue, o.due, o.duty_id)))
