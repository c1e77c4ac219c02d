"""The case window's part of issue 14 part D: internal notes and progress notices (a section of the case's
text), and — on a case that came back — the original's history beside it.

Notes are for staff: shown here and on the timeline, never printed (the forms read ``printing``'s data,
which has no notes). The original's history is read through ``desk.queries.case_detail``: a person who
may not see the original (a confidential case) sees its number only.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from branchdesk.errors import BranchDeskError
from branchdesk.read.case_view import CaseView
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.language import render


class CaseNotes:
    """The translation context of this module (``CaseNotes.tr("…")`` is found by lupdate)."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("CaseNotes", text)


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def _text(value: str) -> str:
    return html.escape(value).replace("\n", "<br>")


def notes_html(d: CaseView) -> str:
    """The notes (newest first) and the progress notices (oldest first) with the next contact due."""
    part = d.notes_part
    if part is None or not (part.notes or part.contacts):
        return ""
    parts: list[str] = []
    if part.contacts:
        title = CaseNotes.tr("Progress notices")
        parts.append(f"<h3>{html.escape(title)}</h3>")
        if part.next_contact_due is not None:
            due = CaseNotes.tr("Next contact due: %1").replace("%1", _when(part.next_contact_due))
            parts.append(f"<p style='color:#b35900'><b>{html.escape(due)}</b></p>")
        next_contact = CaseNotes.tr("next contact %1")
        rows = "".join(
            f"<tr><td style='white-space:nowrap;color:#555'>{_when(c.at)}</td>"
            f"<td style='white-space:nowrap'>{html.escape(c.channel.label if c.channel else '—')}</td>"
            f"<td style='white-space:nowrap'>{html.escape(c.by)}</td><td>{_text(c.said)}"
            + (
                f"<br><small style='color:#777'>{html.escape(next_contact)}</small>".replace(
                    "%1", _when(c.next_due_at)
                )
                if c.next_due_at
                else ""
            )
            + "</td></tr>"
            for c in part.contacts
        )
        parts.append(f"<table cellspacing='2'>{rows}</table>")
    if part.notes:
        title = CaseNotes.tr("Internal notes (staff only, never printed)")
        parts.append(f"<h3>{html.escape(title)}</h3>")
        files_of = CaseNotes.tr("Files: %1")
        for note in part.notes:
            files = ", ".join(html.escape(f.filename) for f in note.files)
            parts.append(
                "<p style='background:#fff8e1'>"
                f"<small style='color:#555'>{_when(note.at)} · {html.escape(note.author)}</small><br>"
                f"{_text(note.text)}"
                + (f"<br><small>{html.escape(files_of)}</small>".replace("%1", files) if files else "")
                + "</p>"
            )
    return "".join(parts)


class OriginalHistory(QWidget):
    """The history of the case this one came back from, beside the case (hidden on any other case)."""

    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self._shown: tuple[int, int] | None = None  # (original id, its version) last read
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.setAccessibleName(CaseNotes.tr("History of the original case"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        self.setVisible(False)

    def show_for(self, d: CaseView) -> None:
        original = d.notes_part.original if d.notes_part else None
        self.setVisible(original is not None)
        if original is None:
            return
        self.title.setText(
            "<b>"
            + html.escape(CaseNotes.tr("Original case %1 (its form is attached)").replace("%1", original.case_no))
            + "</b>"
        )
        try:
            view = self._desk.queries.case_detail(self._actor, original.id)
        except BranchDeskError as exc:  # a confidential original: its number, and why nothing more
            self.body.setPlainText(render(exc.text))
            return
        rows = "".join(
            f"<tr><td style='white-space:nowrap;color:#555'>{_when(e.at)}</td>"
            f"<td style='white-space:nowrap'>{html.escape(e.actor_name)}</td>"
            f"<td>{html.escape(render(e.text))}</td></tr>"
            for e in view.timeline
        )
        content = html.escape(view.intake.content)
        complaint = html.escape(CaseNotes.tr("Complaint"))
        self.body.setHtml(
            f"<p><small style='color:#555'>{complaint}</small><br>{content}</p>"
            f"<table cellspacing='2'>{rows}</table>"
        )
