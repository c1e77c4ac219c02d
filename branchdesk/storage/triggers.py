"""The database's own triggers, by name: derived data kept by triggers (the search index, the tally of
states) checks after every upgrade that a table rebuild has not dropped them."""

from __future__ import annotations

from sqlalchemy import Connection, text


def triggers_named(connection: Connection, prefix: str) -> set[str]:
    """The names of the triggers the database has now whose name begins with ``prefix``."""
    if connection.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, :n) = :prefix"
    else:
        query = (
            "SELECT tgname FROM pg_trigger"
            " WHERE NOT tgisinternal AND substr(CAST(tgname AS text), 1, :n) = :prefix"
        )
    return {row[0] for row in connection.execute(text(query), {"n": len(prefix), "prefix": prefix})}
