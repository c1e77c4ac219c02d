"""The yearly archive (issue 15 part V): ``desk.archive``.

Decisions (the brief asked for them):

- **Which cases**: those closed in the year — status 已结案 and ``closed_at`` in [1 January, next
  1 January). Void cases were never handled and are not archived. Only a year that has ended.
- **Who**: the CR manager (客诉主管). The archive is the branch's record of every case with the
  customers' details; the administrator by design sees no case (``visibility``), the CR manager sees
  all of them and owns the records and the yearly reporting.
- **Twice**: archiving a year again is allowed and writes a new archive (a new folder, a new row) of
  the same content — the cases are read-only, so their forms say the same; only the time made and the
  audit head differ. It is how a lost or damaged archive copy is replaced. Cases keep the mark of the
  first archive that held them; a case closed into the year later (a ledger import) gets the new one.
- **Read-only**: ``archived_case`` marks the case; ``ServiceBase._facts`` reads it into
  ``CaseFacts.archived`` and ``workflow.refusal`` refuses every ``Action`` first of all with
  ``refusal.archived`` (the case window's buttons show the same reason). Printing a copy stays possible:
  it changes nothing of the case, and the print log records it.
- **Order**: every file is written into a hidden folder beside the target (read in one read unit, a
  snapshot, no write lock held), hashed as written, the manifest last; the folder is renamed into
  place; then one short write unit records the archive, marks the cases and writes the events (one for
  the archive, one on each newly archived case's timeline). A failure or a cancel leaves no folder and
  no mark.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import ColumnElement, insert, select

from branchdesk.domain.vocab import Role, Status
from branchdesk.errors import BranchDeskError, DomainError, FieldError, PermissionDenied
from branchdesk.i18n import Label, Text
from branchdesk.reports.archive import (
    MANIFEST,
    ArchiveCheck,
    ArchivedFile,
    Manifest,
    Problem,
    case_records,
    check_folder,
    describe,
    records_bytes,
    safe_name,
    write_file,
    write_manifest,
    write_year_summary,
)
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.printing import PrintService
from branchdesk.services.timeline import record, record_rows
from branchdesk.services.unit_of_work import UnitOfWork
from branchdesk.services.visibility import visible_cases
from branchdesk.storage.audit_chain import current_anchor
from branchdesk.storage.models import ArchivedCase, Attachment, AttachmentBlob, Case, CaseArchive, User

ARCHIVE_ROLES = frozenset({Role.CR_MANAGER})
FIRST_YEAR = 2000
FOLDER_LIMIT = 1000  # the column holds the folder as given
#: Cases rendered between two releases of the read session's objects: memory stays flat over a year.
CHUNK = 100

#: ``report(done, total) -> bool``: moves a progress bar; False asks to stop (the archive is then removed).
Report = Callable[[int, int], bool]


class ArchiveCancelled(BranchDeskError):
    """The person stopped the archive: the half-written folder is removed, nothing is marked."""


@dataclass(frozen=True)
class ArchiveResult:
    archive_id: int
    year: int
    folder: Path
    cases: int
    files: int
    total_bytes: int
    audit_anchor: str
    manifest_sha256: str
    newly_archived: int

    def text(self) -> Text:
        return Text(
            "archive.written",
            {
                "year": self.year,
                "cases": self.cases,
                "files": self.files,
                "size": human_size(self.total_bytes),
                "anchor": self.audit_anchor,
            },
        )


@dataclass(frozen=True)
class ArchiveRow:
    """An archive as the archive screen lists it."""

    id: int
    year: int
    created_at: datetime
    created_by: str
    folder: str
    cases: int
    files: int
    total_bytes: int
    audit_anchor: str


def human_size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.0f} KB"


def year_conditions(year: int) -> list[ColumnElement[bool]]:
    """Closed in ``year``: the archive's cases (and the ledger's rows)."""
    return [
        Case.status == Status.CLOSED.value,
        Case.closed_at >= datetime(year, 1, 1),
        Case.closed_at < datetime(year + 1, 1, 1),
    ]


class ArchiveService(ServiceBase):
    def __init__(self, door: UnitOfWork, printing: PrintService) -> None:
        super().__init__(door)
        self._printing = printing  # the forms as the print dialog renders them, not a second renderer

    # --- write --------------------------------------------------------------------------------------

    def write(self, actor: Actor, year: int, folder: Path, report: Report | None = None) -> ArchiveResult:
        """Write the archive of ``year`` into ``folder`` (new or empty) and mark its cases read-only."""
        folder = self._check_input(year, folder)
        with self._door.read(actor) as unit:
            self._check_may(unit)
            if year >= unit.now.year:
                raise FieldError({"year": Text("archive.year", {"last": unit.now.year - 1})})
            ids = list(
                unit.session.scalars(
                    select(Case.id)
                    .where(*year_conditions(year), visible_cases(unit.actor))
                    .order_by(Case.closed_at, Case.id)
                )
            )
            if not ids:
                raise DomainError(Text("archive.no_cases", {"year": year}))
            staging = _staging(folder)
            try:
                manifest = self._write_files(unit, year, ids, staging, report)
                manifest_sha = write_manifest(staging, manifest)
                _move_into_place(staging, folder)
            except OSError as exc:  # a full disk, a folder taken away: one clear line, nothing left behind
                shutil.rmtree(staging, ignore_errors=True)
                raise BranchDeskError(
                    Text("archive.folder_unwritable", {"folder": str(folder), "reason": _reason(exc)})
                ) from exc
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        try:
            return self._record(actor, year, folder, ids, manifest, manifest_sha)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)  # an archive the database does not know is no archive
            raise

    @staticmethod
    def _check_input(year: int, folder: Path) -> Path:
        if not isinstance(year, int) or isinstance(year, bool) or not FIRST_YEAR <= year <= 2100:
            raise FieldError({"year": Text("archive.year", {"last": 2100})})
        text = str(folder) if isinstance(folder, (str, Path)) else ""
        if not _plausible_folder(text):
            raise FieldError({"folder": Text("field.format", {"field": Label("Field", "folder")})})
        path = Path(text).expanduser().absolute()
        try:
            if path.exists() and (not path.is_dir() or any(path.iterdir())):
                raise FieldError({"folder": Text("archive.folder_not_empty", {"folder": str(path)})})
        except OSError as exc:
            raise FieldError(
                {"folder": Text("archive.folder_unwritable", {"folder": str(path), "reason": _reason(exc)})}
            ) from exc
        return path

    @staticmethod
    def _check_may(unit: Unit) -> None:
        if not unit.actor.roles & ARCHIVE_ROLES:
            raise PermissionDenied(Text("archive.roles"))

    def _write_files(
        self, unit: Unit, year: int, ids: list[int], folder: Path, report: Report | None
    ) -> Manifest:
        session = unit.session
        anchor = current_anchor(session)
        user = unit.user
        manifest = Manifest(
            year=year,
            branch=unit.config.branch_name,
            created_at=unit.now.isoformat(timespec="seconds"),
            created_by=f"{user.username} ({user.full_name})",
            audit_anchor=anchor,
        )
        total = len(ids) + 2  # the cases, then the ledger and the summary
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            numbers: dict[int, str] = {
                case_id: case_no
                for case_id, case_no in session.execute(
                    select(Case.id, Case.case_no).where(Case.id.in_(chunk))
                )
            }
            attachments: dict[int, list[tuple[int, str]]] = {}
            for att_id, case_id, filename in session.execute(
                select(Attachment.id, Attachment.case_id, Attachment.filename)
                .where(Attachment.case_id.in_(chunk))
                .order_by(Attachment.id)
            ):
                attachments.setdefault(case_id, []).append((att_id, filename))
            records = case_records(session, chunk)
            for done, case_id in enumerate(chunk, start=start + 1):
                case_no = numbers[case_id]
                name = safe_name(case_no)
                pdf, _forms = self._printing.archive_pdf(unit, case_id)
                manifest.files.append(write_file(folder, f"forms/{name}.pdf", pdf))
                del pdf
                record_file = records_bytes(records.pop(case_id))
                manifest.files.append(write_file(folder, f"records/{name}.json", record_file))
                for att_id, filename in attachments.get(case_id, []):
                    # One blob at a time, straight to disk: a year of photos never sits in memory.
                    content = session.scalar(
                        select(AttachmentBlob.content).where(AttachmentBlob.attachment_id == att_id)
                    )
                    relative = f"attachments/{name}/{att_id}-{safe_name(filename)}"
                    manifest.files.append(write_file(folder, relative, content or b""))
                manifest.cases.append(case_no)
                if report is not None and not report(done, total):
                    raise ArchiveCancelled(Text("archive.cancelled"))
            # The objects the forms loaded are not needed again: let them go (the acting user stays).
            for obj in list(session.identity_map.values()):
                if obj is not user:
                    session.expunge(obj)
        from branchdesk.reports.ledger_xlsx import write_ledger

        ledger = f"投诉台帐-{year}.xlsx"
        write_ledger(
            session,
            unit.config,
            [*year_conditions(year), visible_cases(unit.actor)],
            folder / ledger,
            f"{unit.config.branch_name} 投诉台帐（{year} 年度归档：{year}年结案的案件）",
            show_phone=True,  # the branch's own record, unmasked: the archive is kept, not handed out
            anchor=anchor,
        )
        manifest.files.append(describe(folder, ledger))
        if report is not None and not report(len(ids) + 1, total):
            raise ArchiveCancelled(Text("archive.cancelled"))
        summary = f"客诉案件统计表-{year}.xlsx"
        write_year_summary(session, unit.config, year, folder / summary, anchor=anchor, at=unit.now)
        manifest.files.append(describe(folder, summary))
        if report is not None:
            report(total, total)
        manifest.files.sort(key=lambda f: f.path)
        return manifest

    def _record(
        self, actor: Actor, year: int, folder: Path, ids: list[int], manifest: Manifest, manifest_sha: str
    ) -> ArchiveResult:
        with self._unit(actor) as unit:
            self._check_may(unit)  # the roles are read again: they may have changed meanwhile
            row = CaseArchive(
                year=year,
                created_at=unit.now,
                created_by_id=unit.user.id,
                folder=str(folder),
                case_count=len(manifest.cases),
                file_count=len(manifest.files),
                total_bytes=manifest.total_bytes,
                manifest_sha256=manifest_sha,
                audit_anchor=manifest.audit_anchor,
            )
            unit.session.add(row)
            unit.session.flush()
            already = set(
                unit.session.scalars(
                    select(ArchivedCase.case_id)
                    .join(Case, Case.id == ArchivedCase.case_id)
                    .where(*year_conditions(year))
                )
            )
            new = [case_id for case_id in ids if case_id not in already]
            if new:
                unit.session.execute(
                    insert(ArchivedCase),
                    [{"case_id": c, "archive_id": row.id, "archived_at": unit.now} for c in new],
                )
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="archive",
                text=Text(
                    "archive.event",
                    {
                        "year": year,
                        "archive": row.id,
                        "cases": len(manifest.cases),
                        "files": len(manifest.files),
                        "folder": str(folder),
                    },
                ),
            )
            user: User = unit.user
            case_text = Text("event.archived", {"year": year, "archive": row.id})
            record_rows(unit.session, [(c, unit.now, user, "archive", case_text) for c in new])
            return ArchiveResult(
                archive_id=row.id,
                year=year,
                folder=folder,
                cases=len(manifest.cases),
                files=len(manifest.files),
                total_bytes=manifest.total_bytes,
                audit_anchor=manifest.audit_anchor,
                manifest_sha256=manifest_sha,
                newly_archived=len(new),
            )

    # --- read ---------------------------------------------------------------------------------------

    def verify(self, folder: Path) -> ArchiveCheck:
        """Re-hash every file of the archive in ``folder`` against its manifest (no login: files only)."""
        text = str(folder) if isinstance(folder, (str, Path)) else ""
        if not _plausible_folder(text):
            raise FieldError({"folder": Text("field.format", {"field": Label("Field", "folder")})})
        try:
            check = check_folder(Path(text))
        except OSError as exc:
            raise BranchDeskError(
                Text("archive.folder_unwritable", {"folder": text, "reason": _reason(exc)})
            ) from exc
        # A manifest rewritten to match changed files hashes differently from the one this database
        # recorded for the archive of that audit head (another branch's archive is simply unknown here).
        with self._db.read() as session:
            recorded = list(
                session.scalars(
                    select(CaseArchive.manifest_sha256).where(
                        CaseArchive.year == check.manifest.year,
                        CaseArchive.audit_anchor == check.manifest.audit_anchor,
                    )
                )
            )
        if recorded and check.manifest_sha256 not in recorded:
            problems = (Problem("rewritten", MANIFEST), *check.problems)
            return ArchiveCheck(check.folder, check.manifest, check.manifest_sha256, problems)
        return check

    def archives(self, actor: Actor) -> list[ArchiveRow]:
        """Every archive written, newest first (the archive roles only)."""
        with self._door.read(actor) as unit:
            self._check_may(unit)
            rows = unit.session.execute(
                select(CaseArchive, User.full_name)
                .join(User, User.id == CaseArchive.created_by_id)
                .order_by(CaseArchive.id.desc())
            ).all()
            return [
                ArchiveRow(
                    a.id,
                    a.year,
                    a.created_at,
                    name,
                    a.folder,
                    a.case_count,
                    a.file_count,
                    a.total_bytes,
                    a.audit_anchor,
                )
                for a, name in rows
            ]


def _plausible_folder(text: str) -> bool:
    """A folder name a file system can hold: not blank, not too long, no NUL or lone surrogate."""
    if not text.strip() or len(text) > FOLDER_LIMIT or not text.isprintable():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _staging(folder: Path) -> Path:
    """A hidden folder beside the target, on the same disk, so the finished archive is one rename."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=folder.parent))
    except OSError as exc:
        raise BranchDeskError(
            Text("archive.folder_unwritable", {"folder": str(folder), "reason": _reason(exc)})
        ) from exc


def _move_into_place(staging: Path, folder: Path) -> None:
    try:
        if folder.exists():
            folder.rmdir()  # checked empty before; an empty folder chosen in the dialog
        os.replace(staging, folder)
    except OSError as exc:
        raise BranchDeskError(
            Text("archive.folder_unwritable", {"folder": str(folder), "reason": _reason(exc)})
        ) from exc


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


__all__ = ["ArchiveCancelled", "ArchiveResult", "ArchiveRow", "ArchiveService", "ArchivedFile", "human_size"]
