"""The search index (issue 17 part C, issue 16 "search index"): one row per searchable text of a case.

``case_search`` holds every text the one search box looks in — the complainant's name, the phone in
its stored forms, the complaint, the customer and product details, the investigation, the resolution,
each reply, and the notes (timeline notes and reasons, follow-up comments, extension reasons) — one row
per text, drafts included.

**Not the case number** (migration 0032, issue 16). Every case number holds the same few trigrams (its
month, ``-0``, ``00``), so with them in the index a phrase of digits — a case number, a phone, an
amount — read doclists as long as the branch's history: 10.6 ms for one number at 1M cases, growing with
every month. The search finds a case number through the unique ``case_no`` index instead (exact,
prefix, and the month and serial without the branch code: ``read/search.py``), which stays one lookup
at any size; a number written in a text (a note naming another case) is still in the index.

- **SQLite**: an FTS5 table with ``tokenize='trigram'``: any substring of 3+ characters (Chinese
  included) is found through the index; 1–2 character terms use ``LIKE`` on the same rows.
- **PostgreSQL**: a plain table with a GIN ``gin_trgm_ops`` index on ``body`` (``pg_trgm``), used
  by ``ILIKE``. Without the extension (not installed, no right to create it) the table is the same
  and ``ILIKE`` scans it: slower, same results. pg_trgm takes its letters from the database's
  ``LC_CTYPE``: with ``C`` it indexes only ASCII letters and digits (Chinese then scans); a
  database created with a UTF-8 ctype (``zh_CN.UTF-8``, ``C.UTF-8``) indexes Chinese too.

**Row ids carry the case.** ``id = case_id << 32 | slot << 27 | source id & (2**27 - 1)``: a match
gives its case without reading the row (``id >> 32``), all rows of one case are one id range, and a
trigger finds the row of a changed source row by arithmetic (FTS5 cannot look up an unindexed
column). Two rows of one case and slot collide only when their source ids differ by a multiple of
2**27; the write then replaces the older text in the index rather than failing.

**Kept in step by triggers, created here (and by migration 0018), not by the services.** Chosen over
one refresh in the unit of work because a trigger (1) catches every write, including the ones a
service adds later (a correction of intake facts, a ledger import's bulk insert, a migration's
data fix) without anyone remembering the index; (2) runs in the same transaction as the write, so
the index is never ahead of or behind the data, even on a rollback; (3) costs no statement from
Python (the intake budget in ``tests/core/test_unit_of_work.py`` is unchanged); (4) on update, fires
only when a searchable column is in the ``SET`` list (``UPDATE OF``): a version bump or a status
change does not touch the index. Each trigger writes only its own rows and reads only ``NEW``/``OLD``
— no trigger names another table — so a later migration that rebuilds a table (``batch_alter_table``
drops the table and its triggers) leaves nothing dangling; ``ensure`` (run after every upgrade)
puts missing triggers back and then rebuilds the index, which is derived data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from branchdesk.storage.triggers import triggers_named

TABLE = "case_search"
#: PostgreSQL's trigram extension (contrib); a test names a missing one to try the fallback
TRIGRAM_EXTENSION = "pg_trgm"
VOCAB = "case_search_vocab"  # SQLite: the trigrams of the index (fts5vocab)
#: PostgreSQL (issue 16 part Q): every 1- and 2-character piece of a text, lower-cased — a word too short
#: for a trigram is looked up in a GIN index of these (``ix_case_search_grams``), not read from every text
GRAMS = "case_search_grams"
_GRAMS_FUNCTION = (
    f"CREATE OR REPLACE FUNCTION {GRAMS}(body text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE"
    " AS $fn$"
    " SELECT coalesce(array_agg(DISTINCT piece), '{}') FROM ("
    " SELECT substr(lower(body), i, 2) AS piece FROM generate_series(1, char_length(body)) AS i"
    " UNION SELECT substr(lower(body), i, 1) FROM generate_series(1, char_length(body)) AS i) AS pieces"
    " $fn$"
)
CASE_SHIFT = 32
SLOT_SHIFT = 27
SOURCE_MASK = (1 << SLOT_SHIFT) - 1


class SearchField(StrEnum):
    """Which text of a case matched (the order is the order results show the match in)."""

    NUMBER = "number"
    PHONE = "phone"
    NAME = "name"
    CONTENT = "content"
    DETAILS = "details"
    INVESTIGATION = "investigation"
    RESOLUTION = "resolution"
    REPLY = "reply"
    NOTE = "note"


@dataclass(frozen=True)
class Slot:
    number: int
    field: SearchField
    #: SQL of the text: ``{r}`` stands for the row (NEW in a trigger, the table in a fill), ``{nl}`` a newline
    sqlite: str
    postgresql: str | None = None  # when it differs


@dataclass(frozen=True)
class Source:
    table: str
    case_id: str  # column holding the case id
    columns: tuple[str, ...]  # the searchable columns: an UPDATE OF them refreshes the rows
    slots: tuple[Slot, ...]
    child: bool = True  # rows of a child table: the source id goes into the row id


def _joined(*columns: str) -> str:
    """Columns joined by newlines (a query word never holds one, so no match spans two columns)."""
    return " || {nl} || ".join(f"coalesce({{r}}.{c}, '')" for c in columns)


_PHONE = (
    "coalesce({r}.phone_normalized, '') || {nl} || replace(coalesce({r}.phone_normalized, ''), '+', '')"
    " || CASE WHEN {r}.phone_normalized LIKE '+86%' THEN {nl} || substr({r}.phone_normalized, 4) ELSE '' END"
)
# An event's note: a plain string, or the nested "：note" text (event.note_colon / note_sentence);
# a string "reason" too (an approval refused, a case voided). A label object is no note.
_EVENT_SQLITE = (
    "coalesce(CASE json_type({r}.params, '$.note') WHEN 'text' THEN json_extract({r}.params, '$.note')"
    " WHEN 'object' THEN json_extract({r}.params, '$.note.\"$text\".params.note') END, '')"
    " || {nl} || coalesce(CASE json_type({r}.params, '$.reason') WHEN 'text'"
    " THEN json_extract({r}.params, '$.reason') END, '')"
)
_EVENT_POSTGRESQL = (
    "coalesce(CASE json_typeof({r}.params -> 'note') WHEN 'string' THEN {r}.params ->> 'note'"
    " WHEN 'object' THEN {r}.params -> 'note' -> '$text' -> 'params' ->> 'note' END, '')"
    " || {nl} || coalesce(CASE json_typeof({r}.params -> 'reason') WHEN 'string'"
    " THEN {r}.params ->> 'reason' END, '')"
)

_DETAILS = (
    "company",
    "order_no",
    "product",
    "part_no",
    "lot_no",
    "plate",
    "vehicle_model",
    "complained_person",
    "address",
    "email",
)
_INVESTIGATION = (
    "cause",
    "details",
    "conclusion",
    "corrective_action",
    "preventive_action",
    "responsible_person",
)

#: Slot 0 held the case number until migration 0032; its number stays unused (kept for that migration's
#: downgrade, which puts it back).
CASE_NUMBER_SLOT = Slot(0, SearchField.NUMBER, "coalesce({r}.case_no, '')")

SOURCES: tuple[Source, ...] = (
    Source(
        "complaint_case",
        "id",
        ("complainant_name", "phone_normalized", "content", "request_text", *_DETAILS),
        (
            Slot(1, SearchField.NAME, "coalesce({r}.complainant_name, '')"),
            Slot(2, SearchField.PHONE, _PHONE),
            Slot(3, SearchField.CONTENT, _joined("content", "request_text")),
            Slot(4, SearchField.DETAILS, _joined(*_DETAILS)),
        ),
        child=False,
    ),
    Source(
        "investigation",
        "case_id",
        _INVESTIGATION,
        (Slot(5, SearchField.INVESTIGATION, _joined(*_INVESTIGATION)),),
    ),
    Source("resolution", "case_id", ("text",), (Slot(6, SearchField.RESOLUTION, _joined("text")),)),
    Source("reply", "case_id", ("content",), (Slot(7, SearchField.REPLY, _joined("content")),)),
    Source("follow_up", "case_id", ("comments",), (Slot(8, SearchField.NOTE, _joined("comments")),)),
    Source(
        "extension",
        "case_id",
        ("reason", "decision_note"),
        (Slot(9, SearchField.NOTE, _joined("reason", "decision_note")),),
    ),
    Source("event", "case_id", ("params",), (Slot(10, SearchField.NOTE, _EVENT_SQLITE, _EVENT_POSTGRESQL),)),
)

#: The field of each slot (the case number's too: the search matches it as one of the case's texts)
SLOT_FIELDS: dict[int, SearchField] = {CASE_NUMBER_SLOT.number: CASE_NUMBER_SLOT.field} | {
    slot.number: slot.field for source in SOURCES for slot in source.slots
}


# --- SQL of each engine ------------------------------------------------------------------------


def _row_id(source: Source, slot: Slot, row: str, pg: bool) -> str:
    case_id = f"{row}.{source.case_id}" + ("::bigint" if pg else "")
    rid = f"({case_id} << {CASE_SHIFT}) | ({slot.number} << {SLOT_SHIFT})"
    if source.child:
        rid += f" | ({row}.id & {SOURCE_MASK})"
    return f"({rid})"


def _body(slot: Slot, row: str, pg: bool) -> str:
    template = slot.postgresql if (pg and slot.postgresql) else slot.sqlite
    nl = "chr(10)" if pg else "char(10)"
    body = template.replace("{r}", row).replace("{nl}", nl)
    return f"btrim({body}, chr(10))" if pg else f"trim({body}, char(10))"


def _padded(body: str, pg: bool) -> str:
    """The stored text ends with two newlines: then every 1–2 character piece of it, even at its very
    end, begins some trigram of the index, and a short query finds its trigrams in ``case_search_vocab``."""
    nl = "chr(10)" if pg else "char(10)"
    return f"{body} || {nl} || {nl}"


def _select(source: Source, slot: Slot, row: str, pg: bool, from_table: bool) -> str:
    """SELECT (id, case id, field, body) of one slot for ``row`` (NEW, or every row of the table)."""
    body = _body(slot, row, pg)
    where = f"WHERE {body} <> ''"
    if source.table == "event":
        where += f" AND {row}.case_id IS NOT NULL"
    frm = f" FROM {source.table}" if from_table else ""
    row_id = _row_id(source, slot, row, pg)
    stored = _padded(body, pg)
    return f"SELECT {row_id}, {row}.{source.case_id}, '{slot.field.value}', {stored}{frm} {where}"


def _delete(source: Source, pg: bool) -> list[str]:
    column = "id" if pg else "rowid"
    return [
        f"DELETE FROM {TABLE} WHERE {column} = {_row_id(source, slot, 'OLD', pg)}" for slot in source.slots
    ]


def _insert(source: Source, pg: bool) -> list[str]:
    statements = []
    for slot in source.slots:
        select = _select(source, slot, "NEW", pg, from_table=False)
        if pg:
            statements.append(
                f"INSERT INTO {TABLE} (id, case_id, field, body) {select}"
                " ON CONFLICT (id) DO UPDATE SET case_id = EXCLUDED.case_id, field = EXCLUDED.field,"
                " body = EXCLUDED.body"
            )
        else:
            statements.append(f"INSERT OR REPLACE INTO {TABLE} (rowid, case_id, field, body) {select}")
    return statements


def _sqlite_triggers(source: Source) -> dict[str, str]:
    base = f"{TABLE}_{source.table}"
    columns = ", ".join(source.columns)
    insert, delete = _insert(source, pg=False), _delete(source, pg=False)

    def body(statements: list[str]) -> str:
        return "BEGIN " + "; ".join(statements) + "; END"

    return {
        f"{base}_ai": f"CREATE TRIGGER IF NOT EXISTS {base}_ai AFTER INSERT ON {source.table} {body(insert)}",
        f"{base}_au": f"CREATE TRIGGER IF NOT EXISTS {base}_au AFTER UPDATE OF {columns} ON {source.table} "
        + body(delete + insert),
        f"{base}_ad": f"CREATE TRIGGER IF NOT EXISTS {base}_ad AFTER DELETE ON {source.table} {body(delete)}",
    }


def _pg_function(source: Source) -> str:
    delete = "; ".join(_delete(source, pg=True))
    insert = "; ".join(_insert(source, pg=True))
    return (
        f"CREATE OR REPLACE FUNCTION {TABLE}_{source.table}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
        f"BEGIN\n"
        f"  IF TG_OP IN ('UPDATE', 'DELETE') THEN {delete}; END IF;\n"
        f"  IF TG_OP IN ('INSERT', 'UPDATE') THEN {insert}; END IF;\n"
        f"  RETURN NULL;\n"
        f"END\n$fn$"
    )


def _pg_trigger(source: Source) -> str:
    columns = ", ".join(source.columns)
    return (
        f"CREATE TRIGGER {TABLE}_{source.table} AFTER INSERT OR UPDATE OF {columns} OR DELETE"
        f" ON {source.table} FOR EACH ROW EXECUTE FUNCTION {TABLE}_{source.table}()"
    )


def _run(connection: Connection, sql: str) -> Any:
    """Plain SQL; psycopg reads "%" as a placeholder even without parameters, so it is doubled there."""
    if connection.dialect.name != "sqlite":
        sql = sql.replace("%", "%%")
    return connection.exec_driver_sql(sql)


def trigger_names(connection: Connection) -> set[str]:
    """The index's triggers the database has now."""
    return triggers_named(connection, f"{TABLE}_")


