"""Loading a template from the database: target ≤ 5 ms for the 宣传周 form.

The 宣传周 template is stored as an imported form (next year's edition, as a province would
send it) in a real database file, with a report made from it. Measured, median of many:
(a) the stored template read and built (``storage.get_imported_template`` + the check);
(b) a report's own snapshot read and built (``operations.template_for_report``), which is
    what opening a report does;
(c) the whole catalogue (built-in files and every imported form) and a lookup in it, which
    is what a new report or ``forms``/``check`` does; templates already built in this process
    are kept by their text, so the first catalogue of a process parses every form once.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import storage
from forms.loader import FORMS_DIR
from ui import catalogue, operations

TARGET_MS = 5.0
FORM = "cancer_week_summary_next"


def median_ms(run: Callable[[], object], repeats: int) -> float:
    for _ in range(5):
        run()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def verdict(value: float) -> str:
    return f"{value / TARGET_MS:.2f}× target  " + ("OK" if value <= TARGET_MS else "OVER TARGET")


def main() -> None:
    source = (FORMS_DIR / "cancer_week_summary.toml").read_text(encoding="utf-8")
    source = source.replace('id = "cancer_week_summary"', f'id = "{FORM}"', 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tianbao.db"
        with storage.open_database(path, daily_backup=False) as store:
            outcome = catalogue.import_template_text(store, source, "宣传周.toml", "宣传周.toml")
            fields = sum(1 for _ in outcome.template.leaves())
            report_id = operations.create_report(store, FORM)

            def stored(cold: bool) -> object:
                if cold:  # as the first time in a process: nothing parsed yet
                    catalogue.forget_checked()
                row = storage.get_imported_template(store, FORM)
                template, problems = catalogue.check_template(row.source, FORM)
                assert template is not None and not problems
                return template

            print(f"宣传周 template: {len(source):,} characters, {fields} fields; "
                  f"target ≤ {TARGET_MS} ms median")
            ms = median_ms(lambda: stored(cold=True), 300)
            print(f"(a) imported template read + built, first time:  {ms:.3f} ms  {verdict(ms)}")
            ms = median_ms(lambda: stored(cold=False), 300)
            print(f"    again (built template kept by its text):     {ms:.3f} ms  {verdict(ms)}")
            def snapshot(cold: bool) -> object:
                if cold:
                    catalogue.forget_checked()
                return operations.template_for_report(store, report_id)

            ms = median_ms(lambda: snapshot(cold=True), 300)
            print(f"(b) report snapshot read + built, first time:    {ms:.3f} ms  {verdict(ms)}")
            ms = median_ms(lambda: snapshot(cold=False), 300)
            print(f"    again (another report, or opened again):     {ms:.3f} ms  {verdict(ms)}")

            def lookup(cold: bool) -> object:
                if cold:
                    catalogue.forget_checked()
                return catalogue.template_catalogue(store).get(FORM)

            ms = median_ms(lambda: lookup(cold=True), 100)
            print(f"(c) whole catalogue (3 forms) + lookup, first:   {ms:.3f} ms  "
                  "(once per process: informational)")
            ms = median_ms(lambda: lookup(cold=False), 300)
            print(f"    again:                                       {ms:.3f} ms  {verdict(ms)}")


if __name__ == "__main__":
    main()
