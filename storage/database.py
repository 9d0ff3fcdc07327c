"""Opening the database file: lock, damage checks, schema, durability settings.

    >>> with open_database(tmp / "tianbao.db") as store:  # doctest: +SKIP
    ...     report_id = create_report(store.db, form_id="f", form_version=1,
    ...                               template_source="...", title="2024")
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from forms.messages import msg
from storage import backup, fts, schema
from storage.checks import checked_connection, has_wal, wal_path
from storage.common import write_lock, writing
from storage.errors import (
    CREATE_FAILED,
    DamagedDatabaseError,
    DatabaseNotFoundError,
    DatabaseUnreadableError,
    DatabaseUnwritableError,
    NewerSchemaError,
    NotTianbaoDatabaseError,
    ReadOnlyError,
    StorageError,
    StoreClosedError,
    translated,
)
from storage.locking import WriterLock
from storage.network import on_network_drive
from storage.paths import default_db_path
from storage.store import (
    BUSY_TIMEOUT_MS,
    CheckGate,
    Store,
    configure_common,
    configure_writer,
    connect,
)


def open_database(path: str | Path | None = None, *, read_only: bool = False,
                  daily_backup: bool = True) -> Store:
    """Open (creating if needed) the database at ``path`` (default: ``default_db_path()``).

    Raises DamagedDatabaseError, NewerSchemaError, DatabaseLockedError,
    DatabaseUnwritableError, DatabaseNotFoundError (read-only, missing file).
    A second writer is refused; ``read_only=True`` gives a view whose writes raise
    ReadOnlyError. Unless ``daily_backup`` is False, the first open of the day copies
    the file to ``backups/`` (a failure there is kept in ``store.backup_error``).
    """
    path = Path(path if path is not None else default_db_path()).expanduser().absolute()
    if read_only:
        return _open_read_only(path)
    return _open_writer(path, daily_backup=daily_backup)


def _open_writer(path: Path, *, daily_backup: bool) -> Store:
    if path.is_dir():
        raise DamagedDatabaseError(path, msg("这是一个文件夹"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnwritableError(path, msg("无法创建文件夹：{error}",
                                                error=str(exc.strerror))) from exc
    if path.exists() and not _can(path, os.R_OK):
        raise DatabaseUnreadableError(path)
    lock = WriterLock(path).acquire()
    try:
        _remove_stale_temps(path)
        existed = path.exists() or has_wal(path)
        if existed:
            _inspect(path)
        _check_writable(path)
        if not existed:
            _create(path)
        db = _connect(path)
        network = on_network_drive(path)
        try:
            with translated(path):
                configure_writer(db, path, wal=not network)
                if existed and schema.needs_migration(db):
                    backup.make_backup(db.conn, path, reason="upgrade")
                schema.migrate(db)
                flush_search_quietly(db)
        except BaseException:
            db.close()
            raise
    except BaseException:
        lock.release()
        raise
    store = Store(db, path, read_only=False, lock=lock)
    store.on_network_drive = network
    if daily_backup and existed:
        _daily_backup(store)
    return store


def _daily_backup(store: Store) -> None:
    """The first open of the day copies the file to backups/; a failure is kept, not raised."""
    try:
        store.last_backup = backup.auto_backup(store)
    except (StorageError, OSError, sqlite3.Error) as exc:
        store.backup_error = exc if isinstance(exc, StorageError) else StorageError(
            msg("今天的自动备份未能完成（{error}）。数据未受影响，请检查磁盘空间。", error=str(exc)),
            path=store.path)


def _open_read_only(path: Path) -> Store:
    if not path.is_file():
        raise DatabaseNotFoundError(path)
    _inspect(path)
    uri = path.as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError:
        if has_wal(path):
            raise
        # A read-only folder without -shm: nobody is writing, so an immutable view is safe.
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)
    db = Database(conn, execute_plugins=False)
    db.execute("PRAGMA query_only = ON")
    configure_common(db)
    if schema.needs_migration(db):
        db.close()
        raise ReadOnlyError(path, msg("需要升级数据格式，只读方式下无法打开；请先以正常方式打开一次"))
    return Store(db, path, read_only=True, lock=None)


def complete_open(store: Store, *, daily_backup: bool = True) -> StorageError | None:
    """The rest of ``open_checking_later``, in any thread: the full integrity and schema
    check (writes wait for it: after a failure they raise its error, and the file stays
    untouched), then the search index caught up and the daily backup.

    Returns the error that keeps the file from being written, or None.
    """
    gate = store.gate or CheckGate(store.path)
    try:
        _inspect(store.path)  # on a connection of its own
        with store.using() as still_open:
            if not still_open:  # closed before the check: never let a write through unchecked
                raise StoreClosedError(store.path)
            if schema.needs_migration(store.db):
                raise NewerSchemaError(store.path, schema.schema_version(store.db),
                                       schema.SCHEMA_VERSION)
    except StorageError as exc:
        gate.failed(exc)
        return exc
    except sqlite3.Error as exc:
        gate.failed(DamagedDatabaseError(store.path, str(exc)))
        return gate.error
    gate.passed()
    with store.using() as still_open:  # closing the window waits for this, not the other way
        if still_open:
            flush_search_quietly(store.db)
            if daily_backup:
                _daily_backup(store)
    return None


def flush_search_quietly(db: Database) -> None:
    """Catch the search index up; search copes with a stale index, so never fail here."""
    try:
        with writing(db):
            fts.flush_pending(db)
    except (StorageError, sqlite3.Error):
        pass


def _remove_stale_temps(path: Path) -> None:
    """What a crashed restore or a crashed first start left (we hold the writer lock)."""
    try:
        backup.remove_restore_temps(path)
        backup.unlink_db_files(_new_temp_path(path))
    except OSError:
        pass  # a leftover we cannot remove stays: it is never read


def _new_temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.new-tmp")


def _create(path: Path) -> None:
    """Make a new, empty Tianbao database at ``path``, which does not exist yet.

    It is built under a temporary name and linked into place when complete, so a crash
    never leaves a half-made file at ``path`` (an empty file there is refused as damaged).
    """
    tmp = _new_temp_path(path)
    with translated(path, CREATE_FAILED):
        backup.unlink_db_files(tmp)
        db = _connect(tmp)
        try:
            configure_writer(db, path)
            schema.migrate(db)
        finally:
            db.close()  # the last connection checkpoints the WAL into the file
        try:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links
                if path.exists():
                    raise FileExistsError(path) from None
                os.replace(tmp, path)
        finally:
            backup.unlink_db_files(tmp)


def _inspect(path: Path) -> None:
    """Refuse unreadable, damaged, empty, foreign and newer files, touching nothing.

    Only a path where no file exists becomes a new database: an empty file, or an SQLite
    file without our tables, may be someone's file given by mistake.
    """
    if not path.exists():  # only a -wal is left: SQLite would replay it onto a new file
        raise DamagedDatabaseError(path, msg("数据库主文件缺失，只剩下 -wal 日志文件"))
    if not _can(path, os.R_OK):
        raise DatabaseUnreadableError(path)
    with checked_connection(path) as conn:
        if conn is None:
            raise DamagedDatabaseError(path, msg("文件是空的（0 字节），不是填报数据库"))
        try:
            db = Database(conn, execute_plugins=False)
            if schema.is_foreign(db):
                raise NotTianbaoDatabaseError(path)
            if not schema.applied_names(db):
                raise DamagedDatabaseError(path, msg("这是一个没有任何数据表的空 SQLite 数据库，"
                                                     "不是填报数据库"))
            if schema.is_newer(db):
                found = max(schema.schema_version(db), len(schema.applied_names(db)))
                raise NewerSchemaError(path, found, schema.SCHEMA_VERSION)
        except sqlite3.DatabaseError as exc:
            raise DamagedDatabaseError(path, str(exc)) from exc


def _can(target: Path, mode: int) -> bool:
    return os.access(target, mode, effective_ids=os.access in os.supports_effective_ids)


def _check_writable(path: Path) -> None:
    if not _can(path.parent, os.W_OK | os.X_OK):
        raise DatabaseUnwritableError(path, msg("所在文件夹只读"))
    for file in (path, wal_path(path)):
        if file.exists() and not _can(file, os.R_OK | os.W_OK):
            raise DatabaseUnwritableError(path, msg("文件只读"))


def _connect(path: Path) -> Database:
    db = Database(connect(path), execute_plugins=False)
    write_lock(db)  # made here, before any thread can race to make it
    return db
