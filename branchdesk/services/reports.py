"""Report use cases: the monthly summary, the ledger export, the ledger import."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from branchdesk.domain.periods import Period
from branchdesk.domain.periods import month as month_period
from branchdesk.domain.vocab import Role
from branchdesk.errors import FieldError, PermissionDenied
from branchdesk.i18n import Label, Text
from branchdesk.read.queue import QueueFilter
from branchdesk.reports.monthly import MonthlyReport, build_summary, previous_month
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.queries import QueryService
from branchdesk.services.report_duties import record_made  # issue 15 part M
from branchdesk.services.unit_of_work import UnitOfWork
from branchdesk.services.visibility import may_see_phone, visible_cases
from branchdesk.storage.audit_chain import current_anchor
from branchdesk.storage.models import CustomField

if TYPE_CHECKING:  # the Excel writers (openpyxl) load when an export runs, not when the app starts
    from branchdesk.reports.ledger_xlsx import Progress

REPORT_ROLES = frozenset({Role.CR_MANAGER, Role.GM, Role.DEPUTY_GM})


def parse_month(text: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in text.strip().replace("/", "-").split("-"))
    except ValueError:
        raise FieldError({"month": Text("report.month")}) from None
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise FieldError({"month": Text("report.month")})
    return year, month


class ReportService(ServiceBase):
    def __init__(self, door: UnitOfWork, queries: QueryService) -> None:
        super().__init__(door)
        self._queries = queries  # the queue's own conditions, so an export matches what the user filtered

    def _check(self, unit: Unit) -> None:
        if not unit.actor.roles & REPORT_ROLES:
            raise PermissionDenied(Text("report.roles"))

    def monthly(self, actor: Actor, year: int, month: int, by_field: str | None = None) -> MonthlyReport:
        """The month's figures (report roles only); ``by_field``: a custom field key to break the
        received cases down by (None: the setting ``monthly_breakdown_field``; "": none)."""
        return self.summary(actor, month_period(year, month), by_field)

    def summary(self, actor: Actor, period: Period, by_field: str | None = None) -> MonthlyReport:
        """The figures of any period (issue 15 part S; ``domain.periods.parse_period``)."""
        _check_by_field(by_field)
        with self._door.read(actor) as unit:
            self._check(unit)
            _field_exists(unit, by_field)
            return build_summary(unit.session, unit.config, period, by_field)

    def export_monthly(
        self, actor: Actor, year: int, month: int, path: Path, by_field: str | None = None
    ) -> Path:
        """客诉案件统计表 of the month, stamped with the audit chain head it was read at."""
        return self.export_summary(actor, month_period(year, month), path, by_field)

    def export_summary(
        self, actor: Actor, period: Period, path: Path, by_field: str | None = None
    ) -> Path:
        """客诉案件统计表 of any period (issue 15 part S): the monthly workbook's sheets, its comparison
        with the previous period and the same period last year."""
        _check_by_field(by_field)
        with self._door.read(actor) as unit:
            self._check(unit)
            _field_exists(unit, by_field)
            report = build_summary(unit.session, unit.config, period, by_field)
            anchor = current_anchor(unit.session)
        from branchdesk.reports.monthly_xlsx import write_monthly  # openpyxl: not needed to start the app

        written = write_monthly(report, path, anchor=anchor)
        with self._unit(actor) as unit:  # issue 15 part M: the period is made (once the file exists)
            record_made(unit, period, written)
        return written

    def export_ledger(
        self, actor: Actor, start: date, end: date, path: Path, progress: Progress | None = None
    ) -> int:
        """投诉台帐 of cases received from ``start`` to ``end`` (inclusive); returns the row count."""
        if end < start:
            raise FieldError({"to": Text("report.dates")})
        begin = datetime.combine(start, time.min)
        finish = datetime.combine(end + timedelta(days=1), time.min)
        title = f"投诉台帐（{start:%Y年%m月%d日}—{end:%Y年%m月%d日}）"
        from branchdesk.reports.ledger_xlsx import period_conditions, write_ledger

        # A read unit: a long export must not hold the write lock the counter needs.
        with self._door.read(actor) as unit:
            self._check(unit)
            return write_ledger(
                unit.session,
                unit.config,
                [*period_conditions(begin, finish), visible_cases(unit.actor)],
                path,
                f"{unit.config.branch_name} {title}",
                progress,
                show_phone=may_see_phone(unit.actor),
                anchor=current_anchor(unit.session),
            )

    def export_queue(
        self, actor: Actor, filters: QueueFilter, path: Path, progress: Progress | None = None
    ) -> int:
        """The queue as the user filtered it, in the ledger's columns (report roles only)."""
        from branchdesk.reports.ledger_xlsx import write_ledger

        with self._door.read(actor) as unit:
            self._check(unit)
            conditions = self._queries.queue_conditions(
                unit.session, unit.actor, filters, unit.now
            )
            return write_ledger(
                unit.session,
                unit.config,
                conditions,
                path,
                f"{unit.config.branch_name} 投诉台帐（案件队列导出 {unit.now:%Y-%m-%d %H:%M}）",
                progress,
                show_phone=may_see_phone(unit.actor),
                anchor=current_anchor(unit.session),
            )

    def monthly_reminder(self, actor: Actor, today: date | None = None) -> tuple[int, int] | None:
        """From the 1st to the 10th, the month whose summary the CR manager owes (domain §9)."""
        today = today or self._clock().date()
        if Role.CR_MANAGER not in actor.roles or today.day > 10:
            return None
        return previous_month(today.year, today.month)


# --- issue 12 "fields": the monthly breakdown by a custom field ----------------------------------


def _check_by_field(by_field: str | None) -> None:
    if by_field is not None and (not isinstance(by_field, str) or len(by_field) > 40):
        raise FieldError({"by_field": Text("field.format", {"field": Label("Field", "custom_value")})})


def _field_exists(unit: Unit, by_field: str | None) -> None:
    """A key the branch has defined (active or not); "" asks for no breakdown."""
    if by_field and unit.session.scalar(select(CustomField.id).where(CustomField.key == by_field)) is None:
        raise FieldError({"by_field": Text("field.not_found", {"field": Label("Field", "custom_value")})})
