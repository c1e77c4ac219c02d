"""One search box (issue 17 part C): a query string → the cases it finds, ranked, with the matched text.

The index is ``case_search`` (``storage/search_index.py``: FTS5 trigram on SQLite, ``pg_trgm`` on
PostgreSQL). Each word of the query must occur somewhere in the case (any of its texts); a query that
reads as a phone number (``+86 138 0013 8000``, ``138-0013-8000``, ``13800138000``, a fragment of one)
also finds the case by its phone in any stored form. A word that can be a case number is also looked
up in the unique ``case_no`` index — whole, its month and serial without the branch code, or from
``MIN_NUMBER_PREFIX`` characters its beginning — since the index holds no case numbers (issue 16).
Ranking: the exact case number or phone first, then the exact name and the numbers beginning with the
query, then the rest, newest first.

Words of 3+ characters go through the index; a word of 1–2 characters (张三, a surname) cannot
(a trigram needs three): on SQLite it is looked up through the trigrams it begins (``case_search_vocab``),
on PostgreSQL in a GIN index of every text's 1–2 character pieces (``search_index.GRAMS``, issue 16
part Q). Visibility is the caller's SQL condition.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Text,
    TextClause,
    and_,
    case,
    cast,
    column,
    false,
    func,
    intersect,
    literal,
    literal_column,
    or_,
    select,
    table,
    text,
    union,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from branchdesk.domain.numbering import parse_case_number
from branchdesk.domain.text import mask_phone, normalize_phone
from branchdesk.domain.vocab import CloseKind, Status
from branchdesk.read.trigram_vocabulary import trigrams_beginning
from branchdesk.read.values import shown_status
from branchdesk.storage.models import Case
from branchdesk.storage.search_index import (
    CASE_NUMBER_SLOT,
    CASE_SHIFT,
    SLOT_FIELDS,
    SLOT_SHIFT,
    SearchField,
)

#: Words of a query looked for (each is one more index lookup).
MAX_WORDS = 5
#: Characters of context either side of the first match in a snippet.
CONTEXT = 30
#: The shortest word the trigram index serves.
TRIGRAM = 3
#: Index rows read per step of a newest-first walk (``_newest_matches``): a case holds a word in a few
#: of its texts, so one step usually finds a page of hits.
WALK_STEP = 400
PHONE_SLOT = 2
#: The slot the case number is matched as (``best_match``): it was the index's until migration 0032.
NUMBER_SLOT = CASE_NUMBER_SLOT.number
#: The shortest query looked up as the beginning of case numbers ("202611" lists that month's cases): a
#: shorter one ("20") would name nearly every number.
MIN_NUMBER_PREFIX = 6

_SEPARATORS = re.compile(r"[\s\-()（）.]+")
_PHONE_LIKE = re.compile(r"\+?\d{3,20}", re.ASCII)
#: What a case number, or the beginning of one, can look like (``domain/numbering``): letters, digits and
#: dashes, at least one digit. Case numbers are upper case (the branch code is stored so).
_NUMBER_LIKE = re.compile(r"[A-Z0-9][A-Z0-9-]*", re.ASCII)
_FIELD_ORDER = list(SearchField)

#: A 1–2 character word beginning more trigrams than this is looked for by reading the texts.
MAX_SHORT_TRIGRAMS = 2000

search_rows = table(
    "case_search", column("rowid"), column("id"), column("case_id"), column("field"), column("body")
)


@dataclass(frozen=True)
class SearchTerms:
    """A query taken apart: the words every case must contain, and the phone it may be."""

    text: str
    words: tuple[str, ...]
    phone: str | None = None  # the normalised number (exact match: first in the ranking)
    phone_key: str | None = None  # digits looked for inside the phone's stored forms
    #: the query as a case number or its beginning, upper case: looked up in the ``case_no`` index (the
    #: search index holds no case numbers, ``storage/search_index``)
    number: str | None = None


def parse_terms(query: str) -> SearchTerms:
    """Words (at most ``MAX_WORDS``), and the phone reading when the query is only digits and separators."""
    text = " ".join(query.split())
    compact = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    number = number_word("".join(text.split()))
    if not _PHONE_LIKE.fullmatch(compact):
        return SearchTerms(text, tuple(text.split()[:MAX_WORDS]), number=number)
    try:
        phone = normalize_phone(text) or None
    except ValueError:
        phone = None
    key = compact.lstrip("+")
    if phone and phone.startswith("+86"):
        key = phone[3:]  # the national number: inside every stored form of a Chinese number
    elif key.startswith("00"):
        key = key[2:]
    # "202611-001" is a case number as well as digits: the word keeps its dash, spaces go
    return SearchTerms(text, ("".join(text.split()),), phone, key, number)


def number_word(word: str) -> str | None:
    """``word`` as a case number or the beginning of one (upper case), or None when it cannot be one."""
    folded = unicodedata.normalize("NFKC", word).upper()
    if _NUMBER_LIKE.fullmatch(folded) and any(ch.isdigit() for ch in folded):
        return folded
    return None


@dataclass(frozen=True)
class SearchHit:
    case_id: int
    case_no: str
    status: Status
    close_kind: CloseKind | None
    complainant_name: str
    received_at: datetime
    field: SearchField  # which text matched (the best one)
    snippet: str  # that text, cut around the match, one line
    spans: tuple[tuple[int, int], ...]  # [start, end) of each match in ``snippet``, for highlighting
    exact: bool  # the case number or phone is exactly the query

    @property
    def shown_status(self) -> Status | CloseKind:
        return shown_status(self.status, self.close_kind)


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: tuple[SearchHit, ...]
    more: bool  # more cases matched than are shown: the user narrows the query


# --- SQL ---------------------------------------------------------------------------------------------


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _phrase(word: str) -> str:
    """An FTS5 phrase: any substring of a trigram-tokenized text, quotes doubled."""
    return '"' + word.replace('"', '""') + '"'


def _case_id(sqlite: bool) -> ColumnElement[Any]:
    return search_rows.c.rowid.op(">>")(CASE_SHIFT) if sqlite else search_rows.c.case_id


def _slot(sqlite: bool) -> ColumnElement[Any]:
    row_id = search_rows.c.rowid if sqlite else search_rows.c.id
    return row_id.op(">>")(SLOT_SHIFT).op("&")(31)


def _contains(session: Session, word: str, sqlite: bool) -> ColumnElement[bool]:
    if not sqlite:
        if len(word) < TRIGRAM:
            # issue 16 part Q: a 1–2 character word is one of the text's pieces, looked up in their GIN
            # index (``search_index.GRAMS``: the same expression, so the index serves it) — no scan
            pieces = cast(postgresql.array([word.lower()]), postgresql.ARRAY(Text))
            return func.case_search_grams(search_rows.c.body).op("@>")(pieces)  # type: ignore[no-any-return]
        pattern = f"%{_escape_like(word)}%"
        if word.lower() == word.upper():  # no letter with a case (Chinese, digits): LIKE compares bytes,
            return search_rows.c.body.like(pattern, escape="\\")  # ILIKE folds every row first
        return search_rows.c.body.ilike(pattern, escape="\\")
    if len(word) >= TRIGRAM:
        return _match(_phrase(word))
    # 1–2 characters: the trigrams that begin with them (every stored text ends in two newlines, so
    # each occurrence begins one), read from the sorted vocabulary (remembered until the index changes),
    # then one indexed OR of them
    folded = word.lower()
    trigrams = trigrams_beginning(session, folded, MAX_SHORT_TRIGRAMS + 1)
    if not trigrams:
        return false()
    if len(trigrams) <= MAX_SHORT_TRIGRAMS:
        return _match(" OR ".join(_phrase(t) for t in trigrams))
    # A character that begins thousands of trigrams: read the texts (FTS5's own LIKE on fewer than three
    # non-ASCII characters misses rows in SQLite 3.40, so instr does the reading)
    return func.instr(func.lower(search_rows.c.body), folded) > 0


def _match(expression: str) -> ColumnElement[bool]:
    return literal_column("case_search").op("MATCH")(expression)  # type: ignore[no-any-return]


def _conditions(
    session: Session, word: str, sqlite: bool, *, phones: bool, only_phone: bool = False
) -> list[ColumnElement[bool]]:
    conditions = [_contains(session, word, sqlite)]
    if only_phone:
        conditions.append(_slot(sqlite) == PHONE_SLOT)
    elif not phones:
        conditions.append(_slot(sqlite) != PHONE_SLOT)
    return conditions


def _matching(
    session: Session, word: str, sqlite: bool, *, phones: bool, only_phone: bool = False
) -> Select[Any]:
    """Ids of the cases holding ``word``: in a text of the index, or — a word that can be a case number —
    as their number (``number_matches``: the index holds no case numbers)."""
    in_texts = select(_case_id(sqlite)).where(
        *_conditions(session, word, sqlite, phones=phones, only_phone=only_phone)
    )
    number = None if only_phone else number_word(word)
    if number is None:
        return in_texts
    return select(Case.id).where(or_(Case.id.in_(in_texts), number_matches(number, sqlite)))


def _walks_newest(terms: SearchTerms, sqlite: bool, phones: bool) -> bool:
    """One word on SQLite: the index can be read newest first and stopped.

    A phone reading walks too when its digits are the word itself (``8000``, ``13800138000``): the word in
    any text already holds the phone's stored forms. One written with separators or a country code
    (``138-0013-8000``) is two lookups (the word in the texts, the digits in the phones), joined."""
    if not sqlite or len(terms.words) != 1:
        return False
    return not (phones and terms.phone_key and terms.phone_key != terms.words[0])


def _newest_matches(
    session: Session,
    terms: SearchTerms,
    columns: Sequence[Any],
    visible: ColumnElement[bool],
    wanted: int,
    *,
    phones: bool,
) -> list[Any]:
    """The newest ``wanted`` visible cases the query's one word finds, newest first.

    FTS5 hands its rows out in rowid order, and a rowid begins with its case id (``CASE_SHIFT``), so the
    index is read newest first ``WALK_STEP`` rows at a time and the walk stops once enough cases are
    found: a common word (a district every tenth case names) costs the cases shown, not every case that
    holds it, which grew with the branch's history (issue 16: flat from 10k to 1M)."""
    conditions = _conditions(session, terms.words[0], True, phones=phones)
    found: list[Any] = []
    seen: set[int] = set()
    below: int | None = None
    while len(found) < wanted:
        step = select(search_rows.c.rowid).where(*conditions)
        if below is not None:
            step = step.where(search_rows.c.rowid < below)
        rowids = session.scalars(step.order_by(search_rows.c.rowid.desc()).limit(WALK_STEP)).all()
        if not rowids:
            break
        below = rowids[-1]
        ids = list(dict.fromkeys(r >> CASE_SHIFT for r in rowids if r >> CASE_SHIFT not in seen))
        seen.update(ids)
        if ids:
            found.extend(
                session.execute(
                    select(*columns, literal(2)).where(Case.id.in_(ids), visible).order_by(Case.id.desc())
                ).all()
            )
        if len(rowids) < WALK_STEP:
            break
    return found[:wanted]


