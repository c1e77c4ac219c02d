"""Small values the read models share: configured choices, named rows, and read-side vocabularies."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from branchdesk.domain.escalation import TOP_LEVEL
from branchdesk.domain.vocab import CloseKind, Status

# DeadlineStep: the read side names the steps as the domain does.
from branchdesk.domain.vocab import DeadlineStep as DeadlineStep
from branchdesk.i18n import Label


@dataclass(frozen=True)
class Choice:
    """A code from one of the branch's own lists (channel, request type …) and the branch's label for it.

    The label is the branch's data (it edits the list), so it travels with the code instead of
    being looked up in the catalogue; a code no longer in the list keeps the code as its label.
    """

    code: str
    label: str


@dataclass(frozen=True)
class Named:
    """A row the branch names itself (a department, a person): its id and its name."""

    id: int
    name: str


class ResolutionStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ExtensionStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


def shown_status(status: Status, close_kind: CloseKind | None) -> Status | CloseKind:
    """The status a reader sees: a closed case says how it was closed (已结案(无效) …)."""
    if status is Status.CLOSED and close_kind is not None:
        return close_kind
    return status


def escalation_level(level: int) -> Label:
    """The rung of the escalation ladder (0 handler … 3 GM), as a vocabulary label."""
    return Label("EscalationLevel", str(max(0, min(level, TOP_LEVEL))))


def validity(valid: bool) -> Label:
    return Label("Validity", "valid" if valid else "invalid")
