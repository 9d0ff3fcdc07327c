"""Storage: one SQLite file (via sqlite-utils) that holds everything a user has. No Qt.

Open it with ``open_database``; every other function takes the Store (or its ``.db``).

    >>> with open_database(path) as store:  # doctest: +SKIP
    ...     rid = create_report(store, form_id="cancer_week_summary", form_version=1,
    ...                         template_source=toml_text, title="第30届")
    ...     save_value(store, rid, "unit_name", "成都市疾控中心", "成都市疾控中心")
"""

from storage.attachments import (
    CHUNK_SIZE,
    DEFAULT_MAX_SIZE,
    Attachment,
    add_attachment,
    get_attachment,
    iter_attachment,
    list_attachments,
    purge_attachment,
    restore_attachment,
    save_attachment_to,
    set_attachment_note,
    trash_attachment,
)
from storage.backup import (
    KEEP_BACKUPS,
    BackupInfo,
    auto_backup,
    backup_database,
    list_backups,
    restore_backup,
)
from storage.common import JsonText
from storage.database import Store, open_database
from storage.errors import (
    AttachmentCancelledError,
    AttachmentCorruptError,
    AttachmentEmptyError,
    AttachmentError,
    AttachmentFileMissingError,
    AttachmentIsDirectoryError,
    AttachmentNotFoundError,
    AttachmentTooLargeError,
    AttachmentUnreadableError,
    BackupInvalidError,
    DamagedDatabaseError,
    DatabaseLockedError,
    DatabaseNotFoundError,
    DatabaseUnreadableError,
    DatabaseUnwritableError,
    DiskFullError,
    NewerSchemaError,
    NotTianbaoDatabaseError,
    ReadOnlyError,
    ReportNotFoundError,
    StorageError,
)
from storage.paths import backups_dir, data_dir, default_db_path
from storage.reports import (
    COMPLETE,
    DRAFT,
    Report,
    ReportSummary,
    copy_report,
    create_report,
    get_report,
    get_report_template_source,
    list_reports,
    purge_report,
    restore_report,
    save_template_snapshot,
    set_status,
    trash_report,
    update_report,
)
from storage.schema import SCHEMA_VERSION
from storage.search import flush_search_index, rebuild_search_index, search_reports
from storage.settings import Settings, get_settings, update_settings
from storage.values import (
    HistoryEntry,
    StoredValue,
    get_explanations,
    get_history,
    get_values,
    save_value,
    save_values,
    set_explanation,
)

__all__ = [
    "CHUNK_SIZE", "COMPLETE", "DEFAULT_MAX_SIZE", "DRAFT", "KEEP_BACKUPS", "SCHEMA_VERSION",
    "Attachment", "BackupInfo", "HistoryEntry", "JsonText", "Report", "ReportSummary",
    "Settings", "Store", "StoredValue",
    "AttachmentCancelledError", "AttachmentCorruptError", "AttachmentEmptyError",
    "AttachmentError", "AttachmentFileMissingError", "AttachmentIsDirectoryError",
    "AttachmentNotFoundError", "AttachmentTooLargeError", "AttachmentUnreadableError",
    "BackupInvalidError", "DamagedDatabaseError", "DatabaseLockedError",
    "DatabaseNotFoundError", "DatabaseUnreadableError", "DatabaseUnwritableError", "DiskFullError", "NewerSchemaError",
    "NotTianbaoDatabaseError", "ReadOnlyError", "ReportNotFoundError", "StorageError",
    "add_attachment", "auto_backup", "backup_database", "backups_dir", "copy_report",
    "create_report", "data_dir", "default_db_path", "get_attachment", "get_explanations",
    "get_history", "get_report", "get_report_template_source", "get_settings", "get_values",
    "iter_attachment", "list_attachments", "list_backups", "list_reports", "open_database",
    "flush_search_index", "purge_attachment", "purge_report", "rebuild_search_index",
    "restore_attachment",
    "restore_backup", "restore_report", "save_attachment_to", "save_template_snapshot",
    "save_value", "save_values", "search_reports", "set_attachment_note", "set_explanation",
    "set_status", "trash_attachment", "trash_report", "update_report", "update_settings",
]
