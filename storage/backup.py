"""Consistent copies of the database, daily and before risky operations; one-call restore.

Backups are made with SQLite's online backup API into a temporary file that is renamed
into place, so a crash mid-backup leaves no half file under a backup's name. They live
in ``backups/`` beside the database as ``<stem>-YYYYMMDD-HHMMSS-<reason>.db``.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from forms.messages import msg
from storage import schema
from storage.checks import check_file, connect_for_check, shm_path, wal_path
from storage.common import as_db, database_file
from storage.errors import (
    BACKUP_FAILED,
    RESTORE_FAILED,
    BackupInvalidError,
    ReadOnlyError,
    translated,
)
from storage.locking import WriterLock
from storage.paths import backups_dir

if TYPE_CHECKING:
    from storage.database import Store

KEEP_BACKUPS = 7
PAGES_PER_STEP = 4096
Progress = Callable[[int, int], None]
_REASON = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created_at: dt.datetime
    reason: str  # "daily", "merge", "import", "upgrade", ...
    size: int
    order: tuple[str, int]  # sorts by age: (timestamp, number within that second)


def backup_database(store: Store | Database, dest_path: str | Path, *,
                    progress: Progress | None = None) -> Path:
    """Write a consistent, self-contained copy of the open database to ``dest_path``.

    ``progress(done_bytes, total_bytes)`` is called as pages are copied.
    """
    db = as_db(store)
    return _copy_connection(db.conn, Path(dest_path).absolute(), progress)


def auto_backup(store: Store, reason: str = "daily") -> Path | None:
    """Back up into ``backups/``: once a day for "daily", always for any other reason.

    Returns the new backup's path, or None when today's daily backup already exists.
    Keeps the newest ``KEEP_BACKUPS`` files of this database.
    """
    if not _REASON.match(reason):
        raise ValueError(f"backup reason must match {_REASON.pattern}: {reason!r}")
    db_path = _store_path(store)
    if getattr(store, "read_only", False):
        if reason == "daily":
            return None
        raise ReadOnlyError(db_path)
    folder = backups_dir(db_path)
    if reason == "daily":
        today = dt.date.today()
        if any(b.reason == "daily" and b.created_at.date() == today
               for b in list_backups(db_path)):
            return None
    _remove_stale_temps(folder, db_path)
    made = make_backup(as_db(store).conn, db_path, reason=reason)
    rotate_backups(db_path)
    return made


def make_backup(conn: sqlite3.Connection, db_path: Path, *, reason: str) -> Path:
    """Back up ``conn`` into the backups folder of ``db_path`` under a fresh name."""
    folder = backups_dir(db_path)
    with translated(folder, BACKUP_FAILED):
        folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now().replace(microsecond=0)
    stem = Path(db_path).stem
    stamp = now.strftime("%Y%m%d-%H%M%S")
    # Several backups in one second are numbered on, never reusing a freed name, so
    # that name order stays age order.
    same_second = [b.order for b in list_backups(db_path) if b.created_at == now]
    counter = max((n for _, n in same_second), default=0) + 1
    suffix = f"-{counter}" if counter > 1 else ""
    dest = folder / f"{stem}-{stamp}-{reason}{suffix}.db"
    return _copy_connection(conn, dest, None)


def list_backups(db_path: str | Path) -> list[BackupInfo]:
    """Backups of ``db_path`` in its backups folder, newest first."""
    db_path = Path(db_path)
    folder = backups_dir(db_path)
    pattern = re.compile(
        rf"^{re.escape(db_path.stem)}-(\d{{8}}-\d{{6}})-([a-z0-9_]+?)(?:-(\d+))?\.db$")
    found: list[BackupInfo] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or not entry.is_file():
            continue
        try:
            created = dt.datetime.strptime(match[1], "%Y%m%d-%H%M%S")
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(BackupInfo(entry, created, match[2], size, (match[1], int(match[3] or 1))))
    found.sort(key=lambda info: info.order, reverse=True)
    return found


def rotate_backups(db_path: str | Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete all but the newest ``keep`` backups; returns what was removed."""
    removed = []
    for info in list_backups(db_path)[keep:]:
        try:
            info.path.unlink()
            removed.append(info.path)
        except OSError:
            pass
    return removed


