"""What an attachment may be (issue 17 part E): its size and its type, both the branch's settings
(``attachment_max_mb``, ``attachment_types``) within the core's hard ceiling. Pure: the intake form asks
it before reading a file, the services before storing one."""

from __future__ import annotations

from branchdesk.i18n import Text

#: No file is taken above this, whatever the setting says (the whole file is held in memory and in one row).
HARD_MAX_BYTES = 20 * 1024 * 1024


def allowed_types(setting: str) -> frozenset[str]:
    """The extensions a ``attachment_types`` setting names (lower case, no dot); empty: any type."""
    return frozenset(t.strip().lower().lstrip(".") for t in str(setting or "").split(",") if t.strip())


def max_bytes(max_mb: int) -> int:
    return max(0, min(int(max_mb) * 1024 * 1024, HARD_MAX_BYTES))


def attachment_refusal(filename: str, size: int, max_mb: int, types_setting: str) -> Text | None:
    """Why a file of ``size`` bytes named ``filename`` is not taken, or None."""
    if size <= 0:
        return Text("attachment.empty")
    limit = max_bytes(max_mb)
    if size > limit:
        return Text("attachment.too_big", {"mb": limit // (1024 * 1024)})
    types = allowed_types(types_setting)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if types and extension not in types:
        return Text("attachment.type_refused", {"ext": extension or "?", "types": ", ".join(sorted(types))})
    return None
