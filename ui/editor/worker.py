"""The editor's one database thread: saves, attachments and thumbnails run there in order.

The store's sqlite connection may be used from any thread, but from one at a time. So the
editor touches the database only here, or on the GUI thread after ``drain()`` (``call``),
which waits until this thread is idle. Results come back to the GUI thread as callbacks.
Each job runs inside ``store.using()``: closing the store waits for a job under way, and a
job that starts after the store was closed fails with StoreClosedError, never touching it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

import storage

log = logging.getLogger("tianbao.ui")

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class DbJob:
    """A function queued on the database thread, and what to call with its outcome."""

    def __init__(self, future: Future, on_done: Done | None, on_error: Failed | None) -> None:
        self.future = future
        self.on_done = on_done
        self.on_error = on_error
        self.delivered = False

    def done(self) -> bool:
        return self.future.done()


class DbWorker(QObject):
    """A single worker thread with callbacks delivered on the GUI thread, in order."""

    _finished = Signal(object)  # a DbJob, emitted from the worker thread

    def __init__(self, store: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tianbao-db")
        self._jobs: list[DbJob] = []
        # Queued even when emitted on the GUI thread, so a callback never runs inside submit().
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(self, fn: Callable[[], Any], on_done: Done | None = None,
               on_error: Failed | None = None) -> DbJob:
        """Run ``fn()`` on the database thread; ``on_done(result)`` / ``on_error(exc)`` later."""
        job = DbJob(self._pool.submit(self._run, fn), on_done, on_error)
        self._jobs.append(job)
        job.future.add_done_callback(lambda _f: self._emit_finished(job))
        return job

    def _run(self, fn: Callable[[], Any]) -> Any:
        """On the database thread: ``fn()`` while the store is kept open for it."""
        with self.store.using() as still_open:
            if not still_open:
                raise storage.StoreClosedError(self.store.path)
            return fn()

    def _emit_finished(self, job: DbJob) -> None:
        try:
            self._finished.emit(job)
        except RuntimeError:  # the editor is gone; drain() or nobody takes the result
            pass

    def busy(self) -> bool:
        return any(not job.done() for job in self._jobs)

    def drain(self) -> None:
        """Wait until the thread is idle and run every finished job's callback now."""
        if self._jobs:
            self._pool.submit(lambda: None).result()
        for job in list(self._jobs):
            self._deliver(job)

    def call(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn()`` now on the GUI thread, once the database thread is idle; returns/raises."""
        self.drain()
        return fn()

    def _deliver(self, job: DbJob) -> None:
        if job.delivered or not job.done():
            return
        job.delivered = True
        self._jobs.remove(job)
        error = job.future.exception()
        if error is None:
            if job.on_done is not None:
                job.on_done(job.future.result())
        elif job.on_error is not None:
            job.on_error(error)
        else:
            log.error("database job failed", exc_info=(type(error), error, error.__traceback__))

    def shutdown(self) -> None:
        """Finish queued jobs and stop the thread (their callbacks run here)."""
        self.drain()
        self._pool.shutdown(wait=True)
