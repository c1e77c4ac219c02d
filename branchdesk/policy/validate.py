"""Checking a policy document (the parsed TOML) and turning it into a ``Policy``.

Every problem is collected, each with its place in the file (``deadline_rules[3].unit``, counting from
0 as TOML arrays do), as a ``Text``; a document with any problem gives no policy. Cross-references are
checked inside the file (a rule's category must be one of the file's categories), because the file
replaces the branch's policy as a whole.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from branchdesk.domain import defaults
from branchdesk.domain.bounds import INT_MAX, TEXT_LIMITS
from branchdesk.domain.deadlines import CASE_STEP, STEPS_NEEDING_CATCH_ALL
from branchdesk.domain.steps import StepOutcome, TrackedStep
from branchdesk.domain.vocab import DeadlineStep, DeadlineUnit, Kind, Role, Severity
from branchdesk.errors import FieldError
from branchdesk.i18n import Text
from branchdesk.policy.export import NOT_POLICY_SETTINGS
from branchdesk.policy.forms import LAYOUT_KEYS, copy_spec, layout_of, shipped_layout
from branchdesk.policy.model import (
    FORMAT,
    ApprovalRuleEntry,
    ApprovalStepEntry,
    CalendarDay,
    CalendarEntry,
    CategoryEntry,
    ChoiceEntry,
    CustomFieldEntry,
    DeadlineRuleEntry,
    DepartmentEntry,
    FormCopyEntry,
    FormEntry,
    Header,
    NameEntry,
    Policy,
    ReplyTemplateEntry,
    RetentionEntry,
    StepPolicyEntry,
)
from branchdesk.policy.report_duties import read_report_duties  # issue 15 part M
from branchdesk.policy.rewards import read_rewards  # issue 14 part C
from branchdesk.printing.form_spec import FormSpec, known_fields
from branchdesk.printing.form_spec import validate as validate_form

T = TypeVar("T")
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_.]{0,39}", re.ASCII)  # list codes, category codes, custom keys
_DEPT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,19}", re.ASCII)
_PRESET_NAME = re.compile(r"[a-z0-9_-]{0,40}", re.ASCII)
_STEPS = (*tuple(s.value for s in DeadlineStep), "case")
_CUSTOM_TYPES = ("text", "number", "date", "choice")
_MAX_ITEMS = 1000  # per section: a policy, not a data dump


class Reader:
    """Walks the document, collecting problems; the getters return None (or a default) when wrong."""

    def __init__(self) -> None:
        self.problems: list[Text] = []

    def add(self, text: Text, place: str, **params: Any) -> None:
        """``text`` names its code literally (the catalogue test reads it); the place joins its params."""
        self.problems.append(replace(text, params={"place": place, **text.params, **params}))

    def keys(self, table: dict[str, Any], place: str, allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                self.add(Text("policy.unknown_key"), f"{place}.{key}" if place else key)

    def table(self, doc: dict[str, Any], key: str, place: str) -> dict[str, Any]:
        value = doc.get(key, {})
        if not isinstance(value, dict):
            self.add(Text("policy.wrong_type"), place, expected="table")
            return {}
        return value

    def array(self, doc: dict[str, Any], key: str, place: str) -> list[Any]:
        value = doc.get(key, [])
        if not isinstance(value, list):
            self.add(Text("policy.wrong_type"), place, expected="array")
            return []
        if len(value) > _MAX_ITEMS:
            self.add(Text("policy.too_many"), place, limit=_MAX_ITEMS)
            return []
        return value

    def text(
        self, item: dict[str, Any], key: str, place: str, limit: int, *, required: bool = True
    ) -> str | None:
        value = item.get(key)
        where = f"{place}.{key}"
        if value is None:
            if required:
                self.add(Text("policy.missing"), where)
            return None
        if not isinstance(value, str):
            self.add(Text("policy.wrong_type"), where, expected="string")
            return None
        if (required and not value.strip()) or len(value) > limit:
            self.add(Text("policy.bad_text"), where, limit=limit)
            return None
        return value

    def code(
        self, item: dict[str, Any], key: str, place: str, pattern: re.Pattern[str] = _CODE
    ) -> str | None:
        value = self.text(item, key, place, 60)
        if value is not None and not pattern.fullmatch(value):
            self.add(Text("policy.bad_code"), f"{place}.{key}", value=value)
            return None
        return value

    def integer(
        self,
        item: dict[str, Any],
        key: str,
        place: str,
        low: int = 0,
        high: int = INT_MAX,
        *,
        required: bool = True,
    ) -> int | None:
        value = item.get(key)
        where = f"{place}.{key}"
        if value is None:
            if required:
                self.add(Text("policy.missing"), where)
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(Text("policy.wrong_type"), where, expected="integer")
            return None
        if not low <= value <= high:
            self.add(Text("policy.bad_number"), where, low=low, high=high)
            return None
        return value

    def flag(self, item: dict[str, Any], key: str, place: str, default: bool | None) -> bool | None:
        value = item.get(key, default)
        if value is not None and not isinstance(value, bool):
            self.add(Text("policy.wrong_type"), f"{place}.{key}", expected="boolean")
            return default
        return value

    def enum(
        self,
        item: dict[str, Any],
        key: str,
        place: str,
        allowed: tuple[str, ...],
        problem: Text,
        *,
        required: bool = False,
        default: str | None = None,
    ) -> str | None:
        value = item.get(key, default)
        where = f"{place}.{key}"
        if value is None:
            if required:
                self.add(Text("policy.missing"), where)
            return None
        if not isinstance(value, str):
            self.add(Text("policy.wrong_type"), where, expected="string")
            return None
        if value not in allowed:
            self.add(problem, where, value=value)
            return None
        return value

    def entries(
        self,
        doc: dict[str, Any],
        key: str,
        allowed: tuple[str, ...],
        build: Callable[[dict[str, Any], str], T | None],
    ) -> list[T]:
        out: list[T] = []
        for n, item in enumerate(self.array(doc, key, key)):
            place = f"{key}[{n}]"
            if not isinstance(item, dict):
                self.add(Text("policy.wrong_type"), place, expected="table")
                continue
            self.keys(item, place, allowed)
            built = build(item, place)
            if built is not None:
                out.append(built)
        return out

    def unique(self, values: list[tuple[str, Any]], what: str) -> None:
        """``(place, value)`` pairs; a value seen before is reported at its second place."""
        seen: set[Any] = set()
        for place, value in values:
            if value in seen:
                self.add(
                    Text("policy.duplicate"),
                    place,
                    value=value if isinstance(value, str) else "/".join(map(str, value)),
                )
            seen.add(value)


_ROLES = tuple(r.value for r in Role)
_KINDS = tuple(k.value for k in Kind)
_SEVERITIES = tuple(s.value for s in Severity)
_UNITS = tuple(u.value for u in DeadlineUnit)
_HEADER_KEYS = ("format", "name", "title", "description", "source", "notes")
_SECTIONS = (
    "settings",
    "lists",
    "names",
    "categories",
    "departments",
    "deadline_rules",
    "step_policies",
    "approval_rules",
    "reply_templates",
    "custom_fields",
    "forms",
    "calendar",
    "rewards",  # issue 14 part C
    "retention",  # issue 15 part R
    "report_duties",  # issue 15 part M
)


def parse_policy(text: str) -> tuple[Policy | None, list[Text]]:
    """The policy in ``text``, or None and every problem found (with its place)."""
    r = Reader()
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        r.add(Text("policy.syntax"), "", detail=str(error))
        return None, r.problems
    return policy_from_document(doc, r)


def policy_from_document(doc: dict[str, Any], r: Reader | None = None) -> tuple[Policy | None, list[Text]]:
    """The policy in a parsed document (any nesting of TOML values), or None and every problem."""
    r = r or Reader()
    if doc.get("format") != FORMAT:
        r.add(Text("policy.format"), "format", value=str(doc.get("format", "")))
        return None, r.problems
    r.keys(doc, "", _HEADER_KEYS + _SECTIONS)
    header = _header(r, doc)
    settings = _settings(r, r.table(doc, "settings", "settings"))
    lists = _lists(r, r.table(doc, "lists", "lists"))
    names = r.entries(doc, "names", ("vocabulary", "code", "zh", "en"), lambda i, p: _name(r, i, p))
    r.unique([(f"names[{n}]", (e.vocabulary, e.code)) for n, e in enumerate(names)], "names")
    categories = _categories(r, doc)
    departments = r.entries(doc, "departments", ("code", "name", "active"), lambda i, p: _department(r, i, p))
    r.unique([(f"departments[{n}].code", e.code) for n, e in enumerate(departments)], "departments")
    customs = r.entries(
        doc,
        "custom_fields",
        ("key", "label", "type", "choices", "required", "active", "personal"),
        lambda i, p: _custom(r, i, p),
    )
    r.unique([(f"custom_fields[{n}].key", e.key) for n, e in enumerate(customs)], "custom_fields")
    refs = _Refs(
        categories={c.code for c in categories},
        customs={c.key for c in customs},
        lists={k: {e.code for e in v} for k, v in lists.items()},
    )
    deadline_rules = r.entries(
        doc, "deadline_rules", _DEADLINE_KEYS, lambda i, p: _deadline_rule(r, i, p, refs)
    )
    step_policies = r.entries(
        doc,
        "step_policies",
        ("step", "warn_before_minutes", "on_overdue", "role", "active"),
        lambda i, p: _step_policy(r, i, p),
    )
    r.unique([(f"step_policies[{n}].step", e.step) for n, e in enumerate(step_policies)], "step_policies")
    approval_rules = r.entries(
        doc, "approval_rules", _APPROVAL_KEYS, lambda i, p: _approval_rule(r, i, p, refs)
    )
    templates = r.entries(doc, "reply_templates", ("title", "body"), lambda i, p: _template(r, i, p))
    custom_keys = tuple(c.key for c in customs)
    forms = r.entries(
        doc, "forms", ("form", "copies", *LAYOUT_KEYS), lambda i, p: _form(r, i, p, custom_keys)
    )
    r.unique([(f"forms[{n}].form", e.form) for n, e in enumerate(forms)], "forms")
    calendar = _calendar(r, doc["calendar"]) if "calendar" in doc else None
    rewards = read_rewards(r, doc)  # issue 14 part C: the reward/penalty scale
    retention = r.entries(  # issue 15 part R
        doc, "retention", ("years", "category", "kind"), lambda i, p: _retention(r, i, p, refs)
    )
    kept = [(f"retention[{n}]", (e.category or "*", e.kind or "*")) for n, e in enumerate(retention)]
    r.unique(kept, "retention")
    report_duties = read_report_duties(r, doc, {d.code for d in departments})  # issue 15 part M
    if not r.problems:  # the catch-alls the settings pages keep: every case and step finds a rule
        _catch_alls(r, deadline_rules, approval_rules)
    if r.problems:
        return None, r.problems
    return (
        Policy(
            header=header,
            settings=settings,
            lists=lists,
            names=tuple(names),
            categories=tuple(categories),
            departments=tuple(departments),
            deadline_rules=tuple(deadline_rules),
            step_policies=tuple(step_policies),
            approval_rules=tuple(approval_rules),
            reply_templates=tuple(templates),
            custom_fields=tuple(customs),
            forms=tuple(forms),
            calendar=calendar,
            rewards=rewards,
            retention=tuple(retention),  # issue 15 part R
            report_duties=report_duties,  # issue 15 part M
        ),
        [],
    )


class _Refs:
    def __init__(self, categories: set[str], customs: set[str], lists: dict[str, set[str]]) -> None:
        self.categories, self.customs, self.lists = categories, customs, lists


def _header(r: Reader, doc: dict[str, Any]) -> Header:
    name = r.text(doc, "name", "", 40, required=False) or ""
    if not _PRESET_NAME.fullmatch(name):
        r.add(Text("policy.bad_code"), "name", value=name)
    notes = r.array(doc, "notes", "notes")
    for n, note in enumerate(notes):
        if not isinstance(note, str) or len(note) > 2000:
            r.add(Text("policy.bad_text"), f"notes[{n}]", limit=2000)
    return Header(
        name=name,
        title=r.text(doc, "title", "", 50, required=False) or "",
        description=r.text(doc, "description", "", 500, required=False) or "",
        source=r.text(doc, "source", "", 500, required=False) or "",
        notes=tuple(str(n) for n in notes),
    )


def _settings(r: Reader, table: dict[str, Any]) -> dict[str, Any]:
    from branchdesk.services.admin import _check_setting  # the settings page's own checks

    out: dict[str, Any] = {}
    for key, value in sorted(table.items()):
        place = f"settings.{key}"
        if key not in defaults.SETTINGS or key in NOT_POLICY_SETTINGS:
            r.add(Text("policy.unknown_setting"), place)
            continue
        try:
            _check_setting(key, value)
        except FieldError as error:
            r.add(Text("policy.setting"), place, problem=next(iter(error.texts.values())))
            continue
        if (
            key in ("lunch_starts", "lunch_ends")
            and value
            and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value)
        ):
            r.add(Text("policy.bad_time"), place)
            continue
        out[key] = value
    return out


def _lists(r: Reader, table: dict[str, Any]) -> dict[str, tuple[ChoiceEntry, ...]]:
    out: dict[str, tuple[ChoiceEntry, ...]] = {}
    known = set(defaults.CHOICE_LISTS) | set(defaults.VOCABULARY_LISTS)
    for list_key in table:
        if list_key not in known:
            r.add(Text("policy.unknown_list"), f"lists.{list_key}")
            continue
        entries = r.entries(
            table,
            list_key,
            ("code", "label", "active"),
            lambda i, p: _choice(r, i, f"lists.{p}"),
        )
        r.unique([(f"lists.{list_key}[{n}].code", e.code) for n, e in enumerate(entries)], list_key)
        out[list_key] = tuple(entries)
    return out


def _choice(r: Reader, item: dict[str, Any], place: str) -> ChoiceEntry | None:
    code = r.code(item, "code", place)
    label = r.text(item, "label", place, TEXT_LIMITS["label"])
    active = r.flag(item, "active", place, True)
    if code is None or label is None:
        return None
    return ChoiceEntry(code, label, bool(active))


_RENAMABLE: dict[str, tuple[str, ...]] = {}


def _renamable() -> dict[str, tuple[str, ...]]:
    if not _RENAMABLE:
        from branchdesk.domain import vocab

        for name in defaults.RENAMABLE_VOCABULARIES:
            _RENAMABLE[name] = tuple(m.value for m in getattr(vocab, name))
    return _RENAMABLE


def _name(r: Reader, item: dict[str, Any], place: str) -> NameEntry | None:
    vocabularies = _renamable()
    vocabulary = r.enum(
        item, "vocabulary", place, tuple(vocabularies), Text("policy.unknown_vocabulary"), required=True
    )
    code = r.text(item, "code", place, 40)
    if vocabulary and code is not None and code not in vocabularies[vocabulary]:
        r.add(Text("policy.unknown_value"), f"{place}.code", value=code)
        code = None
    zh = r.text(item, "zh", place, TEXT_LIMITS["label"])
    en = r.text(item, "en", place, TEXT_LIMITS["label"], required=False)
    if vocabulary is None or code is None or zh is None:
        return None
    return NameEntry(vocabulary, code, zh, en or None)


def _categories(r: Reader, doc: dict[str, Any]) -> list[CategoryEntry]:
    def build(item: dict[str, Any], place: str) -> CategoryEntry | None:
        code = r.code(item, "code", place)
        label = r.text(item, "label", place, TEXT_LIMITS["label"])
        parent = r.text(item, "parent", place, 60, required=False)
        active = r.flag(item, "active", place, True)
        if code is None or label is None:
            return None
        return CategoryEntry(code, label, parent or None, bool(active))

    entries = r.entries(doc, "categories", ("code", "label", "parent", "active"), build)
    r.unique([(f"categories[{n}].code", e.code) for n, e in enumerate(entries)], "categories")
    depth: dict[str, int] = {}
    for n, entry in enumerate(entries):  # parents come first in the file: the tree reads top-down
        if entry.parent is None:
            depth[entry.code] = 1
        elif entry.parent not in depth:
            r.add(Text("policy.no_parent"), f"categories[{n}].parent", value=entry.parent)
        elif depth[entry.parent] >= defaults.CATEGORY_MAX_DEPTH:
            r.add(Text("policy.too_deep"), f"categories[{n}].parent", limit=defaults.CATEGORY_MAX_DEPTH)
        else:
            depth[entry.code] = depth[entry.parent] + 1
    return entries


def _department(r: Reader, item: dict[str, Any], place: str) -> DepartmentEntry | None:
    code = r.code(item, "code", place, _DEPT_CODE)
    name = r.text(item, "name", place, TEXT_LIMITS["name"])
    active = r.flag(item, "active", place, True)
    if code is None or name is None:
        return None
    return DepartmentEntry(code, name, bool(active))


def _custom(r: Reader, item: dict[str, Any], place: str) -> CustomFieldEntry | None:
    key = r.code(item, "key", place)
    label = r.text(item, "label", place, TEXT_LIMITS["custom_label"])
    kind = r.enum(item, "type", place, _CUSTOM_TYPES, Text("policy.unknown_value"), required=True)
    raw = item.get("choices", [])
    choices: list[str] = []
    if not isinstance(raw, list) or not all(isinstance(c, str) and c.strip() for c in raw):
        r.add(Text("policy.wrong_type"), f"{place}.choices", expected="array of strings")
    else:
        choices = raw
        if kind == "choice" and not choices:
            r.add(Text("policy.missing"), f"{place}.choices")
    required = r.flag(item, "required", place, False)
    active = r.flag(item, "active", place, True)
    if key is None or label is None or kind is None:
        return None
    personal = r.flag(item, "personal", place, False)  # issue 15 part R
    return CustomFieldEntry(key, label, kind, tuple(choices), bool(required), bool(active), bool(personal))


def _retention(r: Reader, item: dict[str, Any], place: str, refs: _Refs) -> RetentionEntry | None:
    """Issue 15 part R: one retention rule; its category must be one of the file's."""
    years = r.integer(item, "years", place, 1, 100)
    category = r.code(item, "category", place) if "category" in item else None
    if category is not None and category not in refs.categories:
        r.add(Text("policy.unknown_category"), f"{place}.category", value=category)
    kind = r.enum(item, "kind", place, _KINDS, Text("policy.unknown_value"))
    return RetentionEntry(years, category, kind) if years is not None else None