def restore_backup(backup_path: str | Path, db_path: str | Path) -> Path | None:
    """Replace ``db_path`` with a validated copy of ``backup_path``.

    The current file (with its -wal) is kept beside it as
    ``<name>.before-restore-YYYYMMDD-HHMMSS`` (``-2``, ``-3``… when that name is taken:
    nothing is ever overwritten) and its path returned (None if there was no current file). Refused with DatabaseLockedError while a writer has it open, so
    close the Store first. Raises BackupInvalidError for a damaged or foreign backup.
    """
    backup_path = Path(backup_path).absolute()
    db_path = Path(db_path).absolute()
    if not backup_path.is_file():
        raise BackupInvalidError(backup_path, msg("文件不存在"))
    check_file(backup_path, error=BackupInvalidError)
    _check_is_tianbao(backup_path)
    with translated(db_path, RESTORE_FAILED):
        db_path.parent.mkdir(parents=True, exist_ok=True)
    with WriterLock(db_path):
        tmp = restore_temp_path(db_path)
        source = connect_for_check(backup_path)
        try:
            _copy_connection(source, tmp, None, rename=False, outcome=RESTORE_FAILED)
        finally:
            source.close()
        aside = None
        with translated(db_path, RESTORE_FAILED):
            if db_path.exists():
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                aside = _keep_aside(db_path, f"{db_path.name}.before-restore-{stamp}")
            os.replace(tmp, db_path)
            _fsync_dir(db_path.parent)
    return aside


def restore_temp_path(db_path: Path) -> Path:
    """Where a restore builds the new file (a crash may leave it: see ``remove_restore_temps``)."""
    return db_path.with_name(f".{db_path.name}.restore-tmp")


def remove_restore_temps(db_path: Path) -> None:
    """Remove what a crashed restore left; only while holding the writer lock."""
    unlink_db_files(restore_temp_path(db_path))


def _keep_aside(db_path: Path, name: str) -> Path:
    """Keep the current file (and its WAL) under a new name without a moment of no file.

    ``name``, or ``name-2``, ``name-3``…: the first whose file and side files are all
    free. The name is claimed by creating the file exclusively, so nothing is overwritten.
    """
    for number in range(1, 10_000):
        aside = db_path.with_name(name if number == 1 else f"{name}-{number}")
        if any(side(aside).exists() for side in (wal_path, shm_path)):
            continue
        try:
            _claim_copy(db_path, aside)
        except FileExistsError:
            continue
        break
    else:
        raise FileExistsError(errno.EEXIST, "no free name to keep the current file", name)
    for side in (wal_path, shm_path):
        if side(db_path).exists():
            # A leftover WAL belongs to the old file; replayed onto the restored one it
            # would corrupt it.
            os.replace(side(db_path), side(aside))
    return aside


def _claim_copy(source: Path, dest: Path) -> None:
    """A hard link (or, where links are not possible, a copy) at ``dest``, which must not exist."""
    try:
        os.link(source, dest)
        return
    except FileExistsError:
        raise
    except OSError:
        pass
    with source.open("rb") as src, dest.open("xb") as out:
        shutil.copyfileobj(src, out, 1024 * 1024)
        out.flush()
        os.fsync(out.fileno())
    shutil.copystat(source, dest)


def _check_is_tianbao(path: Path) -> None:
    conn = connect_for_check(path)
    try:
        db = Database(conn, execute_plugins=False)
        if schema.is_foreign(db) or not schema.applied_names(db):
            raise BackupInvalidError(path, msg("不是填报数据库"))
        if schema.is_newer(db):
            raise BackupInvalidError(path, msg("由更新版本的填报软件创建"))
    finally:
        conn.close()


def _copy_connection(source: sqlite3.Connection, dest: Path, progress: Progress | None,
                     *, rename: bool = True, outcome: str = BACKUP_FAILED) -> Path:
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}") if rename else dest
    with translated(dest, outcome):
        dest.parent.mkdir(parents=True, exist_ok=True)
        unlink_db_files(tmp)
        try:
            page_size = source.execute("PRAGMA page_size").fetchone()[0]
            target = sqlite3.connect(tmp)
            try:
                def report(_status: int, remaining: int, total: int) -> None:
                    if progress is not None:
                        progress((total - remaining) * page_size, total * page_size)

                source.backup(target, pages=PAGES_PER_STEP, progress=report)
                # A self-contained single file: no WAL needed beside the copy.
                target.execute("PRAGMA journal_mode = DELETE").fetchone()
            finally:
                target.close()
            _fsync_file(tmp)
            if rename:
                os.replace(tmp, dest)
                _fsync_dir(dest.parent)
        except BaseException:
            unlink_db_files(tmp)
            raise
    return dest


def unlink_db_files(path: Path) -> None:
    for file in (path, wal_path(path), shm_path(path), path.with_name(path.name + "-journal")):
        file.unlink(missing_ok=True)


def _remove_stale_temps(folder: Path, db_path: Path) -> None:
    """Temp files left by a backup that crashed (we hold the writer lock, so none is live)."""
    try:
        entries = list(folder.glob(f".{Path(db_path).stem}-*.db.tmp-*"))
    except OSError:
        return
    for entry in entries:
        entry.unlink(missing_ok=True)


def _store_path(store: Store | Database) -> Path:
    path = getattr(store, "path", None) or database_file(as_db(store))
    if path is None:
        raise ValueError("an in-memory database has no backups folder")
    return Path(path)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as file:
        os.fsync(file.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory; NTFS journals the rename itself
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
