"""Run a slow job in a worker thread behind a progress dialog, keeping the window responsive."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from forms.messages import say

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
        self.progressed.emit(int(done), int(total), say(text))  # a message, in the app's language


def run_with_progress(parent: QWidget | None, label: str, job: Job, *,
                      cancellable: bool = False, min_duration_ms: int = 300) -> Any:
    """Run ``job(progress, cancelled)`` in a thread; return its result or raise its error.

    A modal progress dialog shows while it runs (after ``min_duration_ms``); with
    ``cancellable`` its Cancel button makes ``cancelled()`` return True, and the job
    decides how to stop (exports raise ExportCancelled).
    """
    cancel = threading.Event()
    worker = _Worker(job, cancel)
    dialog = progress_dialog(parent, label, _cancel_text() if cancellable else None,
                             min_duration_ms=min_duration_ms)
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


def progress_dialog(parent: QWidget | None, label: str, cancel_text: str | None, *,
                    maximum: int = 0, min_duration_ms: int = 300) -> QProgressDialog:
    """A window-modal progress dialog that shows once the work has taken ``min_duration_ms``.

    Qt starts a 4 s timer when the dialog is made; ``setMinimumDuration`` only restarts it
    while the value equals the minimum, which a new dialog's is not (it is reset to -1).
    Setting the value to the minimum after the duration starts the timer with our duration.
    ``maximum`` 0 shows a busy bar; ``cancel_text`` None leaves out the Cancel button.
    """
    dialog = QProgressDialog(label, cancel_text or "", 0, maximum, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if cancel_text is None:
        dialog.setCancelButton(None)
    dialog.setMinimumDuration(min_duration_ms)
    dialog.setValue(dialog.minimum())
    return dialog


def _cancel_text() -> str:
    return QCoreApplication.translate("workers", "取消")
