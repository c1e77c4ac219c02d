"""Passwords (argon2id), logins with throttling, and re-authentication at signing."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from branchdesk.config import load_settings
from branchdesk.domain.vocab import Role
from branchdesk.errors import AuthenticationFailed, FieldError
from branchdesk.i18n import Text
from branchdesk.services.context import Actor, Clock
from branchdesk.services.timeline import record
from branchdesk.storage.models import Branch, User

if TYPE_CHECKING:  # the door re-reads users through ``actor_of`` below: imported lazily, no cycle
    from branchdesk.services.unit_of_work import UnitOfWork

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
#: Users of a demo branch (``init --demo``) share the public password ``demo1234``: a strong hash
#: protects nothing there and cost the demo build most of its time, so they get argon2's cheapest
#: parameters. A real branch's users keep the strong ones; a login rehashes a stored hash whose
#: parameters are not those of its kind of user (``check_password``).
_demo_hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)


def hasher_for(demo: bool) -> PasswordHasher:
    """The hasher for the users of a demo branch (cheapest) or a real one (strong)."""
    return _demo_hasher if demo else _hasher

MIN_PASSWORD_LENGTH = 8
WRONG_CREDENTIALS = Text("auth.wrong_credentials")
#: The code of "too many failures, wait": signing passes it on, any other failure becomes "not signed".
LOCKED_CODE = "auth.locked"


def hash_password(password: str, *, demo: bool = False) -> str:
    problem = password_problem(password)
    if problem:
        raise FieldError({"password": problem})
    return hasher_for(demo).hash(password)


def password_problem(password: str) -> Text | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return Text("auth.password_short", {"min": MIN_PASSWORD_LENGTH})
    if password.strip() != password:
        return Text("auth.password_spaces")
    return None


def _matches(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def actor_of(user: User) -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        full_name=user.full_name,
        roles=frozenset(Role(r.role) for r in user.roles),
        department_id=user.department_id,
        must_change_password=bool(user.must_change_password),
    )


def check_password(session: Session, user: User, password: str, clock: Clock, purpose: Text) -> None:
    """Verify ``password`` for ``user`` with throttling; raise AuthenticationFailed when wrong.

    Failures are counted in the caller's transaction, so the caller must commit
    even when this raises (see ``AuthService.login``).
    """
    now = clock()
    settings = load_settings(session)
    if user.locked_until and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        raise AuthenticationFailed(Text(LOCKED_CODE, {"minutes": minutes}))
    if not user.active or not _matches(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= int(settings.get("login_max_failures", 5)):
            user.locked_until = now + timedelta(minutes=int(settings.get("login_lock_minutes", 5)))
            user.failed_logins = 0
            record(
                session,
                at=now,
                actor=user,
                action="auth.locked",
                text=Text("event.account_locked", {"purpose": purpose}),
            )
        raise AuthenticationFailed(WRONG_CREDENTIALS)
    user.failed_logins = 0
    user.locked_until = None
    hasher = hasher_for(bool(session.scalar(select(Branch.demo))))
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)


class AuthService:
    def __init__(self, door: UnitOfWork) -> None:
        self._door = door
        self._db = door.db
        self._clock = door.clock

    def login(self, username: str, password: str) -> Actor:
        failure: AuthenticationFailed | None = None
        # Nobody is logged in yet: the system unit counts the failures (throttling) in its transaction.
        with self._door.write(None) as unit:
            session = unit.session
            user = session.scalars(select(User).where(User.username == username.strip())).first()
            if user is None:
                _hasher.hash(password or "x")  # spend the same time as for a real user
                raise AuthenticationFailed(WRONG_CREDENTIALS)
            try:
                check_password(session, user, password, self._clock, Text("auth.purpose_login"))
                user.last_login_at = self._clock()
            except AuthenticationFailed as exc:
                failure = exc  # leave the block normally so the failure count is committed
            actor = actor_of(user)
        if failure is not None:
            raise failure
        return actor

    def verify(self, actor: Actor, password: str) -> None:
        """Unlock after idle: the same check as a login, for the current user."""
        failure: AuthenticationFailed | None = None
        with self._door.write(None) as unit:
            session = unit.session
            user = session.get(User, actor.user_id)
            if user is None:
                raise AuthenticationFailed(WRONG_CREDENTIALS)
            try:
                check_password(session, user, password, self._clock, Text("auth.purpose_unlock"))
            except AuthenticationFailed as exc:
                failure = exc
        if failure is not None:
            raise failure

    def change_password(self, actor: Actor, old_password: str, new_password: str) -> Actor:
        """The user's own new password (the old one asked again); clears "must change".

        The new one follows the rules of creation (``password_problem``) and differs from the old one;
        a wrong old password counts toward the lock like a wrong login. Returns the refreshed actor.
        """
        problem = password_problem(new_password)
        if problem is not None:
            raise FieldError({"new_password": problem})
        if new_password == old_password:
            raise FieldError({"new_password": Text("auth.password_unchanged")})
        failure: AuthenticationFailed | None = None
        # The system unit, as for a login: the failure count must be committed when the old one is wrong.
        with self._door.write(None) as unit:
            session = unit.session
            user = session.get(User, actor.user_id)
            if user is None:
                raise AuthenticationFailed(WRONG_CREDENTIALS)
            try:
                check_password(session, user, old_password, self._clock, Text("auth.purpose_change_password"))
            except AuthenticationFailed as exc:
                failure = exc
            else:
                user.password_hash = hasher_for(bool(session.scalar(select(Branch.demo)))).hash(new_password)
                user.must_change_password = False
                record(
                    session,
                    at=unit.now,
                    actor=user,
                    action="auth.password_changed",
                    text=Text("event.password_changed", {"name": user.full_name}),
                )
            fresh = actor_of(user)
        if failure is not None:
            if failure.text.code == WRONG_CREDENTIALS.code:  # the user is known: say which part was wrong
                raise AuthenticationFailed(Text("auth.wrong_old_password"))
            raise failure
        return fresh

    def refresh(self, actor: Actor) -> Actor:
        with self._db.read() as session:
            user = session.get(User, actor.user_id)
            if user is None or not user.active:
                raise AuthenticationFailed(Text("auth.user_inactive"))
            return actor_of(user)

    def login_names(self) -> list[tuple[str, str]]:
        """(username, full name) of active users, for the login screen's user list."""
        with self._db.read() as session:
            rows = session.execute(
                select(User.username, User.full_name).where(User.active).order_by(User.username)
            ).all()
            return [(r[0], r[1]) for r in rows]