def expected_triggers(dialect: str) -> set[str]:
    if dialect == "sqlite":
        return {name for source in SOURCES for name in _sqlite_triggers(source)}
    return {f"{TABLE}_{source.table}" for source in SOURCES}


def has_trigram_index(connection: Connection) -> bool:
    """PostgreSQL: whether ``pg_trgm`` serves the index (else ILIKE scans the table)."""
    if connection.dialect.name == "sqlite":
        return True
    found = _run(connection, "SELECT 1 FROM pg_indexes WHERE indexname = 'ix_case_search_trgm'").first()
    return found is not None


# --- building, filling, repairing ------------------------------------------------------------------


def create(connection: Connection, log: Callable[[str], None] = lambda _m: None) -> None:
    """The table, its indexes and the triggers (empty; ``fill`` indexes the existing rows)."""
    if connection.dialect.name == "sqlite":
        _run(
            connection,
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
            "body, case_id UNINDEXED, field UNINDEXED, tokenize = 'trigram')",
        )
        # the index's trigrams, sorted: a 1–2 character query looks up the trigrams it begins
        _run(connection, f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB} USING fts5vocab({TABLE}, 'row')")
        create_triggers(connection)
        return
    _run(
        connection,
        f"CREATE TABLE IF NOT EXISTS {TABLE} (id bigint PRIMARY KEY, case_id integer NOT NULL,"
        " field varchar(20) NOT NULL, body text NOT NULL)",
    )
    _run(connection, f"CREATE INDEX IF NOT EXISTS ix_case_search_case ON {TABLE} (case_id)")
    # pg_trgm: a contrib extension that may be missing or need rights this user lacks; a failure rolls
    # back only its savepoint and the search works without it (ILIKE scans the table).
    try:
        with connection.begin_nested():
            _run(connection, f"CREATE EXTENSION IF NOT EXISTS {TRIGRAM_EXTENSION}")
            _run(
                connection,
                f"CREATE INDEX IF NOT EXISTS ix_case_search_trgm ON {TABLE} USING gin (body gin_trgm_ops)",
            )
    except DBAPIError as exc:  # not installed, or no right to create it: the plain table stays
        log(f"pg_trgm not available, search scans the table: {exc}")
    create_short_index(connection)
    create_triggers(connection)


