"""Importing from Word: targets ≤ 0.5 s for the filled 25-row 宣传周 document, ≤ 0.5 s for a
blank form to a draft template, ≤ 5 s for a 5 MB document of 1,000 rows.

Each is the whole operation a person waits for: reading the file, matching or drafting,
checking, and (for a filled form) creating the report in a real database file. Figures are
medians of several runs in a warm process, judged against the target; "cold" is the same
operation in a fresh process, its modules (python-docx, lxml, pypinyin…) loaded first, as
the command line does it (interpreter start-up not counted).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import storage
from forms.loader import builtin_templates
from tests.forms.importing import builders
from ui import importing

TARGETS = {"filled": 0.5, "blank": 0.5, "long": 5.0}


def timed(run: Callable[[], object], repeats: int) -> tuple[float, float]:
    """(first run, median of the next ``repeats``) in seconds."""
    started = time.perf_counter()
    run()
    first = time.perf_counter() - started
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return first, statistics.median(times)


_COLD = """
import time
started = time.perf_counter()
from pathlib import Path
import storage
from forms.loader import builtin_templates
from ui import importing
templates = builtin_templates()
if {blank}:
    importing.check_draft(importing.read_draft(Path({path!r}), templates))
else:
    with storage.open_database(Path({db!r}), daily_backup=False) as store:
        importing.import_report(store, importing.preview_report(Path({path!r}), templates))
print(time.perf_counter() - started)
"""


def cold(path: Path, db: Path, blank: bool) -> float:
    """The operation in a fresh process, module loading included."""
    code = _COLD.format(path=str(path), db=str(db), blank=blank)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parent.parent)
    return float(done.stdout.strip().splitlines()[-1])


def show(name: str, what: str, first: float, median: float, fresh: float) -> None:
    target = TARGETS[name]
    verdict = "OK" if median <= target else "OVER TARGET"
    print(f"{what}: {median * 1000:.0f} ms (first run {first * 1000:.0f} ms, cold process "
          f"{fresh * 1000:.0f} ms); target {target * 1000:.0f} ms; {median / target:.2f}× target"
          f"  {verdict}", flush=True)


def main() -> None:
    templates = builtin_templates()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        filled = builders.week_docx(root / "宣传周总结表.docx", builders.seed_000())
        blank = builders.week_docx(root / "第31届空白表.docx")
        long = builders.long_week_docx(root / "长表.docx", 1000, photo_pixels=1300)
        print(f"files: filled {filled.stat().st_size / 1024:.0f} KB, "
              f"1,000-row {long.stat().st_size / 1024 / 1024:.1f} MB", flush=True)
        with storage.open_database(root / "tianbao.db", daily_backup=False) as store:

            def import_filled(path: Path = filled) -> int:
                return importing.import_report(store, importing.preview_report(path, templates))

            first, median = timed(import_filled, 9)
            show("filled", "filled 25-row 宣传周 document → report", first, median,
                 cold(filled, root / "cold.db", blank=False))
            first, median = timed(lambda: importing.check_draft(
                importing.read_draft(blank, templates)), 9)
            show("blank", "blank form → draft template (read, guess, check)", first, median,
                 cold(blank, root / "cold.db", blank=True))
            first, median = timed(lambda: import_filled(long), 3)
            show("long", "5 MB document of 1,000 rows → report", first, median,
                 cold(long, root / "cold.db", blank=False))
