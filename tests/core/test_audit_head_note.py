"""The committed audit head noted beside a SQLite database (issue 16 part P: written in place, never
truncated — a truncate-and-rewrite on ext4 cost 4 ms of every save)."""

from __future__ import annotations

from pathlib import Path

from branchdesk.storage.integrity import head_file, record_head, recorded_head


def test_the_note_is_overwritten_in_place_whatever_was_there(tmp_path: Path) -> None:
    database = tmp_path / "branch.sqlite3"
    assert recorded_head(database) is None
    record_head(database, 7, "a" * 64)
    assert recorded_head(database) == 7
    size = head_file(database).stat().st_size
    record_head(database, 123_456_789, "b" * 64)
    assert recorded_head(database) == 123_456_789 and head_file(database).stat().st_size == size
    record_head(database, 3, "c" * 64)  # a restore goes back to an earlier head: no digit of 123456789 left
    assert recorded_head(database) == 3
    assert head_file(database).read_text(encoding="ascii").split() == ["3", "c" * 64]
    # a note written by an earlier version ("<seq> <hash>", no padding) is taken over whole
    head_file(database).write_text(f"12 {'d' * 64}\n", encoding="ascii")
    record_head(database, 13, "e" * 64)
    assert head_file(database).read_text(encoding="ascii").split() == ["13", "e" * 64]
