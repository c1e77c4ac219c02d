"""打印: choose the form, the copies and plain or overlay; preview the pages; print at 100 % or save as PDF.

The PDF comes from the core (ReportLab); Qt only shows it (QtPdf) and sends its pages to the printer at
their exact size with zero margins, painted on white (QPdfDocument renders transparent, which prints black).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSettings, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk.i18n import Label
from branchdesk.printing.content import FORM_CODES
from branchdesk.services import BranchDesk
from branchdesk.services.context import Actor
from ui.help import install_f1
from ui.language import label as vocabulary_label
from ui.operations import ALL_CASES, run_action
from ui.screen_fit import fit_to_screen

PRINT_DPI = 300


def load_pdf(data: bytes, parent: QWidget | None = None) -> QPdfDocument:
    document = QPdfDocument(parent)
    # The document reads from the buffer for as long as it lives: Qt owns the buffer through the document,
    # and the Python reference keeps the wrapper from being collected (a collected buffer crashed QtPdf).
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    document._source_buffer = buffer  # type: ignore[attr-defined]
    return document


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Send every page to ``printer`` at 100 % scale; returns the number of pages, 0 when the job failed."""
    document = load_pdf(data)
    painter: QPainter | None = None
    for index in range(document.pageCount()):
        points = document.pagePointSize(index)
        size = QPageSize(
            QSizeF(points.width(), points.height()),
            QPageSize.Unit.Point,
            "form",
            QPageSize.SizeMatchPolicy.ExactMatch,
        )
        printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        printer.setFullPage(True)  # after the layout, which would reset it: draw from the paper's edge
        if painter is None:
            painter = QPainter()
            if not painter.begin(printer):
                return 0  # the printer (or its file) refused the job: nothing was printed
        elif not printer.newPage():
            painter.end()
            return 0
        pixels = (round(points.width() / 72 * PRINT_DPI), round(points.height() / 72 * PRINT_DPI))
        image = QImage(pixels[0], pixels[1], QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        page = document.render(index, image.size())
        canvas = QPainter(image)
        canvas.drawImage(0, 0, page)
        canvas.end()
        painter.drawImage(painter.viewport(), image)
    if painter is not None and not painter.end():
        return 0
    return document.pageCount()


class PrintDialog(QDialog):
    def __init__(
        self,
        desk: BranchDesk,
        actor: Actor,
        case_ref: int | str,
        forms: list[tuple[str, str]],
        form: str | None = None,
        parent: QWidget | None = None,
        record_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._actor = actor
        self._case = case_ref
        self.record_id = record_id  # issue 14 part C: the reward/penalty record the 奖罚通知单 prints
        self.setWindowTitle(self.tr("Print"))
        install_f1(self, "print")
        self.form = QComboBox()
        self.form.setAccessibleName(self.tr("Form"))
        for code, title in forms:
            # The form itself prints in Chinese; its name here is in the reader's language. A form the
            # branch added (issue 13 "forms") has only its own title: user data, shown as written.
            name = vocabulary_label(Label("Form", code)) if code in FORM_CODES else title
            self.form.addItem(name, code)
        if form:
            self.form.setCurrentIndex(max(self.form.findData(form), 0))
        self.mode = QComboBox()
        self.mode.setAccessibleName(self.tr("Paper"))
        self.mode.addItem(self.tr("Plain paper (whole form, one page per copy)"), "plain")
        self.mode.addItem(self.tr("Pre-printed carbonless set (data only)"), "overlay")
        self.copies_row = QHBoxLayout()
        self.copy_checks: list[QCheckBox] = []
        settings = QSettings()
        self.offset_x = self._offset(float(settings.value("print/offset_x", 0.0)), self.tr("Offset X (mm)"))
        self.offset_y = self._offset(float(settings.value("print/offset_y", 0.0)), self.tr("Offset Y (mm)"))
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Preview"))
        self.pages = QLabel()
        self.document: QPdfDocument | None = None
        self.pdf: bytes = b""
        preview = QPushButton(self.tr("Preview"))
        preview.setToolTip(self.tr("The pages as they will print, in a large window"))
        preview.clicked.connect(self.show_preview)  # issue 17 part F: the pages large, not a silent re-render
        self.preview_window: PreviewWindow | None = None
        print_button = QPushButton(self.tr("Print…"))
        print_button.clicked.connect(self._on_print)
        save = QPushButton(self.tr("Save as PDF…"))
        save.clicked.connect(self._on_save)
        calibration = QPushButton(self.tr("Calibration page…"))
        calibration.clicked.connect(self._on_calibration)
        form_layout = QFormLayout()
        form_layout.addRow(self.tr("Form"), self.form)
        form_layout.addRow(self.tr("Paper"), self.mode)
        form_layout.addRow(self.tr("Copies"), self.copies_row)
        offsets = QHBoxLayout()
        offsets.addWidget(self.offset_x)
        offsets.addWidget(self.offset_y)
        offsets.addWidget(calibration)
        form_layout.addRow(self.tr("Overlay offset"), offsets)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pages, 1)
        for button in (preview, save, print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form_layout)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.form.currentIndexChanged.connect(self._on_form)
        self.mode.currentIndexChanged.connect(lambda _i: self.preview())
        self._on_form()
        fit_to_screen(self, QSize(980, 760))  # a large preview where the screen has room (issue 17)

    def _offset(self, value: float, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(-20, 20)
        box.setDecimals(1)
        box.setSingleStep(0.5)
        box.setSuffix(" mm")
        box.setValue(value)
        box.setAccessibleName(name)
        box.setPrefix(name.split(" ")[0] + " ")
        return box

    def _on_form(self) -> None:
        for check in self.copy_checks:
            self.copies_row.removeWidget(check)
            check.deleteLater()
        self.copy_checks = []
        for number, destination in self._desk.printing.copies_of(self.form.currentData()):
            check = QCheckBox(self.tr("Copy %1: %2").replace("%1", str(number)).replace("%2", destination))
            check.setChecked(True)
            check.setProperty("copy", number)
            check.toggled.connect(lambda _c: self.preview())
            self.copies_row.addWidget(check)
            self.copy_checks.append(check)
        self.preview()

    def chosen_copies(self) -> list[int]:
        return [int(c.property("copy")) for c in self.copy_checks if c.isChecked()]

    def _render(self, log: bool, output: Path | None = None) -> bytes | None:
        """The PDF from the core; ``log`` records the print (only once ``output``, if any, is written)."""
        copies = self.chosen_copies()
        if not copies:
            self.pages.setText(self.tr("Choose at least one copy"))
            return None
        form, mode = self.form.currentData(), self.mode.currentData()
        offset = (self.offset_x.value(), self.offset_y.value())
        return run_action(
            self,
            lambda: self._desk.printing.render(
                self._actor,
                self._case,
                form,
                mode=mode,
                copies=copies,
                offset_mm=offset,
                output=output,
                log=log,
                record_id=self.record_id,
            ),
            changes=log,
            case_id=self._case_id(),
        )

    def _case_id(self) -> int:
        return self._case if isinstance(self._case, int) else ALL_CASES

    def preview(self) -> None:
        pdf = self._render(log=False)
        if pdf is None:
            return
        self.pdf = pdf
        self.document = load_pdf(pdf, self)
        self.view.setDocument(self.document)
        self.pages.setText(self.tr("%1 page(s)").replace("%1", str(self.document.pageCount())))

    def save_pdf(self, path: Path) -> bool:
        """Write the PDF and note it on the timeline once the file is written. Not a print (issue 17
        part F): nobody holds paper yet, so the next print is the first, not a 补打."""
        if self._render(log=False, output=path) is None:
            return False
        form, mode, copies = self.form.currentData(), self.mode.currentData(), self.chosen_copies()
        done = run_action(
            self,
            lambda: self._desk.printing.record_saved(self._actor, self._case, form, copies, mode) or True,
            case_id=self._case_id(),
        )
        return done is not None

    def show_preview(self) -> PreviewWindow | None:
        """Render with the choices made now and show the pages in a window of their own."""
        self.preview()
        if not self.pdf:
            return None
        if self.preview_window is not None:
            self.preview_window.close()
        self.preview_window = PreviewWindow(self.pdf, self.form.currentText(), self)
        self.preview_window.show()
        return self.preview_window

    def _on_save(self) -> None:
        name = f"{self._case}-{self.form.currentData()}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), str(Path.home() / name), "PDF (*.pdf)"
        )
        if path and self.save_pdf(Path(path)):
            QMessageBox.information(self, self.tr("Print"), self.tr("Saved %1").replace("%1", path))

    def print_to(self, printer: QPrinter) -> int:
        """Print, then record the print: a job the printer refused is not logged as printed."""
        pdf = self._render(log=False)
        if pdf is None:
            return 0
        QSettings().setValue("print/offset_x", self.offset_x.value())
        QSettings().setValue("print/offset_y", self.offset_y.value())
        pages = print_pdf(pdf, printer)
        if not pages:
            QMessageBox.warning(
                self, self.tr("Print"), self.tr("The printer did not take the job: nothing was printed.")
            )
            return 0
        form, mode, copies = self.form.currentData(), self.mode.currentData(), self.chosen_copies()
        run_action(
            self,
            lambda: self._desk.printing.record_print(self._actor, self._case, form, copies, mode),
            changes=True,
            case_id=self._case_id(),
        )
        return pages

    def _on_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _on_calibration(self) -> None:
        data = self._desk.printing.calibration((self.offset_x.value(), self.offset_y.value()))
        self.pdf = data
        self.document = load_pdf(data, self)
        self.view.setDocument(self.document)
        self.pages.setText(
            self.tr("Calibration page: print it on the carbonless paper and measure the crosses")
        )


# --- issue 17 part F: 预览 shows the pages large ------------------------------------------------------


class PreviewWindow(QDialog):
    """The rendered pages, nearly the screen's size, one below the other (QtPdf, as 设置 → 表单)."""

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preview: %1").replace("%1", title))
        self.document = load_pdf(pdf, self)
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Preview"))
        self.view.setDocument(self.document)
        pages = QLabel(self.tr("%1 page(s)").replace("%1", str(self.document.pageCount())))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(pages, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.view.setMinimumSize(240, 240)  # QPdfView asks for a page's height: it scrolls instead
        fit_to_screen(self, QSize(1000, 1000))  # nearly the screen's height, on any screen
