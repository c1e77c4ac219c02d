"""The search index (issue 17 part C, issue 16 "search index"): ``case_search``.

- SQLite: an FTS5 table with the trigram tokenizer; PostgreSQL: a table with a GIN ``pg_trgm`` index
  (``CREATE EXTENSION IF NOT EXISTS pg_trgm``; without the extension the table stays unindexed and
  search scans it — same results, slower);
- triggers on every table holding searchable text keep it in step (see ``storage/search_index.py``);
- every existing case, investigation, resolution, reply, follow-up, extension and timeline note is
  indexed here, so an upgraded branch finds its old cases at once.

The SQL comes from ``branchdesk.storage.search_index`` rather than a frozen copy: the index is derived
data that can be dropped and rebuilt from the base tables at any time, so a later change to it is a
new migration that calls ``drop``, ``create`` and ``fill`` again.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30
"""

from __future__ import annotations

import logging

from alembic import op

from branchdesk.storage import search_index

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    search_index.create(connection, logging.getLogger("branchdesk.storage").warning)
    search_index.fill(connection)


def downgrade() -> None:
    search_index.drop(op.get_bind())
