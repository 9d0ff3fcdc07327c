"""Search reports by title, unit, period and value text, Chinese included.

Each whitespace-separated term must match within one text of the report (its title,
unit, period, or one value); see storage/fts.py for how Chinese text is indexed.

    >>> search_reports(db, "成都")                 # doctest: +SKIP
    >>> search_reports(db, "肿瘤 2024", year=2024)  # doctest: +SKIP
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from storage import fts
from storage.common import DbLike, as_db, writing
from storage.reports import ReportSummary, list_reports, select_summaries, summary_filters


def search_reports(db: DbLike, query: str, *, form_id: str | None = None,
                   status: str | None = None, year: int | None = None,
                   trashed: bool | None = False) -> list[ReportSummary]:
    """Reports matching every term of ``query``, most recently updated first.

    An empty query lists all reports (with the same filters as ``list_reports``);
    a query of punctuation only matches nothing. Read-only: works on a read-only Store.
    """
    db = as_db(db)
    if not query.strip():
        return list_reports(db, form_id=form_id, status=status, year=year, trashed=trashed)
    phrases = fts.parse_query(query)
    if not phrases:
        return []
    where, params = summary_filters(form_id=form_id, status=status, year=year, trashed=trashed)
    # Reports whose index rows are stale are matched in Python instead (usually 0-2).
    pending = fts.pending_reports(db)
    matched = [rid for rid in pending if fts.report_matches(db, rid, phrases)]
    indexed = ["id NOT IN (SELECT report_id FROM search_pending)"]
    for phrase in phrases:
        indexed.append(f"id IN (SELECT rowid >> {fts.SLOT_BITS} FROM report_search "
                       "WHERE report_search MATCH ?)")
        params.append(phrase.fts())
    ids = ", ".join(str(int(rid)) for rid in matched)
    where.append(f"(({' AND '.join(indexed)}) OR id IN ({ids}))")
    return select_summaries(db, where, params)


def flush_search_index(db: DbLike) -> int:
    """Update the index for reports changed since the last flush; returns how many.

    Done on open and close; the UI may also call it when idle. Search is correct either way.
    """
    db = as_db(db)
    if not fts.pending_reports(db):
        return 0
    with writing(db):
        return fts.flush_pending(db)


def rebuild_search_index(db: DbLike) -> None:
    """Rebuild the whole index from the stored reports and values."""
    db = as_db(db)
    with writing(db):
        fts.rebuild_index(db)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """Where a search term was found in a report: a field (None: its title, unit or period)
    and the text around the term, e.g. ``("hospitals", "…、四川省肿瘤医院、成都市…")``."""

    key: str | None
    excerpt: str


def search_hits(db: DbLike, report_id: int, query: str, *, width: int = 36) -> list[SearchHit]:
    """Where each term of ``query`` matched in a report (at most one hit per term).

    Read-only, one report at a time: meant for showing a found report's context.
    """
    db = as_db(db)
    phrases = fts.parse_query(query)
    if not phrases:
        return []
    keys = dict(db.execute("SELECT slot, key FROM field_values WHERE report_id = ?",
                           [report_id]).fetchall())
    texts = fts.report_texts(db, report_id)
    hits: list[SearchHit] = []
    for phrase, term in zip(phrases, _terms(query), strict=False):
        for slot, text in texts:
            if phrase.matches(fts.tokens(text)):
                key = None if slot == fts.META_SLOT else keys.get(slot)
                hits.append(SearchHit(key, excerpt(text, term, width)))
                break
    return hits


def _terms(query: str) -> list[str]:
    """The query's terms that parse_query keeps, in the same order."""
    normal = unicodedata.normalize("NFKC", query)
    return [term for term in normal.split() if fts.tokens(term)]


def excerpt(text: str, term: str, width: int = 36) -> str:
    """About ``width`` characters of ``text`` around ``term`` (case-insensitive), on one
    line, with "…" where it was cut; the start of the text when the term is not found
    as written (e.g. split by punctuation)."""
    flat = " ".join(unicodedata.normalize("NFKC", text).split())
    at = flat.casefold().find(term.casefold())
    before = max(0, width // 3)
    start = max(0, at - before) if at >= 0 else 0
    end = min(len(flat), start + width)
    start = max(0, min(start, end - width))
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
