"""Validation speed on the real seed-000 report.

(a) one field plus the rules that depend on it (``Validator.set``): target ≤ 0.2 ms median;
(b) the whole seed-000 report (``validate_report``): target ≤ 5 ms median.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from forms.loader import builtin_templates
from forms.validate import Validator, expand_values, validate_report

SEED_000 = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seed_000_values.json"
FIELD_TARGET_MS = 0.2
REPORT_TARGET_MS = 5.0
# Representative fields: a quantity under a rule, a pair part, the long summary, name lists,
# the link list, and the copy-pasted cell that trips the duplicate-text rule.
FIELDS = ("direct_beneficiaries", "lecture_attendance.online", "fill_date", "hospitals",
          "media_reports", "media_links", "media_reads", "overall_summary")


def median_ms(run: Callable[[int], object], repeats: int) -> float:
    """Median wall time of ``run(i)`` in milliseconds, after a short warm-up."""
    for i in range(5):
        run(i)
    times = []
    for i in range(repeats):
        started = time.perf_counter()
        run(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def verdict(value: float, target: float) -> str:
    return "OK" if value <= target else "OVER TARGET"


def main() -> None:
    template = builtin_templates()["cancer_week_summary"]
    cells = json.loads(SEED_000.read_text(encoding="utf-8"))
    raw, _ = expand_values(template, cells)
    validator = Validator(template, raw)

    print(f"(a) one field + its rules (Validator.set on a populated seed-000 report), "
          f"target ≤ {FIELD_TARGET_MS} ms median")
    worst = 0.0
    for key in FIELDS:
        # Alternate two texts, as typing does, so nothing is served from an unchanged field.
        texts = (raw[key], raw[key] + "1")
        ms = median_ms(lambda i, key=key, texts=texts: validator.set(key, texts[i % 2]), 2000)
        worst = max(worst, ms)
        print(f"    {key:<28} {len(raw[key]):>6} chars  {ms:.4f} ms  {verdict(ms, FIELD_TARGET_MS)}")
        validator.set(key, raw[key])
    print(f"    worst field: {worst:.4f} ms  {verdict(worst, FIELD_TARGET_MS)}")

    ms = median_ms(lambda i: validate_report(template, raw), 300)
    print(f"(b) whole seed-000 report (validate_report, {len(raw)} fields): {ms:.3f} ms median, "
          f"target ≤ {REPORT_TARGET_MS} ms  {verdict(ms, REPORT_TARGET_MS)}")


if __name__ == "__main__":
    main()
