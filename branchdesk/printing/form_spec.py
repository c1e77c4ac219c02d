"""A printed form described as data (issue 13 "forms"): what the plain and overlay renderers read.

Pure: no I/O. A ``FormSpec`` is a tree of plain dataclasses with ``to_dict``/``from_dict`` made of
str/int/float/bool/list/dict only, so it can be stored as JSON (table ``form_spec``) and embedded in a
policy file (TOML). ``validate`` names every problem with its place (``copies[2].name``,
``sections[0].fields[3].field``), and a form that refers to a field the case does not have is refused.

A field reference names one value of the printable case: a key of ``FIELD_REGISTRY`` (the case view's
fields as ``services/printing.py`` renders them), ``custom:<key>`` for one of the branch's own fields,
``custom:*`` for every active custom field the form prints by default (or as the setting
``form_custom_fields`` names them), or ``fixed`` for a fixed sentence printed as it is (``value``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from branchdesk.i18n import Text

#: Paper for plain mode: code -> (ISO size, landscape). Sizes themselves are ReportLab's (plain.py).
PLAIN_PAPERS = ("A4", "A5L", "A4L", "A5")
#: Continuous carbonless paper for overlay mode (241 mm wide; overlay.py has the lengths).
OVERLAY_PAPERS = ("241-1", "241-2", "241-3")
COLOURS = ("白", "红", "蓝", "黄", "绿")
#: What a section's ``when`` may ask for: a part of the case that must exist, or any value filled in.
SECTION_WHEN = ("", "investigation", "resolution", "reply", "follow_up", "filled", "opinions", "original")
#: What may offer a form (all of a form's conditions must hold): the case's state and what it has.
OFFER_CONDITIONS = (
    "registered",  # not a draft
    "open_or_closed",  # neither a draft nor void
    "investigated",  # an investigation is recorded
    "responsibility_shared",  # the investigation splits responsibility (shares)
    "reward_approved",  # issue 14 part C: the case has an approved reward/penalty record (奖罚通知单)
)
#: ``approved:<resolution type code>``: the last approved resolution is of this type.
APPROVED_PREFIX = "approved:"
CUSTOM_PREFIX = "custom:"
ALL_CUSTOM = "custom:*"
FIXED = "fixed"

LIMITS = {"code": 20, "title": 40, "name": 50, "label": 30, "value": 500, "copies": 9, "fields": 80}


@dataclass(frozen=True)
class FieldDef:
    """One value a form can print: its default label on the form and whether it is a long text."""

    label: str
    text: bool = False


#: Every case value a form can print, by key (the data dict ``PrintService._printable`` builds).
FIELD_REGISTRY: dict[str, FieldDef] = {
    "case_no": FieldDef("受理编号"),
    "received_at": FieldDef("受理时间"),
    "channel": FieldDef("投诉渠道"),
    "kind": FieldDef("性质"),
    "complainant": FieldDef("投诉人"),
    "phone": FieldDef("联系电话"),  # masked on the copies that do not show the phone
    "company": FieldDef("单位/客户"),
    "order_no": FieldDef("订单编号"),
    "product": FieldDef("产品或服务"),
    "part_no": FieldDef("料号/型号"),
    "lot_no": FieldDef("批号"),
    "quantity": FieldDef("数量"),
    "defective_quantity": FieldDef("不良数量"),
    "delivery_date": FieldDef("交运日期"),
    "complained": FieldDef("被投诉部门/人"),
    "recorder": FieldDef("受理人"),
    "request": FieldDef("客户要求"),
    "content": FieldDef("投诉内容", text=True),
    "valid": FieldDef("有效性"),
    "category": FieldDef("类别"),
    "severity": FieldDef("等级"),
    "major": FieldDef("重大投诉"),
    "department": FieldDef("责任部门"),
    "handler": FieldDef("处理责任人"),
    "deadline": FieldDef("处理期限"),
    "reply_due": FieldDef("最迟答复日期"),
    "branch.phone": FieldDef("网点联系电话"),
    "branch.address": FieldDef("网点地址"),
    "branch.postal_code": FieldDef("邮政编码"),
    "branch.fax": FieldDef("传真"),
    "investigation.cause": FieldDef("发生原因", text=True),
    "investigation.details": FieldDef("具体经过", text=True),
    "investigation.conclusion": FieldDef("调查结论", text=True),
    "investigation.corrective": FieldDef("纠正措施", text=True),
    "investigation.preventive": FieldDef("预防措施", text=True),
    "investigation.measures": FieldDef("纠正预防措施", text=True),
    "investigation.responsibility": FieldDef("责任归属"),
    "investigation.track": FieldDef("改善追踪"),
    "investigation.author": FieldDef("调查人"),
    "investigation.shares": FieldDef("责任比率"),
    "investigation.responsible": FieldDef("责任部门/人"),
    "resolution.type": FieldDef("处理方式"),
    "resolution.amount": FieldDef("金额"),
    "resolution.chain": FieldDef("审批层级"),
    "resolution.text": FieldDef("方案说明", text=True),
    # the resolution's text, or the complaint when the resolution says nothing
    "resolution.reason": FieldDef("原因", text=True),
    # --- issue 14 part C: one reward/penalty record (the 奖罚通知单 prints with a record id) ---
    "reward.no": FieldDef("奖罚编号"),
    "reward.subject": FieldDef("奖罚对象"),
    "reward.department": FieldDef("所属部门"),
    "reward.kind": FieldDef("类别"),
    "reward.item": FieldDef("奖罚标准"),
    "reward.amount": FieldDef("金额"),
    "reward.points": FieldDef("绩效分"),
    "reward.measure": FieldDef("处分"),
    "reward.proposer": FieldDef("提出人"),
    "reward.reason": FieldDef("事由", text=True),
    "reward.approvals": FieldDef("核准", text=True),
    "reply.at": FieldDef("时间"),
    "reply.method": FieldDef("方式"),
    "reply.by": FieldDef("答复人"),
    "reply.accepted": FieldDef("客户接受"),
    "reply.content": FieldDef("答复内容", text=True),
    "follow_up.at": FieldDef("时间"),
    "follow_up.method": FieldDef("方式"),
    "follow_up.by": FieldDef("回访人"),
    "follow_up.solved": FieldDef("问题解决"),
    "follow_up.satisfaction": FieldDef("满意度"),
    "follow_up.comments": FieldDef("客户意见", text=True),
    # issue 14 part D: a returning complaint's original case (附原表), section ``when="original"``
    "original.case_no": FieldDef("原表编号"),
    "original.received_at": FieldDef("原受理时间"),
    "original.close": FieldDef("原表结果"),
    FIXED: FieldDef("说明", text=True),
    # issue 14 part A: the opinions given by other departments (会签), one block per department
    "opinions": FieldDef("会签意见", text=True),
}


@dataclass
class CopySpec:
    number: int
    name: str  # printed on the copy: 「第 2 联 · 制造部门」
    colour: str = "白"  # the colour band at the edge (plain) / the carbon sheet's colour
    department: str = ""  # the department code the copy goes to, when it goes to one
    shows_phone: bool = False
    internal: bool = True  # 「内部文件 不得影印送客户」

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "name": self.name,
            "colour": self.colour,
            "department": self.department,
            "shows_phone": self.shows_phone,
            "internal": self.internal,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CopySpec:
        return cls(
            int(d["number"]),
            str(d["name"]),
            str(d.get("colour", "白")),
            str(d.get("department", "")),
            bool(d.get("shows_phone", False)),
            bool(d.get("internal", True)),
        )


@dataclass
class FieldSpec:
    field: str  # a field reference (module docstring)
    label: str = ""  # empty: the registry's label (a custom field's own label)
    text: bool | None = None  # long text below the grid; None: as the registry says
    value: str = ""  # the sentence a ``fixed`` field prints
    empty: str = ""  # printed when the value is empty (e.g. 「—」); empty: the field is left out
    width: float = 0  # reserved for a layout that sizes cells; the grid ignores it today

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"field": self.field}
        if self.label:
            d["label"] = self.label
        if self.text is not None:
            d["text"] = self.text
        if self.value:
            d["value"] = self.value
        if self.empty:
            d["empty"] = self.empty
        if self.width:
            d["width"] = self.width
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FieldSpec:
        text = d.get("text")
        return cls(
            str(d["field"]),
            str(d.get("label", "")),
            None if text is None else bool(text),
            str(d.get("value", "")),
            str(d.get("empty", "")),
            float(d.get("width", 0)),
        )


@dataclass
class SectionSpec:
    title: str
    fields: list[FieldSpec] = field(default_factory=list)
    when: str = ""  # SECTION_WHEN: printed only when the case has this part
    signatures: bool = False  # the approval signatures of the resolution, below the fields
    plain_only: bool = False  # no box on the pre-printed set (the branch's own fields)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"title": self.title, "fields": [f.to_dict() for f in self.fields]}
        if self.when:
            d["when"] = self.when
        if self.signatures:
            d["signatures"] = True
        if self.plain_only:
            d["plain_only"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SectionSpec:
        return cls(
            str(d["title"]),
            [FieldSpec.from_dict(f) for f in d.get("fields", [])],
            str(d.get("when", "")),
            bool(d.get("signatures", False)),
            bool(d.get("plain_only", False)),
        )


@dataclass
class SignatureBlock:
    """A place for a hand signature at the foot of a plain form (e.g. 「主管 / 核准」)."""

    label: str
    meaning: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "meaning": self.meaning}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SignatureBlock:
        return cls(str(d["label"]), str(d.get("meaning", "")))


@dataclass
class OverlayBox:
    """Where a field's value goes on the pre-printed set, in millimetres from the paper's top left."""

    field: str
    x: float
    y: float
    width: float
    lines: int = 1
    size: float = 9

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "x": self.x,
            "y": self.y,
            "width": self.width,
            "lines": self.lines,
            "size": self.size,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OverlayBox:
        return cls(
            str(d["field"]),
            float(d["x"]),
            float(d["y"]),
            float(d["width"]),
            int(d.get("lines", 1)),
            float(d.get("size", 9)),
        )


@dataclass
class FormSpec:
    code: str
    title: str
    paper: str = "A5L"  # PLAIN_PAPERS
    overlay_paper: str = "241-2"  # OVERLAY_PAPERS
    copies: list[CopySpec] = field(default_factory=list)
    sections: list[SectionSpec] = field(default_factory=list)
    signature_blocks: list[SignatureBlock] = field(default_factory=list)
    overlay: list[OverlayBox] = field(default_factory=list)
    offered_by: list[str] = field(default_factory=list)  # OFFER_CONDITIONS, all must hold
    refuses_draft: bool = True  # internal content: nothing prints for a draft

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "paper": self.paper,
            "overlay_paper": self.overlay_paper,
            "copies": [c.to_dict() for c in self.copies],
            "sections": [s.to_dict() for s in self.sections],
            "signature_blocks": [s.to_dict() for s in self.signature_blocks],
            "overlay": [b.to_dict() for b in self.overlay],
            "offered_by": list(self.offered_by),
            "refuses_draft": self.refuses_draft,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FormSpec:
        return cls(
            str(d["code"]),
            str(d["title"]),
            str(d.get("paper", "A5L")),
            str(d.get("overlay_paper", "241-2")),
            [CopySpec.from_dict(c) for c in d.get("copies", [])],
            [SectionSpec.from_dict(s) for s in d.get("sections", [])],
            [SignatureBlock.from_dict(s) for s in d.get("signature_blocks", [])],
            [OverlayBox.from_dict(b) for b in d.get("overlay", [])],
            [str(x) for x in d.get("offered_by", [])],
            bool(d.get("refuses_draft", True)),
        )

    def copy(self, number: int) -> CopySpec | None:
        return next((c for c in self.copies if c.number == number), None)


def field_label(ref: str, spec_label: str, custom_labels: dict[str, str]) -> str:
    """The label a field prints: its own, else the registry's (a custom field's own label)."""
    if spec_label:
        return spec_label
    if ref.startswith(CUSTOM_PREFIX):
        return custom_labels.get(ref[len(CUSTOM_PREFIX) :], ref)
    return FIELD_REGISTRY[ref].label if ref in FIELD_REGISTRY else ref


def known_fields(custom_keys: list[str] | tuple[str, ...]) -> set[str]:
    """Every field reference a form may use on this branch: the registry and its custom fields."""
    return {*FIELD_REGISTRY, ALL_CUSTOM, *(CUSTOM_PREFIX + k for k in custom_keys)}


def _bad_text(value: str, limit: int) -> bool:
    return not value.strip() or len(value) > limit


def validate(
    spec: FormSpec, known: set[str], resolution_types: set[str] | None = None
) -> list[tuple[str, Text]]:
    """Every problem of ``spec`` with its place (``copies[1].name``), in order; empty when it is sound."""
    problems: list[tuple[str, Text]] = []

    def add(place: str, text: Text) -> None:
        problems.append((place, text))

    if (
        _bad_text(spec.code, LIMITS["code"])
        or not spec.code.replace("_", "").isalnum()
        or not spec.code.isascii()
    ):
        add("code", Text("forms.code", {"limit": LIMITS["code"]}))
    if _bad_text(spec.title, LIMITS["title"]):
        add("title", Text("forms.text", {"limit": LIMITS["title"]}))
    if spec.paper not in PLAIN_PAPERS:
        add("paper", Text("forms.choice", {"choices": list(PLAIN_PAPERS)}))
    if spec.overlay_paper not in OVERLAY_PAPERS:
        add("overlay_paper", Text("forms.choice", {"choices": list(OVERLAY_PAPERS)}))
    if not 1 <= len(spec.copies) <= LIMITS["copies"]:
        add("copies", Text("forms.copies", {"limit": LIMITS["copies"]}))
    seen: set[int] = set()
    for i, c in enumerate(spec.copies):
        if not 1 <= c.number <= LIMITS["copies"] or c.number in seen:
            add(f"copies[{i}].number", Text("forms.copy_number", {"limit": LIMITS["copies"]}))
        seen.add(c.number)
        if _bad_text(c.name, LIMITS["name"]):
            add(f"copies[{i}].name", Text("forms.text", {"limit": LIMITS["name"]}))
        if c.colour not in COLOURS:
            add(f"copies[{i}].colour", Text("forms.choice", {"choices": list(COLOURS)}))
        if len(c.department) > LIMITS["code"]:
            add(f"copies[{i}].department", Text("forms.text", {"limit": LIMITS["code"]}))
    count = 0
    for s, section in enumerate(spec.sections):
        if _bad_text(section.title, LIMITS["title"]):
            add(f"sections[{s}].title", Text("forms.text", {"limit": LIMITS["title"]}))
        if section.when not in SECTION_WHEN:
            add(
                f"sections[{s}].when",
                Text("forms.choice", {"choices": [w for w in SECTION_WHEN if w]}),
            )
        for f, item in enumerate(section.fields):
            count += 1
            place = f"sections[{s}].fields[{f}]"
            if item.field not in known:
                add(place + ".field", Text("forms.unknown_field", {"field": item.field}))
            if len(item.label) > LIMITS["label"]:
                add(place + ".label", Text("forms.text", {"limit": LIMITS["label"]}))
            if len(item.value) > LIMITS["value"] or len(item.empty) > LIMITS["label"]:
                add(place + ".value", Text("forms.text", {"limit": LIMITS["value"]}))
            if not 0 <= item.width <= 300:
                add(place + ".width", Text("forms.mm"))
    if count > LIMITS["fields"]:
        add("sections", Text("forms.too_many", {"limit": LIMITS["fields"]}))
    for b, block in enumerate(spec.signature_blocks):
        if _bad_text(block.label, LIMITS["label"]):
            add(f"signature_blocks[{b}].label", Text("forms.text", {"limit": LIMITS["label"]}))
        if len(block.meaning) > LIMITS["label"]:
            add(f"signature_blocks[{b}].meaning", Text("forms.text", {"limit": LIMITS["label"]}))
    printed = {f.field for section in spec.sections if not section.plain_only for f in section.fields}
    for b, box in enumerate(spec.overlay):
        place = f"overlay[{b}]"
        if box.field not in known:
            add(place + ".field", Text("forms.unknown_field", {"field": box.field}))
        elif box.field not in printed:
            add(place + ".field", Text("forms.box_not_printed", {"field": box.field}))
        if not (0 <= box.x <= 241 and 0 <= box.y <= 280 and 1 <= box.width <= 241):
            add(place, Text("forms.mm"))
        if not 1 <= box.lines <= 20 or not 5 <= box.size <= 20:
            add(place + ".lines", Text("forms.box_size"))
    for o, condition in enumerate(spec.offered_by):
        if condition.startswith(APPROVED_PREFIX):
            kind = condition[len(APPROVED_PREFIX) :]
            if resolution_types is not None and kind not in resolution_types:
                add(f"offered_by[{o}]", Text("forms.offer", {"condition": condition}))
        elif condition not in OFFER_CONDITIONS:
            add(f"offered_by[{o}]", Text("forms.offer", {"condition": condition}))
    return problems