def candidates(session: Session, terms: SearchTerms, sqlite: bool, *, phones: bool) -> Any:
    """Ids of the cases holding every word (and, for a phone query, the cases with that phone)."""
    parts = [_matching(session, word, sqlite, phones=phones) for word in terms.words]
    found: Any = parts[0] if len(parts) == 1 else intersect(*parts)
    if phones and terms.phone_key:
        found = union(found, _matching(session, terms.phone_key, sqlite, phones=True, only_phone=True))
    return found


def search(
    session: Session,
    terms: SearchTerms,
    *,
    visible: ColumnElement[bool],
    show_phone: bool,
    limit: int,
) -> SearchResult:
    """The visible cases matching ``terms``, ranked, at most ``limit`` (``more``: others matched too).

    Two queries rather than one ``ORDER BY rank``: sorting every match of a common word (thousands)
    costs more than the whole search may take. The exact case number, phone or name are index
    lookups on the case table; the rest walks the matching ids newest first and stops at the limit.
    """
    sqlite = session.get_bind().dialect.name == "sqlite"
    columns = (
        Case.id,
        Case.case_no,
        Case.status,
        Case.close_kind,
        Case.complainant_name,
        Case.received_at,
        Case.phone,
        Case.phone_normalized,
    )
    exact = _exact_number(terms.number)
    if terms.phone and show_phone:
        exact.append(Case.phone_normalized == terms.phone)
    first = or_(*exact) if exact else false()
    top: list[Any] = list(
        session.execute(
            select(*columns, case((first, 0), else_=1))
            .where(or_(first, Case.complainant_name == terms.text), visible)
            .order_by(case((first, 0), else_=1), Case.id.desc())
            .limit(limit + 1)
        ).all()
    )
    if terms.number and len(terms.number) >= MIN_NUMBER_PREFIX:
        # the numbers beginning with the query, highest first (= newest): one range of the unique index
        top += session.execute(
            select(*columns, literal(1))
            .where(_number_begins(terms.number, sqlite), visible)
            .order_by(Case.case_no.desc())
            .limit(limit + 1)
        ).all()
    top = list({row.id: row for row in top[::-1]}.values())  # each case once, in its first place …
    top.sort(key=lambda row: (row[-1], -row.id))  # … rank, then newest first
    seen = {row.id for row in top}
    wanted = limit + 1 + len(top)
    if _walks_newest(terms, sqlite, show_phone):
        rest: Sequence[Any] = _newest_matches(session, terms, columns, visible, wanted, phones=show_phone)
    else:
        rest = session.execute(
            select(*columns, literal(2))
            .where(Case.id.in_(candidates(session, terms, sqlite, phones=show_phone)), visible)
            .order_by(Case.id.desc())
            .limit(wanted)
        ).all()
    rows = [*top, *(row for row in rest if row.id not in seen)]
    more = len(rows) > limit
    rows = rows[:limit]
    texts = _texts(session, [row.id for row in rows], sqlite)
    hits = []
    for row in rows:
        # the case number is not in the index: it is matched as one more of the case's texts
        field, snippet, spans = best_match(
            terms,
            [(NUMBER_SLOT, row.case_no), *texts.get(row.id, [])],
            phone=row.phone if show_phone else mask_phone(row.phone_normalized),
        )
        hits.append(
            SearchHit(
                case_id=row.id,
                case_no=row.case_no,
                status=Status(row.status),
                close_kind=CloseKind(row.close_kind) if row.close_kind else None,
                complainant_name=row.complainant_name,
                received_at=row.received_at,
                field=field,
                snippet=snippet,
                spans=spans,
                exact=row[-1] == 0,
            )
        )
    return SearchResult(terms.text, tuple(hits), more)


