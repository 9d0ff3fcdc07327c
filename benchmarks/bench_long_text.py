"""Exporting very long texts (issue 12, section 5): every character printed, in linear time.

    uv run python -m benchmarks long_text

The longest text a field takes is 200,000 characters (forms' MAX_INPUT). Before issue 12
the PDF was quadratic in a cell's length (a 200,000-character 单位名称 failed with a
LayoutError after 132 s). Figures are seconds per export, printed against the targets and
as the ratio of the 200,000-character time to 10 times the 20,000-character time (1.0 is
linear).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed_000_values.json"
SIZES = (20_000, 200_000)
PDF_TARGET_S = {20_000: 1.0, 200_000: 10.0}
XLSX_TARGET_S = {20_000: 0.3, 200_000: 1.5}
SENTENCE = "四川省开展肿瘤防治宣传活动，组织科普讲座和义诊咨询，效果良好。"


def report(field: str, length: int):
    from exports.model import ReportData
    from forms.loader import builtin_templates
    from forms.validate import expand_values

    template = builtin_templates()["cancer_week_summary"]
    raw = expand_values(template, json.loads(SEED.read_text(encoding="utf-8")))[0]
    raw[field] = (SENTENCE * (length // len(SENTENCE) + 1))[:length]
    return ReportData.from_raw(template, raw, report_id=1, unit=raw["unit_name"], period="第30届")


def timed(write, data) -> float:
    start = time.perf_counter()
    write(data)
    return time.perf_counter() - start


def main() -> None:
    from exports.pdf import pdf_bytes
    from exports.xlsx import xlsx_bytes

    pdf_bytes(report("overall_summary", 100))  # fonts registered before timing
    for field in ("overall_summary", "unit_name"):
        pdf_times, xlsx_times = {}, {}
        for length in SIZES:
            data = report(field, length)
            pdf_times[length] = timed(pdf_bytes, data)
            xlsx_times[length] = timed(xlsx_bytes, data)
            for kind, seconds, target in (("PDF", pdf_times[length], PDF_TARGET_S[length]),
                                          ("XLSX", xlsx_times[length], XLSX_TARGET_S[length])):
                verdict = "OK" if seconds <= target else "OVER TARGET"
                print(f"{field} {length:>7,} chars  {kind:<4} {seconds:6.2f} s  "
                      f"({seconds / target:.2f}× target {target} s)  {verdict}")
        for kind, times in (("PDF", pdf_times), ("XLSX", xlsx_times)):
            growth = times[SIZES[1]] / (times[SIZES[0]] * SIZES[1] / SIZES[0])
            print(f"{field} {kind} growth: 200,000 chars = {growth:.2f}× ten times 20,000 "
                  "(1.0 = linear)")


if __name__ == "__main__":
    main()
