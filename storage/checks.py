"""Is this file a healthy SQLite database? Checked without modifying it.

The header is read with plain file I/O before SQLite ever touches the file, and the
``integrity_check`` runs on a read-only (or immutable) connection, so a damaged file
is never written to and gets no ``-wal``/``-shm`` files from us.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from forms.messages import msg
from storage.errors import DamagedDatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


def wal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-wal")


def shm_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-shm")


def has_wal(db_path: Path) -> bool:
    """True when a non-empty write-ahead log sits beside the file (it may hold commits)."""
    try:
        return wal_path(db_path).stat().st_size > 0
    except OSError:
        return False


def check_header(path: Path, *, error: type[Exception] = DamagedDatabaseError) -> None:
    """Raise ``error(path, detail)`` unless the file starts like a whole SQLite database.

    An empty file passes: SQLite treats it as a new, empty database.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            header = file.read(HEADER_SIZE)
    except OSError as exc:
        raise error(path, msg("无法读取：{error}", error=str(exc.strerror))) from exc
    if size == 0:
        return
    if len(header) < HEADER_SIZE:
        raise error(path, msg("文件不完整"))
    if header[:16] != SQLITE_MAGIC:
        raise error(path, msg("不是 SQLite 数据库文件"))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise error(path, msg("文件头已损坏"))
    if header[18] not in (1, 2) or header[19] not in (1, 2):
        raise error(path, msg("文件头已损坏"))
    if has_wal(path):
        # Pages not yet copied back from the WAL make the main file legitimately short.
        return
    if size % page_size:
        raise error(path, msg("文件不完整，可能被截断"))
    change_counter = int.from_bytes(header[24:28], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    header_pages = int.from_bytes(header[28:32], "big")
    if valid_for == change_counter and header_pages * page_size > size:
        raise error(path, msg("文件不完整，可能被截断"))


def connect_for_check(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` and, if it can avoid it, creates no files."""
    uri = path.absolute().as_uri()
    if has_wal(path) or wal_path(path).exists():
        # Committed pages may live in the WAL: read them through SQLite's normal (read-only) path.
        return sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)


def integrity_problem(conn: sqlite3.Connection) -> str | None:
    """The first line of ``PRAGMA integrity_check`` unless it says ok; errors count too."""
    try:
        rows = conn.execute("PRAGMA integrity_check(5)").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows == [("ok",)]:
        return None
    return "; ".join(str(row[0]) for row in rows[:3]) or "integrity_check failed"


@contextmanager
def checked_connection(path: Path, *, error: type[Exception] = DamagedDatabaseError,
                       ) -> Iterator[sqlite3.Connection | None]:
    """Header check, then a full integrity check; yields the connection (which cannot write)
    for any further reading, or None for an empty file, and closes it afterwards."""
    check_header(path, error=error)
    if path.stat().st_size == 0 and not has_wal(path):
        yield None
        return
    try:
        conn = connect_for_check(path)
    except sqlite3.Error as exc:
        raise error(path, str(exc)) from exc
    try:
        problem = integrity_problem(conn)
        if problem:
            raise error(path, msg("完整性检查未通过：{problem}", problem=problem))
        yield conn
    finally:
        conn.close()


def check_file(path: Path, *, error: type[Exception] = DamagedDatabaseError) -> None:
    """Header check, then a full integrity check, never modifying the file."""
    with checked_connection(path, error=error):
        pass
