"""Storing an attachment inside the caller's unit (issue 17 part E): the intake's files on save; the
checks every attachment passes (bounded input before the unit, the branch's size and type inside)."""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Callable, Sequence
from hashlib import sha256
from pathlib import Path

from branchdesk.domain.attachments import HARD_MAX_BYTES, attachment_refusal
from branchdesk.domain.bounds import TEXT_LIMITS, Checks
from branchdesk.domain.text import clean_text
from branchdesk.errors import DomainError, FieldError
from branchdesk.i18n import Text
from branchdesk.services.base import Unit
from branchdesk.services.dto import IncomingFile
from branchdesk.services.timeline import record
from branchdesk.storage.models import Attachment, AttachmentBlob, Case

#: The most files one intake carries.
MAX_FILES_AT_INTAKE = 20

#: A file is read in pieces of this size, so the progress moves and a slow disk is not one long wait.
CHUNK = 1024 * 1024


def read_incoming(path: Path, progress: Callable[[int], None] = lambda _percent: None) -> IncomingFile:
    """Read a file the clerk chose (meant for a worker thread: no database, no Qt), reporting progress in
    percent; a file that cannot be read is one clear refusal. Its SHA-256 is computed as it is read."""
    try:
        size = max(path.stat().st_size, 1)
        if size > HARD_MAX_BYTES:
            too_big = Text("attachment.too_big", {"mb": HARD_MAX_BYTES // (1024 * 1024)})
            raise FieldError({"attachments": too_big})
        digest = sha256()
        parts: list[bytes] = []
        done = 0
        with path.open("rb") as file:
            while piece := file.read(CHUNK):
                parts.append(piece)
                digest.update(piece)
                done += len(piece)
                progress(min(100, done * 100 // size))
    except OSError as exc:  # gone, locked by the scanner, no permission: said in one line
        reason = exc.strerror or type(exc).__name__
        raise DomainError(Text("attachment.unreadable", {"file": path.name, "reason": reason})) from exc
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return IncomingFile(path.name, b"".join(parts), media_type, digest.hexdigest())


def precheck_files(files: object) -> tuple[IncomingFile, ...]:
    """What needs no database: a sequence of ``IncomingFile``, each bounded (before the write lock)."""
    if files is None:
        return ()
    if not isinstance(files, Sequence) or isinstance(files, str | bytes) or len(files) > MAX_FILES_AT_INTAKE:
        raise FieldError({"attachments": Text("error.generic")})
    checks = Checks()
    for item in files:
        if not isinstance(item, IncomingFile) or not isinstance(item.content, bytes):
            raise FieldError({"attachments": Text("attachment.empty")})
        checks.text("attachments", item.filename, 4 * TEXT_LIMITS["filename"])
        checks.text("attachments", item.media_type, 4 * TEXT_LIMITS["media_type"])
        if len(item.content) > HARD_MAX_BYTES:
            checks.add("attachments", Text("attachment.too_big", {"mb": HARD_MAX_BYTES // (1024 * 1024)}))
        elif not item.content:
            checks.add("attachments", Text("attachment.empty"))
    checks.done()
    return tuple(files)


def check_against_settings(unit: Unit, filename: str, size: int) -> None:
    """The branch's limits (settings ``attachment_max_mb``, ``attachment_types``)."""
    reason = attachment_refusal(
        filename,
        size,
        int(unit.config.setting("attachment_max_mb")),
        str(unit.config.setting("attachment_types")),
    )
    if reason is not None:
        raise FieldError({"attachments": reason})


def store_files(unit: Unit, case: Case, files: Sequence[IncomingFile], note_id: int | None = None) -> None:
    """Store ``files`` with ``case`` (metadata, content apart, one timeline entry each); with ``note_id``
    they are the files of that internal note (issue 14 part D)."""
    for item in files:
        name = clean_text(item.filename.replace("\\", "/").rsplit("/", 1)[-1][:255]) or "附件"
        check_against_settings(unit, name, len(item.content))
        attachment = Attachment(
            case_id=case.id,
            filename=name,
            media_type=clean_text(item.media_type[:100]) or "application/octet-stream",
            size=len(item.content),
            sha256=hashlib.sha256(item.content).hexdigest(),
            added_by_id=unit.user.id,
            added_at=unit.now,
            note="",
            note_id=note_id,
        )
        unit.session.add(attachment)
        unit.session.flush()
        unit.session.add(AttachmentBlob(attachment_id=attachment.id, content=item.content))
        record(
            unit.session,
            at=unit.now,
            actor=unit.user,
            action="attachment",
            case_id=case.id,
            text=Text("event.attachment_added", {"name": name, "kb": len(item.content) // 1024 + 1}),
        )