_DEADLINE_KEYS = (
    "priority",
    "label",
    "amount",
    "unit",
    "step",
    "kind",
    "category",
    "min_severity",
    "major",
    "severity_or_major",
    "foreign",
    "channel",
    "customer_type",
    "custom_field",
    "custom_value",
)


def _conditions(r: Reader, item: dict[str, Any], place: str, refs: _Refs) -> dict[str, Any]:
    kind = r.enum(item, "kind", place, _KINDS, Text("policy.unknown_kind"))
    severity = r.enum(item, "min_severity", place, _SEVERITIES, Text("policy.unknown_severity"))
    category = r.text(item, "category", place, 60, required=False)
    if category is not None and category not in refs.categories:
        r.add(Text("policy.unknown_category"), f"{place}.category", value=category)
        category = None
    return {
        "kind": kind,
        "min_severity": severity,
        "category": category,
        "major": r.flag(item, "major", place, None),
    }


def _deadline_rule(r: Reader, item: dict[str, Any], place: str, refs: _Refs) -> DeadlineRuleEntry | None:
    priority = r.integer(item, "priority", place, 0, 100_000)
    label = r.text(item, "label", place, TEXT_LIMITS["label"])
    amount = r.integer(item, "amount", place, 0, 10_000)
    unit = r.enum(item, "unit", place, _UNITS, Text("policy.unknown_unit"), required=True)
    step = r.enum(item, "step", place, _STEPS, Text("policy.unknown_step"), default="case")
    conditions = _conditions(r, item, place, refs)
    picked: dict[str, str | None] = {}
    for key in ("channel", "customer_type"):
        value = r.text(item, key, place, 40, required=False)
        if value is not None and value not in refs.lists.get(key, set()):
            r.add(Text("policy.unknown_choice"), f"{place}.{key}", value=value, list=key)
            value = None
        picked[key] = value
    custom = r.text(item, "custom_field", place, 40, required=False)
    if custom is not None and custom not in refs.customs:
        r.add(Text("policy.unknown_custom"), f"{place}.custom_field", value=custom)
    custom_value = r.text(item, "custom_value", place, 200, required=False)
    severity_or_major = r.flag(item, "severity_or_major", place, False)
    foreign = r.flag(item, "foreign", place, None)
    if priority is None or label is None or amount is None or unit is None or step is None:
        return None
    return DeadlineRuleEntry(
        priority=priority,
        label=label,
        amount=amount,
        unit=unit,
        step=step,
        kind=conditions["kind"],
        category=conditions["category"],
        min_severity=conditions["min_severity"],
        major=conditions["major"],
        severity_or_major=bool(severity_or_major),
        foreign=foreign,
        channel=picked["channel"],
        customer_type=picked["customer_type"],
        custom_field=custom,
        custom_value=custom_value,
    )


