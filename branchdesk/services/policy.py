"""Policy files (issue 13, part "policy"): export, preview and apply a whole policy; presets.

Administrator only, through the one door. ``apply`` checks everything first (any problem → nothing
changes), backs the SQLite file up, then writes in one unit of work, which bumps the configuration
version; one admin event records it. Cases keep what they were registered under: their deadline, rule
label and steps' due times are stored on the case, an approval chain on its resolution.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from branchdesk.domain.vocab import Role
from branchdesk.errors import DomainError, NotFound, PermissionDenied
from branchdesk.i18n import Text
from branchdesk.policy import presets
from branchdesk.policy.apply import Change, apply_policy, diff
from branchdesk.policy.export import read_policy
from branchdesk.policy.toml_io import write_policy
from branchdesk.policy.validate import parse_policy
from branchdesk.services.base import ServiceBase
from branchdesk.services.context import Actor
from branchdesk.services.timeline import record
from branchdesk.storage.backup import IMPORT as IMPORT_BACKUP
from branchdesk.storage.backup import make_backup

#: The largest policy file read (a whole policy is tens of kilobytes).
MAX_POLICY_BYTES = 2_000_000


@dataclass(frozen=True)
class PolicyDiff:
    """What a file would do: its problems (then nothing may be applied), or its changes."""

    problems: tuple[Text, ...]
    changes: tuple[Change, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class PolicyResult:
    changes: tuple[Change, ...]
    backup: Path | None  # None: nothing changed, or PostgreSQL (the server's own backups apply)
    seconds: float


class PolicyError(DomainError):
    """A policy file with problems: ``problems`` holds each with its place; nothing was changed."""

    def __init__(self, problems: tuple[Text, ...]) -> None:
        self.problems = problems
        super().__init__(Text("policy.invalid", {"count": len(problems)}))


def read_source(source: str) -> str:
    """A file's text, or a preset's when ``source`` names one (``general``, ``通用``)."""
    preset = presets.find(source)
    if preset is not None:
        return preset.text()
    path = Path(source)
    try:
        if path.stat().st_size > MAX_POLICY_BYTES:
            raise DomainError(Text("policy.too_big", {"limit": MAX_POLICY_BYTES // 1000}))
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound(Text("policy.no_source", {"source": source})) from None
    except (OSError, UnicodeDecodeError) as error:
        raise DomainError(Text("policy.unreadable", {"source": source, "detail": str(error)})) from None


class PolicyService(ServiceBase):
    def _check_admin(self, roles: frozenset[Role]) -> None:
        if Role.ADMIN not in roles:
            raise PermissionDenied(Text("admin.only_admin"))

    def export(self, actor: Actor, with_calendar: bool = False) -> str:
        """The branch's whole policy as a policy file's text."""
        with self._door.read(actor) as unit:
            self._check_admin(unit.actor.roles)
            return write_policy(read_policy(unit.session, with_calendar=with_calendar))

    def preview(self, actor: Actor, text: str) -> PolicyDiff:
        """The file's problems (each with its place) or what applying it would change; writes nothing."""
        policy, problems = parse_policy(text)
        with self._door.read(actor) as unit:
            self._check_admin(unit.actor.roles)
            if policy is None:
                return PolicyDiff(tuple(problems), ())
            current = read_policy(unit.session, with_calendar=policy.calendar is not None)
            return PolicyDiff((), tuple(diff(current, policy)))

    def apply(self, actor: Actor, text: str, *, seen: int | None = None) -> PolicyResult:
        """Apply the file in one transaction, backup first; any problem → ``PolicyError``, no change."""
        started = time.perf_counter()
        preview = self.preview(actor, text)
        if preview.problems:
            raise PolicyError(preview.problems)
        if not preview.changes:
            return PolicyResult((), None, time.perf_counter() - started)
        backup = None
        if self._db.path is not None:  # PostgreSQL: the server's own backups (pg_dump) cover it
            backup = make_backup(self._db.path, IMPORT_BACKUP, self._door.clock()).path
        policy, _ = parse_policy(text)
        assert policy is not None  # checked above
        with self._door.write(actor) as unit:
            self._check_admin(unit.actor.roles)
            unit.mark_config_changed(seen)
            current = read_policy(unit.session, with_calendar=policy.calendar is not None)
            changes = tuple(diff(current, policy))  # again inside the transaction: another PC may have edited
            apply_policy(unit.session, policy, unit.now.date())
            record(
                unit.session,
                at=unit.now,
                actor=unit.user,
                action="admin.policy_import",
                text=Text(
                    "event.policy_imported",
                    {"title": policy.header.title or policy.header.name or "—", "count": len(changes)},
                ),
                changes=[(c.section + ":" + c.item, c.kind, c.detail) for c in changes[:200]],
            )
        return PolicyResult(changes, backup, time.perf_counter() - started)
