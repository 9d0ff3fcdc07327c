"""Outlier warnings against the unit's own history (issue 12, section 2).

A database of 1,000 宣传周 reports (100 units × 第21–30届, the seed-000 figures scaled per
report) is built in a temporary folder. Then:

(a) the history query (``operations.unit_history``: the unit's earlier reports and their
    values), run once when a report is opened or its unit/period changes;
(b) the check per field as typed: ``Validator.set`` + ``issues_for`` on every figure field of
    the open 第30届 report, with the unit's history loaded; the outlier lookup alone too.

Target: at most 1 ms per field (the issue), printed as a ratio against it; the query is
printed against the same 1 ms, though it runs once per open, never per keystroke.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import storage
from forms.loader import builtin_templates
from forms.validate import Validator, expand_values
from ui import operations

ROOT = Path(__file__).resolve().parent.parent
SEED_000 = ROOT / "tests" / "fixtures" / "seed_000_values.json"
FORM = "cancer_week_summary"
UNITS = 100
EDITIONS = range(21, 31)  # 10 editions × 100 units = 1,000 reports
TARGET_MS = 1.0
FIGURE_TYPES = ("count", "money", "name_list")


def median_ms(run: Callable[[int], object], repeats: int) -> float:
    for i in range(5):
        run(i)
    times = []
    for i in range(repeats):
        started = time.perf_counter()
        run(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def verdict(ms: float) -> str:
    return f"{ms / TARGET_MS:6.3f}× target  {'OK' if ms <= TARGET_MS else 'OVER TARGET'}"


def build(store: storage.Store, template, raw: dict[str, str]) -> int:
    """1,000 reports; returns the id of the last unit's 第30届 report."""
    parsed = Validator(template, raw)
    db = store.db
    template_id = storage.save_template_snapshot(store, FORM, template.version, template.source)
    reports, values = [], []
    rid = 0
    for unit in range(UNITS):
        for edition in EDITIONS:
            rid += 1
            scale = 1 + (unit * 7 + edition) % 5
            stamp = f"20{edition - 6:02d}-04-28T10:00:00"
            reports.append((rid, FORM, template.version, template_id,
                            f"第{edition}届全国肿瘤防治宣传周活动总结表", f"第{unit}市疾病预防控制中心",
                            f"第{edition}届", 1994 + edition, "complete", stamp, stamp))
            name = f"第{unit}市疾病预防控制中心"
            for slot, (key, text) in enumerate(raw.items(), 1):
                value = parsed.parsed[key].value
                if isinstance(value, dict) and isinstance(value.get("value"), int | float):
                    value = {**value, "value": value["value"] * scale}
                if key == template.unit_field:
                    text = value = name
                elif key == template.period_field:
                    text, value = f"第{edition}届", edition
                values.append((rid, key, slot, text, json.dumps(value, ensure_ascii=False), stamp))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO reports (id, form_id, form_version, template_id, title, unit, period, "
            "year, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            reports)
        db.conn.executemany(
            "INSERT INTO field_values (report_id, key, slot, raw, normalised, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)", values)
    return rid


def main() -> None:
    template = builtin_templates()[FORM]
    raw, _ = expand_values(template, json.loads(SEED_000.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as folder, \
            storage.open_database(Path(folder) / "bench.db", daily_backup=False) as store:
        report_id = build(store, template, raw)
        print(f"{report_id} reports of {FORM} ({UNITS} units × {len(EDITIONS)} editions)")
        session = operations.open_session(store, report_id)
        meta = operations.report_meta(template, session.validator.values(), session.validator.raw)
        history = operations.unit_history(store, FORM, meta, exclude=report_id)
        print(f"history of the open report: {len(history.figures)} fields from the unit's "
              f"earlier reports ({meta['unit']}, {meta['period']})")

        query_ms = median_ms(lambda _i: operations.unit_history(store, FORM, meta,
                                                                exclude=report_id), 50)
        print(f"(a) history query (once per open or unit/period change): {query_ms:.3f} ms  "
              f"{verdict(query_ms)}")

        validator = session.validator
        keys = [s.key for s in template.leaves() if s.type in FIGURE_TYPES]
        print(f"(b) per field as typed (set + issues_for, history loaded), target ≤ {TARGET_MS} ms")
        worst = worst_lookup = 0.0
        flagged = 0
        for key in keys:
            texts = (raw.get(key) or "603场", (raw.get(key) or "603场") + "0")
            ms = median_ms(lambda i, key=key, texts=texts: (
                validator.set(key, texts[i % 2]), validator.issues_for(key)), 500)
            lookup = median_ms(lambda _i, key=key: validator._outliers(key), 2000)  # noqa: SLF001
            past = history.figures.get(key)
            if past is not None:  # twenty times last year's figure must be flagged
                validator.set(key, f"{int(past.value) * 20}{past.unit or ''}")
                flagged += bool(validator._outliers(key))  # noqa: SLF001
            validator.set(key, texts[0])
            worst, worst_lookup = max(worst, ms), max(worst_lookup, lookup)
            print(f"    {key:<28} {ms:.4f} ms (outlier lookup {lookup:.4f} ms)  {verdict(ms)}")
        print(f"    worst field: {worst:.4f} ms  {verdict(worst)}")
        print(f"    worst outlier lookup alone: {worst_lookup:.4f} ms  {verdict(worst_lookup)}")
        print(f"    fields flagged when 20× last year's figure is typed: {flagged} of "
              f"{len(history.figures)} with a history")


if __name__ == "__main__":
    main()
