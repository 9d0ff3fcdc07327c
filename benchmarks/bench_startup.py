"""Startup to an interactive window on 1,000 reports vs a bare PySide6 window with one label.

Both are measured in fresh processes, side by side in one run (alternating, after one warm-up
each): from just before the process is spawned until the window is shown and the event loop
has run a zero-timer. Two targets against the bare window (median of 9): the window shows
the real report list (read by storage.peek) at most 1.5×, and the store is attached
(quick open: editing possible; the full integrity check, the daily backup and the forms
follow in the background, and writes wait for that check) at most 1.5× too.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_000 = ROOT / "tests" / "fixtures" / "seed_000_values.json"
REPORTS = 1000
RUNS = 9
TARGET_RATIO = 1.5

BARE = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("填报")
label.show()
def done():
    print(time.time() - float(os.environ["TIANBAO_T0"]))
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

APP = """
import os, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import ui.main_window as main_window
show = main_window.MainWindow.show
attach = main_window.MainWindow.attach
def elapsed():
    return time.time() - float(os.environ["TIANBAO_T0"])
def shown(self):
    show(self)
    def done():
        print("shown", elapsed())
        if self.store is not None:  # opened before the window (no staged start)
            print("ready", elapsed())
            self.close()
            QApplication.instance().quit()
    QTimer.singleShot(0, done)
def attached(self, *args, **kwargs):
    attach(self, *args, **kwargs)
    def done():
        print("ready", elapsed())
        self.close()
        QApplication.instance().quit()
    QTimer.singleShot(0, done)
main_window.MainWindow.show = shown
main_window.MainWindow.attach = attached
sys.exit(main_window.run(Path({db!r})))
"""


def build_database(path: Path) -> None:
    """1,000 filled reports: one from seed 000, copied with other units and editions."""
    sys.path.insert(0, str(ROOT))
    import storage  # noqa: PLC0415
    from forms.loader import builtin_templates  # noqa: PLC0415
    from forms.validate import expand_values  # noqa: PLC0415
    from ui import operations  # noqa: PLC0415

    template = builtin_templates()["cancer_week_summary"]
    raw, _ = expand_values(template, json.loads(SEED_000.read_text(encoding="utf-8")))
    with storage.open_database(path, daily_backup=False) as store:
        first = operations.create_report(store, template.id, raw=raw)
        for number in range(1, REPORTS):
            copy = storage.copy_report(store.db, first, title=f"第{20 + number % 11}届 报表 {number}",
                                       period=f"第{20 + number % 11}届", year=2014 + number % 11)
            storage.update_report(store.db, copy, unit=f"第{number}号县疾病预防控制中心")
        storage.auto_backup(store)  # today's backup exists: startup does not make one


def time_once(script: str, env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawn to each mark the script prints ("shown", "ready"; bare: one number)."""
    env = {**env, "TIANBAO_T0": repr(time.time())}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"startup script failed ({done.returncode}): {done.stderr[-800:]}")
    marks = {}
    for line in lines:
        name, _, value = line.rpartition(" ")
        marks[name or "shown"] = float(value)
    return marks


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tianbao-bench-") as folder:
        db = Path(folder) / "tianbao.db"
        started = time.perf_counter()
        build_database(db)
        print(f"database: {REPORTS} reports from seed 000 "
              f"({db.stat().st_size / 1e6:.1f} MB, built in {time.perf_counter() - started:.1f} s)")
        # Bytecode is cached (outside the repo) as in an installed app; the warm-up fills it.
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": folder,
               "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        app_script = APP.format(root=str(ROOT), db=str(db))
        bare_times: list[float] = []
        app_times: list[float] = []
        ready_times: list[float] = []
        time_once(BARE, env)  # warm-up: file cache, font cache, .pyc files
        time_once(app_script, env)
        for _ in range(RUNS):
            bare_times.append(time_once(BARE, env)["shown"])
            marks = time_once(app_script, env)
            app_times.append(marks["shown"])
            ready_times.append(marks["ready"])
    bare = statistics.median(bare_times)
    app = statistics.median(app_times)
    ready = statistics.median(ready_times)
    ratio = app / bare
    print(f"bare PySide6 window + label : median {bare * 1000:.0f} ms  "
          f"({', '.join(f'{t * 1000:.0f}' for t in bare_times)})")
    print(f"Tianbao, {REPORTS} reports       : median {app * 1000:.0f} ms  "
          f"({', '.join(f'{t * 1000:.0f}' for t in app_times)})")
    print(f"  store attached (editing possible; full check in the background): median "
          f"{ready * 1000:.0f} ms  ({', '.join(f'{t * 1000:.0f}' for t in ready_times)})")
    print(f"window shown: {ratio:.2f}× bare (target ≤ {TARGET_RATIO}×)  "
          f"{'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}")
    print(f"ready to edit: {ready / bare:.2f}× bare (target ≤ {TARGET_RATIO}×)  "
          f"{'OK' if ready / bare <= TARGET_RATIO else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
