"""Startup to an interactive window on 1,000 reports vs a bare PySide6 window with one label.

Both are measured in fresh processes, side by side in one run (alternating, after one warm-up
each): from just before the process is spawned until the window has been painted (the event
loop's turn after its first expose event; a zero timer started after show() would fire before
the paint and leave it out). The app is started as a person starts it, ``main.py --db FILE``,
and logs its marks itself (``TIANBAO_SMOKE_QUIT_MS``). Two targets against the bare window
(median of 9): the window shows the real report list (read by storage.peek) at most 1.5×,
and the store is attached
(quick open: editing possible; the full integrity check, the daily backup and the forms
follow in the background, and writes wait for that check) at most 1.5× too.
"""

from __future__ import annotations

import json
import os
import re
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

# The bare window is marked as shown once painted: on the event loop's turn after its first
# expose event (Qt paints a window while handling that event), as the app marks its own
# (ui.startup.quit_when_ready). A zero timer started after show() would fire before the paint.
BARE = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("填报")
label.show()
def done():
    print(time.time() - float(os.environ["TIANBAO_T0"]))
    app.quit()
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            QTimer.singleShot(0, done)
        return False
painted = Painted()
label.windowHandle().installEventFilter(painted)
app.exec()
"""

READY = re.compile(r"smoke test: window ready .*\(shown at ([\d.]+), ready at ([\d.]+)\)")


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


def time_once(script: str, env: dict[str, str]) -> float:
    """Seconds from spawn until the script's window was painted (the number it prints)."""
    env = {**env, "TIANBAO_T0": repr(time.time())}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"startup script failed ({done.returncode}): {done.stderr[-800:]}")
    return float(done.stdout.split()[-1])


def time_start(command: list[str], env: dict[str, str], log: Path) -> tuple[float, float]:
    """(shown, ready) in seconds from spawn, read from the line that the run adds to the log
    (``TIANBAO_SMOKE_QUIT_MS``: the window logs when it was first painted and when it had
    its store too, then quits)."""
    before = log.read_text(encoding="utf-8") if log.exists() else ""
    started = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    found = READY.findall(log.read_text(encoding="utf-8")[len(before):]) if log.exists() else []
    if done.returncode != 0 or not found:
        raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr[-800:]}")
    shown, ready = (float(value) for value in found[-1])
    return shown - started, ready - started


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tianbao-bench-") as folder:
        db = Path(folder) / "tianbao.db"
        started = time.perf_counter()
        build_database(db)
        print(f"database: {REPORTS} reports from seed 000 "
              f"({db.stat().st_size / 1e6:.1f} MB, built in {time.perf_counter() - started:.1f} s)")
        # Bytecode is cached (outside the repo) as in an installed app; the warm-up fills it.
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": folder,
               "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache"),
               "TIANBAO_SMOKE_QUIT_MS": "0"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        log = Path(folder) / "tianbao" / "tianbao.log"
        app = [sys.executable, str(ROOT / "main.py"), "--db", str(db)]  # as a person starts it
        bare_times: list[float] = []
        app_times: list[float] = []
        ready_times: list[float] = []
        time_once(BARE, env)  # warm-up: file cache, font cache, .pyc files
        time_start(app, env, log)
        for _ in range(RUNS):
            bare_times.append(time_once(BARE, env))
            shown, ready = time_start(app, env, log)
            app_times.append(shown)
            ready_times.append(ready)
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
