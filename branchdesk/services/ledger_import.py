"""Importing a branch's Excel ledger: a dry run that reports row by row, a real run in one transaction.

Each row becomes a case numbered in its own month's sequence, closed when the ledger has a closing
date (open, waiting for triage, when not), marked as imported with the row kept as it was. A row
already imported (same fingerprint) is skipped, so running the import twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from branchdesk.domain.money import parse_yuan
from branchdesk.domain.numbering import format_case_number, period_of
from branchdesk.domain.vocab import CloseKind, Kind, Role, Status
from branchdesk.errors import BranchDeskError, FieldError, PermissionDenied
from branchdesk.i18n import Text
from branchdesk.reports.ledger_import import LedgerPlan, LedgerRow, Problem, read_ledger
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.numbering import allocate_serial
from branchdesk.services.timeline import record
from branchdesk.storage.backup import IMPORT as IMPORT_BACKUP
from branchdesk.storage.backup import make_backup
from branchdesk.storage.models import Case, Customer, Department, User

IMPORT_ROLES = frozenset({Role.CR_MANAGER, Role.ADMIN})
SATISFACTION_WORDS = {"非常满意": 5, "满意": 4, "基本满意": 3, "一般": 3, "不满意": 2, "非常不满意": 1}


#: What happened to a ledger row: a code of ``LABELS["ImportOutcome"]``, shown as its label.
IMPORTED, DUPLICATE, PROBLEM = "imported", "duplicate", "problem"


@dataclass
class RowOutcome:
    row: int
    action: str  # IMPORTED | DUPLICATE | PROBLEM
    case_no: str = ""
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ImportReport:
    sheet: str
    header_row: int
    mapping: dict[str, str]  # field name -> heading found (the name's label: texts LABELS LedgerColumn)
    outcomes: list[RowOutcome]
    skipped_blank: int
    skipped_total: list[int]
    dry_run: bool
    committed: bool

    @property
    def imported(self) -> int:
        return sum(1 for o in self.outcomes if o.action == IMPORTED)

    @property
    def duplicates(self) -> int:
        return sum(1 for o in self.outcomes if o.action == DUPLICATE)

    @property
    def problems(self) -> list[Problem]:
        return [p for o in self.outcomes for p in o.problems]


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


class LedgerImportService(ServiceBase):
    def plan(self, path: Path, sheet: str | None = None, mapping: dict[str, int] | None = None) -> LedgerPlan:
        try:
            return read_ledger(path, sheet, mapping)
        except (OSError, KeyError, ValueError) as exc:
            raise BranchDeskError(Text("import.unreadable", {"file": path.name, "reason": str(exc)})) from exc

    def import_ledger(
        self,
        actor: Actor,
        path: Path,
        *,
        sheet: str | None = None,
        mapping: dict[str, int] | None = None,
        dry_run: bool = False,
        skip_invalid: bool = False,
    ) -> ImportReport:
        plan = self.plan(path, sheet, mapping)
        if plan.problems:
            # The Excel reader (branchdesk.reports) words its problems in Chinese, like the ledger it reads.
            raise FieldError({"mapping": "；".join(p.message for p in plan.problems)})
        outcomes: list[RowOutcome] = []
        committed = False
        try:
            if not dry_run and self._db.path is not None:  # a whole ledger at once: a backup first
                make_backup(self._db.path, IMPORT_BACKUP, self._door.clock())
            with self._door.write(actor) as unit:
                session, user = unit.session, unit.user
                if not unit.actor.roles & IMPORT_ROLES:
                    raise PermissionDenied(Text("import.roles"))
                outcomes = [self._row(unit, plan, row) for row in plan.rows]
                bad = [o for o in outcomes if o.problems]
                if dry_run or (bad and not skip_invalid):
                    raise _DryRun
                imported = sum(o.action == IMPORTED for o in outcomes)
                skipped = sum(o.action == DUPLICATE for o in outcomes)
                record(
                    session,
                    at=unit.now,
                    actor=user,
                    action="admin.import",
                    text=Text(
                        "event.ledger_imported",
                        {"file": path.name, "sheet": plan.sheet, "imported": imported, "skipped": skipped},
                    ),
                )
                committed = True
        except _DryRun:
            committed = False
        headings = {name: plan.headings.get(column, "") for name, column in plan.mapping.items()}
        return ImportReport(
            plan.sheet,
            plan.header_row,
            headings,
            outcomes,
            plan.skipped_blank,
            plan.skipped_total,
            dry_run,
            committed,
        )

    def _row(self, unit: Unit, plan: LedgerPlan, row: LedgerRow) -> RowOutcome:
        if row.problems:
            return RowOutcome(row.row, PROBLEM, problems=row.problems)
        existing = unit.session.scalars(select(Case.case_no).where(Case.import_key == row.key)).first()
        if existing is not None:
            return RowOutcome(row.row, DUPLICATE, existing)
        v = row.values
        received: datetime = v["received_at"]
        if received.time() == datetime.min.time():
            received = received.replace(
                hour=unit.config.calendar.office_opens.hour, minute=unit.config.calendar.office_opens.minute
            )
        closed_at: datetime | None = v["closed_at"]
        if closed_at is not None and closed_at.time() == datetime.min.time():
            closed_at = datetime.combine(closed_at.date(), unit.config.calendar.office_closes)
        period = period_of(received)
        serial = allocate_serial(unit.session, period)
        prefix = unit.config.branch_code if unit.config.setting("number_with_branch_code") else None
        recorder = unit.session.scalars(select(User).where(User.full_name == v["recorder"])).first()
        department = unit.session.scalars(
            select(Department).where(Department.name == v["department"])
        ).first()
        channel = _match(unit.config.choices.get("channel", {}), v["channel"]) or "other"
        request_type = _match(unit.config.choices.get("request_type", {}), v["request"]) or "other"
        amount = None
        if v["request_amount"]:
            amount = parse_yuan(v["request_amount"])
        notes = [
            f"处理结果：{v['result']}" if v["result"] else "",
            f"投诉人意见：{v['opinion']}" if v["opinion"] else "",
            f"备注：{v['remark']}" if v["remark"] else "",
        ]
        case = Case(
            case_no=format_case_number(period, serial, prefix),
            period=period,
            serial=serial,
            status=Status.CLOSED.value if closed_at else Status.REGISTERED.value,
            created_at=unit.now,
            updated_at=unit.now,
            recorder_id=(recorder or unit.user).id,
            received_at=received,
            channel=channel,
            kind=Kind.COMPLAINT.value,
            complainant_name=v["complainant_name"][:50],
            phone=v["phone_text"][:30],
            phone_normalized=v["phone"],
            content=v["content"],
            request_type=request_type,
            request_amount_fen=amount,
            request_text=v["request"],
            responsible_department_id=department.id if department else None,
            declared_major="重大" in v["remark"],
            closed_at=closed_at,
            close_kind=CloseKind.RESOLVED.value if closed_at else None,
            close_note="；".join(n for n in notes if n),
            import_key=row.key,
            imported_row={"file": plan.path.name, "sheet": plan.sheet, "row": row.row, "cells": row.original},
            custom_values={
                "_imported": True,
                "_result": v["result"],
                "_opinion": v["opinion"],
                "_recorder": v["recorder"],
            },
        )
        unit.session.add(case)
        unit.session.flush()
        customer = (
            unit.session.scalars(select(Customer).where(Customer.phone == case.phone_normalized)).first()
            if case.phone_normalized
            else None
        )
        if customer is None:
            customer = Customer(name=case.complainant_name, phone=case.phone_normalized, created_at=unit.now)
            unit.session.add(customer)
            unit.session.flush()
        case.customer_id = customer.id
        self._refresh_major(unit, case)
        if closed_at is None:
            self._refresh_deadline(unit, case)  # still open: its deadline runs as for any case
        record(
            unit.session,
            at=unit.now,
            actor=unit.user,
            action="import",
            case_id=case.id,
            text=Text(
                "event.row_imported",
                {
                    "file": plan.path.name,
                    "sheet": plan.sheet,
                    "row": row.row,
                    "recorder": Text("event.original_recorder", {"name": v["recorder"]})
                    if v["recorder"] and recorder is None
                    else "",
                },
            ),
        )
        return RowOutcome(row.row, IMPORTED, case.case_no)


def _match(choices: dict[str, str], text: str) -> str | None:
    """The code whose label equals, contains or is contained in ``text`` (来电, 监管部门转办 …)."""
    if not text:
        return None
    for code, label in choices.items():
        if text == label:
            return code
    for code, label in choices.items():
        parts = [p for p in label.replace("/", "、").split("、") if p]
        if text in label or any(p in text for p in parts if len(p) >= 2):
            return code
    return None
