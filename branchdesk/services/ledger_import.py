"""Importing a branch's Excel ledger without freezing the branch: a dry run that only reads, a real
run written in short transactions that stays all-or-nothing.

Each row becomes a case numbered in its own month's sequence, closed when the ledger has a closing
date (open, waiting for triage, when not), marked as imported with the row kept as it was. A row
already imported (same fingerprint, ``import_key``) is skipped, so running the import twice adds nothing.

A real run

1. reads the ledger, maps it and works out every row's values, checking duplicates in a read unit
   (no write lock is held while a 200,000-row workbook is parsed);
2. opens an import batch ('pending') and writes the cases in chunks of ``CHUNK_ROWS``, each its own
   short write unit (serials allocated inside it), so between chunks other PCs save as usual. The
   cases carry the batch and are shown nowhere while it is pending (``visibility.settled_cases``);
3. commits the batch in one last unit: each case's timeline event, the summary event, state 'done'.

Events go into the audit hash chain and are never deleted, which is why no event is written before
the last unit. If a chunk fails, a compensating unit deletes the batch's cases (and the customers
it created) and the batch; a process that dies mid-import leaves a pending batch, which the next
import removes once it has seen no chunk for ``STALE_AFTER``.
"""

from __future__ import annotations

import logging
import pickle
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as TimeOfDay  # the module "time" sleeps between chunks
from itertools import islice
from pathlib import Path
from typing import IO, Any, cast

from sqlalchemy import Table, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from branchdesk.domain.intake import CustomFieldDef, check_custom_values
from branchdesk.domain.money import parse_yuan
from branchdesk.domain.numbering import format_case_number, period_of
from branchdesk.domain.text import name_sort_key
from branchdesk.domain.vocab import CloseKind, Kind, Role, Status
from branchdesk.errors import BranchDeskError, ConcurrentChange, FieldError, PermissionDenied, StorageError
from branchdesk.i18n import Text, render
from branchdesk.read.import_batches import DONE, PENDING
from branchdesk.reports.ledger_import import LedgerPlan, LedgerRow, Problem, open_ledger, read_plan
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.numbering import allocate_serials
from branchdesk.services.timeline import record, record_rows
from branchdesk.storage.backup import IMPORT as IMPORT_BACKUP
from branchdesk.storage.backup import make_backup
from branchdesk.storage.bulk import as_object, blank_row, columns_of
from branchdesk.storage.failures import explain
from branchdesk.storage.models import Case, CaseCounter, Customer, Department, ImportBatch, User

log = logging.getLogger(__name__)

_CASES = cast(Table, Case.__table__)
_CUSTOMERS = cast(Table, Customer.__table__)

#: Told (rows written, rows to write) after each chunk; returns False to stop the import (issue 17 part F).
Progress = Callable[[int, int], bool]


class ImportCancelled(BranchDeskError):
    """The person stopped the import between chunks: nothing of it stays (issue 17 part F)."""


IMPORT_ROLES = frozenset({Role.CR_MANAGER, Role.ADMIN})
#: Rows written per write unit: short enough that a counter PC waits well under a second between chunks
#: (2,000 rows as plain-row inserts hold the lock about as long as 500 mapped cases did).
CHUNK_ROWS = 2_000
#: Seconds between chunks: SQLite's busy handler polls a waiting writer every 100 ms at most, so a
#: counter PC gets the lock in this gap instead of waiting for the whole import.
CHUNK_PAUSE = 0.1
#: Ledger rows whose duplicates are looked up in one statement, as the first pass reads them.
KEYS_PER_LOOKUP = 500
#: A pending batch with no chunk for this long belongs to an import that died: the next import removes it.
STALE_AFTER = timedelta(minutes=15)
SATISFACTION_WORDS = {"非常满意": 5, "满意": 4, "基本满意": 3, "一般": 3, "不满意": 2, "非常不满意": 1}


