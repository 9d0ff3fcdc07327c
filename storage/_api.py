"""The whole public storage API, imported at once (``storage`` loads this on first use).

The names are listed in ``storage.__all__``.
"""
# ruff: noqa: F401


from storage.attachments import (
    CHUNK_SIZE,
    DEFAULT_MAX_SIZE,
    Attachment,
    TrashedAttachment,
    add_attachment,
    get_attachment,
    iter_attachment,
    list_attachments,
    list_trashed_attachments,
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
from storage.common import JsonText, transaction
from storage.database import complete_open, open_database
from storage.earlier import EarlierReport, earlier_reports
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
    StoreClosedError,
    TemplateInUseError,
    TemplateNotFoundError,
    TemplateVersionError,
)
from storage.paths import backups_dir, data_dir, default_db_path, old_data_dir
from storage.relocate import FolderMove, move_old_data_folder
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
from storage.search import (
    SearchHit,
    flush_search_index,
    rebuild_search_index,
    search_hits,
    search_reports,
)
from storage.settings import Settings, get_settings, update_settings
from storage.store import CheckGate, NeedsFullOpen, Store, open_checking_later
from storage.templates import (
    ImportedTemplate,
    count_reports_by_form,
    delete_imported_template,
    get_imported_template,
    import_template,
    list_imported_templates,
    template_sha256,
)
from storage.values import (
    Explanation,
    HistoryEntry,
    StoredValue,
    create_filled_report,
    get_explanation_records,
    get_explanations,
    get_history,
    get_values,
    save_value,
    save_values,
    set_explanation,
)
