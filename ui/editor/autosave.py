"""Autosave: changed fields are stored shortly after the last keystroke, off the GUI thread.

Every change is kept in ``pending`` until a save of it has succeeded: a failed save puts
its fields back, shows why (``failed``) and tries again every few seconds.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ui import operations
from ui.editor.worker import DbJob, DbWorker
from ui.errors import error_text

log = logging.getLogger("tianbao.ui")

SAVE_DELAY_MS = 400  # after the last keystroke; the save itself lands well within 0.5 s
RETRY_MS = 3000


class AutoSaver(QObject):
    saved = Signal(str)  # "hh:mm:ss"
    failed = Signal(str)  # what went wrong, in words for the user
    recovered = Signal()  # a save succeeded after a failure
    meta_changed = Signal(dict)  # the report list's columns (title, unit, ...) were stored

    def __init__(self, store: Any, worker: DbWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.worker = worker
        self.session: operations.ReportSession | None = None
        self.pending: dict[str, None] = {}  # value keys changed and not yet stored, in order
        self.error: BaseException | None = None
        self.save_times: deque[float] = deque(maxlen=1000)  # seconds per save (database thread)
        self._job: DbJob | None = None
        self._again = False  # a save was asked for while one was running
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_soon)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.save_soon)

    @property
    def delay_ms(self) -> int:
        return self._timer.interval()

    @property
    def retry_ms(self) -> int:
        return self._retry.interval()

    @retry_ms.setter
    def retry_ms(self, value: int) -> None:
        self._retry.setInterval(value)

    def start(self, session: operations.ReportSession) -> None:
        """Save for this report from now on (the previous one must have been flushed)."""
        self.session = session
        self.pending.clear()
        self.error = None

    def stop(self) -> None:
        self._timer.stop()
        self._retry.stop()
        self.session = None
        self.pending.clear()

    def has_pending(self) -> bool:
        return bool(self.pending) or self._job is not None

    def changed(self, keys: list[str]) -> None:
        """These value keys have new text in the validator: save them after the delay."""
        for key in keys:
            self.pending[key] = None
        self._timer.start()

    def save_soon(self) -> None:
        """Hand the pending fields to the database thread now (if none is being saved)."""
        self._timer.stop()
        if self.session is None or not self.pending:
            return
        if self._job is not None:
            self._again = True
            return
        self._retry.stop()
        keys = list(self.pending)
        write = operations.prepare_field_write(self.session, keys)
        self.pending.clear()
        self._job = self.worker.submit(
            lambda: self._write(write),
            lambda _changed: self._succeeded(write),
            lambda exc: self._failed(exc, keys))

    def _write(self, write: operations.FieldWrite) -> list[str]:
        started = time.perf_counter()
        try:
            return operations.write_fields(self.store, write)
        finally:
            self.save_times.append(time.perf_counter() - started)

    def flush(self) -> None:
        """Store everything now; raises (after showing it) if that fails."""
        self._timer.stop()
        self.worker.drain()
        while self._job is not None:  # a finished save handed over the next one
            self.worker.drain()
        self._retry.stop()
        if self.session is None or not self.pending:
            return
        keys = list(self.pending)
        write = operations.prepare_field_write(self.session, keys)
        self.pending.clear()
        try:
            self.worker.call(lambda: self._write(write))
        except Exception as exc:
            self._failed(exc, keys)
            raise
        self._succeeded(write)

    def _succeeded(self, write: operations.FieldWrite) -> None:
        self._job = None
        if self.error is not None:
            self.error = None
            self.recovered.emit()
        self.saved.emit(time.strftime("%H:%M:%S"))
        if write.meta is not None:
            self.meta_changed.emit(dict(write.meta))
        if self._again or (self.pending and not self._timer.isActive()):
            self._again = False
            self.save_soon()

    def _failed(self, exc: BaseException, keys: list[str]) -> None:
        self._job = None
        self._again = False
        if self.session is None:
            return
        # Put the fields back first, keeping later edits (already pending) after them.
        self.pending = dict.fromkeys(keys) | self.pending
        if self.error is None or str(self.error) != str(exc):  # not again at every retry
            log.warning("autosave failed: %s: %s", type(exc).__name__, exc)
        self.error = exc
        self.failed.emit(error_text(exc))
        self._retry.start()