def _step_policy(r: Reader, item: dict[str, Any], place: str) -> StepPolicyEntry | None:
    step = r.enum(
        item, "step", place, tuple(s.value for s in TrackedStep), Text("policy.unknown_step"), required=True
    )
    warn = r.integer(item, "warn_before_minutes", place, 0, 60 * 24 * 30)
    outcome = r.enum(
        item,
        "on_overdue",
        place,
        tuple(o.value for o in StepOutcome),
        Text("policy.unknown_value"),
        required=True,
    )
    role = r.enum(item, "role", place, _ROLES, Text("policy.unknown_role"))
    active = r.flag(item, "active", place, True)
    if step is None or warn is None or outcome is None:
        return None
    return StepPolicyEntry(step, warn, outcome, role, bool(active))


_APPROVAL_KEYS = (
    "priority",
    "label",
    "steps",
    "min_amount_fen",
    "max_amount_fen",
    "category",
    "kind",
    "min_severity",
    "major",
    "active",
)


def _approval_rule(r: Reader, item: dict[str, Any], place: str, refs: _Refs) -> ApprovalRuleEntry | None:
    priority = r.integer(item, "priority", place, 0, 100_000)
    label = r.text(item, "label", place, TEXT_LIMITS["label"])
    low = r.integer(item, "min_amount_fen", place, required=False)
    high = r.integer(item, "max_amount_fen", place, required=False)
    if low is not None and high is not None and low > high:
        r.add(Text("policy.bad_band"), f"{place}.max_amount_fen")
    conditions = _conditions(r, item, place, refs)
    active = r.flag(item, "active", place, True)

    def step(entry: dict[str, Any], where: str) -> ApprovalStepEntry | None:
        role = r.enum(entry, "role", where, _ROLES, Text("policy.unknown_role"), required=True)
        own = r.flag(entry, "own_department", where, False)
        return ApprovalStepEntry(role, bool(own)) if role else None

    steps = r.entries(
        {f"{place}.steps": item.get("steps", [])}, f"{place}.steps", ("role", "own_department"), step
    )
    if not item.get("steps"):
        r.add(Text("policy.no_steps"), f"{place}.steps")
    if priority is None or label is None:
        return None
    return ApprovalRuleEntry(
        priority=priority,
        label=label,
        steps=tuple(steps),
        min_amount_fen=low,
        max_amount_fen=high,
        category=conditions["category"],
        kind=conditions["kind"],
        min_severity=conditions["min_severity"],
        major=conditions["major"],
        active=bool(active),
    )


