"""Many rows in one statement: plain-dict rows with every column a Core ``executemany`` needs.

The ORM unit of work costs about half a millisecond per object (identity map, attribute history,
cascades); a ledger import of 200,000 rows (issue 16 "Import") writes cases, customers and events
as dicts instead. A row starts from ``blank_row`` — each column's Python-side default, so what an
ORM insert would store — and every row of one statement has the same keys, as executemany needs.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table


def blank_row(table: Table) -> dict[str, Any]:
    """Every column but an autoincrement key, with its default (a callable default called afresh)."""
    row: dict[str, Any] = {}
    for column in table.columns:
        if column.primary_key and column.autoincrement in (True, "auto"):
            continue
        default = column.default
        if default is None:
            row[column.key] = None
        elif default.is_callable:
            row[column.key] = default.arg(None)  # type: ignore[attr-defined]
        else:
            row[column.key] = default.arg  # type: ignore[attr-defined]
    return row


def as_object(row: dict[str, Any]) -> Any:
    """The row as an object with attributes, for rules written against the mapped class (``case.kind``)."""
    return SimpleNamespace(**row)


def columns_of(obj: Any, table: Table) -> dict[str, Any]:
    """Back from ``as_object``: the table's columns only."""
    values = vars(obj)
    return {column.key: values[column.key] for column in table.columns if column.key in values}
