"""The trigrams of the search index that begin with a 1–2 character word (SQLite), remembered until the
index changes (issue 16: a short search flat at any size).

A word too short for a trigram (张三, 浦东) is found through the trigrams it begins, read from
``case_search_vocab`` (fts5vocab). That table counts each term's rows as it lists it, reading the
term's whole doclist: 0.09 ms for 浦东 at 10,000 cases, 7 ms at a million — most of a short search at
that size. The list itself changes only when the index does, so it is kept per database and word with
the index's structure record: FTS5 rewrites that record (``case_search_data`` row 10, its
``FTS5_STRUCTURE_ROWID``) in every transaction that writes to the index, on this PC or another, so a
changed record means "list again" and an unchanged one means the list is still exact.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

from sqlalchemy import column, select, table, text
from sqlalchemy.orm import Session

#: Words remembered (per database): a short search box query is one of a few hundred surnames and places.
CACHED_WORDS = 512

_vocab = table("case_search_vocab", column("term"))
_STRUCTURE = text("SELECT block FROM case_search_data WHERE id = 10")

_lock = threading.Lock()
_cache: OrderedDict[tuple[str, str, int], tuple[bytes, tuple[str, ...]]] = OrderedDict()


def trigrams_beginning(session: Session, word: str, limit: int) -> Sequence[str]:
    """The index's trigrams that begin with ``word`` (lower case), sorted, at most ``limit`` of them."""
    structure = session.execute(_STRUCTURE).scalar()
    key = (str(session.get_bind().engine.url), word, limit)
    if isinstance(structure, bytes):
        with _lock:
            found = _cache.get(key)
            if found is not None and found[0] == structure:
                _cache.move_to_end(key)
                return found[1]
    beginning = (_vocab.c.term >= word, _vocab.c.term < word + "\U0010ffff")
    terms = tuple(session.scalars(select(_vocab.c.term).where(*beginning).limit(limit)).all())
    if isinstance(structure, bytes):
        with _lock:
            _cache[key] = (structure, terms)
            _cache.move_to_end(key)
            while len(_cache) > CACHED_WORDS:
                _cache.popitem(last=False)
    return terms
