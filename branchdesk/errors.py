"""Errors the core raises towards the user.

Each error carries a ``Text`` (a code and its parameters) so the UI can show it
in the user's language; ``message`` is its Chinese rendering, which the CLI,
logs and older callers read as before.
"""

from __future__ import annotations

from branchdesk.i18n import DEFAULT_LANGUAGE, Text, render


def as_text(value: Text | str) -> Text:
    """A plain string (user data, a library's message) becomes a literal text."""
    return value if isinstance(value, Text) else Text.literal(value)


class BranchDeskError(Exception):
    """Base of every error meant to reach the user."""

    def __init__(self, text: Text | str) -> None:
        self.text = as_text(text)
        self.message = render(self.text, DEFAULT_LANGUAGE)
        super().__init__(self.message)

    def render(self, language: str = DEFAULT_LANGUAGE) -> str:
        return render(self.text, language)


class DomainError(BranchDeskError):
    """An action the rules refuse (wrong state, recusal, authority, ...)."""


class PermissionDenied(DomainError):
    """The acting user may not do this."""


class NotFound(BranchDeskError):
    """The thing asked for does not exist (or is not visible to the user)."""


class FieldError(BranchDeskError):
    """Bad input in one or more fields: ``texts`` maps field name to its text, ``errors`` to its Chinese."""

    def __init__(self, errors: dict[str, Text | str]) -> None:
        self.texts: dict[str, Text] = {name: as_text(value) for name, value in errors.items()}
        self.errors: dict[str, str] = self.rendered(DEFAULT_LANGUAGE)
        first = next(iter(self.texts.values()), Text("error.generic"))
        super().__init__(first)

    def rendered(self, language: str) -> dict[str, str]:
        return {name: render(text, language) for name, text in self.texts.items()}


class ConcurrentChange(BranchDeskError):
    """Someone else changed the record in the meantime."""


class ConfigChanged(ConcurrentChange):
    """A configuration write named a configuration version that is no longer the current one. ``version``
    is the current one: the screen that was refused names it at its next write, the person now told."""

    def __init__(self, text: Text, version: int) -> None:
        super().__init__(text)
        self.version = version


class AuthenticationFailed(BranchDeskError):
    """Wrong user or password (deliberately not saying which)."""


class StorageError(BranchDeskError):
    """The database cannot be used (network share, wrong file, newer schema, ...)."""
