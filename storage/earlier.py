"""A unit's earlier reports of the same form, for comparing this year's figures with its own past.

One query over the form's reports and one over the few newest earlier ones' values: run once
when a report is opened (or its unit or period changes), never per keystroke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from storage.common import DbLike, as_db, from_json

EARLIER_REPORTS = 3  # newest first; a field missing from the newest is looked up in older ones
_NUMBER = re.compile(r"\d+")


@dataclass(slots=True)
class EarlierReport:
    """One earlier report of the unit: its period as the report list shows it, and its
    normalised values by key."""

    id: int
    period: str  # 第29届, 2023
    year: int | None
    values: dict[str, Any]


def period_number(period: str) -> int | None:
    """第29届 → 29, 2023年度 → 2023: the number that orders a form's periods."""
    match = _NUMBER.search(period or "")
    return int(match[0]) if match and len(match[0]) <= 6 else None


def is_earlier(period: str, year: int | None, than_period: str, than_year: int | None) -> bool:
    """Whether (period, year) comes before (than_period, than_year); unknown is never earlier."""
    a, b = period_number(period), period_number(than_period)
    if a is not None and b is not None:
        return a < b
    return year is not None and than_year is not None and year < than_year


def earlier_reports(db: DbLike, *, form_id: str, unit: str, period: str, year: int | None,
                    exclude: int | None = None, limit: int = EARLIER_REPORTS) -> list[EarlierReport]:
    """The unit's reports of ``form_id`` from before ``period``/``year``, newest first (trash
    left out), with their values. Empty when the unit or the period is not known yet."""
    unit = unit.strip()
    if not unit or (period_number(period) is None and year is None):
        return []
    db = as_db(db)
    rows = db.execute(
        "SELECT id, period, year, updated_at FROM reports "
        "WHERE form_id = ? AND unit = ? AND trashed_at IS NULL AND id != ?",
        [form_id, unit, -1 if exclude is None else exclude]).fetchall()
    earlier = [row for row in rows if is_earlier(row[1], row[2], period, year)]
    earlier.sort(key=lambda r: (period_number(r[1]) or 0, r[2] or 0, r[3]), reverse=True)
    chosen = {row[0]: EarlierReport(row[0], row[1], row[2], {}) for row in earlier[:limit]}
    if not chosen:
        return []
    marks = ", ".join("?" * len(chosen))
    for report_id, key, normalised in db.execute(
            f"SELECT report_id, key, normalised FROM field_values WHERE report_id IN ({marks}) "
            "AND normalised IS NOT NULL", list(chosen)).fetchall():
        chosen[report_id].values[key] = from_json(normalised)
    return list(chosen.values())