def create_short_index(connection: Connection) -> None:
    """PostgreSQL: the GIN index of 1–2 character pieces (no extension needed); migration 0030 adds it to
    an existing index table."""
    _run(connection, _GRAMS_FUNCTION)
    _run(connection, f"CREATE INDEX IF NOT EXISTS ix_case_search_grams ON {TABLE} USING gin ({GRAMS}(body))")


def create_triggers(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for source in SOURCES:
            for statement in _sqlite_triggers(source).values():
                _run(connection, statement)
        return
    for source in SOURCES:
        replace_triggers(connection, source)


def replace_triggers(connection: Connection, source: Source) -> None:
    """Drop one source's triggers and create them as ``source`` says: a migration that changes what a
    table puts in the index (0032 takes the case number out)."""
    if connection.dialect.name == "sqlite":
        for name, statement in _sqlite_triggers(source).items():
            _run(connection, f"DROP TRIGGER IF EXISTS {name}")
            _run(connection, statement)
        return
    _run(connection, _pg_function(source))
    _run(connection, f"DROP TRIGGER IF EXISTS {TABLE}_{source.table} ON {source.table}")
    _run(connection, _pg_trigger(source))


def index_slot(connection: Connection, source: Source, slot: Slot) -> None:
    """Index one slot of every existing row of ``source`` (a migration adding a slot back)."""
    pg = connection.dialect.name != "sqlite"
    select = _select(source, slot, source.table, pg, from_table=True)
    if pg:
        _run(
            connection, f"INSERT INTO {TABLE} (id, case_id, field, body) {select} ON CONFLICT (id) DO NOTHING"
        )
    else:
        _run(connection, f"INSERT OR IGNORE INTO {TABLE} (rowid, case_id, field, body) {select}")


def unindex_slot(connection: Connection, source: Source, slot: Slot) -> None:
    """Remove one slot's rows of every row of ``source`` (a top-level source: one row per case).

    By row id, which the slot and the case give (``_row_id``): FTS5 finds each by its rowid, without
    reading the other rows of the index."""
    if source.child:
        raise ValueError(f"{source.table}: a child's row ids hold its own id, not one per case")
    pg = connection.dialect.name != "sqlite"
    column = "id" if pg else "rowid"
    row_id = _row_id(source, slot, source.table, pg)
    _run(connection, f"DELETE FROM {TABLE} WHERE {column} IN (SELECT {row_id} FROM {source.table})")
    if not pg:
        _run(connection, f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")


def fill(connection: Connection) -> None:
    """Index every existing row (the table is emptied first): the migration, and ``ensure`` after a repair."""
    pg = connection.dialect.name != "sqlite"
    _run(connection, f"DELETE FROM {TABLE}")
    for source in SOURCES:
        for slot in source.slots:
            index_slot(connection, source, slot)
    if not pg:
        _run(connection, f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")


def drop(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for name in expected_triggers("sqlite"):
            _run(connection, f"DROP TRIGGER IF EXISTS {name}")
        _run(connection, f"DROP TABLE IF EXISTS {VOCAB}")
        _run(connection, f"DROP TABLE IF EXISTS {TABLE}")
        return
    for source in SOURCES:
        _run(connection, f"DROP TRIGGER IF EXISTS {TABLE}_{source.table} ON {source.table}")
        _run(connection, f"DROP FUNCTION IF EXISTS {TABLE}_{source.table}()")
    _run(connection, f"DROP TABLE IF EXISTS {TABLE}")
    _run(connection, f"DROP FUNCTION IF EXISTS {GRAMS}(text)")


def ensure(connection: Connection) -> bool:
    """After an upgrade: a later migration that rebuilt a table dropped its triggers — put them back and
    re-index (the index may have missed that migration's writes). True when it repaired something."""
    if not _table_exists(connection):
        return False  # before 0018: nothing to keep
    missing = expected_triggers(connection.dialect.name) - trigger_names(connection)
    if not missing:
        return False
    create_triggers(connection)
    fill(connection)
    return True


def _table_exists(connection: Connection) -> bool:
    if connection.dialect.name == "sqlite":
        query = "SELECT 1 FROM sqlite_master WHERE name = :n"
    else:
        query = "SELECT 1 FROM pg_tables WHERE tablename = :n"
    return connection.execute(text(query), {"n": TABLE}).first() is not None


def is_index_object(name: str | None, type_: str) -> bool:
    """The index's own tables and indexes (FTS5 shadow tables included): not in ``models.py``, so
    schema comparison (``alembic.autogenerate.compare_metadata``) leaves them out."""
    return bool(name) and (
        name == TABLE or str(name).startswith(f"{TABLE}_") or str(name).startswith("ix_case_search")
    )


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic ``include_name`` hook: everything but the search index's objects."""
    return not (type_ in ("table", "index") and is_index_object(name, type_))
