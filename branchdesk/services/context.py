"""Who is acting, and what time it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from branchdesk.domain.vocab import Role

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class Actor:
    """The logged-in user as the services see them. Roles are re-read from the database on each call."""

    user_id: int
    username: str = ""
    full_name: str = ""
    roles: frozenset[Role] = frozenset()
    department_id: int | None = None
    #: An administrator reset the password: the login asks for a new one before anything else.
    must_change_password: bool = False

    def has(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))
