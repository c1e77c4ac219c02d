"""The personal-data export complete (issue 15 part N): every case of that customer with its timeline
(events in Chinese), replies, follow-ups, progress notices and the list of attachments (name, size,
SHA-256), the files in a zip beside the workbook when asked — and nothing of another customer, not even
when the other customer's case has the same kinds of rows. Internal notes are staff only: left out."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from branchdesk.storage.models import Case, Event
from tests.conftest import Branch, proposed_case
from tests.core.test_retention import closed_case

MINE = b"\x89PNG mine " + bytes(range(256))
THEIRS = b"\x89PNG theirs " + bytes(range(200))


def cells_of(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    return {
        sheet.title: [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]
        for sheet in book.worksheets
    }


def test_the_export_holds_timeline_contacts_attachments_and_nothing_of_others(
    branch: Branch, tmp_path: Path
) -> None:
    b = branch
    mine = closed_case(b, 11, attachment=MINE, complainant_name="孙丽", phone="136 5555 0011")
    b.clock.advance(days=40)
    # still in hand (a progress notice is given while the case is handled)
    second = proposed_case(b, "compensation", "90", complainant_name="孙丽", phone="+86 136-5555-0011").id
    theirs = closed_case(b, 13, attachment=THEIRS, complainant_name="周强", phone="136 4444 0013")
    their_open = proposed_case(b, "compensation", "90", complainant_name="周强", phone="136 4444 0013").id
    for case_id, said in ((second, "已告知孙丽处理进度"), (their_open, "已告知周强处理进度")):
        b.desk.notes.add_note(b["crm"], case_id, f"内部备注{case_id}：客户态度强硬")
        b.desk.notes.record_contact(b["crm"], case_id, "phone", said)

    path = tmp_path / "pd.xlsx"
    assert b.desk.retention.export(b["crm"], "13655550011", path, files=True) == 2
    sheets = cells_of(path)
    assert {"案件", "答复", "回访", "处理记录", "进度告知", "附件"} <= set(sheets)
    everything = [str(v) for rows in sheets.values() for row in rows for v in row if v is not None]
    with b.desk.db.read() as session:
        numbers = dict(session.execute(select(Case.id, Case.case_no)).all())
        # every event of both cases but the internal notes' (the test's own count)
        events = {
            case_id: session.scalar(
                select(func.count()).where(Event.case_id == case_id, Event.action != "note")
            )
            for case_id in (mine, second)
        }
    # Nothing of the other customer: no case number, name, phone, notice or file.
    assert not any(
        numbers[theirs] in v or numbers[their_open] in v or "周强" in v or "4444" in v or "THEIRS" in v
        for v in everything
    ), [v for v in everything if "周强" in v or numbers[theirs] in v]
    # The timeline: each case's events in Chinese, with field changes; no internal note.
    timeline = sheets["处理记录"][1:]
    assert {n: sum(1 for r in timeline if r[0] == numbers[n]) for n in (mine, second)} == events
    assert any(r[3] and "结案" in str(r[3]) for r in timeline)
    assert any(r[4] and "→" in str(r[4]) for r in timeline)
    assert not any("内部备注" in v or "客户态度强硬" in v for v in everything)
    # The progress notice of this customer.
    assert [r[3] for r in sheets["进度告知"][1:]] == ["已告知孙丽处理进度"]
    # Attachments: name, size and SHA-256 of this customer's one file; the zip holds it byte for byte.
    (_header, *files) = sheets["附件"]
    assert [(r[0], r[1], r[2], r[3]) for r in files] == [
        (numbers[mine], "归档客户11身份证.jpg", len(MINE), hashlib.sha256(MINE).hexdigest())
    ]
    with zipfile.ZipFile(path.with_suffix(".zip")) as archive:
        assert archive.namelist() == [files[0][5]]
        assert archive.read(files[0][5]) == MINE
    assert not list(tmp_path.glob("*.part"))


def test_without_files_no_zip_is_written(branch: Branch, tmp_path: Path) -> None:
    b = branch
    closed_case(b, 21, attachment=MINE, complainant_name="孙丽", phone="136 5555 0021")
    b.desk.retention.export(b["crm"], "孙丽", tmp_path / "pd.xlsx")
    assert not (tmp_path / "pd.zip").exists()
    assert len(cells_of(tmp_path / "pd.xlsx")["附件"]) == 2  # the list is always there
