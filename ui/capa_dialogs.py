"""The dialogs of corrective and preventive actions (issue 14 part B): add an item to a case (the case
action ``ADD_CAPA``), mark done, verify (effective / not effective, with evidence), reopen, reassign.

Each is an ``ActionDialog`` whose submit calls one ``desk.capa`` method naming the item's version shown;
the rules (who may, bounds) are the core's, refusals come back at the field or in one message.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from branchdesk.domain.capa import CapaKind
from branchdesk.read.capa import CapaRow
from branchdesk.services import BranchDesk
from branchdesk.services.attachments import read_incoming
from branchdesk.services.context import Actor
from branchdesk.services.dto import IncomingFile, Lookups
from ui.action_dialog import ActionDialog, Field
from ui.language import label, person_with_department
from ui.operations import run_action

if TYPE_CHECKING:  # ui.case_actions imports this module for its ADD_CAPA row
    from ui.case_actions import CaseContext

#: The due date a new item is offered (days ahead): a start the person changes, not a rule.
OFFERED_DAYS = 30


class CapaTexts:
    """The translation context of this module (``CapaTexts.tr("…")`` is found by lupdate)."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("CapaTexts", text)


def people(lookups: Lookups) -> list[tuple[int, str]]:
    """Everyone who may own an item (every active person with a case role)."""
    return [
        (p.id, person_with_department(p.name, p.department_name))
        for p in lookups.people
        if set(p.roles) - {"admin"}
    ]


def departments(lookups: Lookups) -> list[tuple[int, str]]:
    return list(lookups.departments)


def kinds() -> list[tuple[str, str]]:
    return [(k.value, label(k)) for k in CapaKind]


def follow_owner(dialog: ActionDialog, lookups: Lookups) -> None:
    """Choosing the owner proposes their department (the person can still pick another)."""
    owner, department = dialog.fields.widgets["owner_id"], dialog.fields.widgets["department_id"]
    assert isinstance(owner, QComboBox) and isinstance(department, QComboBox)
    home = {p.id: p.department_id for p in lookups.people}

    def follow() -> None:
        index = department.findData(home.get(owner.currentData()))
        if index >= 0:
            department.setCurrentIndex(index)

    owner.currentIndexChanged.connect(lambda _i: follow())


# --- the case action: add an item --------------------------------------------------------------


def add_item(c: CaseContext) -> ActionDialog:
    """添加纠正预防措施 from the case window; the investigation's countermeasure text is offered."""
    desk, me = c.desk, c.actor
    inv = c.detail.investigation
    proposed = (inv.corrective_action or inv.preventive_action) if inv is not None else ""
    proposed_kind = (
        "preventive" if inv is not None and not inv.corrective_action and inv.preventive_action else None
    )
    dialog = c.dialog(
        CapaTexts.tr("Corrective/preventive action for %1"),
        [
            Field(
                "kind",
                CapaTexts.tr("Kind"),
                "choice",
                kinds(),
                default=proposed_kind or "corrective",
                empty=None,
            ),
            Field("description", CapaTexts.tr("What is to be done"), "multiline", default=proposed or None),
            Field("owner_id", CapaTexts.tr("Owner"), "choice", people(c.lookups)),
            Field("department_id", CapaTexts.tr("Department"), "choice", departments(c.lookups)),
            Field(
                "due_date",
                CapaTexts.tr("Due date"),
                "date",
                default=date.today() + timedelta(days=OFFERED_DAYS),
            ),
        ],
        lambda v: desk.capa.add(
            me,
            c.seen,
            kind=v["kind"] or "",
            description=v["description"] or "",
            owner_id=v["owner_id"] or 0,
            department_id=v["department_id"] or 0,
            due_date=v["due_date"],
        ),
    )
    follow_owner(dialog, c.lookups)
    return dialog


# --- the item's own actions (the CAPA list) ----------------------------------------------------


def _summary(row: CapaRow) -> str:
    return f"#{row.id} · {row.case_no} · {label(row.kind)} · {row.description[:80]}"


def mark_done(desk: BranchDesk, actor: Actor, row: CapaRow, parent: QWidget | None = None) -> ActionDialog:
    return ActionDialog(
        CapaTexts.tr("Mark item #%1 done").replace("%1", str(row.id)),
        [Field("note", CapaTexts.tr("What was done"), "multiline")],
        lambda v: desk.capa.mark_done(actor, row.id, row.version, v["note"] or ""),
        _summary(row),
        parent=parent,
        case_id=row.case_id,
    )


