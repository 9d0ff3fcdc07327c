"""The schema, built step by step with sqlite-utils ``Migrations``.

Add a step by appending a new decorated function; never edit an applied one.
``PRAGMA user_version`` mirrors the number of steps so that a file written by a newer
app is recognised (and refused) before anything touches it.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATION_SET = "tianbao"
migrations = Migrations(MIGRATION_SET)


def _run(db: Database, *statements: str) -> None:
    for statement in statements:
        db.execute(statement)


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    _run(
        db,
        """CREATE TABLE templates (
            id INTEGER PRIMARY KEY,
            form_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            source TEXT NOT NULL,
            added_at TEXT NOT NULL,
            UNIQUE (form_id, version, sha256)
        )""",
        """CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            form_id TEXT NOT NULL,
            form_version INTEGER NOT NULL,
            template_id INTEGER NOT NULL REFERENCES templates(id),
            title TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT '',
            period TEXT NOT NULL DEFAULT '',
            year INTEGER,
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'complete')),
            trashed_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            source_info TEXT
        )""",
        # No index on updated_at: sorting even 10,000 rows is quick, and every save
        # updates that column, so an index would cost a page write per save.
        "CREATE INDEX reports_by_form ON reports (form_id)",
        # slot numbers a report's fields 1, 2, ...; the search index keys rows by it.
        """CREATE TABLE field_values (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            slot INTEGER NOT NULL,
            raw TEXT NOT NULL,
            normalised TEXT,
            updated_at TEXT NOT NULL,
            UNIQUE (report_id, key)
        )""",
        # id = report_id << 32 | n, so a report's history is one rowid range: no index
        # to maintain on every save (see storage/values.py). No foreign key either: a
        # cascade would scan the whole table; purge_report deletes the range itself.
        """CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL,
            key TEXT NOT NULL,
            old_raw TEXT,
            new_raw TEXT,
            changed_at TEXT NOT NULL,
            user TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE explanations (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            code TEXT NOT NULL,
            text TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (report_id, key, code)
        )""",
        """CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            file_name TEXT NOT NULL,
            mime_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            added_at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            trashed_at TEXT
        )""",
        "CREATE INDEX attachments_by_report ON attachments (report_id)",
        """CREATE TABLE attachment_chunks (
            attachment_id INTEGER NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (attachment_id, seq)
        )""",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        # rowid = report_id << 20 | slot (slot 0: title, unit, period). See storage/fts.py.
        """CREATE VIRTUAL TABLE report_search USING fts5(
            body, tokenize = 'unicode61 remove_diacritics 2', columnsize = 0
        )""",
        # Reports changed since their search rows were last rebuilt.
        "CREATE TABLE search_pending (report_id INTEGER PRIMARY KEY)",
    )


@migrations(name="0002_imported_templates")
def _imported_templates(db: Database) -> None:
    # One row per imported form: the version in use. Reports keep their own snapshot in
    # ``templates``, so replacing or deleting a row here never changes a report.
    _run(
        db,
        """CREATE TABLE imported_templates (
            form_id TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            source TEXT NOT NULL,
            source_name TEXT NOT NULL DEFAULT '',
            imported_at TEXT NOT NULL
        )""",
    )


@migrations(name="0003_explanation_values")
def _explanation_values(db: Database) -> None:
    # An explanation belongs to the text it was given for: value_raw keeps that text, and
    # an explanation whose field now holds another text is stale. Existing explanations
    # were given for the text their field holds now.
    _run(
        db,
        "ALTER TABLE explanations ADD COLUMN value_raw TEXT NOT NULL DEFAULT ''",
        """UPDATE explanations SET value_raw = COALESCE(
            (SELECT raw FROM field_values f
             WHERE f.report_id = explanations.report_id AND f.key = explanations.key), '')""",
    )


# Every step, read through the public API (all are pending on an empty database).
KNOWN_MIGRATIONS = tuple(
    m.name for m in migrations.pending(Database(memory=True, execute_plugins=False))
)
SCHEMA_VERSION = len(KNOWN_MIGRATIONS)


def schema_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def applied_names(db: Database) -> set[str]:
    return {m.name for m in migrations.applied(db)}


def user_tables(db: Database) -> list[str]:
    return [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]


def is_newer(db: Database) -> bool:
    """True when the file was written by a newer Tianbao (read-only check)."""
    return schema_version(db) > SCHEMA_VERSION or bool(applied_names(db) - set(KNOWN_MIGRATIONS))


def is_foreign(db: Database) -> bool:
    """True for a SQLite file with tables but none of ours (another program's database)."""
    return bool(user_tables(db)) and not applied_names(db)


def needs_migration(db: Database) -> bool:
    return bool(migrations.pending(db))


def migrate(db: Database) -> None:
    """Apply pending steps, then record the schema version."""
    migrations.apply(db)
    if schema_version(db) != SCHEMA_VERSION:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
