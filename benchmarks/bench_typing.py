"""Typing in the largest form never blocks the event loop for more than 16 ms per keystroke.

The editor is opened (offscreen) on 全国肿瘤防治宣传周活动总结表 filled from seed 000, and
~200 ASCII keystrokes are typed into several kinds of field (counts, a pair part, a one-line
text, a name list's names, the 2,000-character summary) at a brisk pace: 60 ms between keys
and a 0.7 s pause every 25 keys, so the issues panel, autosave and its callbacks all run
while typing. Two figures per keystroke:

- handler: the key press itself (widget → validate → field state → undo record);
- blocking: the largest lateness of a 2 ms heartbeat timer until the next key, i.e. the
  longest the event loop was busy with anything (timers, saves handing back, repaints).

The save timings are measured on the editor's database thread (WAL, synchronous=FULL).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import storage  # noqa: E402
from forms.loader import builtin_templates  # noqa: E402
from forms.validate import expand_values  # noqa: E402
from ui import operations  # noqa: E402

FORM = "cancer_week_summary"
SEED = ROOT / "tests" / "fixtures" / "seed_000_values.json"
KEY_INTERVAL_MS = 60
PAUSE_EVERY = 25
PAUSE_MS = 700
HEARTBEAT_MS = 2
TARGET_MS = 16.0

# (field key, how to find its input, what to type): ASCII only (keyClicks cannot type Chinese)
PLAN = [
    ("lectures", "edit", "\b\b\b" + "6045"),
    ("lecture_attendance.offline", "pair", "\b\b" + "99"),
    ("direct_beneficiaries", "edit", "\b\b\b\b\b\b" + "462100"),
    ("media_reads", "edit", "x" * 6 + "\b" * 6),
    ("unit_name", "edit", " CDC Sichuan branch office"),
    ("media_reports", "names", "\nXinhua Net\nPeople Daily Online\nCCTV"),
    ("overall_summary", "edit", " The week went well and many people took part in it." * 2),
    ("fill_date", "edit", "\b\b\b" + "29d"),
]


def _target(editor, key: str, how: str):
    widget = editor.form.widget_for(key)
    if how == "pair":
        return widget.edits[key]
    if how == "names":
        return widget.names
    return widget.edit


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class Heartbeat:
    """A precise timer whose lateness shows how long the event loop was busy."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.worst = 0.0
        self.last = 0.0

    def start(self) -> None:
        self.clock.start()
        self.last = self.clock.nsecsElapsed() / 1e6
        self.timer.start()

    def _beat(self) -> None:
        now = self.clock.nsecsElapsed() / 1e6
        self.worst = max(self.worst, now - self.last - HEARTBEAT_MS)
        self.last = now

    def take(self) -> float:
        """The worst lateness since the last take (ms)."""
        worst, self.worst = self.worst, 0.0
        self.last = self.clock.nsecsElapsed() / 1e6
        return worst


def _run_loop(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> dict[str, float]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui.editor import ReportEditor  # noqa: PLC0415 - after the application exists

    template = builtin_templates()[FORM]
    raw, _unknown = expand_values(template, json.loads(SEED.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory(prefix="tianbao-bench-") as tmp:
        store = storage.open_database(Path(tmp) / "typing.db", daily_backup=False)
        try:
            report_id = operations.create_report(store, FORM, raw=raw)
            editor = ReportEditor(store)
            editor.resize(1000, 900)
            editor.show()
            started = time.perf_counter()
            editor.load_report(report_id)
            load_ms = (time.perf_counter() - started) * 1000
            _run_loop(200)
            handlers, blocking = _type_plan(app, editor)
            other = operations.create_report(store, FORM, raw=raw)
            started = time.perf_counter()
            editor.load_report(other)  # same template: the form is reused, only refilled
            switch_ms = (time.perf_counter() - started) * 1000
            editor.flush()
            saves = [s * 1000 for s in editor.saver.save_times]
            editor.close()
        finally:
            store.close()
    result = {
        "keystrokes": len(handlers),
        "load_ms": load_ms, "switch_ms": switch_ms,
        "handler_max_ms": max(handlers), "handler_p99_ms": _percentile(handlers, 0.99),
        "handler_median_ms": statistics.median(handlers),
        "blocking_max_ms": max(blocking), "blocking_p99_ms": _percentile(blocking, 0.99),
        "blocking_median_ms": statistics.median(blocking),
        "saves": len(saves), "save_median_ms": statistics.median(saves) if saves else 0.0,
        "save_max_ms": max(saves) if saves else 0.0,
    }
    _print(result)
    return result


def _type_plan(app: QApplication, editor) -> tuple[list[float], list[float]]:
    handlers: list[float] = []
    blocking: list[float] = []
    beat = Heartbeat()
    beat.start()
    count = 0
    for key, how, text in PLAN:
        target = _target(editor, key, how)
        target.setFocus()
        _run_loop(KEY_INTERVAL_MS)
        beat.take()
        for char in text:
            started = time.perf_counter()
            if char == "\b":
                QTest.keyClick(target, Qt.Key.Key_Backspace)
            elif char == "\n":
                QTest.keyClick(target, Qt.Key.Key_Return)
            else:
                QTest.keyClick(target, char)
            handler = (time.perf_counter() - started) * 1000
            count += 1
            _run_loop(PAUSE_MS if count % PAUSE_EVERY == 0 else KEY_INTERVAL_MS)
            handlers.append(handler)
            blocking.append(max(handler, beat.take()))
    beat.timer.stop()
    return handlers, blocking


def _print(r: dict[str, float]) -> None:
    verdict = "OK" if r["blocking_max_ms"] <= TARGET_MS else "OVER TARGET"
    print(f"typing into {FORM} (seed 000), {r['keystrokes']} keystrokes; first load "
          f"{r['load_ms']:.0f} ms (builds the form), switching reports {r['switch_ms']:.0f} ms")
    print(f"  key handler      max {r['handler_max_ms']:6.2f} ms  p99 {r['handler_p99_ms']:6.2f} ms"
          f"  median {r['handler_median_ms']:5.2f} ms")
    print(f"  event-loop block max {r['blocking_max_ms']:6.2f} ms  p99 "
          f"{r['blocking_p99_ms']:6.2f} ms  median {r['blocking_median_ms']:5.2f} ms"
          f"   (target ≤ {TARGET_MS:.0f} ms: {verdict})")
    print(f"  saves (database thread, WAL + synchronous=FULL): {r['saves']}, median "
          f"{r['save_median_ms']:.2f} ms, max {r['save_max_ms']:.2f} ms")


if __name__ == "__main__":
    main()
