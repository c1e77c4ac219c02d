"""Severity and the major-complaint flag (重大), and repeat complaints (domain §2, §4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from branchdesk.domain.money import format_yuan
from branchdesk.domain.vocab import Severity
from branchdesk.i18n import Label, Text


@dataclass(frozen=True)
class MajorPolicy:
    min_complainants: int = 5
    major_loss_fen: int = 3_000_000
    moderate_loss_fen: int = 500_000
    repeat_window_days: int = 30


@dataclass(frozen=True)
class MajorFacts:
    is_repeat: bool = False
    external_body: bool = False  # to the manufacturer, a regulator or a consumer association
    media_involved: bool = False
    lawsuit_threatened: bool = False
    complainant_count: int = 1
    personal_injury: bool = False
    loss_fen: int = 0  # loss or claim
    declared_by_cr_manager: bool = False


def major_reason_texts(facts: MajorFacts, policy: MajorPolicy) -> list[tuple[str, Text]]:
    """Why a case is major: (code, text with the figures); empty when it is not."""
    reasons: list[tuple[str, Text]] = []
    if facts.is_repeat:
        reasons.append(("repeat", Text("major.repeat")))
    if facts.external_body:
        reasons.append(("external_body", Text("major.external_body")))
    if facts.media_involved:
        reasons.append(("media", Text("major.media")))
    if facts.lawsuit_threatened:
        reasons.append(("lawsuit", Text("major.lawsuit")))
    if facts.complainant_count >= policy.min_complainants:
        reasons.append(
            (
                "complainants",
                Text(
                    "major.complainants", {"count": facts.complainant_count, "min": policy.min_complainants}
                ),
            )
        )
    if facts.personal_injury:
        reasons.append(("injury", Text("major.injury")))
    if facts.loss_fen >= policy.major_loss_fen:
        reasons.append(
            (
                "loss",
                Text(
                    "major.loss",
                    {"loss": format_yuan(facts.loss_fen), "min": format_yuan(policy.major_loss_fen)},
                ),
            )
        )
    if facts.declared_by_cr_manager:
        reasons.append(("declared", Text("major.declared")))
    return reasons


def major_reasons(facts: MajorFacts, policy: MajorPolicy) -> list[str]:
    """Why a case is major, as codes (``LABELS["MajorReason"]``) to store; empty when it is not."""
    return [code for code, _ in major_reason_texts(facts, policy)]


def major_reason_label(stored: str) -> Label:
    """A stored reason as a label: a code since codes were introduced, a Chinese sentence before
    (an unknown code renders as itself, so old rows still read)."""
    return Label("MajorReason", stored)


def severity_floor(loss_fen: int, policy: MajorPolicy) -> Severity:
    """The least severity a loss of this size allows (¥5,000–30,000 is at least 中度)."""
    return Severity.MODERATE if loss_fen >= policy.moderate_loss_fen else Severity.NORMAL


def effective_severity(chosen: Severity, loss_fen: int, policy: MajorPolicy) -> Severity:
    floor = severity_floor(loss_fen, policy)
    return chosen if chosen.rank >= floor.rank else floor


@dataclass(frozen=True)
class MatterKey:
    """What identifies "the same matter" between two cases of one customer."""

    order_no: str = ""
    part_no: str = ""
    lot_no: str = ""


def same_matter(a: MatterKey, b: MatterKey) -> bool:
    if a.order_no and a.order_no == b.order_no:
        return True
    return bool(a.part_no and a.lot_no and a.part_no == b.part_no and a.lot_no == b.lot_no)


def is_repeat(key: MatterKey, earlier: MatterKey, age: timedelta, policy: MajorPolicy) -> bool:
    """The same customer's earlier case is a repeat: the same matter within the repeat window.

    (The caller has matched the customer, by phone.) The one definition registration and the
    intake history both use.
    """
    return timedelta(0) <= age <= timedelta(days=policy.repeat_window_days) and same_matter(key, earlier)


def may_be_repeat(key: MatterKey, earlier: MatterKey, age: timedelta, policy: MajorPolicy) -> bool:
    """While the clerk is still typing: with no order, part or lot yet, every recent case may be one."""
    if key == MatterKey():
        return timedelta(0) <= age <= timedelta(days=policy.repeat_window_days)
    return is_repeat(key, earlier, age, policy)
