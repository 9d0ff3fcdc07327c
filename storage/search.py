"""Search reports by title, unit, period and value text, Chinese included.

Each whitespace-separated term must match within one text of the report (its title,
unit, period, or one value); see storage/fts.py for how Chinese text is indexed.

    >>> search_reports(db, "成都")                 # doctest: +SKIP
    >>> search_reports(db, "肿瘤 2024", year=2024)  # doctest: +SKIP
"""

from __future__ import annotations

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