#: What happened to a ledger row: a code of ``LABELS["ImportOutcome"]``, shown as its label.
IMPORTED, DUPLICATE, PROBLEM = "imported", "duplicate", "problem"


@dataclass(slots=True)  # one per ledger row: 200,000 of them stay until the report
class RowOutcome:
    row: int
    action: str  # IMPORTED | DUPLICATE | PROBLEM
    case_no: str = ""
    problems: Sequence[Problem] = ()


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


@dataclass(slots=True)
class _Ready:
    """A row checked and numbered before the write lock is taken. Its cells wait in the spool until its
    chunk is written, and its case's columns are derived then (``_Derive.values``): only what the last
    unit needs is kept for every row (issue 16: 200,000 parsed rows peaked at 679 MB)."""

    outcome: RowOutcome  # its ``row`` is the ledger row's number
    period: str
    unknown_recorder: str  # the ledger's 受理人 when no user has that name (the event says it), else ""
    case_id: int = 0


class _Spool(AbstractContextManager["_Spool"]):
    """The rows to write, in ledger order, in a temporary file of this process: written as they are
    checked (first pass), read back chunk by chunk (the writes). The ledger is read from Excel once.
    A temporary file that cannot be made, written or read (a full disk) is one ``StorageError``, and
    the import keeps nothing, like any failed one."""

    def __init__(self) -> None:
        with _spool_errors():
            # closed by __exit__: the spool is itself the context manager that owns it
            self._file: IO[bytes] = tempfile.TemporaryFile(prefix="branchdesk-import-")  # noqa: SIM115

    def __exit__(self, *_exc: object) -> None:
        self._file.close()

    def add(self, row: LedgerRow) -> None:
        with _spool_errors():
            pickle.dump(row, self._file, pickle.HIGHEST_PROTOCOL)

    def rows(self) -> Iterator[LedgerRow]:
        with _spool_errors():
            self._file.flush()
            self._file.seek(0)
        while True:
            with _spool_errors():
                try:
                    # The file is this process's own, written just before: nothing else put it there.
                    row: LedgerRow = pickle.load(self._file)
                except EOFError:
                    return
            yield row


@contextmanager
def _spool_errors() -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise StorageError(explain(exc) or Text("storage.disk_full")) from exc


@dataclass(frozen=True)
class _Derive:
    """What turns a ledger row into a case's columns: the branch's people, departments, lists and office
    hours as read before the write, the file's name and sheet."""

    users: dict[str, int]
    departments: dict[str, int]
    channels: dict[str, Any]
    request_types: dict[str, Any]
    customs: list[CustomFieldDef]
    opens: TimeOfDay
    closes: TimeOfDay
    file: str
    sheet: str
    importer_id: int

    def times(self, row: LedgerRow) -> tuple[datetime, datetime | None]:
        """受理 and 结案 times: a date alone is at the office's opening (received) or closing (closed)."""
        received: datetime = row.values["received_at"]
        if received.time() == datetime.min.time():
            received = received.replace(hour=self.opens.hour, minute=self.opens.minute)
        closed_at: datetime | None = row.values["closed_at"]
        if closed_at is not None and closed_at.time() == datetime.min.time():
            closed_at = datetime.combine(closed_at.date(), self.closes)
        return received, closed_at

    def values(self, row: LedgerRow) -> dict[str, Any]:
        """The Case's columns, apart from numbers, times of writing and the batch."""
        v = row.values
        received, closed_at = self.times(row)
        custom, _problems = _custom_values(self.customs, row)  # checked in ``_prepare``
        amount = parse_yuan(v["request_amount"]) if v["request_amount"] else None
        notes = [
            f"处理结果：{v['result']}" if v["result"] else "",
            f"投诉人意见：{v['opinion']}" if v["opinion"] else "",
            f"备注：{v['remark']}" if v["remark"] else "",
        ]
        return {
            "status": Status.CLOSED.value if closed_at else Status.REGISTERED.value,
            "recorder_id": self.users.get(v["recorder"]) or self.importer_id,
            "received_at": received,
            "channel": _match(self.channels, v["channel"]) or "other",
            "kind": Kind.COMPLAINT.value,
            "complainant_name": v["complainant_name"][:50],
            "complainant_sort": name_sort_key(v["complainant_name"][:50]),
            "phone": v["phone_text"][:30],
            "phone_normalized": v["phone"],
            "content": v["content"],
            "request_type": _match(self.request_types, v["request"]) or "other",
            "request_amount_fen": amount,
            "request_text": v["request"],
            "responsible_department_id": self.departments.get(v["department"]),
            "declared_major": "重大" in v["remark"],
            "closed_at": closed_at,
            "close_kind": CloseKind.RESOLVED.value if closed_at else None,
            "close_note": "；".join(n for n in notes if n),
            "import_key": row.key,
            "imported_row": {"file": self.file, "sheet": self.sheet, "row": row.row, "cells": row.original},
            "custom_values": {
                **custom,
                "_imported": True,
                "_result": v["result"],
                "_opinion": v["opinion"],
                "_recorder": v["recorder"],
            },
        }


