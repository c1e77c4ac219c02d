"""The yearly archive's files (issue 15 part V): names, hashes, the manifest, and a folder's check.

An archive is a folder::

    manifest.json                         what is in it: every file's path, size and SHA-256, the case
                                          numbers, the audit chain head read with the data, when and who
    forms/<case no>.pdf                   each case's forms as filed (every copy), one PDF per case, with the
                                          奖罚通知单 of each approved reward/penalty record
    records/<case no>.json                the case row and its rows in ``CASE_TABLES`` (timeline with the
                                          audit chain's seq and hash, replies, follow-ups, prints …)
    attachments/<case no>/<id>-<name>     the attachments, byte for byte as stored
    投诉台帐-<year>.xlsx                   the ledger of the archived cases
    客诉案件统计表-<year>.xlsx              the yearly summary (``write_year_summary``)

Files are hashed as they are written (a PDF in hand) or streamed back from disk (the workbooks), so a
large year never sits in memory. ``check_folder`` re-hashes every file: a changed byte, a missing file
and a file the manifest does not name are each one ``Problem``. Nothing here touches the database
except ``write_year_summary``, which reads what the monthly summary reads.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from branchdesk.config import BranchConfig
from branchdesk.errors import BranchDeskError
from branchdesk.i18n import Text

MANIFEST = "manifest.json"
FORMAT = 1
_CHUNK = 1 << 20  # bytes read at a time when hashing a file back


@dataclass(frozen=True)
class ArchivedFile:
    path: str  # relative to the archive folder, with "/" on every system
    size: int
    sha256: str


@dataclass
class Manifest:
    year: int
    branch: str
    created_at: str  # ISO 8601, the branch's local time
    created_by: str  # "username (full name)"
    audit_anchor: str  # the chain head the data was read at (``audit_chain.current_anchor``)
    cases: list[str] = field(default_factory=list)
    files: list[ArchivedFile] = field(default_factory=list)
    format: int = FORMAT

    def to_bytes(self) -> bytes:
        data = asdict(self)
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> Manifest:
        data: dict[str, Any] = json.loads(raw.decode("utf-8"))
        files = [ArchivedFile(str(f["path"]), int(f["size"]), str(f["sha256"])) for f in data["files"]]
        return cls(
            year=int(data["year"]),
            branch=str(data["branch"]),
            created_at=str(data["created_at"]),
            created_by=str(data["created_by"]),
            audit_anchor=str(data["audit_anchor"]),
            cases=[str(c) for c in data["cases"]],
            files=files,
            format=int(data.get("format", FORMAT)),
        )

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)


def safe_name(text: str, limit: int = 80) -> str:
    """A file name every system accepts: no separators, reserved or control characters, not too long."""
    cleaned = re.sub(r'[\x00-\x1f<>:"/\\|?*]', "_", text).strip(" .")
    return (cleaned or "_")[:limit]


def write_file(folder: Path, relative: str, data: bytes) -> ArchivedFile:
    """Write ``data`` at ``folder/relative`` and describe it (hashed in hand, not read back)."""
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return ArchivedFile(relative, len(data), hashlib.sha256(data).hexdigest())


def describe(folder: Path, relative: str) -> ArchivedFile:
    """A file already written (a workbook), hashed by streaming it back."""
    size, digest = hash_file(folder / relative)
    return ArchivedFile(relative, size, digest)


def hash_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def write_manifest(folder: Path, manifest: Manifest) -> str:
    """Write the manifest; returns its own SHA-256 (the database records it with the archive)."""
    raw = manifest.to_bytes()
    (folder / MANIFEST).write_bytes(raw)
    return hashlib.sha256(raw).hexdigest()


# --- each case's own rows, as data: one registry of tables -----------------------------------------

#: Tables whose rows belong to one case (a ``case_id`` column), written to ``records/<case no>.json``
#: beside the forms. Issue 14's tables (case_note, customer_contact, opinion_request, capa_item,
#: reward_penalty) are added here, by name, once they exist; nothing else changes.
CASE_TABLES: tuple[str, ...] = (
    "investigation",
    "resolution",
    "reply",
    "follow_up",
    "extension",
    "escalation",
    "attachment",
    "event",
    "print_log",
    # issue 14: opinions, corrective/preventive actions, rewards and penalties, notes, progress notices
    "opinion_request",
    "capa_item",
    "reward_penalty",
    "case_note",
    "customer_contact",
)


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return None  # no content column is registered; a file's bytes are in attachments/
    return value


def case_records(session: Session, case_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The rows of ``case_ids`` (the case row under "case", then each table of ``CASE_TABLES`` by name),
    one query per table for the whole chunk, as JSON-ready dicts."""
    from sqlalchemy import select

    from branchdesk.storage.models import Base

    tables = Base.metadata.tables
    cases = tables["complaint_case"]
    records: dict[int, dict[str, Any]] = {
        row["id"]: {"case": {k: _plain(v) for k, v in row.items()}, **{name: [] for name in CASE_TABLES}}
        for row in session.execute(select(cases).where(cases.c.id.in_(case_ids))).mappings()
    }
    for name in CASE_TABLES:
        table = tables[name]
        order = table.c.id if "id" in table.c else table.c.case_id
        query = select(table).where(table.c.case_id.in_(case_ids)).order_by(order)
        for row in session.execute(query).mappings():
            records[row["case_id"]][name].append({k: _plain(v) for k, v in row.items()})
    return records