def _exact_number(number: str | None) -> list[ColumnElement[bool]]:
    """The case whose number is ``number`` — as typed, or its month and serial without the branch code
    (``202611-001`` finds ``BJ-202611-001``): lookups of the unique indexes."""
    if not number:
        return []
    exact: list[ColumnElement[bool]] = [Case.case_no == number]
    parsed = parse_case_number(number)
    if parsed is not None and parsed[0] is None:
        _, period, serial = parsed
        exact.append(and_(Case.period == period, Case.serial == serial))
    return exact


def number_matches(number: str, sqlite: bool) -> ColumnElement[bool]:
    """Cases whose number is ``number`` (``_exact_number``) or, from ``MIN_NUMBER_PREFIX`` characters on,
    begins with it: each an index lookup, so SQLite reads the OR as a union of index lookups."""
    found = _exact_number(number)
    if len(number) >= MIN_NUMBER_PREFIX:
        found.append(_number_begins(number, sqlite))
    return or_(*found)


def _number_begins(prefix: str, sqlite: bool) -> ColumnElement[bool]:
    """Case numbers beginning with ``prefix`` (upper case, as numbers are stored)."""
    if sqlite:  # a range of the unique index (SQLite's LIKE ignores case, so it cannot use the index)
        return and_(Case.case_no >= prefix, Case.case_no < prefix + "\U0010ffff")
    # PostgreSQL: a range compared under the database's collation could leave numbers out; LIKE is exact
    return Case.case_no.like(_escape_like(prefix) + "%", escape="\\")


