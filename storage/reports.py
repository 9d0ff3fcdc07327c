"""Reports: create, read, list, trash/restore/purge, copy; template snapshots."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from storage import fts
from storage.common import DbLike, as_db, from_json, now, os_user, to_json, writing
from storage.errors import ReportNotFoundError
from storage.records import SUMMARY_COLUMNS, ReportSummary

DRAFT = "draft"
COMPLETE = "complete"
STATUSES = (DRAFT, COMPLETE)
COPY_SUFFIX = "（副本）"


@dataclass(slots=True)
class Report:
    """A report's metadata; its values come from ``get_values``."""

    id: int
    form_id: str
    form_version: int
    template_id: int
    title: str
    unit: str
    period: str
    year: int | None
    status: str
    trashed_at: str | None
    created_at: str
    updated_at: str
    source_info: Any  # decoded JSON (merge provenance) or None

    @property
    def trashed(self) -> bool:
        return self.trashed_at is not None


_REPORT_COLUMNS = ("id, form_id, form_version, template_id, title, unit, period, year, "
                   "status, trashed_at, created_at, updated_at, source_info")
_META_FIELDS = ("title", "unit", "period", "year", "source_info")


# --- templates ---------------------------------------------------------------------------

def save_template_snapshot(db: DbLike, form_id: str, version: int, source_text: str) -> int:
    """Store a template's TOML text once per (form_id, version, sha256); returns its id."""
    db = as_db(db)
    digest = hashlib.sha256(source_text.encode("utf-8")).hexdigest()
    with writing(db):
        return _template_id(db, form_id, version, source_text, digest)


def _template_id(db: Database, form_id: str, version: int, source: str, digest: str) -> int:
    db.execute(
        "INSERT OR IGNORE INTO templates (form_id, version, sha256, source, added_at) "
        "VALUES (?, ?, ?, ?, ?)", [form_id, version, digest, source, now()])
    return db.execute("SELECT id FROM templates WHERE form_id = ? AND version = ? AND sha256 = ?",
                      [form_id, version, digest]).fetchone()[0]


def get_report_template_source(db: DbLike, report_id: int) -> str:
    """The template text the report was made with (its snapshot, not today's template)."""
    row = as_db(db).execute(
        "SELECT t.source FROM reports r JOIN templates t ON t.id = r.template_id "
        "WHERE r.id = ?", [report_id]).fetchone()
    if row is None:
        raise ReportNotFoundError(report_id)
    return row[0]


# --- reports -----------------------------------------------------------------------------

def create_report(db: DbLike, *, form_id: str, form_version: int, template_source: str,
                  title: str, unit: str = "", period: str = "", year: int | None = None) -> int:
    """A new draft report made with ``template_source``; returns its id."""
    db = as_db(db)
    digest = hashlib.sha256(template_source.encode("utf-8")).hexdigest()
    stamp = now()
    with writing(db):
        template_id = _template_id(db, form_id, form_version, template_source, digest)
        report_id = db.execute(
            "INSERT INTO reports (form_id, form_version, template_id, title, unit, period, "
            "year, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [form_id, form_version, template_id, title, unit, period, year, DRAFT, stamp, stamp],
        ).lastrowid
        fts.mark_pending(db, report_id)
    return report_id


def get_report(db: DbLike, report_id: int) -> Report:
    row = as_db(db).execute(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE id = ?",
                            [report_id]).fetchone()
    if row is None:
        raise ReportNotFoundError(report_id)
    return Report(*row[:-1], source_info=from_json(row[-1]))


def update_report(db: DbLike, report_id: int, **meta: Any) -> bool:
    """Change title, unit, period, year and/or source_info (any JSON-ready value).

    Only fields that differ are written (and bump ``updated_at``); returns whether any did.
    """
    unknown = set(meta) - set(_META_FIELDS)
    if unknown:
        raise ValueError(f"update_report: unknown fields {sorted(unknown)}")
    db = as_db(db)
    wanted = {k: to_json(v) if k == "source_info" else v for k, v in meta.items()}
    with writing(db):
        current = db.execute(f"SELECT {', '.join(_META_FIELDS)} FROM reports WHERE id = ?",
                             [report_id]).fetchone()
        if current is None:
            raise ReportNotFoundError(report_id)
        stored = dict(zip(_META_FIELDS, current, strict=True))
        changes = {k: v for k, v in wanted.items() if stored[k] != v}
        if not changes:
            return False
        assignments = ", ".join(f"{k} = ?" for k in changes)
        db.execute(f"UPDATE reports SET {assignments}, updated_at = ? WHERE id = ?",
                   [*changes.values(), now(), report_id])
        if {"title", "unit", "period"} & set(changes):
            fts.mark_pending(db, report_id)
    return True


