"""The open database (``Store``), its connection settings, and the quick open for the window.

Nothing here imports sqlite-utils: a Store made by ``open_checking_later`` wraps its
connection in ``sqlite_utils.Database`` only when ``.db`` is first used, so the window can
take the store before that (slow) import has happened.

    >>> store = open_checking_later(path)  # doctest: +SKIP - the window's start
    >>> threading.Thread(target=storage.complete_open, args=(store,)).start()  # doctest: +SKIP
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from forms.messages import msg
from storage.checks import HEADER_SIZE, check_header
from storage.errors import DatabaseUnwritableError, StorageError
from storage.locking import WriterLock
from storage.network import on_network_drive
from storage.peek import SCHEMA_VERSION, Peek, peek_database

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 16 * 1024  # page cache per connection; lets a 10,000-report list sort in memory
WAL_SIZE_LIMIT = 64 * 1024 * 1024  # truncate the WAL after a big attachment is checkpointed
CHECK_WAIT_SECONDS = 300  # a write waits this long at most for the background check


class NeedsFullOpen(Exception):
    """The file must go through ``open_database`` (new, older, read-only, unusual)."""


class CheckGate:
    """Writes wait here until the full check of a quickly opened file has passed;
    after a failed check they raise its error. The file is never written before."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.error: StorageError | None = None
        self._done = threading.Event()

    def passed(self) -> None:
        self._done.set()

    def failed(self, error: StorageError) -> None:
        self.error = error
        self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float = CHECK_WAIT_SECONDS) -> None:
        """Return once the check has passed; raise its error, or a StorageError on timeout."""
        if not self._done.wait(timeout):
            raise StorageError(msg("数据库文件仍在检查中，修改暂未保存。请稍候，程序会自动重试。"),
                               path=self.path)
        if self.error is not None:
            raise self.error


class Store:
    """An open database file: ``.db`` (sqlite_utils.Database), ``.path``, ``.read_only``.

    Holds the writer lock until ``close()``. Not thread-safe: use it from one thread at
    a time (it may be handed to a worker thread, e.g. to add a large attachment).
    ``gate`` is set while a quick open waits for its background check.
    """

    def __init__(self, db: Database | None, path: Path, *, read_only: bool,
                 lock: WriterLock | None, conn: sqlite3.Connection | None = None,
                 gate: CheckGate | None = None) -> None:
        self._db = db
        self._conn = conn if conn is not None else db.conn
        self._made = threading.Lock()
        # Threads at work on the store (``using``), by thread; close() waits for the others.
        self._users: dict[int, int] = {}
        self._idle = threading.Condition()
        self.closed = False
        self.path = path
        self.read_only = read_only
        self.lock = lock
        self.gate = gate
        # True: on a network drive, so kept in rollback-journal mode (no WAL; see storage.network)
        self.on_network_drive = False
        self.backup_error: StorageError | None = None  # set when the daily backup failed
        self.last_backup: Path | None = None

    @property
    def db(self) -> Database:
        """The connection as a ``sqlite_utils.Database`` (made, and imported, on first use)."""
        if self._db is None:
            with self._made:
                if self._db is None:
                    from sqlite_utils import Database  # noqa: PLC0415 - the slow import: late

                    from storage.common import write_lock  # noqa: PLC0415 - imports sqlite-utils

                    db = Database(self._conn, execute_plugins=False)
                    write_lock(db)  # made here, before any thread can race to make it
                    db._tianbao_gate = self.gate  # noqa: SLF001 - read by storage.common.writing
                    self._db = db
        return self._db

    def preview(self) -> Peek | None:
        """``storage.peek`` through this store's connection (no second one is opened)."""
        return peek_database(self.path, self._conn)

    @contextmanager
    def using(self) -> Iterator[bool]:
        """Keep the connection open for work on another thread (``close()`` waits for it);
        yields False when the store is already closed: then leave it alone. Any number of
        threads may be using it at once (one waiting for the open check, one making it)."""
        me = threading.get_ident()
        with self._idle:
            still_open = not self.closed
            if still_open:
                self._users[me] = self._users.get(me, 0) + 1
        try:
            yield still_open
        finally:
            if still_open:
                with self._idle:
                    self._users[me] -= 1
                    if not self._users[me]:
                        del self._users[me]
                    self._idle.notify_all()

    def close(self) -> None:
        """Bring the search index up to date (best effort), close, release the lock.

        New work is refused at once; work under way on other threads is waited for."""
        me = threading.get_ident()
        with self._idle:
            if self.closed:
                return
            self.closed = True
            self._idle.wait_for(lambda: not any(t != me for t in self._users))
        try:
            checked = self.gate is None or (self.gate.done and self.gate.error is None)
            if not self.read_only and self._db is not None and checked:  # else no writes
                from storage.database import flush_search_quietly  # noqa: PLC0415

                flush_search_quietly(self._db)
            self._conn.close()
        finally:
            if self.lock is not None:
                self.lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<Store {self.path} {mode}>"


def connect(path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error as exc:
        raise DatabaseUnwritableError(path, str(exc)) from exc


def configure_writer(conn: sqlite3.Connection | Database, path: Path, *,
                     wal: bool = True) -> None:
    """WAL where it works; on a network drive the rollback journal (WAL's shared memory
    does not work across machines, and would corrupt the file), the writer lock as ever."""
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute(f"PRAGMA journal_mode = {'WAL' if wal else 'DELETE'}").fetchone()[0]
        if not wal and str(mode).lower() != "delete":
            raise DatabaseUnwritableError(path, msg("位于网络驱动器上，但无法关闭 WAL 日志模式；"
                                                    "请关闭其他打开该文件的程序后重试"))
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc) or "unable to open" in str(exc):
            raise DatabaseUnwritableError(path, str(exc)) from exc
        raise
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
    configure_common(conn)


def configure_common(conn: sqlite3.Connection | Database) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA temp_store = MEMORY")


def open_checking_later(path: str | Path) -> Store:
    """Open a file that ``storage.peek`` could read for writing at once, without the full
    integrity check: ``storage.complete_open(store)`` does that (and the daily backup) in
    a thread, and every write waits for it. Nothing is written to the file here.

    Raises NeedsFullOpen when the file needs ``open_database`` (which explains problems),
    and DatabaseLockedError or DamagedDatabaseError (a bad header) as that would.
    """
    path = Path(path).expanduser().absolute()
    if not path.is_file() or not _writable(path):
        raise NeedsFullOpen(path)
    lock = WriterLock(path).acquire()
    try:
        check_header(path)
        network = on_network_drive(path)
        if _in_wal_mode(path) != (not network):
            raise NeedsFullOpen(path)  # switching journal modes writes: only after a check
        conn = connect(path)
        try:
            configure_writer(conn, path, wal=not network)
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                raise NeedsFullOpen(path)
        except BaseException:
            conn.close()
            raise
    except BaseException:
        lock.release()
        raise
    store = Store(None, path, read_only=False, lock=lock, conn=conn, gate=CheckGate(path))
    store.on_network_drive = network
    return store


def _writable(path: Path) -> bool:
    return all(os.access(p, os.W_OK) for p in (path, path.parent))


def _in_wal_mode(path: Path) -> bool:
    """Bytes 18 and 19 of the header are 2 for a file in WAL mode."""
    with path.open("rb") as file:
        header = file.read(HEADER_SIZE)
    return header[18:20] == b"\x02\x02"
