"""Screenshots of the running app under Xvfb, for docs/screenshots/ (run on demand).

    .venv/bin/python tools/screenshots.py [OUT_DIR]

Needs Debian's xvfb and imagemagick (``import``). Builds a demo branch in a temporary
folder, opens the real windows on the X display and captures the whole screen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    xvfb = None
    if not os.environ.get("DISPLAY"):
        xvfb = subprocess.Popen(["Xvfb", ":97", "-screen", "0", "1366x768x24"], stderr=subprocess.DEVNULL)
        os.environ["DISPLAY"] = ":97"
        time.sleep(1)
    os.environ.pop("QT_QPA_PLATFORM", None)
    # Its own data directory: no recovery file or setting of a real user shows up in the pictures.
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="bd-shots-data-")
    try:
        return shoot(out)
    finally:
        if xvfb is not None:
            xvfb.terminate()


def shoot(out: Path) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from branchdesk.demo import build_demo
    from branchdesk.domain.vocab import Role
    from branchdesk.domain.workflow import Action
    from branchdesk.read.queue import QueueFilter
    from branchdesk.services import BranchDesk
    from branchdesk.storage.database import Database, resolve_url
    from ui.i18n import install_translations
    from ui.login_dialog import LoginDialog
    from ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="bd-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app = QApplication([])
    app.setApplicationName("BranchDesk")
    install_translations(app)
    desk = BranchDesk(Database(resolve_url(str(folder / "demo.sqlite3"))))
    build_demo(desk, seed=20261124, cases=300)

    def settle(seconds: float = 0.6) -> None:
        end = time.time() + seconds
        while time.time() < end:
            app.processEvents()
            time.sleep(0.02)

    def capture(name: str) -> None:
        settle()
        subprocess.run(["import", "-window", "root", str(out / f"{name}.png")], check=True)
        print("saved", out / f"{name}.png")

    login = LoginDialog(desk, "演示网点（上海浦东）")
    login.user.setCurrentIndex(login.user.findData("kefu1"))
    login.password.setText("demo1234")
    login.show()
    capture("01-login")
    login.close()

    crm = desk.auth.login("crm", "demo1234")
    window = MainWindow(desk, crm, "演示网点（上海浦东）")
    window.resize(1366, 740)
    window.move(0, 0)
    window.show()
    capture("02-my-work")

    assert window.queue is not None
    window.show_queue(QueueFilter())
    window.queue.model.sort_key, window.queue.model.descending = "deadline_at", False
    window.queue.show_sort_indicator()
    window.queue.scope.setCurrentIndex(0)
    window.queue.status.setCurrentIndex(window.queue.status.findData("in_progress"))
    capture("04-queue-overdue")
    window.close()

    clerk = desk.auth.login("kefu1", "demo1234")
    window = MainWindow(desk, clerk, "演示网点（上海浦东）")
    window.resize(1366, 740)
    window.move(0, 0)
    window.show()
    window.show_intake()
    assert window.intake is not None
    repeat_phone = desk.queries.queue_page(crm, QueueFilter(search="")).rows[0]
    detail = desk.queries.case_detail(crm, repeat_phone.id)
    window.intake.fields.set_value("phone", detail.intake_raw["phone"])
    window.intake.fields.set_value("complainant_name", detail.intake_raw["complainant_name"])
    window.intake.fields.set_value("channel", "phone")
    window.intake.fields.set_value("request_amount", "-50")
    settle(0.8)
    window.intake.submit()
    capture("03-intake-validation")
    # issue 17: the one search box (a customer's phone as she says it) and the bell's list
    assert window.search_page is not None
    window.search_page.box.setText("+86 " + detail.intake_raw["phone"])
    window.search_page.run()
    capture("18-search-by-phone")
    notes = window.notifications.show_list()
    notes.move(700, 60)
    capture("19-notifications")
    notes.close()
    window.close()

    page = desk.queries.queue_page(crm, QueueFilter(statuses=["closed"], search=""), limit=200)
    with_approvals = None
    for row in page.rows:
        d = desk.queries.case_detail(crm, row.id)
        if d.resolutions and len(d.resolutions[-1].approvals) >= 2:
            with_approvals = row.id
            break
    window = MainWindow(desk, crm, "演示网点（上海浦东）")
    view = window.open_case(with_approvals or page.rows[0].id)
    assert view is not None
    view.resize(1300, 760)
    view.move(0, 0)
    capture("05-case-detail")
    printing = view.open_print("handling")
    assert printing is not None
    printing.resize(1100, 760)
    printing.move(100, 20)
    capture("08-print-preview")
    printing.close()
    view.close()

    pending = desk.queries.queue_page(crm, QueueFilter(statuses=["pending_approval"])).rows
    for row in pending:
        d = desk.queries.case_detail(crm, row.id)
        level = d.resolutions[-1].next_level if d.resolutions else None
        managers = {"质量管理部": "qa_mgr", "业务部门": "sales_mgr", "物流部": "log_mgr"}
        signer = (
            {
                Role.DEPT_MANAGER: managers.get(d.department_name),
                Role.DEPUTY_GM: "fuzong2",
                Role.GM: "zongjingli",
            }.get(level)
            if level
            else None
        )
        if signer:
            actor = desk.auth.login(signer, "demo1234")
            window = MainWindow(desk, actor, "演示网点（上海浦东）")
            view = window.open_case(row.id)
            assert view is not None
            view.resize(1300, 760)
            view.move(0, 0)
            assert view.detail is not None
            dialog = view.dialog_for(Action.APPROVE, view.detail)
            assert dialog is not None
            dialog.show()
            dialog.move(380, 180)
            capture("06-approval-dialog")
            dialog.close()
            break
    admin = desk.auth.login("admin", "demo1234")
    window = MainWindow(desk, admin, "演示网点（上海浦东）")
    window.resize(1366, 740)
    window.move(0, 0)
    window.show()
    window.nav.setCurrentRow(window.nav.count() - 1)
    settings_page = window.pages.currentWidget()
    tabs = settings_page.tabs  # type: ignore[attr-defined]
    rules = settings_page.sla_tab  # type: ignore[attr-defined]
    tabs.setCurrentWidget(rules)
    rules.table.selectRow(1)
    capture("07-settings-deadline-rules")
    # 试算: a major quality complaint received on a Friday afternoon, by phone.
    from datetime import datetime

    rules.tabs.setCurrentIndex(1)
    rules.trial_fields.set_value("kind", "complaint")
    rules.trial_fields.set_value("category_code", "quality.product")
    rules.trial_fields.set_value("severity", "severe")
    rules.trial_fields.set_value("received_at", datetime(2026, 12, 4, 15, 0))
    rules._on_trial()
    capture("11-settings-deadline-trial")
    tabs.setCurrentWidget(settings_page.approval_tab)  # type: ignore[attr-defined]
    settings_page.approval_tab.table.selectRow(0)  # type: ignore[attr-defined]
    capture("12-settings-approval-rules")
    tabs.setCurrentWidget(settings_page.vocabulary_tab)  # type: ignore[attr-defined]
    capture("13-settings-lists-and-names")
    tabs.setCurrentWidget(settings_page.step_policy_tab)  # type: ignore[attr-defined]
    capture("14-settings-step-deadlines")
    forms_tab = settings_page.forms_tab  # type: ignore[attr-defined]
    tabs.setCurrentWidget(forms_tab)
    forms_tab.form.setCurrentIndex(max(forms_tab.form.findData("handling"), 0))
    settle(1.5)  # the live preview redraws after a pause
    capture("16-settings-forms")
    policy_tab = settings_page.policy_tab  # type: ignore[attr-defined]
    tabs.setCurrentWidget(policy_tab)
    policy_tab.presets.setCurrentIndex(max(policy_tab.presets.findData("manufacturing"), 0))
    policy_tab.preset_button.click()
    capture("17-settings-policy-preset")
    from datetime import date

    from ui.holiday_notice_dialog import HolidayNoticeDialog

    # One day typed in by hand the wrong way (a make-up working Saturday marked 休): the preview shows it.
    desk.admin.set_calendar_day(admin, date(2026, 2, 14), False, "")
    notice = HolidayNoticeDialog(desk, admin, window)
    sample = ROOT.parent / "shared" / "samples" / "holiday-notice-2026.txt"  # beside the repository
    if not sample.exists():
        sample = ROOT / "tests" / "data" / "holiday_notices" / "2026.txt"
    notice.text.setPlainText(sample.read_text("utf-8"))
    notice.show()
    notice.move(200, 40)
    notice.preview_button.click()
    capture("15-holiday-notice-import")
    notice.close()
    users_tab = next(i for i in range(tabs.count()) if tabs.tabText(i) == "用户与角色")
    tabs.setCurrentIndex(users_tab)
    settings_page.users.selectRow(1)  # type: ignore[attr-defined]
    capture("09-settings-users")
    window.close()

    # The same case window in English (the language a user can choose in the user menu).
    from ui import i18n, language

    for translator in list(i18n._installed):
        app.removeTranslator(translator)
    language.set_language("en")
    window = MainWindow(desk, crm, "Demo branch (Shanghai Pudong)")
    view = window.open_case(with_approvals or page.rows[0].id)
    assert view is not None
    view.resize(1300, 740)
    view.move(0, 0)
    capture("10-case-detail-english")
    view.close()

    # --- issue 14 part A: opinions from several departments (会签), back in Chinese ---
    language.set_language("zh_CN")
    for translator in i18n._installed:
        app.installTranslator(translator)
    from ui.case_actions import CaseContext, dialog_for

    asked = [
        row.id
        for row in desk.queries.queue_page(crm, QueueFilter(statuses=["in_progress"]), limit=200).rows
        if desk.queries.case_detail(crm, row.id).opinions
    ]
    fresh = next(
        row.id
        for row in desk.queries.queue_page(crm, QueueFilter(statuses=["in_progress"]), limit=200).rows
        if row.id not in asked
    )
    window = MainWindow(desk, crm, "演示网点（上海浦东）")
    view = window.open_case(fresh)
    assert view is not None and view.detail is not None
    view.resize(1300, 740)
    view.move(0, 0)
    context = CaseContext(desk, crm, desk.queries.lookups(crm), fresh, view.detail, view)
    ask = dialog_for(Action.ASK_OPINION, context)
    assert ask is not None
    for code_name in ("业务部门", "物流部"):
        for name, widget in ask.fields.widgets.items():
            if name.startswith("department_") and widget.accessibleName() == code_name:
                widget.setChecked(True)  # type: ignore[attr-defined]
    ask.fields.set_value("question", "货物破损是否与出库包装、承运商装卸有关？请给出意见和责任比率。")
    ask.show()
    ask.move(330, 120)
    capture("20-opinions-request")
    ask.close()
    view.close()
    view = window.open_case(asked[0])
    assert view is not None and view.detail is not None
    view.resize(1300, 740)
    view.move(0, 0)
    view.body.scrollToAnchor("opinions")
    settle()
    capture("21-opinions-on-case")
    pdf = desk.printing.render(crm, view.detail.case_no, "handling")
    view.close()
    (folder / "handling.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", str(folder / "handling.pdf"),
         str(out / "22-handling-form-opinions")],
        check=True,
    )
    print("saved", out / "22-handling-form-opinions.png")
    # --- issue 14 part B: the CAPA list (a reopened item selected) and the verify dialog, in Chinese ---
    from branchdesk.domain.capa import CapaAction

    for translator in i18n._installed:
        app.installTranslator(translator)
    language.set_language("zh_CN")
    window = MainWindow(desk, crm, "演示网点（上海浦东）")
    window.resize(1366, 740)
    window.move(0, 0)
    window.show()
    window.show_capa(None)
    capa = window.capa
    assert capa is not None
    capa.select_item(max(capa.rows, key=lambda r: (r.reopen_count, len(r.verifications))).id)
    capture("23-capa-list")
    capa.status.setCurrentIndex(capa.status.findData("done"))
    capa.table.selectRow(0)
    verify = capa.dialog_for(CapaAction.VERIFY)
    assert verify is not None
    verify.fields.set_value("evidence", "现场抽查 20 箱，装卸与包装均按新规范执行")
    verify.show()
    verify.move(380, 120)
    capture("24-capa-verify")
    verify.close()
    window.close()
    # --- issue 14 part C: the reward/penalty scale, a record with its approvals, the printed notice ---
    for translator in i18n._installed:
        app.installTranslator(translator)
    language.set_language("zh_CN")
    from branchdesk.read.queue import QueueFilter as _Filter
    from ui.rewards_case import RewardsDialog

    window = MainWindow(desk, admin, "演示网点（上海浦东）")
    window.resize(1366, 740)
    window.move(0, 0)
    window.show()
    window.nav.setCurrentRow(window.nav.count() - 1)
    settings_page = window.pages.currentWidget()
    settings_page.tabs.setCurrentWidget(settings_page.rewards_scale_tab)  # type: ignore[attr-defined]
    settings_page.rewards_scale_tab.table.selectRow(2)  # type: ignore[attr-defined]
    capture("25-rewards-scale")
    window.close()
    rewarded = next(
        row.id
        for row in desk.queries.queue_page(crm, _Filter(statuses=["closed"]), limit=200).rows
        if any(r.status.value == "approved" for r in desk.rewards.for_case(crm, row.id))
    )
    window = MainWindow(desk, crm, "演示网点（上海浦东）")
    view = window.open_case(rewarded)
    assert view is not None and view.detail is not None
    view.resize(1300, 740)
    view.move(0, 0)
    rewards = RewardsDialog(desk, crm, rewarded, view.detail.case_no, view)
    rewards.show()
    rewards.move(150, 120)
    approved = next(i for i, r in enumerate(rewards.records) if r.status.value == "approved")
    rewards.table.selectRow(approved)
    capture("26-reward-record")
    record_id = rewards.records[approved].id
    pdf = desk.printing.render(crm, rewarded, "penalty", copies=[1], record_id=record_id, log=False)
    pdf_path = folder / "notice.pdf"
    pdf_path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "110", "-singlefile", str(pdf_path), str(out / "27-penalty-notice")],
        check=True,
    )
    print("saved", out / "27-penalty-notice.png")
    rewards.close()
    view.close()
    # --- issue 14 part D: notes and progress notices, a returning complaint, its handling form ----------
    from sqlalchemy import select

    from branchdesk.domain.vocab import LinkKind
    from branchdesk.storage.models import CaseLink, CaseNote

    install_translations(app)  # back to Chinese after the English picture
    language.set_language("zh_CN")
    with desk.db.read() as session:
        noted = session.scalars(select(CaseNote.case_id).order_by(CaseNote.id)).first()
        link = session.scalars(
            select(CaseLink).where(CaseLink.kind == LinkKind.NOT_ACCEPTED.value).order_by(CaseLink.id.desc())
        ).first()
        returning = (link.from_case_id, link.to_case_id) if link is not None else None
    window = MainWindow(desk, crm, "演示网点（上海浦东）")
    if noted is not None:
        view = window.open_case(noted)
        assert view is not None
        view.resize(1300, 740)
        view.move(0, 0)
        settle()
        # the notices and notes sit under the investigation: scroll the case text to them
        body = view.body
        if body.find("进度告知"):
            bar = body.verticalScrollBar()
            target = bar.value() + body.cursorRect().top() - 8
            cursor = body.textCursor()
            cursor.clearSelection()  # no highlighted word in the picture
            body.setTextCursor(cursor)
            bar.setValue(target)
        capture("28-case-notes-and-contacts")
        view.close()
    if returning is not None:
        view = window.open_case(returning[0])
        assert view is not None
        view.resize(1360, 740)
        view.move(0, 0)
        capture("29-returning-complaint")
        view.close()
        pdf = folder / "handling.pdf"
        pdf.write_bytes(desk.printing.render(crm, returning[0], "handling", copies=[1], log=False))
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
             str(out / "30-handling-form-original")],
            check=True,
        )
        print("saved", out / "30-handling-form-original.png")
    window.close()
    # --- issue 15 part V: 工具 → 年度归档 after an archive was written and verified (Chinese again) ---
    # The demo's cases are this year's: a second desk on the same file, its clock in next January.
    from datetime import datetime as archive_time

    from ui.archive_dialog import ArchiveDialog

    language.set_language("zh_CN")
    for translator in i18n._installed:
        app.installTranslator(translator)
    year = desk.clock().year
    later = BranchDesk(
        Database(resolve_url(str(folder / "demo.sqlite3"))), lambda: archive_time(year + 1, 1, 8, 9, 30)
    )
    archive = ArchiveDialog(later, later.auth.login("crm", "demo1234"))
    archive.resize(1366, 740)  # the whole screen: the windows of the shots before stay out of the picture
    archive.move(0, 0)
    archive.show()
    archive.year.setValue(year)
    archive.folder.setText(str(folder / f"归档{year}"))
    archive.write_button.click()
    for _ in range(3000):  # written, then verified: each ends in its own label
        settle(0.2)
        if archive.table.rowCount():
            break
    archive.verify_button.click()
    for _ in range(600):
        settle(0.2)
        if "通过" in archive.verdict.text():
            break
    archive.raise_()
    archive.activateWindow()
    capture("31-archive")
    archive.close()
    later.db.dispose()
    window.close()

    # --- issue 15 part R: the retention queue (a batch waiting for the GM) and a personal-data request ---
    language.set_language("zh_CN")
    for translator in i18n._installed:
        app.installTranslator(translator)
    from branchdesk.demo import old_closed_cases

    old_closed_cases(desk, desk.clock())
    gm = desk.auth.login("zongjingli", "demo1234")
    due = [c.case_id for c in desk.retention.queue(crm).candidates if not c.legal_hold]
    desk.retention.propose(crm, due[:1], "保存期限届满（三年前的咨询）")
    window = MainWindow(desk, gm, "演示网点（上海浦东）")
    window.resize(1366, 740)
    window.move(0, 0)
    window.show()
    privacy = window.privacy
    assert privacy is not None
    window.nav.setCurrentRow(window.pages.indexOf(privacy))
    privacy.queue_tab.reload()  # type: ignore[attr-defined]
    privacy.queue_tab.batches.selectRow(0)  # type: ignore[attr-defined]
    capture("32-retention-queue")
    privacy.setCurrentWidget(privacy.request_tab)  # type: ignore[attr-defined]
    privacy.request_tab.subject.setText("139 1870 2231")  # type: ignore[attr-defined]
    privacy.request_tab.find()  # type: ignore[attr-defined]
    capture("33-personal-data-request")
    window.close()
    # --- issue 15 part S: the summary of any period, a quarter chosen, over the CR manager's work page ---
    from ui.summary_dialog import SummaryDialog

    window = MainWindow(desk, crm, "演示网点（上海浦东）")
    window.resize(1366, 740)
    window.move(0, 0)
    window.show()
    fields = [(key, label) for key, label, *_rest in desk.queries.lookups(crm).custom_fields]
    period = SummaryDialog(desk.clock().date(), window, fields)
    period.kind.setCurrentIndex(period.kind.findData("quarter"))
    period.show()
    capture("34-summary-period")
    period.close()
    window.close()
    # --- issue 15 part M: 待交报表 on the CR manager's work page (the months before made) ---
    from branchdesk.domain.periods import parse_period

    owed = desk.report_duties.owed(crm)
    for item in owed[:-2]:  # all but the last two: one overdue (red), the one due now
        desk.reports.export_summary(crm, parse_period(item.period_key), folder / f"{item.period_key}.xlsx")
    window = MainWindow(desk, crm, "演示网点（上海浦东）")
    window.resize(1366, 740)
    window.move(0, 0)
    window.show()
    capture("35-report-due")
    window.close()
    # --- several PCs: a department saved on a screen filled before another PC changed it ---
    from PySide6.QtWidgets import QMessageBox

    import ui.operations as operations

    admin = desk.auth.login("admin", "demo1234")
    window = MainWindow(desk, admin, "演示网点（上海浦东）")
    window.resize(1366, 740)
    window.move(0, 0)
    window.show()
    window.nav.setCurrentRow(window.nav.count() - 1)
    settings_page = window.pages.currentWidget()
    tabs = settings_page.tabs  # type: ignore[attr-defined]
    departments = next(tabs.widget(i) for i in range(tabs.count()) if tabs.tabText(i) == "部门")
    tabs.setCurrentWidget(departments)
    qa_row = next(i for i, r in enumerate(departments._rows) if r["code"] == "QA")
    departments.table.selectRow(qa_row)
    departments.fields.set_value("name", "品质部")
    other_pc = BranchDesk(Database(resolve_url(str(folder / "demo.sqlite3"))))  # the other PC
    other_admin = other_pc.auth.login("admin", "demo1234")
    seen_there = other_pc.configuration_version()
    other_pc.admin.save_department(other_admin, "QA", "质量管理部", seen=seen_there)
    other_pc.db.dispose()
    shown: list[QMessageBox] = []

    def show_refusal(parent: object, title: str, text: str, *_a: object, **_k: object) -> object:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=window)  # as run_action's, not modal
        box.show()
        shown.append(box)
        return QMessageBox.StandardButton.Ok

    original_warning = operations.QMessageBox.warning
    operations.QMessageBox.warning = show_refusal  # type: ignore[method-assign]
    departments._on_save()
    operations.QMessageBox.warning = original_warning  # type: ignore[method-assign]
    capture("36-settings-changed-on-another-pc")
    for box in shown:
        box.close()
    window.close()
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