@lru_cache(maxsize=8)
def _ranges(size: int) -> TextClause:
    return text(
        " UNION ALL ".join(
            f"SELECT rowid, body FROM case_search WHERE rowid >= :l{i} AND rowid < :h{i}" for i in range(size)
        )
    )


def _texts(session: Session, case_ids: Sequence[int], sqlite: bool) -> dict[int, list[tuple[int, str]]]:
    """(slot, text) of every index row of these cases: one id range per case on SQLite (the FTS table
    looks up nothing else fast), ``case_id IN`` on PostgreSQL."""
    result: dict[int, list[tuple[int, str]]] = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return result
    if sqlite:
        # one id range per case, in one statement (FTS5 serves a range of row ids, not a join on them);
        # padded to a power of two with case 0 (none): a few statements, each written once
        size = max(8, 1 << (len(case_ids) - 1).bit_length())
        padded = list(case_ids) + [0] * (size - len(case_ids))
        query = _ranges(size)
        params = {f"l{i}": case_id << CASE_SHIFT for i, case_id in enumerate(padded)}
        params |= {f"h{i}": (case_id + 1) << CASE_SHIFT for i, case_id in enumerate(padded)}
        for row_id, body in session.execute(query, params):
            result[row_id >> CASE_SHIFT].append(((row_id >> SLOT_SHIFT) & 31, body))
        return result
    for row_id, case_id, body in session.execute(
        select(search_rows.c.id, search_rows.c.case_id, search_rows.c.body).where(
            search_rows.c.case_id.in_(list(case_ids))
        )
    ):
        result[case_id].append(((row_id >> SLOT_SHIFT) & 31, body))
    return result


