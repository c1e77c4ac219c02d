"""What each form says: sections of (label, value) facts and long texts, from one case's data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from branchdesk.domain.defaults import FORM_TITLES
from branchdesk.domain.text import mask_phone
from branchdesk.printing.form_spec import (
    ALL_CUSTOM,
    CUSTOM_PREFIX,
    FIELD_REGISTRY,
    FIXED,
    FieldSpec,
    FormSpec,
    field_label,
)

FORM_CODES = ("receipt", "handling", "allowance", "return", "penalty", "report")


@dataclass(frozen=True)
class Copy:
    number: int
    destination: str
    colour: str
    shows_phone: bool
    internal: bool


@dataclass
class Section:
    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)  # short label/value pairs, in a grid
    texts: list[tuple[str, str]] = field(default_factory=list)  # long texts that may run over pages
    signatures: list[tuple[str, str, str, str, str]] = field(
        default_factory=list
    )  # level, name, role, time, meaning
    #: The branch's own fields (issue 12): printed in plain mode only — the pre-printed carbon sets
    #: have no boxes for them, and their labels must not take the place of a box's value.
    custom: bool = False
    #: issue 13 "forms": the field reference of each fact and text, in the same order (overlay boxes)
    fact_refs: list[str] = field(default_factory=list)
    text_refs: list[str] = field(default_factory=list)


@dataclass
class PrintableCase:
    """Everything a form may print about one case (phones unmasked; masking is per copy)."""

    case_no: str
    branch_name: str
    branch_phone: str
    branch_address: str
    phone: str
    data: dict[str, Any]  # see services/printing.py for the keys
    audit_anchor: str = ""  # the audit chain head when the form was made (``audit verify --anchor``)
    # --- issue 12 "fields" ---
    branch_fax: str = ""
    branch_postal_code: str = ""
    #: form -> the branch's own fields it prints, (label, value) in order (``form_custom_fields``)
    custom: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: issue 13 "forms": every custom field of the case by key, (label, value), for ``custom:<key>``
    custom_fields: dict[str, tuple[str, str]] = field(default_factory=dict)


CUSTOM_SECTION = "补充信息"


def branch_line(case: PrintableCase) -> str:
    """The branch's address and numbers in one line (a form's foot); empty when none is set."""
    parts = [
        case.branch_address,
        f"邮编 {case.branch_postal_code}" if case.branch_postal_code else "",
        f"电话 {case.branch_phone}" if case.branch_phone else "",
        f"传真 {case.branch_fax}" if case.branch_fax else "",
    ]
    return "  ".join(p for p in parts if p)


def form_custom_keys(
    form: str, active: Sequence[str], setting: Mapping[str, Sequence[str]], default_forms: Sequence[str]
) -> list[str]:
    """The custom field keys ``form`` prints: those the setting names for it, else every active field
    on the forms that print them by default, else none."""
    if form in setting:
        return list(setting[form])
    return list(active) if form in default_forms else []


def anchor_text(case: PrintableCase) -> str:
    """「审计链 123-ab12cd34ef56」, printed small beside the print time; empty without an anchor."""
    return f"审计链 {case.audit_anchor}" if case.audit_anchor else ""


def sections(spec: FormSpec, case: PrintableCase, copy: Copy) -> list[Section]:
    """The form's sections for one copy, as its spec describes them (issue 13 "forms": no per-form code)."""
    result: list[Section] = []
    for section_spec in spec.sections:
        if section_spec.when not in ("", "filled") and not case.data.get(section_spec.when):
            continue
        section = Section(section_spec.title, custom=section_spec.plain_only)
        rows = 0
        for item in section_spec.fields:
            for label, value in _values(spec.code, item, case, copy):
                rows += 1
                if value in ("", None) and item.empty:
                    value = item.empty
                text = item.text if item.text is not None else _registry_text(item.field)
                (section.texts if text else section.facts).append((label, value))
                (section.text_refs if text else section.fact_refs).append(item.field)
        if section_spec.when == "filled" and not rows:
            continue
        if section_spec.signatures:
            section.signatures = (case.data.get("resolution") or {}).get("signatures", [])
        result.append(section)
    return result


def _registry_text(ref: str) -> bool:
    known = FIELD_REGISTRY.get(ref)
    return bool(known and known.text)


def _values(form: str, item: FieldSpec, case: PrintableCase, copy: Copy) -> list[tuple[str, Any]]:
    """(label, value) rows one field prints: one, or one per custom field for ``custom:*``."""
    ref = item.field
    if ref == ALL_CUSTOM:
        return list(case.custom.get(form, []))
    if ref.startswith(CUSTOM_PREFIX):
        key = ref[len(CUSTOM_PREFIX) :]
        if key not in case.custom_fields:
            return []
        own_label, value = case.custom_fields[key]
        return [(item.label or own_label, value)]
    label = field_label(ref, item.label, {})
    return [(label, field_value(ref, item, case, copy))]


def field_value(ref: str, item: FieldSpec, case: PrintableCase, copy: Copy) -> Any:
    """The value of one registry field for one copy (the phone masked where the copy may not show it)."""
    d = case.data
    if ref == FIXED:
        return item.value
    if ref == "case_no":
        return case.case_no
    if ref == "phone":
        return case.phone if copy.shows_phone else mask_phone(d.get("phone_normalized") or case.phone)
    if ref.startswith("branch."):
        return {
            "branch.phone": case.branch_phone,
            "branch.address": case.branch_address,
            "branch.postal_code": case.branch_postal_code,
            "branch.fax": case.branch_fax,
        }[ref]
    if ref == "resolution.reason":
        return (d.get("resolution") or {}).get("text") or d["content"]
    group, _, key = ref.partition(".")
    if key:
        return (d.get(group) or {}).get(key, "")
    return d.get(ref, "")


def title(form: str) -> str:
    """The default title of a form code (a branch's own title is its spec's ``title``)."""
    return FORM_TITLES.get(form, form)
