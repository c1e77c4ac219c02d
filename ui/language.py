"""The language the user reads: renders the core's codes (``branchdesk.i18n.Text``) and labels.

Set once at start (``set_language``) from the user's choice; widgets call
``render``/``label`` and never format a core text themselves.
"""

from __future__ import annotations

from enum import Enum

from branchdesk import i18n

_current = i18n.DEFAULT_LANGUAGE
#: The open branch's own names for fixed codes (issue 12). The UI holds one branch per process, so
#: this module keeps them: the main window sets them at start and on ``sig_config_changed``. The core's
#: renderers (printing, Excel) never read this; they get ``BranchConfig.label_overrides`` explicitly.
_overrides: i18n.LabelOverrides = i18n.NO_OVERRIDES


def set_language(language: str) -> None:
    global _current
    _current = i18n.normalise_language(language)


def set_label_overrides(overrides: i18n.LabelOverrides) -> None:
    global _overrides
    _overrides = dict(overrides)


def current_language() -> str:
    return _current


def render(text: i18n.Text | str | None) -> str:
    return i18n.render(text, _current, _overrides)


def label(value: Enum | i18n.Label) -> str:
    return i18n.label(value, _current, _overrides)


def join(items: list[str]) -> str:
    """A list as the reader's language writes it (、 in Chinese, commas in English)."""
    return (", " if _current == "en" else "、").join(items)


def roles_text(roles: object) -> str:
    """Role codes or enums, in the ladder's order, as one readable list."""
    from branchdesk.domain.vocab import Role

    ordered = sorted((Role(r) for r in roles), key=list(Role).index)  # type: ignore[attr-defined]
    return join([label(r) for r in ordered])


def person_with_department(name: str, department: str) -> str:
    """How a person is offered in a pick list: 张伟（质量管理部） / 张伟 (质量管理部)."""
    if not department:
        return name
    return f"{name} ({department})" if _current == "en" else f"{name}（{department}）"