def set_status(db: DbLike, report_id: int, status: str) -> None:
    """Mark a report "draft" or "complete" (checking for errors is the caller's job)."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
    db = as_db(db)
    with writing(db):
        ensure_report(db, report_id)
        db.execute("UPDATE reports SET status = ?, updated_at = ? WHERE id = ? AND status != ?",
                   [status, now(), report_id, status])


def summary_filters(*, form_id: str | None = None, status: str | None = None,
                    year: int | None = None, trashed: bool | None = False
                    ) -> tuple[list[str], list[Any]]:
    """SQL conditions and parameters shared by list and search; trashed=None means both."""
    where: list[str] = []
    params: list[Any] = []
    if form_id is not None:
        where.append("form_id = ?")
        params.append(form_id)
    if status is not None:
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
        where.append("status = ?")
        params.append(status)
    if year is not None:
        where.append("year = ?")
        params.append(year)
    if trashed is not None:
        where.append("trashed_at IS NOT NULL" if trashed else "trashed_at IS NULL")
    return where, params


def select_summaries(db: Database, where: list[str], params: list[Any]) -> list[ReportSummary]:
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = db.execute(f"SELECT {SUMMARY_COLUMNS} FROM reports {clause} "
                      "ORDER BY updated_at DESC, id DESC", params).fetchall()
    return [ReportSummary._make(row) for row in rows]


def list_reports(db: DbLike, *, form_id: str | None = None, status: str | None = None,
                 year: int | None = None, trashed: bool | None = False) -> list[ReportSummary]:
    """Reports, most recently updated first. ``trashed=True`` lists the trash only."""
    where, params = summary_filters(form_id=form_id, status=status, year=year, trashed=trashed)
    return select_summaries(as_db(db), where, params)


def trash_report(db: DbLike, report_id: int) -> None:
    """Move to the trash (status kept, so restoring gives back a draft or complete report)."""
    db = as_db(db)
    with writing(db):
        ensure_report(db, report_id)
        db.execute("UPDATE reports SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL",
                   [now(), report_id])


def restore_report(db: DbLike, report_id: int) -> None:
    db = as_db(db)
    with writing(db):
        ensure_report(db, report_id)
        db.execute("UPDATE reports SET trashed_at = NULL WHERE id = ?", [report_id])


def purge_report(db: DbLike, report_id: int) -> None:
    """Delete for good: values, history, explanations, attachments and the search rows."""
    db = as_db(db)
    with writing(db):
        template_id = ensure_report(db, report_id)
        db.execute("DELETE FROM reports WHERE id = ?", [report_id])  # cascades
        db.execute("DELETE FROM history WHERE id BETWEEN ? AND ?",
                   [report_id << 32, (report_id << 32) | 0xFFFFFFFF])
        fts.drop_report(db, report_id)
        db.execute("DELETE FROM search_pending WHERE report_id = ?", [report_id])
        db.execute("DELETE FROM templates WHERE id = ? AND NOT EXISTS "
                   "(SELECT 1 FROM reports WHERE template_id = ?)", [template_id, template_id])


def copy_report(db: DbLike, report_id: int, *, title: str | None = None,
                period: str | None = None, year: int | None = None) -> int:
    """A new draft with the same template snapshot, unit and values.

    Attachments are not copied, nor are explanations of warnings: an explanation belongs
    to one report (the copy may be another unit's), so the copy asks for its own. The copy's history starts with one entry per copied
    value (old text empty, note "复制自报告 #<id>"). The title defaults to the
    original's plus "（副本）"; period and year default to the original's.
    """
    db = as_db(db)
    source = get_report(db, report_id)
    title = source.title + COPY_SUFFIX if title is None else title
    period = source.period if period is None else period
    year = source.year if year is None else year
    stamp = now()
    with writing(db):
        new_id = db.execute(
            "INSERT INTO reports (form_id, form_version, template_id, title, unit, period, "
            "year, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [source.form_id, source.form_version, source.template_id, title, source.unit,
             period, year, DRAFT, stamp, stamp],
        ).lastrowid
        db.execute("INSERT INTO field_values (report_id, key, slot, raw, normalised, updated_at) "
                   "SELECT ?, key, slot, raw, normalised, ? FROM field_values "
                   "WHERE report_id = ? ORDER BY slot", [new_id, stamp, report_id])
        db.execute("INSERT INTO history (id, report_id, key, old_raw, new_raw, changed_at, user, "
                   "note) SELECT (? << 32) | slot, ?, key, NULL, raw, ?, ?, ? FROM field_values "
                   "WHERE report_id = ? ORDER BY slot",
                   [new_id, new_id, stamp, os_user(), f"复制自报告 #{report_id}", report_id])
        fts.mark_pending(db, new_id)
    return new_id


def ensure_report(db: Database, report_id: int) -> int:
    """Raise ReportNotFoundError unless the report exists; returns its template id."""
    row = db.execute("SELECT template_id FROM reports WHERE id = ?", [report_id]).fetchone()
    if row is None:
        raise ReportNotFoundError(report_id)
    return row[0]
