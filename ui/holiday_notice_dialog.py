"""设置 → 工作日历 → 导入节假日安排通知: paste (or open) the State Council's notice, see how it differs
from the calendar, apply it. The parsing, the diff and the write are the core's
(``desk.calendar``); this dialog only shows them, and refusals at the text or year field."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.domain.holiday_notice import decode_notice
from branchdesk.errors import FieldError
from branchdesk.i18n import Text
from branchdesk.read.calendar import NoticeApplied, NoticePreview
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.config_seen import seen_version
from ui.forms import FieldSet
from ui.operations import run_action
from ui.screen_fit import fit_to_screen

# The year spin box's lowest value stands for "take the year from the notice's title".
_FROM_TITLE = 1989


class HolidayNoticeDialog(QDialog):
    def __init__(self, desk: BranchDesk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._seen = seen_version(desk)  # every configuration write here names it (ui/config_seen)
        self._actor = actor
        self.preview: NoticePreview | None = None
        self.setWindowTitle(self.tr("Import holiday notice"))
        intro = QLabel(
            self.tr(
                "Paste the full text of the State Council's notice on next year's public holidays, or open it "
                "from a text file. Preview shows how it differs from the working calendar; Apply writes its "
                "days and marks the year confirmed."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.fields = FieldSet()
        self.text = QPlainTextEdit()
        self.text.setMinimumHeight(160)
        self.fields.add(form, "text", self.tr("Notice text"), self.text)
        self.year = QSpinBox()
        self.year.setRange(_FROM_TITLE, 2100)
        self.year.setSpecialValueText(self.tr("From the title"))
        self.year.setValue(_FROM_TITLE)
        self.fields.add(form, "year", self.tr("Year"), self.year)
        self.open_button = QPushButton(self.tr("Open text file…"))
        self.open_button.clicked.connect(self._on_open)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.on_preview)
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.on_apply)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Weekday"),
                self.tr("Now"),
                self.tr("From"),
                self.tr("Notice"),
                self.tr("Holiday"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.text.textChanged.connect(self._on_edited)
        self.year.valueChanged.connect(self._on_edited)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.preview_button)
        buttons.addStretch()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        fit_to_screen(self, QSize(900, 640))

    # --- reading the text ----------------------------------------------------------------

    def _year(self) -> int | None:
        return None if self.year.value() == _FROM_TITLE else self.year.value()

    def _on_open(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open holiday notice"), "", self.tr("Text files (*.txt);;All files (*)")
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        """The file's text into the field (UTF-8 or GB18030); a file that is not text is said at the field."""
        try:
            data = path.read_bytes()[:1_000_000]
        except OSError:
            self.fields.show_errors({"text": Text("notice.file_missing", {"file": str(path)})})
            return
        text = decode_notice(data)
        if text is None:
            self.fields.show_errors({"text": Text("notice.file_encoding", {"file": path.name})})
            return
        self.text.setPlainText(text)
        self.on_preview()

    def _on_edited(self) -> None:
        """What was previewed is no longer what would be applied."""
        self.preview = None
        self.apply_button.setEnabled(False)

    def _refused(self, exc: FieldError) -> None:
        self.fields.show_errors(exc.texts)
        self.summary.clear()
        self.table.setRowCount(0)

    # --- preview and apply ---------------------------------------------------------------

    def on_preview(self) -> None:
        self.fields.clear_errors()
        text, year = self.text.toPlainText(), self._year()
        preview = run_action(
            self,
            lambda: self._desk.calendar.preview_notice(self._actor, text, year),
            changes=False,
            on_fields=self._refused,
        )
        if preview is None:
            return
        self.preview = preview
        self._show(preview)
        self.apply_button.setEnabled(True)

    def _show(self, preview: NoticePreview) -> None:
        rest = sum(not d.working for d in preview.days)
        self.summary.setText(
            self.tr(
                "Notice for %1: %2 days (%3 days off, %4 working days); %5 differ from the working calendar."
            )
            .replace("%1", str(preview.year))
            .replace("%2", str(len(preview.days)))
            .replace("%3", str(rest))
            .replace("%4", str(len(preview.days) - rest))
            .replace("%5", str(len(preview.changes)))
        )
        weekdays = [self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"), self.tr("Sat"),
                    self.tr("Sun")]  # fmt: skip
        sources = {
            "override": self.tr("Entered by the administrator"),
            "official": self.tr("Official calendar"),
            "weekday": self.tr("Monday–Friday (unconfirmed)"),
        }
        self.table.setRowCount(len(preview.changes))
        for row, change in enumerate(preview.changes):
            values = [
                change.day.isoformat(),
                weekdays[change.day.weekday()],
                self._kind(change.current_working),
                sources.get(change.current_source, change.current_source),
                self._kind(change.new_working),
                change.name,  # the notice's own word (user data)
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def _kind(self, working: bool) -> str:
        return self.tr("Working day") if working else self.tr("Day off")

    def on_apply(self) -> None:
        if self.preview is None:
            return
        text, year = self.text.toPlainText(), self._year()
        result: NoticeApplied | None = run_action(
            self,
            lambda: self._desk.calendar.apply_notice(self._actor, text, year, seen=self._seen.version),
            changes=False,
            config_seen=self._seen,
            on_fields=self._refused,
        )
        if result is None:
            return
        self.on_preview()  # what the calendar says now: no differences left
        self.summary.setText(
            self.tr("Written: %1 days. %2 is marked confirmed.")
            .replace("%1", str(result.written))
            .replace("%2", str(result.year))
            + " "
            + self.summary.text()
        )
        self.apply_button.setEnabled(False)
