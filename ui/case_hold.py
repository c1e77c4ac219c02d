"""The legal hold in the case window (issue 15 part N): set or lift it with a reason, shown on the case.

A held case is never anonymised (retention or a personal-data request). The GM and the CR manager
hold and lift (the core checks it too: ``RetentionService.set_legal_hold``); others see only the badge.
It is not a workflow action: a hold is allowed in every state, also on a closed or archived case —
those are the cases retention would otherwise anonymise.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton, QWidget

from branchdesk.domain.vocab import Role
from branchdesk.read.case_view import CaseView
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from branchdesk.services.dto import CaseVersion
from ui.action_dialog import ActionDialog, Field

#: Who may hold and lift (the core's ``anonymise.DESK_ROLES``): the button is shown to them only.
HOLD_ROLES = frozenset({Role.GM, Role.CR_MANAGER})


class CaseHold:
    """The translation context of this module (``CaseHold.tr("…")`` is found by lupdate)."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("CaseHold", text)


def hold_button(actor: Actor) -> QPushButton:
    button = QPushButton(CaseHold.tr("Legal hold…"))
    button.setObjectName("legal_hold")
    button.setVisible(bool(set(actor.roles) & HOLD_ROLES))
    return button


def show_hold(button: QPushButton, detail: CaseView) -> None:
    """The button says what it will do: put on hold, or lift the hold shown."""
    button.setText(CaseHold.tr("Lift legal hold…") if detail.legal_hold else CaseHold.tr("Legal hold…"))


def badge(detail: CaseView) -> str:
    """The header's badge of a held case (reason, who, when in its tooltip-like small text)."""
    hold = detail.legal_hold
    if hold is None:
        return ""
    when = f"{hold.at:%Y-%m-%d}" if hold.at else ""
    text = CaseHold.tr("Legal hold")
    small = CaseHold.tr("%1, %2: %3").replace("%1", hold.by).replace("%2", when).replace("%3", hold.reason)
    return (
        f"<span style='background:#34495e;color:white'>&nbsp;{html.escape(text)}&nbsp;</span>"
        f" <small>{html.escape(small)}</small>"
    )


def hold_dialog(
    desk: BranchDesk, actor: Actor, detail: CaseView, version: int, parent: QWidget | None
) -> ActionDialog:
    """Set the hold (not held) or lift it (held), with a reason; the case as the window shows it."""
    hold = detail.legal_hold is None
    seen = CaseVersion(detail.id, version)
    title = (CaseHold.tr("Legal hold on %1") if hold else CaseHold.tr("Lift the legal hold on %1")).replace(
        "%1", detail.case_no
    )
    ask = (
        CaseHold.tr("Why the case is held (e.g. a lawsuit or a regulator's inquiry)")
        if hold
        else CaseHold.tr("Why the hold is lifted")
    )
    summary = (
        CaseHold.tr("While held, the case is never anonymised (retention, personal-data requests).")
        if hold
        else CaseHold.tr("Held since %1: %2")
        .replace(
            "%1", f"{detail.legal_hold.at:%Y-%m-%d}" if detail.legal_hold and detail.legal_hold.at else ""
        )
        .replace("%2", detail.legal_hold.reason if detail.legal_hold else "")
    )
    return ActionDialog(
        title,
        [Field("reason", ask, "multiline")],
        lambda v: desk.retention.set_legal_hold(actor, seen, hold, v["reason"]),
        summary,
        ok_text=CaseHold.tr("Hold") if hold else CaseHold.tr("Lift hold"),
        parent=parent,
        case_id=detail.id,
    )
