"""Printing from the app: preview pages, copies chosen, print at 100 % to a printer, save as PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from branchdesk.i18n import render
from tests.conftest import Branch, complaint_form
from ui.case_detail import CaseDetailView
from ui.intake_page import IntakePage
from ui.print_dialog import PrintDialog


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_preview_print_and_save_the_handling_form(
    qtbot: QtBot, branch: Branch, tmp_path: Path, messages: list[str]
) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    view = CaseDetailView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]), ref.id)
    qtbot.addWidget(view)
    dialog = view.open_print("handling")
    assert isinstance(dialog, PrintDialog)
    assert dialog.document is not None and dialog.document.pageCount() == 5
    dialog.copy_checks[1].setChecked(False)
    dialog.copy_checks[3].setChecked(False)
    assert dialog.chosen_copies() == [1, 3, 5] and dialog.document.pageCount() == 3
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == 3
    assert pdf_pages(tmp_path / "printed.pdf") == 3
    assert printer.fullPage() and printer.pageLayout().margins().left() == 0
    assert dialog.save_pdf(tmp_path / "saved.pdf") and pdf_pages(tmp_path / "saved.pdf") == 3
    detail = b.desk.queries.case_detail(b["crm"], ref.id)
    prints = [render(e.text) for e in detail.timeline if e.action.startswith("print")]
    assert prints == [
        "打印客户抱怨处理表：第 1、3、5 联（普通纸）",
        "另存客户抱怨处理表为 PDF：第 1、3、5 联（未计为打印）",  # issue 17 F: a saved PDF is no print
    ]
    dialog.mode.setCurrentIndex(dialog.mode.findData("overlay"))
    assert dialog.document.pageCount() == 1


def test_receipt_prints_right_after_intake(
    qtbot: QtBot, branch: Branch, tmp_path: Path, messages: list[str]
) -> None:
    page = IntakePage(branch.desk, branch["clerk"], branch.desk.queries.lookups(branch["clerk"]), tmp_path)
    qtbot.addWidget(page)
    for name, value in dict(
        phone="13800135678",
        complainant_name="李先生",
        channel="phone",
        content="包装破损",
        request_type="apology",
    ).items():
        page.fields.set_value(name, value)
    page.submit()
    dialog = page._on_receipt()
    assert isinstance(dialog, PrintDialog)
    assert dialog.form.currentData() == "receipt" and dialog.document is not None
    assert dialog.document.pageCount() == 2


def test_a_print_job_the_printer_refuses_or_a_pdf_not_written_is_not_logged(
    qtbot: QtBot, branch: Branch, tmp_path: Path, messages: list[str]
) -> None:
    b = branch
    ref = b.desk.intake.register(b["clerk"], complaint_form())
    view = CaseDetailView(b.desk, b["crm"], b.desk.queries.lookups(b["crm"]), ref.id)
    qtbot.addWidget(view)
    dialog = view.open_print("receipt")
    assert isinstance(dialog, PrintDialog)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(blocker / "printed.pdf"))  # the job cannot start
    assert dialog.print_to(printer) == 0
    assert not dialog.save_pdf(blocker / "saved.pdf")
    assert messages[0] == "打印机未接受打印任务：没有打印任何内容，未记为已打印。"
    assert "无法写入 PDF 文件" in messages[1] and len(messages) == 2
    detail = b.desk.queries.case_detail(b["crm"], ref.id)
    assert [e for e in detail.timeline if e.action == "print"] == []
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == 2
    detail = b.desk.queries.case_detail(b["crm"], ref.id)
    assert [render(e.text) for e in detail.timeline if e.action == "print"] == [
        "打印客户投诉受理回执：第 1、2 联（普通纸）"
    ]
