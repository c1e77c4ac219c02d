"""The language the user reads: renders the core's codes (``branchdesk.i18n.Text``) and labels.

Set once at start (``set_language``) from the user's choice; widgets call
``render``/``label`` and never format a core text themselves.
"""

from __future__ import annotations

from enum import Enum

from branchdesk import i18n

_current = i18n.DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    global _current
    _current = i18n.normalise_language(language)


def current_language() -> str:
    return _current


def render(text: i18n.Text | str | None) -> str:
    return i18n.render(text, _current)


def label(value: Enum | i18n.Label) -> str:
    return i18n.label(value, _current)