def _template(r: Reader, item: dict[str, Any], place: str) -> ReplyTemplateEntry | None:
    title = r.text(item, "title", place, TEXT_LIMITS["title"])
    body = r.text(item, "body", place, TEXT_LIMITS["body"])
    return ReplyTemplateEntry(title, body) if title is not None and body is not None else None


def _form(r: Reader, item: dict[str, Any], place: str, custom_keys: tuple[str, ...]) -> FormEntry | None:
    given = {k: item[k] for k in LAYOUT_KEYS if k in item}
    # A form the branch added carries its whole layout; a shipped one may leave it out.
    codes = tuple(defaults.FORM_TITLES) + ((str(item.get("form")),) if given else ())
    form = r.enum(item, "form", place, codes, Text("policy.unknown_form"), required=True)

    def copy(entry: dict[str, Any], where: str) -> FormCopyEntry | None:
        no = r.integer(entry, "no", where, 1, 20)
        destination = r.text(entry, "destination", where, 50)
        colour = r.text(entry, "colour", where, 10)
        shows_phone = r.flag(entry, "shows_phone", where, False)
        internal = r.flag(entry, "internal", where, True)
        if no is None or destination is None or colour is None:
            return None
        return FormCopyEntry(no, destination, colour, bool(shows_phone), bool(internal))

    copies = r.entries(
        {f"{place}.copies": item.get("copies", [])},
        f"{place}.copies",
        ("no", "destination", "colour", "shows_phone", "internal"),
        copy,
    )
    r.unique([(f"{place}.copies[{n}].no", str(c.no)) for n, c in enumerate(copies)], "copies")
    if not form:
        return None
    ordered = tuple(sorted(copies, key=lambda c: c.no))
    if not given:
        return FormEntry(form, ordered)
    layout = {**(shipped_layout(form) or {}), **given}
    try:
        spec = FormSpec.from_dict(
            {
                "code": form,
                "copies": [copy_spec(c).to_dict() for c in ordered],
                **layout,
            }
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        r.add(Text("policy.form_layout"), place)
        return None
    for where, text in validate_form(spec, known_fields(custom_keys)):
        r.add(Text("policy.form_problem", {"problem": text}), f"{place}.{where}")
    return FormEntry(form, ordered, layout_of(spec))


def _calendar(r: Reader, raw: Any) -> CalendarEntry | None:
    if not isinstance(raw, dict):
        r.add(Text("policy.wrong_type"), "calendar", expected="table")
        return None
    r.keys(raw, "calendar", ("confirmed_years", "days"))
    years = raw.get("confirmed_years", [])
    if not isinstance(years, list) or not all(isinstance(y, int) and 2000 <= y <= 2100 for y in years):
        r.add(Text("policy.wrong_type"), "calendar.confirmed_years", expected="array of years")
        years = []

    def day(entry: dict[str, Any], where: str) -> CalendarDay | None:
        text = r.text(entry, "day", where, 10)
        working = r.flag(entry, "working", where, None)
        note = r.text(entry, "note", where, TEXT_LIMITS["calendar_note"], required=False) or ""
        try:
            date.fromisoformat(text or "")
        except ValueError:
            r.add(Text("policy.bad_date"), f"{where}.day")
            return None
        if working is None:
            r.add(Text("policy.missing"), f"{where}.working")
            return None
        return CalendarDay(text or "", working, note)

    days = r.entries(raw, "days", ("day", "working", "note"), lambda e, p: day(e, f"calendar.{p}"))
    r.unique([(f"calendar.days[{n}].day", d.day) for n, d in enumerate(days)], "days")
    return CalendarEntry(tuple(sorted(set(years))), tuple(sorted(days, key=lambda d: d.day)))


def missing_step(step: str) -> Text:
    return Text("deadline_rules.last_catch_all_step", {"step": DeadlineStep(step)})


def _catch_alls(
    r: Reader, deadline_rules: list[DeadlineRuleEntry], approvals: list[ApprovalRuleEntry]
) -> None:
    for step in STEPS_NEEDING_CATCH_ALL:
        if not any(
            rule.step == step
            and not rule.severity_or_major
            and all(getattr(rule, name) is None for name in _DEADLINE_CONDITIONS)
            for rule in deadline_rules
        ):
            if step == CASE_STEP:
                r.add(
                    Text("policy.problem", {"problem": Text("deadline_rules.last_catch_all_case")}),
                    "deadline_rules",
                )
            else:
                r.add(
                    Text("deadline_rules.last_catch_all_step", {"step": DeadlineStep(step)}), "deadline_rules"
                )
    if not any(
        rule.active and all(getattr(rule, name) is None for name in _APPROVAL_CONDITIONS)
        for rule in approvals
    ):
        r.add(Text("policy.problem", {"problem": Text("admin.rule_last_catch_all")}), "approval_rules")


_DEADLINE_CONDITIONS = (
    "kind",
    "category",
    "min_severity",
    "major",
    "foreign",
    "channel",
    "customer_type",
    "custom_field",
)
_APPROVAL_CONDITIONS = ("min_amount_fen", "max_amount_fen", "category", "kind", "min_severity", "major")