def records_bytes(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


# --- the check ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    kind: str  # "changed" | "missing" | "extra" | "rewritten" (the manifest is not the one recorded)
    file: str

    def text(self) -> Text:
        if self.kind == "missing":
            return Text("archive.missing", {"file": self.file})
        if self.kind == "extra":
            return Text("archive.extra", {"file": self.file})
        if self.kind == "rewritten":
            return Text("archive.rewritten", {"file": self.file})
        return Text("archive.changed", {"file": self.file})


@dataclass(frozen=True)
class ArchiveCheck:
    folder: Path
    manifest: Manifest
    manifest_sha256: str
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> Text:
        if self.ok:
            return Text(
                "archive.verified",
                {
                    "files": len(self.manifest.files),
                    "cases": len(self.manifest.cases),
                    "anchor": self.manifest.audit_anchor,
                },
            )
        return Text("archive.failed", {"count": len(self.problems)})


def read_manifest(folder: Path) -> tuple[Manifest, str]:
    """The folder's manifest and its SHA-256; one clear refusal when there is none to read."""
    try:
        raw = (folder / MANIFEST).read_bytes()
        return Manifest.from_bytes(raw), hashlib.sha256(raw).hexdigest()
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise BranchDeskError(Text("archive.no_manifest", {"folder": str(folder)})) from exc


def check_folder(folder: Path) -> ArchiveCheck:
    """Re-hash every file the manifest names; every difference is one ``Problem``, in path order."""
    manifest, manifest_sha = read_manifest(folder)
    root = folder.resolve()
    problems: list[Problem] = []
    named: set[str] = set()
    for entry in manifest.files:
        named.add(entry.path)
        target = (folder / entry.path).resolve()
        if root not in target.parents or not target.is_file():  # a path outside the folder is never read
            problems.append(Problem("missing", entry.path))
            continue
        size, digest = hash_file(target)
        if size != entry.size or digest != entry.sha256:
            problems.append(Problem("changed", entry.path))
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative != MANIFEST and relative not in named:
            problems.append(Problem("extra", relative))
    problems.sort(key=lambda p: (p.file, p.kind))
    return ArchiveCheck(folder, manifest, manifest_sha, tuple(problems))


# --- the yearly summary: the one place another period summary replaces --------------------------------


def write_year_summary(
    session: Session, config: BranchConfig, year: int, path: Path, *, anchor: str, at: datetime
) -> Path:
    """客诉案件统计表 of the year: the year's summary sheet (全年, issue 15 part S: the period builder, its
    comparison with the year before), then the monthly summary sheet of each of its twelve months."""
    from openpyxl import Workbook

    from branchdesk.domain.periods import parse_period
    from branchdesk.reports.monthly import build_monthly, build_summary
    from branchdesk.reports.monthly_xlsx import Sheet, _summary
    from branchdesk.reports.xlsx_style import anchor_line, stamp_anchor

    workbook = Workbook(write_only=True)
    whole = Sheet(workbook.create_sheet("全年"))
    _summary(whole, build_summary(session, config, parse_period(str(year))))
    whole.cell(row=2, column=1, value=anchor_line(anchor))
    whole.flush()
    for month in range(1, 13):
        report = build_monthly(session, config, year, month)
        sheet = Sheet(workbook.create_sheet(f"{month}月"))
        _summary(sheet, report)
        sheet.cell(row=2, column=1, value=anchor_line(anchor))
        sheet.flush()
    stamp_anchor(workbook, anchor)
    workbook.properties.title = f"客诉案件统计表 {year}年（{at:%Y-%m-%d} 归档）"
    workbook.properties.creator = "BranchDesk 客诉台"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
