"""Writing a policy as TOML, by hand: deterministic, diffable, Chinese as Chinese (``format = 1``).

Reading is ``tomllib`` (``read_document``); turning the document into a ``Policy`` is ``validate.py``.
The writer emits only what the model holds, in a fixed order: a section's keys in the model's field
order, a default value (``active = true``, no condition) left out, so a file shows what is special.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from branchdesk.policy.model import (
    FORMAT,
    ApprovalRuleEntry,
    CategoryEntry,
    ChoiceEntry,
    CustomFieldEntry,
    DeadlineRuleEntry,
    DepartmentEntry,
    FormCopyEntry,
    NameEntry,
    Policy,
    ReportDutyEntry,  # issue 15 part M
    RetentionEntry,
    StepPolicyEntry,
)
from branchdesk.policy.report_duties import report_duty_lines  # issue 15 part M
from branchdesk.policy.rewards import reward_lines  # issue 14 part C

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}


def _string(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _key(key: str) -> str:
    if key and all(c.isascii() and (c.isalnum() or c in "_-") for c in key):
        return key
    return _string(key)


def value(item: Any) -> str:
    """One TOML value on one line (inline tables and arrays included)."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return str(item)
    if isinstance(item, float):
        return repr(item)
    if isinstance(item, str):
        return _string(item)
    if isinstance(item, list | tuple):
        return "[" + ", ".join(value(v) for v in item) + "]"
    if isinstance(item, dict):
        if not item:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {value(v)}" for k, v in item.items()) + " }"
    raise TypeError(f"no TOML form for {type(item).__name__}")


def _entry(item: Any, *, skip: Iterable[str] = (), rename: dict[str, str] | None = None) -> dict[str, Any]:
    """A dataclass's fields in order, defaults left out (None, False flags, ``active = true``)."""
    out: dict[str, Any] = {}
    for f in fields(item):
        if f.name in skip:
            continue
        current = getattr(item, f.name)
        if current is None:
            continue
        if isinstance(current, bool) and current is f.default:  # a flag at its default says nothing
            continue
        if current == () and f.default == ():
            continue
        out[(rename or {}).get(f.name, f.name)] = current
    return out


def _inline_array(key: str, items: list[dict[str, Any]]) -> list[str]:
    if not items:
        return [f"{key} = []"]
    return [f"{key} = ["] + [f"  {value(item)}," for item in items] + ["]"]


def _table(lines: list[str], data: dict[str, Any]) -> None:
    for key, item in data.items():
        lines.append(f"{_key(key)} = {value(item)}")


def write_policy(policy: Policy) -> str:
    """The policy file's text; the same policy always gives the same bytes."""
    h = policy.header
    lines = [
        "# BranchDesk 策略文件（客诉台）。格式说明：docs/policy-file.md",
        f"format = {FORMAT}",
        f"name = {value(h.name)}",
        f"title = {value(h.title)}",
        f"description = {value(h.description)}",
        f"source = {value(h.source)}",
    ]
    lines += ["notes = ["] + [f"  {value(note)}," for note in h.notes] + ["]"] if h.notes else ["notes = []"]
    # Top-level arrays first: in TOML a key after a [table] header belongs to that table.
    lines += ["", "# 固定代码的本网点名称（受理类型、严重程度、状态、结案方式、角色）"]
    lines += _inline_array("names", [_entry(e) for e in policy.names])
    lines += ["", "# 分类（最多三级）：parent 为上级分类的代码"]
    lines += _inline_array("categories", [_entry(e) for e in policy.categories])
    lines += ["", "# 部门"]
    lines += _inline_array("departments", [_entry(e) for e in policy.departments])
    lines += [
        "",
        "# 设置（营业时间、午休、重大案件门槛等；不含本网点名称/地址/电话等网点资料）",
        "[settings]",
    ]
    _table(lines, dict(sorted(policy.settings.items())))
    lines += ["", "# 选项列表：顺序即显示顺序；停用的写 active = false", "[lists]"]
    for list_key, entries in policy.lists.items():
        lines += _inline_array(_key(list_key), [_entry(e) for e in entries])
    lines += ["", "# 时限规则：step 计时的环节；条件不写即不限；同一环节按 priority 从小到大第一条符合的生效"]
    for rule in policy.deadline_rules:
        lines += ["", "[[deadline_rules]]"]
        _table(lines, _entry(rule))
    lines += ["", "# 环节超时的处理：提前提醒分钟数、超时后 mark | escalate | notify、通知的角色"]
    for step in policy.step_policies:
        lines += ["", "[[step_policies]]"]
        _table(lines, _entry(step))
    lines += ["", "# 核决规则：按 priority 从小到大第一条符合的决定签核链；own_department = 责任部门的"]
    for approval in policy.approval_rules:
        lines += ["", "[[approval_rules]]"]
        _table(lines, _entry(approval, skip=("steps",)))
        lines += _inline_array("steps", [_entry(s) for s in approval.steps])
    lines += ["", "# 答复模板"]
    for template in policy.reply_templates:
        lines += ["", "[[reply_templates]]"]
        _table(lines, _entry(template))
    lines += ["", "# 自定义字段：type = text | number | date | choice"]
    for custom in policy.custom_fields:
        lines += ["", "[[custom_fields]]"]
        _table(lines, _entry(custom))
    lines += [
        "",
        "# 表单与联次：no 联次、destination 去向、colour 颜色、shows_phone 印客户电话、internal 内部联",
    ]
    for form in policy.forms:
        lines += ["", "[[forms]]", f"form = {value(form.form)}"]
        lines += _inline_array("copies", [_entry(c) for c in form.copies])
        for key, item in (form.layout or {}).items():  # a layout of the branch's own, whole
            if isinstance(item, list) and item and all(isinstance(x, dict) for x in item):
                lines += _inline_array(key, item)
            else:
                lines.append(f"{_key(key)} = {value(item)}")
    lines += reward_lines(policy.rewards)  # issue 14 part C: the reward/penalty scale
    if policy.retention:  # issue 15 part R (only when the branch set any: older files stay byte-equal)
        lines += ["", "# 保存期限：years 年（自结案起）后匿名化；category 含下级分类，kind 性质；不写即不限"]
        for kept in policy.retention:
            lines += ["", "[[retention]]"]
            _table(lines, _entry(kept))
    lines += report_duty_lines(policy.report_duties)  # issue 15 part M: the reports due
    if policy.calendar is not None:
        lines += ["", "# 工作日历（仅 --with-calendar）：调休/节假日与已核对的年份", "[calendar]"]
        lines.append(f"confirmed_years = {value(list(policy.calendar.confirmed_years))}")
        lines += _inline_array("days", [_entry(d) for d in policy.calendar.days])
    return "\n".join(lines) + "\n"


def read_document(text: str) -> dict[str, Any]:
    """The TOML document (``tomllib``); a syntax error raises ``tomllib.TOMLDecodeError``."""
    return tomllib.loads(text)


# Field names, for ``validate.py`` (keys a section may hold).
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(f.name for f in fields(cls))
    for name, cls in {
        "lists": ChoiceEntry,
        "names": NameEntry,
        "categories": CategoryEntry,
        "departments": DepartmentEntry,
        "deadline_rules": DeadlineRuleEntry,
        "step_policies": StepPolicyEntry,
        "approval_rules": ApprovalRuleEntry,
        "custom_fields": CustomFieldEntry,
        "copies": FormCopyEntry,
        "retention": RetentionEntry,  # issue 15 part R
        "report_duties": ReportDutyEntry,  # issue 15 part M
    }.items()
}
