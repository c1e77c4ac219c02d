"""Errors the core raises towards the user. Messages are Chinese: they are shown as they are."""

from __future__ import annotations


class BranchDeskError(Exception):
    """Base of every error meant to reach the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DomainError(BranchDeskError):
    """An action the rules refuse (wrong state, recusal, authority, ...)."""


class PermissionDenied(DomainError):
    """The acting user may not do this."""


class NotFound(BranchDeskError):
    """The thing asked for does not exist (or is not visible to the user)."""


class FieldError(BranchDeskError):
    """Bad input in one or more fields; ``errors`` maps field name to a Chinese message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        first = next(iter(self.errors.items()), ("", "输入有误"))
        super().__init__(first[1])


class ConcurrentChange(BranchDeskError):
    """Someone else changed the record in the meantime."""


class AuthenticationFailed(BranchDeskError):
    """Wrong user or password (deliberately not saying which)."""


class StorageError(BranchDeskError):
    """The database cannot be used (network share, wrong file, newer schema, ...)."""
