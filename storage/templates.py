"""Imported form templates: the forms a person added, kept in the database file.

Built-in templates live in resources/forms and never come here. Storage keeps the TOML
text and its facts; checking it is the caller's job (forms.loader). Each report still
keeps its own snapshot (``reports.save_template_snapshot``), so replacing or deleting an
imported template never changes a report.

    >>> import_template(store, form_id="no_tobacco_day", version=1,  # doctest: +SKIP
    ...                 title="世界无烟日活动总结表", source=toml_text, source_name="无烟日.toml")
    True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from storage.common import DbLike, as_db, now, writing
from storage.errors import TemplateInUseError, TemplateNotFoundError, TemplateVersionError

_COLUMNS = "form_id, version, title, sha256, source, source_name, imported_at"


@dataclass(slots=True)
class ImportedTemplate:
    form_id: str
    version: int
    title: str
    sha256: str
    source: str  # the TOML text, exactly as imported
    source_name: str  # the file it came from (for the person's reference)
    imported_at: str


def template_sha256(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def import_template(db: DbLike, *, form_id: str, version: int, title: str, source: str,
                    source_name: str = "") -> bool:
    """Store a checked template; returns False when the same text is already stored.

    A form already imported is replaced only by a higher version; the same version with
    other text, or a lower one, raises TemplateVersionError (nothing is written).
    """
    db = as_db(db)
    digest = template_sha256(source)
    with writing(db):
        row = db.execute("SELECT version, sha256 FROM imported_templates WHERE form_id = ?",
                         [form_id]).fetchone()
        if row is not None:
            stored_version, stored_digest = row
            if stored_version == version and stored_digest == digest:
                return False
            if version <= stored_version:
                raise TemplateVersionError(form_id, stored_version, version)
        db.execute(
            "INSERT OR REPLACE INTO imported_templates (form_id, version, title, sha256, source, "
            "source_name, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [form_id, version, title, digest, source, source_name, now()])
    return True


def list_imported_templates(db: DbLike) -> list[ImportedTemplate]:
    """Every imported template, by form id."""
    rows = as_db(db).execute(f"SELECT {_COLUMNS} FROM imported_templates ORDER BY form_id")
    return [ImportedTemplate(*row) for row in rows]


def get_imported_template(db: DbLike, form_id: str) -> ImportedTemplate:
    row = as_db(db).execute(f"SELECT {_COLUMNS} FROM imported_templates WHERE form_id = ?",
                            [form_id]).fetchone()
    if row is None:
        raise TemplateNotFoundError(form_id)
    return ImportedTemplate(*row)


def delete_imported_template(db: DbLike, form_id: str) -> None:
    """Remove an imported template; refused while any report (even in the trash) uses the form."""
    db = as_db(db)
    with writing(db):
        if db.execute("SELECT 1 FROM imported_templates WHERE form_id = ?",
                      [form_id]).fetchone() is None:
            raise TemplateNotFoundError(form_id)
        reports, trashed = db.execute(
            "SELECT count(*), count(trashed_at) FROM reports WHERE form_id = ?",
            [form_id]).fetchone()
        if reports:
            raise TemplateInUseError(form_id, reports, trashed)
        db.execute("DELETE FROM imported_templates WHERE form_id = ?", [form_id])


def count_reports_by_form(db: DbLike) -> dict[str, int]:
    """Reports outside the trash, by form id."""
    rows = as_db(db).execute(
        "SELECT form_id, count(*) FROM reports WHERE trashed_at IS NULL GROUP BY form_id")
    return dict(rows.fetchall())
