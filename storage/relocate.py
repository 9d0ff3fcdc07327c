"""Moving the data from where earlier versions kept it (Windows ``%APPDATA%``) once.

    >>> move = move_old_data_folder()  # doctest: +SKIP
    >>> path = move.db_path if move else default_db_path()
"""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from forms.messages import msg
from storage.checks import shm_path, wal_path
from storage.errors import StorageError
from storage.locking import WriterLock
from storage.paths import DB_FILE_NAME, data_dir, lock_path, old_data_dir

_NOT_SAME_DEVICE = 17  # Windows: ERROR_NOT_SAME_DEVICE


@dataclass(frozen=True, slots=True)
class FolderMove:
    """The data was moved from ``old`` to ``new``, or stayed in ``old`` because of ``error``."""

    old: Path
    new: Path
    error: StorageError | None = None

    @property
    def db_path(self) -> Path:
        """The database to use now."""
        return (self.old if self.error is not None else self.new) / DB_FILE_NAME


def move_old_data_folder(new: Path | None = None, old: Path | None = None) -> FolderMove | None:
    """Move the database (with its -wal, backups and log) from ``old_data_dir()`` into
    ``data_dir()`` when it is there and no database is here yet; None if nothing moved.

    Never loses a file: each is moved in one rename (or copied to a temporary name and
    renamed) and the -wal goes first, so an interrupted move is finished on the next start.
    A database in use (locked by another window) stays where it is until the next start.
    """
    new = Path(new) if new is not None else data_dir()
    old = Path(old) if old is not None else old_data_dir()
    if old is None or _same(old, new):
        return None
    source, target = old / DB_FILE_NAME, new / DB_FILE_NAME
    if not source.is_file() or target.exists():
        return None
    try:
        with WriterLock(source):
            new.mkdir(parents=True, exist_ok=True)
            _move_database(source, target)
            _move_the_rest(old, new, keep=lock_path(source).name)
    except StorageError as exc:  # locked by another window, or the old folder is read-only
        return FolderMove(old, new, exc)
    except OSError as exc:
        return FolderMove(old, new, StorageError(
            msg("移动文件时出错（{error}），没有文件丢失", error=str(exc.strerror or exc)),
            path=source))
    try:
        lock_path(source).unlink(missing_ok=True)
        old.rmdir()
    except OSError:
        pass  # something of the person's own is left there: keep it
    return FolderMove(old, new)


def _move_database(source: Path, target: Path) -> None:
    """The -wal first (the file is incomplete without it), then the file; undone on failure."""
    had_wal = os.path.lexists(wal_path(source))
    _move(wal_path(source), wal_path(target))
    try:
        _move(source, target)
    except OSError:
        if had_wal:
            _move(wal_path(target), wal_path(source))
        raise
    try:
        shm_path(source).unlink(missing_ok=True)  # an index of the -wal, rebuilt by SQLite
    except OSError:
        pass


def _move_the_rest(old: Path, new: Path, *, keep: str) -> None:
    """Backups and logs, best effort: what cannot be moved stays, with the old folder."""
    for entry in sorted(old.iterdir()):
        if entry.name == keep or os.path.lexists(new / entry.name):
            continue
        try:
            _move(entry, new / entry.name)
        except OSError:
            continue


def _same(one: Path, other: Path) -> bool:
    return os.path.normcase(os.path.abspath(one)) == os.path.normcase(os.path.abspath(other))


def _move(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``; across drives, copy under a temporary name first."""
    if not os.path.lexists(source):
        return
    try:
        os.replace(source, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV and getattr(exc, "winerror", None) != _NOT_SAME_DEVICE:
            raise
    temporary = target.with_name(f".{target.name}.moving")
    if temporary.is_dir():
        shutil.rmtree(temporary)
    if source.is_dir():
        shutil.copytree(source, temporary)
    else:
        shutil.copy2(source, temporary)
        with temporary.open("rb+") as file:
            os.fsync(file.fileno())
    os.replace(temporary, target)
    if source.is_dir():
        shutil.rmtree(source)
    else:
        source.unlink()
