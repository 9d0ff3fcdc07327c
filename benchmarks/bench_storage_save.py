"""save_value vs a raw sqlite3 BEGIN/INSERT/COMMIT with the same PRAGMAs (target <= 1.5x).

Both run on files in the same temp folder, interleaved in one run so disk noise hits both.
save_value keeps a value row, a history row and the report's updated_at in one
transaction; the search index catches up later (storage/fts.py), so it is not paid here.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import storage  # noqa: E402

ROUNDS = 1000
TARGET_RATIO = 1.5
SAMPLE_TEXT = "线下参与210546人，线上观看245975人次；成都市第七人民医院、四川省肿瘤医院"


def _raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, report_id INTEGER, "
                 "key TEXT, raw TEXT, normalised TEXT, updated_at TEXT)")
    return conn


def main() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="tianbao-bench-") as tmp:
        folder = Path(tmp)
        raw = _raw_connection(folder / "raw.db")
        store = storage.open_database(folder / "tianbao.db", daily_backup=False)
        report_id = storage.create_report(store, form_id="cancer_week_summary", form_version=1,
                                          template_source="id = 'x'", title="bench")
        # A realistic report: ~30 values already there.
        storage.save_values(store, report_id, {f"field_{i}": SAMPLE_TEXT for i in range(30)})
        ours: list[float] = []
        baseline: list[float] = []
        for i in range(ROUNDS):
            text = f"{SAMPLE_TEXT}{i}"
            start = time.perf_counter()
            storage.save_value(store, report_id, f"field_{i % 30}", text, {"n": i})
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            raw.execute("BEGIN")
            raw.execute("INSERT INTO t (report_id, key, raw, normalised, updated_at) "
                        "VALUES (?, ?, ?, ?, ?)", [report_id, f"field_{i % 30}", text,
                                                   f'{{"n":{i}}}', "2024-01-01T00:00:00"])
            raw.execute("COMMIT")
            baseline.append(time.perf_counter() - start)
        # Worst case: the first edit since the index caught up also marks the report stale.
        first_edits: list[float] = []
        for i in range(ROUNDS // 4):
            storage.flush_search_index(store)
            start = time.perf_counter()
            storage.save_value(store, report_id, f"field_{i % 30}", f"{SAMPLE_TEXT}#{i}")
            first_edits.append(time.perf_counter() - start)
        store.close()
        raw.close()
    ours_ms = statistics.median(ours) * 1000
    base_ms = statistics.median(baseline) * 1000
    ratio = ours_ms / base_ms
    print(f"save_value median        {ours_ms:.3f} ms  ({ROUNDS} saves)")
    print(f"raw BEGIN/INSERT/COMMIT  {base_ms:.3f} ms  (same PRAGMAs: WAL, synchronous=FULL)")
    verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"ratio                    {ratio:.2f}x  (target <= {TARGET_RATIO}x) {verdict}")
    first_ms = statistics.median(first_edits) * 1000
    print(f"first save after a search-index flush: {first_ms:.3f} ms "
          f"({first_ms / base_ms:.2f}x; once per report per flush)")
    return {"save_value_ms": ours_ms, "baseline_ms": base_ms, "ratio": ratio,
            "first_save_ms": first_ms}


if __name__ == "__main__":
    main()
