"""Storage: one SQLite file (via sqlite-utils) that holds everything a user has. No Qt.

Open it with ``open_database``; every other function takes the Store (or its ``.db``).

    >>> with open_database(path) as store:  # doctest: +SKIP
    ...     rid = create_report(store, form_id="cancer_week_summary", form_version=1,
    ...                         template_source=toml_text, title="第30届")
    ...     save_value(store, rid, "unit_name", "成都市疾控中心", "成都市疾控中心")

The package itself is cheap to import: the API below (which needs sqlite-utils) is loaded on
first use, so ``storage.peek`` can read a report list before the rest is imported.
"""

# ruff: noqa: F405 - the names in __all__ come from storage._api, loaded lazily
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage._api import *  # noqa: F403

__all__ = [
    "CHUNK_SIZE", "COMPLETE", "DEFAULT_MAX_SIZE", "DRAFT", "KEEP_BACKUPS", "SCHEMA_VERSION",
    "Attachment", "BackupInfo", "Explanation", "HistoryEntry", "JsonText", "Report",
    "ReportSummary", "CheckGate", "FolderMove", "NeedsFullOpen", "Settings", "Store", "StoredValue", "TrashedAttachment",
    "AttachmentCancelledError", "AttachmentCorruptError", "AttachmentEmptyError",
    "AttachmentError", "AttachmentFileMissingError", "AttachmentIsDirectoryError",
    "AttachmentNotFoundError", "AttachmentTooLargeError", "AttachmentUnreadableError",
    "BackupInvalidError", "DamagedDatabaseError", "DatabaseLockedError",
    "DatabaseNotFoundError", "DatabaseUnreadableError", "DatabaseUnwritableError", "DiskFullError", "NewerSchemaError",
    "NotTianbaoDatabaseError", "ReadOnlyError", "StoreClosedError", "ReportNotFoundError", "StorageError",
    "TemplateInUseError", "TemplateNotFoundError", "TemplateVersionError", "ImportedTemplate",
    "EarlierReport", "earlier_reports",
    "count_reports_by_form", "delete_imported_template", "get_imported_template",
    "import_template", "list_imported_templates", "template_sha256",
    "add_attachment", "auto_backup", "backup_database", "backups_dir", "copy_report",
    "create_filled_report",
    "create_report", "data_dir", "default_db_path", "get_attachment",
    "get_explanation_records", "get_explanations",
    "get_history", "get_report", "get_report_template_source", "get_settings", "get_values",
    "iter_attachment", "list_attachments", "list_backups", "list_trashed_attachments",
    "list_reports", "complete_open", "move_old_data_folder",
    "old_data_dir", "open_checking_later", "open_database",
    "flush_search_index", "purge_attachment", "purge_report", "rebuild_search_index",
    "restore_attachment",
    "restore_backup", "restore_report", "save_attachment_to", "save_template_snapshot",
    "save_value", "save_values", "search_hits", "search_reports", "SearchHit",
    "set_attachment_note", "set_explanation",
    "set_status", "trash_attachment", "trash_report", "transaction", "update_report",
    "update_settings",
]


def __getattr__(name: str) -> Any:
    """Load the API on first use (a plain import, so a frozen build sees it); loading it
    also imports every submodule, so ``storage.schema`` and the like resolve too."""
    if name.startswith("_"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from storage import _api  # noqa: PLC0415 - the point: sqlite-utils only when needed

    globals().update({key: getattr(_api, key) for key in __all__})
    if name in globals():
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
