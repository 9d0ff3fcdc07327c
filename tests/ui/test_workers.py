"""Slow jobs run in a worker thread behind a progress dialog that can cancel them."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from tests.waiting import WAIT_MS, WAIT_S
from ui.workers import run_with_progress

pytestmark = pytest.mark.gui



def test_result_comes_back_from_the_worker_thread(qapp):
    threads: list[threading.Thread] = []

    def job(progress, cancelled):
        threads.append(threading.current_thread())
        progress(1, 2, "一半")
        progress(2, 2)
        return 42

    assert run_with_progress(None, "工作中…", job) == 42
    assert threads[0] is not threading.main_thread()


def test_errors_are_raised_in_the_caller(qapp):
    def job(progress, cancelled):
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        run_with_progress(None, "工作中…", job)


def test_cancel_button_reaches_the_job(qapp):
    started = threading.Event()

    def job(progress, cancelled):
        started.set()
        while not cancelled():
            started.wait(0.01)
        return "stopped"

    def press_cancel():
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QProgressDialog) and w.isVisible()]
        if dialogs and started.is_set():
            dialogs[0].findChild(QPushButton).click()  # as the person would
        else:
            QTimer.singleShot(20, press_cancel)

    QTimer.singleShot(20, press_cancel)
    assert run_with_progress(None, "工作中…", job, cancellable=True, min_duration_ms=0) == "stopped"


def show_timers(dialog: QProgressDialog) -> list[tuple[int, bool]]:
    """(interval, active) of the dialog's timer that shows it (Qt's own default: 4000 ms)."""
    return [(timer.interval(), timer.isActive()) for timer in dialog.findChildren(QTimer)]


def test_a_one_second_job_shows_its_progress(qapp):
    """Qt's own default would show the dialog only after 4 s: too late for a 1 s job."""
    finish = threading.Event()
    seen: list[tuple[str, list]] = []

    def watch():
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QProgressDialog) and w.isVisible()]
        if dialogs:
            seen.append((dialogs[0].labelText(), show_timers(dialogs[0])))
            finish.set()  # seen: the job may end now
        elif not finish.is_set():
            QTimer.singleShot(20, watch)

    def job(progress, cancelled):
        finish.wait(WAIT_S)  # a job that runs until its dialog has been seen
        return "done"

    QTimer.singleShot(0, watch)
    assert run_with_progress(None, "正在导出…", job) == "done"
    assert seen == [("正在导出…", [(300, False)])]  # shown by the 300 ms timer, not Qt's 4 s


def test_progress_dialog_helper_starts_the_short_timer(qtbot):
    from ui.workers import progress_dialog

    dialog = progress_dialog(None, "工作中…", None, min_duration_ms=0)
    qtbot.addWidget(dialog)
    assert show_timers(dialog) == [(0, True)]
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
