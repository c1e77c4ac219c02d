"""Ledger imports still being written (issue 16): their cases are in the table but nowhere yet.

One definition for every reader that leaves them out: visibility (``services/visibility.settled_cases``)
and the queue's total from the tally (``read/queue.settled_total``)."""

from __future__ import annotations

from sqlalchemy import Select, select

from branchdesk.storage.models import ImportBatch

#: A batch's states: written chunk by chunk while ``PENDING``, seen everywhere once ``DONE``.
PENDING, DONE = "pending", "done"


def unfinished_batches() -> Select[int]:
    """The ids of the import batches not done yet (usually none)."""
    return select(ImportBatch.id).where(ImportBatch.state != DONE)
