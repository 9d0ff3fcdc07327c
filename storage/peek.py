"""A quick, read-only look at a database file before the rest of storage is loaded.

``peek_database`` reads the report list and the settings with plain ``sqlite3`` so the
window can show them at once; the full ``open_database`` (lock, integrity check,
migrations) still runs before anything is written. It never modifies the file and answers
None whenever it is not sure: a new, empty, foreign, older, newer or unreadable file.

    >>> peek = peek_database(path)  # doctest: +SKIP
    >>> [r.title for r in peek.reports] if peek else "open it the normal way"
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

from storage.checks import check_header, connect_for_check
from storage.records import SUMMARY_COLUMNS, ReportSummary, Settings, settings_from_rows

# Must equal storage.SCHEMA_VERSION (the number of migrations); a test keeps them in step.
SCHEMA_VERSION = 3


class Peek(NamedTuple):
    """What a window needs before the database is open: its reports (not trashed), settings,
    and the titles of the forms imported into it (form id -> title). A named tuple: making a
    dataclass costs ~1 ms, before the window's first paint."""

    path: Path
    reports: list[ReportSummary]
    settings: Settings
    form_titles: dict[str, str]


def peek_database(path: str | Path, conn: sqlite3.Connection | None = None) -> Peek | None:
    """The file's report list and settings, or None if it must go through ``open_database``.

    ``conn``: a connection already open on the file (the quick open's), read instead of a
    new one; it is left open.
    """
    path = Path(path).expanduser().absolute()
    own = conn is None
    if own:
        try:
            if not path.is_file() or path.stat().st_size == 0:
                return None
            check_header(path)
            conn = connect_for_check(path)
            conn.execute("PRAGMA query_only = ON")
        except Exception:  # noqa: BLE001 - any doubt: the full open decides and explains
            return None
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            return None
        reports = [ReportSummary._make(row) for row in conn.execute(
            f"SELECT {SUMMARY_COLUMNS} FROM reports WHERE trashed_at IS NULL "
            "ORDER BY updated_at DESC, id DESC")]
        settings = settings_from_rows(conn.execute("SELECT key, value FROM settings"))
        titles = dict(conn.execute("SELECT form_id, title FROM imported_templates").fetchall())
    except sqlite3.Error:
        return None
    finally:
        if own:
            conn.close()
    return Peek(path, reports, settings, titles)
