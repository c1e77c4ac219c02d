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
    # issue 14 part A: the departments' opinions (会签), one block each (``OpinionBlock``); when they do
    # not fit their place on the form the section says so and they print on an attached page (附页)
    opinions: list[OpinionBlock] = field(default_factory=list)
    opinions_on_appendix: bool = False


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

# --- issue 14 part A: opinions from several departments (会签) ---------------------------------------
OPINIONS = "opinions"
#: The place the handling form has for opinions: this many department blocks of at most this many
#: characters in all (the layout of the printed page, like plain.LONG_FACT — not a policy); more go to
#: an attached page (附页), and the form says where they are.
OPINION_BLOCKS_ON_FORM = 3
OPINION_CHARACTERS_ON_FORM = 600
OPINIONS_HEADER = ("会签部门", "意见", "责任比率", "签署人", "时间")


@dataclass(frozen=True)
class OpinionBlock:
    """One department's block on the form: as printed (``services/printing`` renders the view)."""

    department: str
    opinion: str  # the opinion, or what became of the ask (待回复 / 不再等待 and why)
    share: str  # "30%" or ""
    signer: str  # "孙丽（部门经理）" or ""
    at: str  # when it was given (or waived); "" while pending


def opinion_blocks(case: PrintableCase) -> list[OpinionBlock]:
    return [OpinionBlock(**block) for block in case.data.get(OPINIONS) or []]


def opinions_fit(blocks: Sequence[OpinionBlock]) -> bool:
    return (
        len(blocks) <= OPINION_BLOCKS_ON_FORM
        and sum(len(b.opinion) for b in blocks) <= OPINION_CHARACTERS_ON_FORM
    )


def opinions_text(blocks: Sequence[OpinionBlock]) -> str:
    """The blocks as lines of text (the overlay's box; its overflow goes to the overlay's 附页)."""
    return "\n".join(
        "".join(
            [
                f"{b.department}：{b.opinion}",
                f"  责任比率 {b.share}" if b.share else "",
                f"  {b.signer}" if b.signer else "",
                f"  {b.at}" if b.at else "",
            ]
        )
        for b in blocks
    )


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
            if item.field == OPINIONS:  # issue 14 part A: blocks, not a label/value row
                blocks = opinion_blocks(case)
                rows += len(blocks)
                section.opinions = blocks
                if blocks and not opinions_fit(blocks):
                    section.opinions_on_appendix = True
                    where = f"共 {len(blocks)} 个部门的会签意见，见附页"
                    section.facts.append((item.label or FIELD_REGISTRY[OPINIONS].label, where))
                    section.fact_refs.append(OPINIONS)
                continue
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