class VerifyDialog(ActionDialog):
    """Verify a done item: effective or not, the evidence, the date the effect was (or will be) checked,
    and optionally an attachment — one of the case's, or a new file stored with the case."""

    def __init__(
        self,
        desk: BranchDesk,
        actor: Actor,
        row: CapaRow,
        attachments: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        self.file: IncomingFile | None = None
        verdicts = [(True, CapaTexts.tr("Effective")), (False, CapaTexts.tr("Not effective"))]
        super().__init__(
            CapaTexts.tr("Verify item #%1").replace("%1", str(row.id)),
            [
                Field("effective", CapaTexts.tr("Verdict"), "choice", verdicts, empty=None),
                Field("evidence", CapaTexts.tr("Evidence (what was checked)"), "multiline"),
                Field("check_date", CapaTexts.tr("Effect checked on"), "date", default=date.today()),
                Field(
                    "attachment_id",
                    CapaTexts.tr("Evidence from the case's attachments"),
                    "choice",
                    attachments,
                ),
            ],
            self._submit_values,
            _summary(row),
            parent=parent,
            case_id=row.case_id,
        )
        self._desk, self._actor, self._row = desk, actor, row
        self.file_label = QLabel(CapaTexts.tr("No new file"))
        choose = QPushButton(CapaTexts.tr("Attach a new file…"))
        choose.clicked.connect(self._choose_file)
        line = QHBoxLayout()
        line.addWidget(choose)
        line.addWidget(self.file_label, 1)
        layout = self.layout()
        assert layout is not None
        holder = QWidget()
        holder.setLayout(line)
        layout.insertWidget(layout.count() - 2, holder)  # above the message and the buttons

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, CapaTexts.tr("Evidence file"))
        if path:
            self.take_file(Path(path))

    def take_file(self, path: Path) -> None:
        """Read the chosen file now (a file that cannot be read is said at once, in one message)."""
        incoming = run_action(self, lambda: read_incoming(path), changes=False)
        if incoming is not None:
            self.file = incoming
            self.file_label.setText(path.name)

    def _submit_values(self, v: dict[str, Any]) -> object:
        return self._desk.capa.verify(
            self._actor,
            self._row.id,
            self._row.version,
            effective=bool(v["effective"]),
            evidence=v["evidence"] or "",
            check_date=v["check_date"],
            attachment_id=v["attachment_id"] or None,
            file=self.file,
        )


def reopen(desk: BranchDesk, actor: Actor, row: CapaRow, parent: QWidget | None = None) -> ActionDialog:
    return ActionDialog(
        CapaTexts.tr("Reopen item #%1").replace("%1", str(row.id)),
        [
            Field(
                "due_date",
                CapaTexts.tr("New due date"),
                "date",
                default=date.today() + timedelta(days=OFFERED_DAYS),
            ),
            Field("note", CapaTexts.tr("What is to be done differently"), "multiline"),
        ],
        lambda v: desk.capa.reopen(actor, row.id, row.version, v["due_date"], v["note"] or ""),
        _summary(row),
        parent=parent,
        case_id=row.case_id,
    )


def reassign(
    desk: BranchDesk, actor: Actor, lookups: Lookups, row: CapaRow, parent: QWidget | None = None
) -> ActionDialog:
    dialog = ActionDialog(
        CapaTexts.tr("Reassign item #%1").replace("%1", str(row.id)),
        [
            Field("owner_id", CapaTexts.tr("Owner"), "choice", people(lookups), default=row.owner_id),
            Field(
                "department_id",
                CapaTexts.tr("Department"),
                "choice",
                departments(lookups),
                default=row.department_id,
            ),
            Field("due_date", CapaTexts.tr("Due date"), "date", default=row.due_date),
            Field("note", CapaTexts.tr("Note")),
        ],
        lambda v: desk.capa.reassign(
            actor,
            row.id,
            row.version,
            owner_id=v["owner_id"] or 0,
            department_id=v["department_id"] or 0,
            due_date=v["due_date"],
            note=v["note"] or "",
        ),
        _summary(row),
        parent=parent,
        case_id=row.case_id,
    )
    follow_owner(dialog, lookups)
    return dialog


__all__ = ["VerifyDialog", "add_item", "mark_done", "reassign", "reopen"]
