"""The search index without case numbers (issue 16, flat search): a case number is found through the
unique ``case_no`` index, not through trigrams.

Every case number holds the same few trigrams (its month, ``-0``, ``00``), so while they were in the
index a phrase of digits — a case number, a phone fragment — read doclists as long as the branch's
history (one number: 7.8 ms at 100k cases, 10.6 ms at 1M; the phone fragment ``8000``: 0.8 ms and
11.1 ms). Without them the same lookups read 0.01 ms and 0.06 ms at 100k.

- the case table's triggers are made anew without the number (``search_index.SOURCES``);
- each case's number row is deleted by its row id (``case id << 32``, slot 0): 1.4 s at 100k cases,
  then FTS5's ``optimize`` merges the index (1.9 s at 100k).

Downgrade puts the number rows and the triggers that write them back.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-01
"""

from __future__ import annotations

from dataclasses import replace

from alembic import op

from branchdesk.storage import search_index

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None


def _cases() -> search_index.Source:
    return next(source for source in search_index.SOURCES if source.table == "complaint_case")


def _with_number(source: search_index.Source) -> search_index.Source:
    """The case table's source as it was before this migration: the number in slot 0, and a change of
    the number re-indexing the case."""
    return replace(
        source,
        columns=("case_no", *source.columns),
        slots=(search_index.CASE_NUMBER_SLOT, *source.slots),
    )


def upgrade() -> None:
    connection = op.get_bind()
    cases = _cases()
    search_index.replace_triggers(connection, cases)
    search_index.unindex_slot(connection, _with_number(cases), search_index.CASE_NUMBER_SLOT)


def downgrade() -> None:
    connection = op.get_bind()
    old = _with_number(_cases())
    search_index.replace_triggers(connection, old)
    search_index.index_slot(connection, old, search_index.CASE_NUMBER_SLOT)
