"""Run a slow job in a worker thread behind a progress dialog, keeping the window responsive."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[..., None]  # (done, total, text="")
Job = Callable[[Progress, Callable[[], bool]], Any]  # (progress, cancelled) -> result


class _Worker(QThread):
    progressed = Signal(int, int, str)

    def __init__(self, job: Job, cancel: threading.Event) -> None:
        super().__init__()
        self.job = job
        self.cancel = cancel
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.job(self.report, self.cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - handed back to the GUI thread
            self.error = exc

    def report(self, done: int, total: int, text: str = "") -> None:
        self.progressed.emit(int(done), int(total), text)


def run_with_progress(parent: QWidget | None, label: str, job: Job, *,
                      cancellable: bool = False, min_duration_ms: int = 300) -> Any:
    """Run ``job(progress, cancelled)`` in a thread; return its result or raise its error.

    A modal progress dialog shows while it runs (after ``min_duration_ms``); with
    ``cancellable`` its Cancel button makes ``cancelled()`` return True, and the job
    decides how to stop (exports raise ExportCancelled).
    """
    cancel = threading.Event()
    worker = _Worker(job, cancel)
    dialog = QProgressDialog(label, _cancel_text() if cancellable else "", 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(min_duration_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.canceled.connect(cancel.set)

    def show_progress(done: int, total: int, text: str) -> None:
        if text:
            dialog.setLabelText(text)
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    worker.progressed.connect(show_progress, Qt.ConnectionType.QueuedConnection)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    dialog.close()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result


def _cancel_text() -> str:
    return QCoreApplication.translate("workers", "取消")
