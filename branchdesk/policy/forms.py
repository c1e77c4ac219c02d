"""A form in a policy file: its copies, and its layout when it is not the shipped one.

The layout is ``FormSpec.to_dict`` without ``code`` and ``copies``. A file leaves it out for a form laid
out as shipped (the writer leaves defaults out everywhere), so the presets, written by hand, carry only
their copies; a branch's own layout, or a form the branch added, travels whole.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from branchdesk.policy.model import FormCopyEntry
from branchdesk.printing.default_forms import default_forms
from branchdesk.printing.form_spec import CopySpec, FormSpec

#: The keys of a layout, in the order ``FormSpec.to_dict`` writes them.
LAYOUT_KEYS: tuple[str, ...] = tuple(
    k for k in FormSpec(code="x", title="x").to_dict() if k not in ("code", "copies")
)


def layout_of(spec: FormSpec) -> dict[str, Any]:
    return {k: v for k, v in spec.to_dict().items() if k not in ("code", "copies")}


@cache
def _shipped() -> dict[str, FormSpec]:
    return {spec.code: spec for spec in default_forms()}


def shipped_layout(code: str) -> dict[str, Any] | None:
    """The layout a form of that code ships with; None for a form the branch added."""
    spec = _shipped().get(code)
    return layout_of(spec) if spec is not None else None


def exported_layout(spec: FormSpec) -> dict[str, Any] | None:
    """What the file says of a form's layout: nothing when it is the shipped one."""
    layout = layout_of(spec)
    return None if layout == shipped_layout(spec.code) else layout


def copy_spec(entry: FormCopyEntry, department: str = "") -> CopySpec:
    """A copy as the file writes it (``no``, ``destination``) as the form holds it (``number``, ``name``)."""
    return CopySpec(entry.no, entry.destination, entry.colour, department, entry.shows_phone, entry.internal)
