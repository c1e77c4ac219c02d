"""工具 → 年度归档 (issue 15 part V) through the real widgets: the CR manager's menu opens it, an archive
is written under the progress dialog and listed, the folder verifies, a changed byte shows as one line;
the dialog reads English with the English catalogue and fits 1366×768 and 1920×1080 at 150 %."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from tests.conftest import Branch
from tests.core.test_archive import archived_year
from tests.ui.test_dialogs_fit import assert_fits, screen  # noqa: F401  (the screen fixture)
from tests.ui.test_english_walk import chinese_left, english, user_data  # noqa: F401  (the english fixture)
from ui.archive_dialog import ArchiveDialog
from ui.main_window import MainWindow


def _write(qtbot: QtBot, dialog: ArchiveDialog, folder: Path) -> None:
    dialog.year.setValue(2026)
    dialog.folder.setText(str(folder))
    with qtbot.waitSignal(dialog.sig_written, timeout=120_000):
        dialog.write_button.click()


def _verify(qtbot: QtBot, dialog: ArchiveDialog, folder: Path) -> object:
    dialog.verify_folder.setText(str(folder))
    with qtbot.waitSignal(dialog.sig_verified, timeout=60_000) as blocker:
        dialog.verify_button.click()
    return blocker.args[0] if blocker.args else None


def test_the_cr_manager_writes_lists_and_verifies_an_archive(
    qtbot: QtBot, branch: Branch, tmp_path: Path, opened: list[str]
) -> None:
    b = branch
    archived_year(b, tmp_path)
    clerk_window = MainWindow(b.desk, b["clerk"], "Test branch")
    qtbot.addWidget(clerk_window)
    assert clerk_window.archive_action is None  # only the CR manager has 工具 → 年度归档
    window = MainWindow(b.desk, b["crm"], "Test branch")
    qtbot.addWidget(window)
    assert window.archive_action is not None
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("工具(&T)") == len(titles) - 2  # before 帮助
    window.archive_action.trigger()
    dialog = window.findChild(ArchiveDialog)
    assert isinstance(dialog, ArchiveDialog)
    assert dialog.year.maximum() == 2026  # only a year that has ended

    out = tmp_path / "归档"
    _write(qtbot, dialog, out)
    assert "已写入 2026 年度归档：4 件案件" in dialog.result.text()
    assert dialog.files.count() >= 7  # four PDFs, an attachment, the ledger, the summary
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "2026"
    dialog.open_button.click()
    assert opened == [str(out)]
    check = _verify(qtbot, dialog, out)
    assert check is not None and dialog.problems.count() == 0 and "归档核对通过" in dialog.verdict.text()

    # a second write into a folder that is not empty is refused at once, in words
    dialog.folder.setText(str(out))
    dialog.write_button.click()
    qtbot.waitUntil(lambda: "不是空的" in dialog.result.text(), timeout=30_000)

    pdf = next((out / "forms").glob("*.pdf"))
    data = bytearray(pdf.read_bytes())
    data[200] ^= 0x10
    pdf.write_bytes(bytes(data))
    _verify(qtbot, dialog, out)
    assert [dialog.problems.item(i).text() for i in range(dialog.problems.count())] == [
        f"已被改动：forms/{pdf.name}"
    ]
    assert "未通过" in dialog.verdict.text() and "B71C1C" in dialog.verdict.styleSheet()
    _verify(qtbot, dialog, tmp_path / "nowhere")
    assert "manifest.json" in dialog.verdict.text()
    dialog.close()
    window.close()
    clerk_window.close()


def test_the_archive_dialog_reads_english(
    qtbot: QtBot, branch: Branch, english: None, tmp_path: Path  # noqa: F811
) -> None:
    b = branch
    archived_year(b, tmp_path)
    allowed = user_data(b)
    dialog = ArchiveDialog(b.desk, b["crm"])
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "archive"
    _write(qtbot, dialog, out)
    _verify(qtbot, dialog, out)
    assert "Yearly archive 2026 written" in dialog.result.text()
    # The archive's own workbooks are named in Chinese (the branch's paper names): file names, data.
    problems = chinese_left(dialog, allowed, skip=("投诉台帐", "客诉案件统计表"))
    assert not problems, "\n".join(problems)


def test_the_archive_dialog_fits(qtbot: QtBot, branch: Branch, screen: QRect) -> None:  # noqa: F811
    branch.clock.now = branch.clock.now.replace(year=2027)
    assert_fits(qtbot, ArchiveDialog(branch.desk, branch["crm"]), screen, "yearly archive")
