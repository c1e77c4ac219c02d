"""The branch's vocabularies (issue 12): its pick lists, and its own names for the fixed codes.

Pick lists (channels, customer types, request and resolution types, invalid and abnormal-closure
reasons, reply and follow-up methods, complainant titles) live in ``choice_item``: an administrator
adds, renames, reorders, deactivates and reactivates their items. A code is never deleted while a case
carries it — a deactivated item is no longer offered but still names itself on the old cases.

Fixed vocabularies (kinds, severities, statuses and close kinds, roles) are codes the rules reason
about; a branch may only rename them (``label_override``). Every renderer reads the names from
``BranchConfig.label_overrides`` (see ``branchdesk.i18n.label``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from branchdesk.domain import defaults
from branchdesk.domain.bounds import TEXT_LIMITS, Checks
from branchdesk.domain.vocab import CloseKind, Kind, Role, Severity, Status
from branchdesk.errors import DomainError, FieldError, PermissionDenied
from branchdesk.i18n import Label, Text
from branchdesk.services.base import ServiceBase, Unit
from branchdesk.services.context import Actor
from branchdesk.services.timeline import apply_changes, record
from branchdesk.storage.models import Case, ChoiceItem, FollowUp, LabelOverride, Reply, Resolution

#: Where each list's codes are stored on cases (a code in use there is never deleted) and how long a
#: code may be there (the column's width).
_USED_IN: dict[str, tuple[InstrumentedAttribute[Any], int]] = {
    "channel": (Case.channel, 40),
    "customer_type": (Case.customer_type, 40),
    "request_type": (Case.request_type, 40),
    "resolution_type": (Resolution.resolution_type, 40),
    "invalid_reason": (Case.invalid_reason, 40),
    "abnormal_reason": (Case.abnormal_reason, 40),
    "reply_method": (Reply.method, 20),
    "followup_method": (FollowUp.method, 20),
    "complainant_title": (Case.complainant_title, 10),
}

_FIXED: dict[str, type[Kind] | type[Severity] | type[Status] | type[CloseKind] | type[Role]] = {
    "Kind": Kind,
    "Severity": Severity,
    "Status": Status,
    "CloseKind": CloseKind,
    "Role": Role,
}

_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_SLUG = re.compile(r"[^a-z0-9_]+")


@dataclass(frozen=True)
class VocabularyItem:
    """One item of a pick list as the settings page lists it."""

    code: str
    label: str
    active: bool
    in_use: int  # how many cases (or resolutions, replies, follow-ups) carry it


@dataclass(frozen=True)
class FixedLabel:
    """A fixed code's shipped names and the branch's own (empty: the shipped one is used)."""

    code: str
    shipped_zh: str
    shipped_en: str
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class VocabularySnapshot:
    lists: dict[str, list[VocabularyItem]]  # list key -> items in their order
    fixed: dict[str, list[FixedLabel]]  # vocabulary -> codes in the enum's order


class VocabularyService(ServiceBase):
    @contextmanager
    def _unit(self, actor: Actor, seen: int | None = None) -> Iterator[Unit]:
        """Every change here is configuration: the version moves, every PC reloads its lists."""
        with self._door.write(actor) as unit:
            if Role.ADMIN not in unit.actor.roles:
                raise PermissionDenied(Text("admin.only_admin"))
            unit.mark_config_changed(seen)
            yield unit

    # --- reading ---------------------------------------------------------------------------

    def snapshot(self, actor: Actor) -> VocabularySnapshot:
        from branchdesk.texts import LABELS

        with self._door.read(actor) as unit:
            if Role.ADMIN not in unit.actor.roles:
                raise PermissionDenied(Text("admin.only_admin"))
            s = unit.session
            lists: dict[str, list[VocabularyItem]] = {}
            for list_key in defaults.VOCABULARY_LISTS:
                counts = _use_counts(s, list_key)
                lists[list_key] = [
                    VocabularyItem(item.code, item.label, item.active, counts.get(item.code, 0))
                    for item in s.scalars(
                        select(ChoiceItem)
                        .where(ChoiceItem.list_key == list_key)
                        .order_by(ChoiceItem.sort_order, ChoiceItem.id)
                    )
                ]
            own = unit.config.label_overrides
            fixed = {
                vocabulary: [
                    FixedLabel(
                        code.value,
                        LABELS[vocabulary][code.value][0],
                        LABELS[vocabulary][code.value][1],
                        own.get((vocabulary, code.value), ("", None))[0],
                        own.get((vocabulary, code.value), ("", None))[1] or "",
                    )
                    for code in enum
                ]
                for vocabulary, enum in _FIXED.items()
                if vocabulary in defaults.RENAMABLE_VOCABULARIES
            }
            return VocabularySnapshot(lists, fixed)

    # --- pick lists ----------------------------------------------------------------------------

    def add_item(
        self,
        actor: Actor,
        list_key: str,
        label: str,
        code: str = "",
        *,
        seen: int | None = None,
    ) -> str:
        """Add an item at the end of ``list_key``; without a code one is made. Returns the code."""
        checks = Checks()
        list_key = _list_key(checks, list_key)
        label = checks.text("label", label, TEXT_LIMITS["label"], required=True)
        code = checks.text("code", code, TEXT_LIMITS["category_code"])
        limit = _USED_IN[list_key][1] if list_key else 40
        if code and "code" not in checks.errors and (len(code) > limit or not _CODE.fullmatch(code)):
            checks.add("code", Text("vocabulary.code", {"limit": limit}))
        checks.done()
        with self._unit(actor, seen) as unit:
            items = _items(unit.session, list_key)
            errors: dict[str, Text | str] = {}
            if code and any(i.code == code for i in items):
                errors["code"] = Text("vocabulary.code_taken")
            if any(i.label == label for i in items):
                errors["label"] = Text("vocabulary.label_taken")
            if errors:
                raise FieldError(errors)
            code = code or _new_code(label, {i.code for i in items}, limit)
            unit.session.add(
                ChoiceItem(
                    list_key=list_key,
                    code=code,
                    label=label,
                    sort_order=max((i.sort_order for i in items), default=-1) + 1,
                    active=True,
                )
            )
            self._event(
                unit, Text("event.vocabulary_added", {"list": _list_label(list_key), "label": label}), []
            )
            return code

    def rename_item(
        self,
        actor: Actor,
        list_key: str,
        code: str,
        label: str,
        *,
        seen: int | None = None,
    ) -> None:
        checks = Checks()
        list_key = _list_key(checks, list_key)
        code = checks.text("code", code, TEXT_LIMITS["category_code"])
        label = checks.text("label", label, TEXT_LIMITS["label"], required=True)
        checks.done()
        with self._unit(actor, seen) as unit:
            items = _items(unit.session, list_key)
            item = _find(items, code)
            if any(i.label == label and i.code != code for i in items):
                raise FieldError({"label": Text("vocabulary.label_taken")})
            changes = apply_changes(item, {"label": label})
            self._event(
                unit,
                Text("event.vocabulary_renamed", {"list": _list_label(list_key), "label": label}),
                changes,
            )

    def move_item(
        self,
        actor: Actor,
        list_key: str,
        code: str,
        steps: int,
        *,
        seen: int | None = None,
    ) -> None:
        """Move an item up (negative) or down (positive) in its list; at an end it stays."""
        checks = Checks()
        list_key = _list_key(checks, list_key)
        code = checks.text("code", code, TEXT_LIMITS["category_code"])
        steps = checks.integer("move_by", steps, -1000, 1000)
        checks.done()
        with self._unit(actor, seen) as unit:
            items = _items(unit.session, list_key)
            item = _find(items, code)
            position = max(0, min(len(items) - 1, items.index(item) + steps))
            items.remove(item)
            items.insert(position, item)
            for order, each in enumerate(items):
                each.sort_order = order
            self._event(
                unit, Text("event.vocabulary_moved", {"list": _list_label(list_key), "label": item.label}), []
            )

    def set_item_active(
        self,
        actor: Actor,
        list_key: str,
        code: str,
        active: bool,
        *,
        seen: int | None = None,
    ) -> None:
        """Deactivate (no longer offered; old cases still show it) or reactivate an item."""
        checks = Checks()
        list_key = _list_key(checks, list_key)
        code = checks.text("code", code, TEXT_LIMITS["category_code"])
        if not isinstance(active, bool):
            checks.add("active", Text("field.format", {"field": Label("Field", "active")}))
        checks.done()
        with self._unit(actor, seen) as unit:
            items = _items(unit.session, list_key)
            item = _find(items, code)
            if not active and item.active and not any(i.active for i in items if i is not item):
                raise DomainError(Text("vocabulary.last_active", {"list": _list_label(list_key)}))
            changes = apply_changes(item, {"active": active})
            self._event(
                unit,
                Text(
                    "event.vocabulary_activated" if active else "event.vocabulary_deactivated",
                    {"list": _list_label(list_key), "label": item.label},
                ),
                changes,
            )

    def delete_item(self, actor: Actor, list_key: str, code: str, *, seen: int | None = None) -> None:
        """Remove an item no case ever used (a typo just added); one in use is refused: deactivate it."""
        checks = Checks()
        list_key = _list_key(checks, list_key)
        code = checks.text("code", code, TEXT_LIMITS["category_code"])
        checks.done()
        with self._unit(actor, seen) as unit:
            items = _items(unit.session, list_key)
            item = _find(items, code)
            used = _use_counts(unit.session, list_key, code).get(code, 0)
            if used:
                raise DomainError(Text("vocabulary.in_use", {"label": item.label, "count": used}))
            if item.active and not any(i.active for i in items if i is not item):
                raise DomainError(Text("vocabulary.last_active", {"list": _list_label(list_key)}))
            unit.session.delete(item)
            self._event(
                unit,
                Text("event.vocabulary_deleted", {"list": _list_label(list_key), "label": item.label}),
                [],
            )

    # --- names of fixed codes --------------------------------------------------------------------

    def rename_label(
        self, actor: Actor, vocabulary: str, code: str, label_zh: str, label_en: str = "",
        *,
        seen: int | None = None,
    ) -> None:
        """The branch's name for a fixed code; an empty Chinese name returns to the shipped names."""
        checks = Checks()
        vocabulary = checks.text("vocabulary", vocabulary, TEXT_LIMITS["filter_code"])
        code = checks.text("code", code, TEXT_LIMITS["filter_code"])
        label_zh = checks.text("label_zh", label_zh, TEXT_LIMITS["label"])
        label_en = checks.text("label_en", label_en, TEXT_LIMITS["label"])
        enum = _FIXED.get(vocabulary) if vocabulary in defaults.RENAMABLE_VOCABULARIES else None
        if enum is None:
            checks.add("vocabulary", Text("vocabulary.unknown"))
        elif "code" not in checks.errors and code not in {c.value for c in enum}:
            checks.add("code", Text("vocabulary.unknown_code"))
        if label_en and not label_zh and "label_zh" not in checks.errors:
            checks.add("label_zh", Text("field.required", {"field": Label("Field", "label_zh")}))
        checks.done()
        with self._unit(actor, seen) as unit:
            row = unit.session.scalars(
                select(LabelOverride).where(
                    LabelOverride.vocabulary == vocabulary, LabelOverride.code == code
                )
            ).first()
            shown = Label(vocabulary, code)
            if not label_zh:
                if row is not None:
                    unit.session.delete(row)
                    self._event(
                        unit, Text("event.label_restored", {"code": shown}), [("label", row.label_zh, "")]
                    )
                return
            if row is None:
                unit.session.add(
                    LabelOverride(
                        vocabulary=vocabulary, code=code, label_zh=label_zh, label_en=label_en or None
                    )
                )
                changes: list[tuple[str, Any, Any]] = [("label", "", label_zh)]
            else:
                changes = apply_changes(row, {"label_zh": label_zh, "label_en": label_en or None})
            self._event(unit, Text("event.label_renamed", {"code": shown, "label": label_zh}), changes)

    def _event(self, unit: Unit, text: Text, changes: list[tuple[str, Any, Any]]) -> None:
        record(
            unit.session, at=unit.now, actor=unit.user, action="admin.vocabulary", text=text, changes=changes
        )


