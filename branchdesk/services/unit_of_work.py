"""The one door for writes: every change to the database goes through ``UnitOfWork.write``.

A write unit

1. opens the transaction (``Database.write()``: ``BEGIN IMMEDIATE`` on SQLite),
2. re-reads the acting user and their roles (the UI is not trusted) and checks the
   roles the caller requires,
3. hands the service the configuration, reused from the cache while its version holds,
4. lets the service change data and append its timeline/audit events in the same
   transaction,
5. moves the configuration version by one when the unit changed configuration (refusing a write that
   names a version it is no longer: ``config_seen``), and turns a
   stale case version (optimistic locking) into ``ConcurrentChange``.

Nothing else opens a write transaction (a test checks it). Reads use ``read``,
which gives the same ``Unit`` over a read-only transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.exc import StaleDataError

from branchdesk.config import BranchConfig, ConfigCache
from branchdesk.domain.bounds import ids_ok
from branchdesk.domain.vocab import Role
from branchdesk.errors import ConcurrentChange, PermissionDenied, StorageError
from branchdesk.i18n import Text
from branchdesk.services.auth import actor_of
from branchdesk.services.config_seen import claim, record_change
from branchdesk.services.context import Actor, Clock
from branchdesk.storage.database import Database
from branchdesk.storage.failures import is_disk_full
from branchdesk.storage.models import User

#: Who acts in a unit that no person started (the deadline sweep, logins before the user is known).
SYSTEM_ACTOR = Actor(user_id=0, username="system", full_name="系统")


class Unit:
    """What one service call works with: the session, the acting user, the configuration and 'now'."""

    def __init__(
        self, session: Session, user: User | None, actor: Actor, config: BranchConfig, now: datetime
    ) -> None:
        self.session = session
        self._user = user
        self.actor = actor
        self.config = config
        self.now = now
        self.config_changed = False
        self.config_claimed = False  # the version already moved by ``claim``

    @property
    def user(self) -> User:
        """The acting user's row; a system unit has none, and asking for it is a programming error."""
        if self._user is None:
            raise RuntimeError("a system unit has no acting user")
        return self._user

    @property
    def user_or_none(self) -> User | None:
        return self._user

    def mark_config_changed(self, seen: int | None = None) -> None:
        """The unit changes configuration: every reader (on any PC) reloads it after the commit. ``seen``:
        the configuration version the person's screen showed; a newer one refuses the write here, before
        anything is changed (``config_seen.claim``)."""
        if seen is not None and not self.config_claimed:
            claim(self.session, seen)
            self.config_claimed = True
        self.config_changed = True


class UnitOfWork:
    """Opens units of work on one database, with one clock and one configuration cache."""

    def __init__(self, db: Database, clock: Clock, cache: ConfigCache | None = None) -> None:
        self.db = db
        self.clock = clock
        self.cache = cache or ConfigCache()
        self._written = threading.local()  # see ``configuration_written``

    @contextmanager
    def write(self, actor: Actor | None, *, roles: Collection[Role] = ()) -> Iterator[Unit]:
        """A write transaction for ``actor`` (None: the system). ``roles``: any of them is required."""
        written: int | None = None
        try:
            with self.db.write() as session:
                unit = self._open(session, actor, roles)
                yield unit
                if unit.config_changed:
                    written = record_change(session, claimed=unit.config_claimed)
        except StaleDataError as exc:
            raise ConcurrentChange(Text("error.concurrent_change")) from exc
        except OperationalError as exc:
            if _busy(exc):  # another PC held the write lock past the busy timeout: nothing was written
                raise StorageError(Text("error.database_busy")) from exc
            if is_disk_full(exc):  # the transaction rolled back: nothing was written, nothing lost
                raise StorageError(Text("storage.disk_full")) from exc
            raise
        if written is not None:  # committed: the screen that wrote names this version next
            self._written.version = written

    def configuration_written(self) -> int | None:
        """The configuration version this thread's last configuration write left, once (None: no such
        write since the last ask). A screen that wrote names it at its next write (``ui/config_seen``)."""
        version: int | None = getattr(self._written, "version", None)
        self._written.version = None
        return version

    @contextmanager
    def read(self, actor: Actor | None, *, roles: Collection[Role] = ()) -> Iterator[Unit]:
        """A read-only transaction with the same checks; nothing is written."""
        with self.db.read() as session:
            yield self._open(session, actor, roles)

    @contextmanager
    def bootstrap(self) -> Iterator[Session]:
        """The write that creates the branch itself: no user and no configuration exist yet."""
        with self.db.write() as session:
            yield session

    def config(self, session: Session) -> BranchConfig:
        return self.cache.get(session)

    def _open(self, session: Session, actor: Actor | None, roles: Collection[Role]) -> Unit:
        user: User | None = None
        fresh = SYSTEM_ACTOR
        if actor is not None:
            # issue 16 part P: the roles joined in (one statement, not a second SELECT): every unit opens here
            user = session.get(User, actor.user_id, options=_WITH_ROLES) if ids_ok(actor.user_id) else None
            if user is None or not user.active:
                raise PermissionDenied(Text("error.user_inactive"))
            fresh = actor_of(user)
        if roles and not fresh.roles & frozenset(roles):
            raise PermissionDenied(Text("error.roles_required", {"roles": sorted(roles)}))
        return Unit(session, user, fresh, self.cache.get(session), self.clock())


#: The acting user's roles loaded with the user. Built once: a loader option is immutable, and building
#: it anew cost more than a tenth of a millisecond at each of the demo build's 4,000 units.
_WITH_ROLES = (joinedload(User.roles),)


def _busy(exc: OperationalError) -> bool:
    """SQLite's "database is locked" / "busy", or PostgreSQL's lock timeout."""
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    return "locked" in text or "busy" in text or "lock timeout" in text