class LedgerImportService(ServiceBase):
    def plan(self, path: Path, sheet: str | None = None, mapping: dict[str, int] | None = None) -> LedgerPlan:
        """The sheet's header and columns (its first rows only: the wizard shows them at once)."""
        with _reading(path, OSError):  # the file itself: missing, locked by Excel, not a workbook
            return read_plan(path, sheet, mapping)

    def import_ledger(
        self,
        actor: Actor,
        path: Path,
        *,
        sheet: str | None = None,
        mapping: dict[str, int] | None = None,
        dry_run: bool = False,
        skip_invalid: bool = False,
        progress: Progress | None = None,
    ) -> ImportReport:
        """``progress(rows written, rows to write)`` is called after each chunk (issue 17 part F); when it
        returns False the import stops there and is undone like a failed one (``ImportCancelled``):
        the chunks' cases are deleted, no event was written, the counters wound back."""
        with ExitStack() as spooled:
            spool = None if dry_run else spooled.enter_context(_Spool())  # a dry run writes nothing
            with ExitStack() as workbook:  # read once, closed before the writes
                with _reading(path, OSError):  # the file itself: missing, locked by Excel, not a workbook
                    plan, rows = workbook.enter_context(open_ledger(path, sheet, mapping))
                if plan.problems:
                    # The Excel reader (branchdesk.reports) words its problems in Chinese, like the ledger.
                    raise FieldError({"mapping": "；".join(p.message for p in plan.problems)})
                with self._door.read(actor) as unit, _reading(path):  # duplicates and values: no write lock
                    _require_role(unit)
                    outcomes, ready, derive = self._prepare(unit, plan, rows, spool)
            bad = [o for o in outcomes if o.problems]
            committed = False
            if spool is not None and not (bad and not skip_invalid):
                if self._db.path is not None:  # a whole ledger at once: a backup first
                    make_backup(self._db.path, IMPORT_BACKUP, self._door.clock())
                self._write(actor, plan, outcomes, ready, spool, derive, progress)
                committed = True
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

    def discard_unfinished(self, actor: Actor | None = None) -> int:
        """Remove the batches of imports that died mid-way (no chunk for ``STALE_AFTER``); how many."""
        with self._door.write(actor) as unit:
            return _discard_stale(unit.session, unit.now)

    # --- before the write lock ------------------------------------------------

    def _prepare(
        self, unit: Unit, plan: LedgerPlan, rows: Iterator[LedgerRow], spool: _Spool | None
    ) -> tuple[list[RowOutcome], list[_Ready], _Derive]:
        """Every row read, checked and numbered as it would be now; the rows to write go to the spool."""
        session, config = unit.session, unit.config
        counters = dict(session.execute(select(CaseCounter.period, CaseCounter.last_serial)).all())
        users: dict[str, int] = {}
        for user_id, name in session.execute(select(User.id, User.full_name).order_by(User.id)):
            users.setdefault(name, user_id)
        departments: dict[str, int] = {}
        for dept_id, name in session.execute(select(Department.id, Department.name).order_by(Department.id)):
            departments.setdefault(name, dept_id)
        prefix = config.branch_code if config.setting("number_with_branch_code") else None
        # issue 12 "fields": a column headed with a custom field's label fills that field
        headings = set(plan.headings.values())
        derive = _Derive(
            users=users,
            departments=departments,
            channels=config.choices.get("channel", {}),
            request_types=config.choices.get("request_type", {}),
            customs=[d for d in config.custom_fields if d.label in headings],
            opens=config.calendar.office_opens,
            closes=config.calendar.office_closes,
            file=plan.path.name,
            sheet=plan.sheet,
            importer_id=unit.user.id,
        )
        outcomes: list[RowOutcome] = []
        ready: list[_Ready] = []
        numbered: dict[str, str] = {}  # this ledger's rows to import: key -> the number they would get
        for block in _blocks(rows, KEYS_PER_LOOKUP):
            keys = {id(row): row.key for row in block}
            existing = _existing_keys(session, [keys[id(r)] for r in block if not r.problems], unit.now)
            for row in block:
                key = keys[id(row)]
                _custom, custom_problems = _custom_values(derive.customs, row)
                if row.problems or custom_problems:
                    outcomes.append(RowOutcome(row.row, PROBLEM, problems=row.problems + custom_problems))
                    continue
                earlier = existing.get(key) or numbered.get(key)  # imported before, or earlier in this ledger
                if earlier:
                    outcomes.append(RowOutcome(row.row, DUPLICATE, earlier))
                    continue
                received, _closed_at = derive.times(row)
                if row.values["request_amount"]:
                    parse_yuan(row.values["request_amount"])  # refused here, before the write, as before
                period = sys.intern(period_of(received))  # a few dozen months for 200,000 rows
                counters[period] = counters.get(period, 0) + 1  # the number it would get now (dry run)
                numbered[key] = case_no = format_case_number(period, counters[period], prefix)
                outcome = RowOutcome(row.row, IMPORTED, case_no)
                outcomes.append(outcome)
                recorder = row.values["recorder"]
                ready.append(_Ready(outcome, period, "" if recorder in users else recorder))
                if spool is not None:
                    spool.add(row)
        return outcomes, ready, derive

    # --- the writes: a batch, its chunks, its commit ----------------------------

    def _write(
        self,
        actor: Actor,
        plan: LedgerPlan,
        outcomes: list[RowOutcome],
        ready: list[_Ready],
        spool: _Spool,
        derive: _Derive,
        progress: Progress | None = None,
    ) -> None:
        with self._door.write(actor) as unit:
            _require_role(unit)
            _discard_stale(unit.session, unit.now)
            batch = ImportBatch(
                state=PENDING,
                file=plan.path.name[:255],
                user_id=unit.user.id,
                started_at=unit.now,
                touched_at=unit.now,
            )
            unit.session.add(batch)
            unit.session.flush()
            batch_id = batch.id
        try:
            written = 0
            spooled = spool.rows()
            for number, chunk in enumerate(_chunks(ready, CHUNK_ROWS)):
                if number:
                    time.sleep(CHUNK_PAUSE)  # other PCs save here
                rows = list(islice(spooled, len(chunk)))  # the chunk's cells: in the spool in ledger order
                self._write_chunk(actor, batch_id, list(zip(chunk, rows, strict=True)), derive)
                written += len(chunk)
                # issue 17 part F: between chunks the person may stop; the batch is still pending (hidden)
                if progress is not None and not progress(written, len(ready)):
                    raise ImportCancelled(Text("import.cancelled"))
            self._commit_batch(actor, batch_id, plan, outcomes, ready)
        except BaseException:
            try:
                with self._door.write(None) as unit:  # compensate: nothing of this import stays behind
                    _discard(unit.session, batch_id)
            except Exception:  # the first failure is the one to report; the batch stays hidden
                log.exception("could not undo import batch %s: the next import removes it", batch_id)
            raise

    def _write_chunk(
        self, actor: Actor, batch_id: int, chunk: Sequence[tuple[_Ready, LedgerRow]], derive: _Derive
    ) -> None:
        try:
            with self._door.write(actor) as unit:
                _require_role(unit)
                session = unit.session
                batch = session.get(ImportBatch, batch_id)
                if batch is None or batch.state != PENDING:
                    raise BranchDeskError(Text("import.batch_lost"))
                batch.touched_at = unit.now
                # Another import may have written some of these rows since they were checked.
                taken = _existing_keys(session, [row.key for _r, row in chunk], unit.now)
                fresh = [(ready, row) for ready, row in chunk if row.key not in taken]
                for ready, row in chunk:
                    if row.key in taken:
                        ready.outcome.action, ready.outcome.case_no = DUPLICATE, taken[row.key]
                self._write_rows(unit, batch_id, fresh, derive)
        except IntegrityError as exc:  # PostgreSQL: a concurrent import committed the same row first
            raise ConcurrentChange(Text("import.raced")) from exc

    def _write_rows(
        self, unit: Unit, batch_id: int, chunk: Sequence[tuple[_Ready, LedgerRow]], derive: _Derive
    ) -> None:
        """The chunk's cases: numbers allocated per month in one step, customers looked up at once.

        Customers and cases go in as plain rows, one statement per kind (``storage/bulk.py``): the major
        and deadline rules set a row's values through ``as_object`` exactly as on a mapped case."""
        session = unit.session
        prefix = unit.config.branch_code if unit.config.setting("number_with_branch_code") else None
        per_period: dict[str, int] = {}
        for ready, _row in chunk:
            per_period[ready.period] = per_period.get(ready.period, 0) + 1
        next_serial = {period: allocate_serials(session, period, n) for period, n in per_period.items()}
        values = [derive.values(row) for _ready, row in chunk]  # this chunk's only: dropped after it
        phones = sorted({str(v["phone_normalized"]) for v in values if v["phone_normalized"]})
        customers: dict[str, int] = {}
        for start in range(0, len(phones), 500):
            found = session.execute(
                select(Customer.phone, Customer.id)
                .where(Customer.phone.in_(phones[start : start + 500]))
                .order_by(Customer.id)
            )
            for phone, customer_id in found:
                customers.setdefault(phone, customer_id)
        customer_template = blank_row(_CUSTOMERS)
        new_rows: list[dict[str, Any]] = []
        owners: list[str | int] = []  # per new customer: its phone, or the chunk index of a phoneless row
        for index, value in enumerate(values):
            phone = value["phone_normalized"]
            if phone and (phone in customers or phone in owners):
                continue
            row = dict(customer_template)
            row.update(name=value["complainant_name"], phone=phone, created_at=unit.now)
            new_rows.append(row)
            owners.append(phone or index)  # no phone: a customer of its own, as for any case
        own: dict[int, int] = {}
        if new_rows:
            # No RETURNING: with its rows in parameter order SQLAlchemy sends SQLite one row per statement.
            # The ids are read back instead: by phone, and the phoneless ones in insertion (id) order.
            before = session.scalar(select(func.max(Customer.id))) or 0
            _insert_rows(session, _CUSTOMERS, new_rows)
            with_phone = [owner for owner in owners if isinstance(owner, str)]
            for start in range(0, len(with_phone), 500):
                found = session.execute(
                    select(Customer.phone, Customer.id).where(
                        Customer.id > before, Customer.phone.in_(with_phone[start : start + 500])
                    )
                )
                customers.update({phone: customer_id for phone, customer_id in found})
            phoneless = [owner for owner in owners if isinstance(owner, int)]
            if phoneless:
                made = session.scalars(
                    select(Customer.id)
                    .where(Customer.id > before, Customer.phone == "", Customer.created_at == unit.now)
                    .order_by(Customer.id)
                ).all()
                own = dict(zip(phoneless, made, strict=True))
        case_template = blank_row(_CASES)
        rows: list[dict[str, Any]] = []
        for index, ((ready, _row), value) in enumerate(zip(chunk, values, strict=True)):
            serial = next_serial[ready.period]
            next_serial[ready.period] = serial + 1
            phone = value["phone_normalized"]
            case = as_object({**case_template, **value})
            case.case_no = format_case_number(ready.period, serial, prefix)
            case.period, case.serial = ready.period, serial
            case.created_at = case.updated_at = unit.now
            case.import_batch_id = batch_id
            case.customer_id = customers[phone] if phone else own[index]
            self._refresh_major(unit, case)
            if case.closed_at is None:
                self._refresh_deadline(unit, case, new=True)  # still open: its deadline runs as for any case
            rows.append(columns_of(case, _CASES))
            ready.outcome.case_no = case.case_no
        _insert_rows(session, _CASES, rows)
        numbers = [str(row["case_no"]) for row in rows]
        ids: dict[str, int] = {}
        for start in range(0, len(numbers), 500):
            found = session.execute(
                select(Case.case_no, Case.id).where(Case.case_no.in_(numbers[start : start + 500]))
            )
            ids.update({case_no: case_id for case_no, case_id in found})
        for ready, _row in chunk:
            ready.case_id = ids[ready.outcome.case_no]

    def _commit_batch(
        self, actor: Actor, batch_id: int, plan: LedgerPlan, outcomes: list[RowOutcome], ready: list[_Ready]
    ) -> None:
        """The last unit: every case's timeline event, the summary event, and the batch becomes visible."""
        with self._door.write(actor) as unit:
            _require_role(unit)
            session, user = unit.session, unit.user
            batch = session.get(ImportBatch, batch_id)
            if batch is None or batch.state != PENDING:
                raise BranchDeskError(Text("import.batch_lost"))
            record_rows(
                session,
                (  # a generator: the events are built and written a statement's worth at a time
                    (
                        item.case_id,
                        unit.now,
                        user,
                        "import",
                        Text(
                            "event.row_imported",
                            {
                                "file": plan.path.name,
                                "sheet": plan.sheet,
                                "row": item.outcome.row,
                                "recorder": Text("event.original_recorder", {"name": item.unknown_recorder})
                                if item.unknown_recorder
                                else "",
                            },
                        ),
                    )
                    for item in ready
                    if item.outcome.action == IMPORTED
                ),
            )
            imported = sum(o.action == IMPORTED for o in outcomes)
            skipped = sum(o.action == DUPLICATE for o in outcomes)
            record(
                session,
                at=unit.now,
                actor=user,
                action="admin.import",
                text=Text(
                    "event.ledger_imported",
                    {"file": plan.path.name, "sheet": plan.sheet, "imported": imported, "skipped": skipped},
                ),
            )
            batch.state, batch.touched_at = DONE, unit.now


