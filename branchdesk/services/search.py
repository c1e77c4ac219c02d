"""``desk.search``: the one search box (issue 17 part C). The query is checked here; the SQL is in
``branchdesk/read/search.py``, the index in ``branchdesk/storage/search_index.py``."""

from __future__ import annotations

from branchdesk.domain.bounds import TEXT_LIMITS, Checks
from branchdesk.i18n import Label
from branchdesk.read.search import SearchResult, parse_terms, search
from branchdesk.services.base import ServiceBase
from branchdesk.services.context import Actor
from branchdesk.services.visibility import may_see_phone, visible_cases

#: Results shown at most per query (a box, not a report: the user narrows the query).
MAX_RESULTS = 200
DEFAULT_RESULTS = 50


class SearchService(ServiceBase):
    def search(self, actor: Actor, query: str, limit: int = DEFAULT_RESULTS) -> SearchResult:
        """Cases this user may see (drafts: only their own, as everywhere) that hold every word of
        ``query`` in their number, name, phone, complaint, details, investigation, resolution, replies
        or notes — or, for a query that reads as a phone, whose phone it is. Empty or over-long query,
        or a limit outside 1–200: ``FieldError``. A user who may not see phones cannot search by them."""
        checks = Checks()
        text = checks.text("search", query, TEXT_LIMITS["search"], Label("Field", "search"), required=True)
        limit = checks.integer("limit", limit, 1, MAX_RESULTS)
        checks.done()
        terms = parse_terms(text)
        with self._door.read(actor) as unit:
            return search(
                unit.session,
                terms,
                visible=visible_cases(unit.actor),
                show_phone=may_see_phone(unit.actor),
                limit=limit,
            )
