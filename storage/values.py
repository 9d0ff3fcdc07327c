"""Field values with their change history, and explanations of kept warnings.

Every save runs in its own transaction (WAL, synchronous=FULL), so once
``save_value`` returns, the edit survives a crash or power cut.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from storage import fts
from storage.common import DbLike, as_db, from_json, now, os_user, to_json, writing
from storage.reports import create_report, ensure_report, update_report


@dataclass(slots=True)
class StoredValue:
    raw: str  # exactly as typed
    normalised: Any  # decoded JSON, None when empty or unreadable
    updated_at: str


@dataclass(slots=True)
class HistoryEntry:
    id: int
    key: str
    old_raw: str | None  # None: the field had no value before
    new_raw: str | None
    changed_at: str
    user: str
    note: str  # e.g. "复制自报告 #3"; usually empty


def save_value(db: DbLike, report_id: int, key: str, raw: str, normalised: Any = None, *,
               user: str | None = None) -> bool:
    """Save one field's text and normalised value (any JSON-ready value, or JsonText).

    Writes a history row and bumps the report's ``updated_at`` only when the raw text
    changed. Returns True when anything was stored (raw or normalised differed).
    Raises ReportNotFoundError, ReadOnlyError, DiskFullError.
    """
    db = as_db(db)
    encoded = to_json(normalised)
    with writing(db):
        stamp = now()
        outcome = _save_one(db, report_id, key, raw, encoded, user or os_user(), stamp)
        if outcome == _RAW_CHANGED:
            db.execute("UPDATE reports SET updated_at = ? WHERE id = ?", [stamp, report_id])
            fts.mark_pending(db, report_id)
    return outcome != _UNCHANGED


def save_values(db: DbLike, report_id: int,
                mapping: Mapping[str, str | tuple[str, Any]], *,
                user: str | None = None) -> list[str]:
    """Save many fields in one transaction; values are ``raw`` or ``(raw, normalised)``.

    History is written per changed key. Returns the keys that changed, in mapping order.
    """
    db = as_db(db)
    items = []
    for key, value in mapping.items():
        raw, normalised = (value, None) if isinstance(value, str) else value
        items.append((key, raw, to_json(normalised)))
    user = user or os_user()
    changed: list[str] = []
    with writing(db):
        ensure_report(db, report_id)
        stamp = now()
        raw_changed = False
        for key, raw, encoded in items:
            outcome = _save_one(db, report_id, key, raw, encoded, user, stamp)
            if outcome != _UNCHANGED:
                changed.append(key)
            raw_changed = raw_changed or outcome == _RAW_CHANGED
        if raw_changed:
            db.execute("UPDATE reports SET updated_at = ? WHERE id = ?", [stamp, report_id])
            fts.mark_pending(db, report_id)
    return changed


def create_filled_report(db: DbLike, *, form_id: str, form_version: int, template_source: str,
                         values: Mapping[str, str | tuple[str, Any]], title: str,
                         unit: str = "", period: str = "", year: int | None = None,
                         source_info: Any = None, user: str | None = None) -> int:
    """A new draft with its values (and e.g. a merge's provenance) in one transaction.

    Like every write, it holds the connection's write lock throughout, so it may run on
    any thread. Returns the new report's id; on failure nothing is left.
    """
    db = as_db(db)
    with writing(db):
        report_id = create_report(db, form_id=form_id, form_version=form_version,
                                  template_source=template_source, title=title, unit=unit,
                                  period=period, year=year)
        if values:
            save_values(db, report_id, values, user=user)
        if source_info is not None:
            update_report(db, report_id, source_info=source_info)
    return report_id


_UNCHANGED, _NORMALISED_CHANGED, _RAW_CHANGED = range(3)


def _save_one(db: Database, report_id: int, key: str, raw: str, encoded: str | None,
              user: str, stamp: str) -> int:
    if not isinstance(raw, str):
        raise TypeError(f"raw text for {key!r} must be str, not {type(raw).__name__}")
    row = db.execute("SELECT id, raw, normalised FROM field_values "
                     "WHERE report_id = ? AND key = ?", [report_id, key]).fetchone()
    if row is None:
        if raw == "" and encoded is None:
            ensure_report(db, report_id)
            return _UNCHANGED
        ensure_report(db, report_id)
        slot = db.execute("SELECT COALESCE(MAX(slot), 0) + 1 FROM field_values "
                          "WHERE report_id = ?", [report_id]).fetchone()[0]
        db.execute("INSERT INTO field_values (report_id, key, slot, raw, normalised, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)", [report_id, key, slot, raw, encoded, stamp])
        if raw == "":
            return _NORMALISED_CHANGED
        _add_history(db, report_id, key, None, raw, stamp, user)
        return _RAW_CHANGED
    value_id, old_raw, old_encoded = row
    if old_raw == raw:
        if old_encoded == encoded:
            return _UNCHANGED
        db.execute("UPDATE field_values SET normalised = ? WHERE id = ?", [encoded, value_id])
        return _NORMALISED_CHANGED
    db.execute("UPDATE field_values SET raw = ?, normalised = ?, updated_at = ? WHERE id = ?",
               [raw, encoded, stamp, value_id])
    _add_history(db, report_id, key, old_raw, raw, stamp, user)
    return _RAW_CHANGED


HISTORY_BITS = 32


def history_range(report_id: int) -> tuple[int, int]:
    """The rowid range holding a report's history (ids are ``report_id << 32 | n``)."""
    return report_id << HISTORY_BITS, (report_id << HISTORY_BITS) | ((1 << HISTORY_BITS) - 1)


def _add_history(db: Database, report_id: int, key: str, old_raw: str | None,
                 new_raw: str | None, stamp: str, user: str) -> None:
    low, high = history_range(report_id)
    db.execute("INSERT INTO history (id, report_id, key, old_raw, new_raw, changed_at, user) "
               "SELECT COALESCE(MAX(id) + 1, ?), ?, ?, ?, ?, ?, ? FROM history "
               "WHERE id BETWEEN ? AND ?",
               [low + 1, report_id, key, old_raw, new_raw, stamp, user, low, high])


def get_values(db: DbLike, report_id: int) -> dict[str, StoredValue]:
    """All stored values of a report, keyed by field key, in the order first saved."""
    db = as_db(db)
    rows = db.execute("SELECT key, raw, normalised, updated_at FROM field_values "
                      "WHERE report_id = ? ORDER BY slot", [report_id]).fetchall()
    if not rows:
        ensure_report(db, report_id)
    return {key: StoredValue(raw, from_json(norm), stamp) for key, raw, norm, stamp in rows}


def get_history(db: DbLike, report_id: int, key: str | None = None) -> list[HistoryEntry]:
    """The report's changes (optionally one field's), oldest first."""
    db = as_db(db)
    sql = ("SELECT id, key, old_raw, new_raw, changed_at, user, note FROM history "
           "WHERE id BETWEEN ? AND ?")
    params: list[Any] = list(history_range(report_id))
    if key is not None:
        sql += " AND key = ?"
        params.append(key)
    rows = db.execute(sql + " ORDER BY id", params).fetchall()
    if not rows:
        ensure_report(db, report_id)
    return [HistoryEntry(*row) for row in rows]


@dataclass(slots=True)
class Explanation:
    """Why a warning is kept, and the field's text it was given for."""

    text: str
    value_raw: str  # the field's text when the explanation was given
    stale: bool  # the field holds another text now: the explanation must be confirmed again


def set_explanation(db: DbLike, report_id: int, key: str, code: str, text: str) -> bool:
    """Store why a warning (field ``key``, issue ``code``) is kept; empty text deletes it.

    The explanation holds for the text the field has now: when that text changes, the
    explanation turns stale (``get_explanations`` leaves it out) until it is given again.
    Returns True when something changed (the text, or the value it explains).
    """
    db = as_db(db)
    text = text.strip()
    with writing(db):
        ensure_report(db, report_id)
        value_raw = _current_raw(db, report_id, key)
        old = db.execute("SELECT text, value_raw FROM explanations WHERE report_id = ? "
                         "AND key = ? AND code = ?", [report_id, key, code]).fetchone()
        if (tuple(old) if old else None) == ((text, value_raw) if text else None):
            return False
        stamp = now()
        if text:
            db.execute("INSERT INTO explanations (report_id, key, code, text, updated_at, "
                       "value_raw) VALUES (?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (report_id, key, code) DO UPDATE SET text = excluded.text, "
                       "updated_at = excluded.updated_at, value_raw = excluded.value_raw",
                       [report_id, key, code, text, stamp, value_raw])
        else:
            db.execute("DELETE FROM explanations WHERE report_id = ? AND key = ? AND code = ?",
                       [report_id, key, code])
        db.execute("UPDATE reports SET updated_at = ? WHERE id = ?", [stamp, report_id])
    return True


def _current_raw(db: Database, report_id: int, key: str) -> str:
    row = db.execute("SELECT raw FROM field_values WHERE report_id = ? AND key = ?",
                     [report_id, key]).fetchone()
    return row[0] if row else ""


def get_explanation_records(db: DbLike, report_id: int) -> dict[tuple[str, str], Explanation]:
    """Every explanation, stale ones included, keyed by (field key, issue code)."""
    db = as_db(db)
    rows = db.execute(
        "SELECT e.key, e.code, e.text, e.value_raw, e.value_raw IS NOT COALESCE(f.raw, '') "
        "FROM explanations e LEFT JOIN field_values f "
        "ON f.report_id = e.report_id AND f.key = e.key "
        "WHERE e.report_id = ? ORDER BY e.key, e.code", [report_id]).fetchall()
    if not rows:
        ensure_report(db, report_id)
    return {(key, code): Explanation(text, value_raw, bool(stale))
            for key, code, text, value_raw, stale in rows}


def get_explanations(db: DbLike, report_id: int) -> dict[tuple[str, str], str]:
    """Explanations that still hold (not stale), keyed by (field key, issue code)."""
    return {key: record.text for key, record in get_explanation_records(db, report_id).items()
            if not record.stale}