# --- helpers ---------------------------------------------------------------------------------------


def _list_key(checks: Checks, list_key: Any) -> str:
    key = checks.text("list", list_key, TEXT_LIMITS["filter_code"])
    if "list" not in checks.errors and key not in _USED_IN:
        checks.add("list", Text("vocabulary.unknown_list"))
        return ""
    return key


def _list_label(list_key: str) -> Label:
    return Label("VocabularyList", list_key)


def _items(session: Session, list_key: str) -> list[ChoiceItem]:
    return list(
        session.scalars(
            select(ChoiceItem)
            .where(ChoiceItem.list_key == list_key)
            .order_by(ChoiceItem.sort_order, ChoiceItem.id)
        )
    )


def _find(items: list[ChoiceItem], code: str) -> ChoiceItem:
    for item in items:
        if item.code == code:
            return item
    raise FieldError({"code": Text("vocabulary.not_found")})


def _use_counts(session: Session, list_key: str, code: str | None = None) -> dict[str, int]:
    column = _USED_IN[list_key][0]
    query = select(column, func.count()).where(column.is_not(None))
    if code is not None:
        query = query.where(column == code)
    return {str(value): int(count) for value, count in session.execute(query.group_by(column)).all() if value}


def _new_code(label: str, taken: set[str], limit: int) -> str:
    """A code for a new item: the label itself when it is plain Latin text, else v1, v2 …"""
    slug = _SLUG.sub("_", label.lower()).strip("_")[:limit]
    if slug and _CODE.fullmatch(slug) and slug not in taken:
        return slug
    number = len(taken) + 1
    while f"v{number}" in taken:
        number += 1
    return f"v{number}"