# --- which text matched, and where --------------------------------------------------------------------


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ordered), re.IGNORECASE)


def best_match(
    terms: SearchTerms, rows: Sequence[tuple[int, str]], *, phone: str
) -> tuple[SearchField, str, tuple[tuple[int, int], ...]]:
    """The text that matched best (most of the words, then number, phone, name … note), cut to a snippet
    with the matches' spans. A phone match shows the phone as the clerk typed it (masked when the
    reader may not see phones), the typed separators inside the highlighted span."""
    words = [w.casefold() for w in terms.words]
    best: tuple[int, int, SearchField, str] | None = None
    for slot, body in rows:
        field = SLOT_FIELDS.get(slot)
        if field is None:
            continue
        folded = body.casefold()
        found = sum(1 for w in words if w in folded)
        if field is SearchField.PHONE and terms.phone_key and terms.phone_key in body:
            found = len(words) + 1  # the phone reading of the query: the whole query
        if not found:
            continue
        rank = (-found, _FIELD_ORDER.index(field))
        if best is None or rank < (best[0], best[1]):
            best = (rank[0], rank[1], field, body)
    if best is None:
        return SearchField.CONTENT, "", ()
    _, _, field, body = best
    if field is SearchField.PHONE:
        return field, phone, _digit_span(phone, terms.phone_key or "")
    snippet, spans = snippet_of(body, terms.words)
    return field, snippet, spans


def snippet_of(
    body: str, words: Sequence[str], context: int = CONTEXT
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The line of ``body`` holding the first match, cut to ``context`` characters either side, with "…"
    where it was cut, and the spans of every match inside it."""
    pattern = _pattern(words)
    first = pattern.search(body)
    if first is None:
        line = body.split("\n", 1)[0]
        return line[: 2 * context], ()
    line_start = body.rfind("\n", 0, first.start()) + 1
    line_end = body.find("\n", first.end())
    line = body[line_start : line_end if line_end >= 0 else len(body)]
    at = first.start() - line_start
    start = max(0, at - context)
    end = min(len(line), at + (first.end() - first.start()) + context)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(line) else ""
    snippet = prefix + line[start:end] + suffix
    offset = len(prefix) - start
    spans = tuple(
        (m.start() + offset, m.end() + offset)
        for m in pattern.finditer(line, start, end)
        if m.end() > m.start()
    )
    return snippet, spans


def _digit_span(shown: str, key: str) -> tuple[tuple[int, int], ...]:
    """The span of ``key``'s digits inside a phone written with separators (138-0013-8000)."""
    if not key or "*" in shown:
        return ()
    positions = [i for i, ch in enumerate(shown) if ch.isdigit()]
    digits = "".join(shown[i] for i in positions)
    at = digits.find(key)
    if at < 0:
        return ()
    return ((positions[at], positions[at + len(key) - 1] + 1),)