def _insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """One executemany per 1,000 rows (SQLAlchemy packs them into multi-row VALUES)."""
    for start in range(0, len(rows), 1_000):
        session.execute(insert(table), rows[start : start + 1_000])


def _require_role(unit: Unit) -> None:
    if not unit.actor.roles & IMPORT_ROLES:
        raise PermissionDenied(Text("import.roles"))


def _chunks(items: Sequence[_Ready], size: int) -> Iterator[Sequence[_Ready]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _blocks(rows: Iterable[LedgerRow], size: int) -> Iterator[list[LedgerRow]]:
    """The rows ``size`` at a time, as they are read (their duplicates are looked up a block at once)."""
    iterator = iter(rows)
    while block := list(islice(iterator, size)):
        yield block


@contextmanager
def _reading(path: Path, *also: type[Exception]) -> Iterator[None]:
    """A workbook the Excel reader cannot read is one message naming the file (not a traceback). An
    ``OSError`` is named here only where the workbook is the one file touched (a full disk under the
    spool is not the workbook's fault: it is explained as what it is)."""
    caught: tuple[type[Exception], ...] = (KeyError, ValueError, zipfile.BadZipFile, *also)
    try:
        yield
    except caught as exc:
        raise BranchDeskError(Text("import.unreadable", {"file": path.name, "reason": str(exc)})) from exc


def _existing_keys(session: Session, keys: list[str], now: datetime) -> dict[str, str]:
    """import_key -> case number of the rows already in the database.

    A running import's rows count (they are on their way); a dead import's (stale batch) do not.
    """
    dead = select(ImportBatch.id).where(
        ImportBatch.state == PENDING, ImportBatch.touched_at < now - STALE_AFTER
    )
    alive = or_(Case.import_batch_id.is_(None), Case.import_batch_id.not_in(dead))
    found: dict[str, str] = {}
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        rows = session.execute(select(Case.import_key, Case.case_no).where(Case.import_key.in_(part), alive))
        found.update((key, case_no) for key, case_no in rows if key is not None)
    return found


def _discard_stale(session: Session, now: datetime) -> int:
    stale = session.scalars(
        select(ImportBatch.id).where(ImportBatch.state == PENDING, ImportBatch.touched_at < now - STALE_AFTER)
    ).all()
    for batch_id in stale:
        _discard(session, batch_id)
    return len(stale)


def _discard(session: Session, batch_id: int) -> None:
    """Delete a pending batch's cases, the customers only they used, and the batch; wind the counters back.

    The batch wrote no event (events come with the last unit), so the audit chain is untouched. A month's
    counter goes back only where nobody took a number after the batch; otherwise the batch's numbers
    stay unused.
    """
    batch = session.get(ImportBatch, batch_id)
    if batch is None or batch.state != PENDING:
        return
    rows = session.execute(
        select(Case.period, Case.serial, Case.customer_id).where(Case.import_batch_id == batch_id)
    ).all()
    customers = {customer for _p, _s, customer in rows if customer is not None}
    top: dict[str, int] = {}
    for period, serial, _c in rows:
        top[period] = max(top.get(period, 0), serial)
    session.execute(
        delete(Case).where(Case.import_batch_id == batch_id).execution_options(synchronize_session=False)
    )
    used = (
        set(session.scalars(select(Case.customer_id).where(Case.customer_id.in_(customers))).all())
        if customers
        else set()
    )
    orphans = [c for c in customers if c not in used]
    for start in range(0, len(orphans), 500):
        session.execute(
            delete(Customer)
            .where(Customer.id.in_(orphans[start : start + 500]), Customer.created_at >= batch.started_at)
            .execution_options(synchronize_session=False)
        )
    for period, serial in top.items():
        left = session.scalar(select(func.max(Case.serial)).where(Case.period == period)) or 0
        session.execute(
            update(CaseCounter)
            .where(CaseCounter.period == period, CaseCounter.last_serial == serial)
            .values(last_serial=left)
        )
    session.delete(batch)


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


def _custom_values(customs: list[CustomFieldDef], row: LedgerRow) -> tuple[dict[str, Any], list[Problem]]:
    """The row's custom values from the columns headed with their labels, checked as at intake
    (issue 12 "fields"); a value the field refuses is a problem of the row, named at its column."""
    given: dict[str, Any] = {}
    for definition in customs:
        raw = row.original.get(definition.label)
        if definition.type == "date" and isinstance(raw, str) and "T" in raw:
            raw = raw.split("T", 1)[0]  # a date cell, read back as its ISO date and time
        if isinstance(raw, float) and definition.type != "number" and raw.is_integer():
            raw = str(int(raw))  # a number typed in a text or list column: 2024, not 2024.0
        given[definition.key] = raw
    custom, errors = check_custom_values(customs, given, final=False)
    labels = {f"custom.{d.key}": d.label for d in customs}
    problems = [Problem(row.row, labels[key], render(text, "zh_CN")) for key, text in errors.items()]
    return custom, problems
