"""One writer per database file: an OS lock on a sidecar file.

The OS drops the lock when the process ends, even on a crash or SIGKILL, so a stale
lock never needs cleaning up. The sidecar file itself is left in place on purpose:
deleting it while another process waits on it would let two writers in.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from forms.messages import msg
from storage.errors import DatabaseLockedError, DatabaseUnwritableError
from storage.paths import lock_path

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class WriterLock:
    """Exclusive, non-blocking lock for writing ``db_path``; ``release()`` is idempotent."""

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(db_path)
        self._fd: int | None = None

    def acquire(self) -> WriterLock:
        """Take the lock or raise DatabaseLockedError / DatabaseUnwritableError."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DatabaseUnwritableError(self.db_path, msg("无法创建锁文件：{error}",
                                                            error=str(exc.strerror))) from exc
        if not _try_lock(fd):
            os.close(fd)
            raise DatabaseLockedError(self.db_path)
        self._fd = fd
        return self

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self.release()
