"""Listing and searching 10,000 reports (target: <= 100 ms each).

Reports are bulk-inserted (about 30 values each, texts taken from seed form 000 with
the place names varied), the search index is filled the way ``flush_search_index``
fills it, then list_reports and search_reports are timed (median of several runs).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import storage  # noqa: E402
from storage import fts  # noqa: E402

REPORTS = 10_000
MAX_VALUE_CHARS = 80
TARGET_MS = 100.0
RUNS = 7
CITIES = ["成都", "自贡", "攀枝花", "泸州", "德阳", "绵阳", "广元", "遂宁", "内江", "乐山",
          "南充", "眉山", "宜宾", "广安", "达州", "雅安", "巴中", "资阳", "西安", "昆明",
          "贵阳", "兰州", "武汉", "长沙", "郑州"]
PROVINCES = ["四川", "陕西", "云南", "贵州", "甘肃", "湖北", "湖南", "河南"]
LATIN = ["WeChat official account", "Douyin live stream", "Weibo topic", "CDC open day"]


def _seed_texts() -> list[str]:
    seed = json.loads((ROOT / "tests" / "fixtures" / "seed_000_values.json")
                      .read_text(encoding="utf-8"))
    return [" ".join(text.split())[:MAX_VALUE_CHARS] for text in seed.values()]


def _fill(store: storage.Store, texts: list[str]) -> None:
    db = store.db
    template_id = storage.save_template_snapshot(store, "cancer_week_summary", 1, "id = 'x'")
    reports, values, docs = [], [], []
    for rid in range(1, REPORTS + 1):
        city = CITIES[rid % len(CITIES)]
        province = PROVINCES[rid % len(PROVINCES)]
        stamp = f"2024-{1 + rid % 12:02d}-{1 + rid % 28:02d}T{rid % 24:02d}:{rid % 60:02d}:00"
        title = f"第{20 + rid % 11}届全国肿瘤防治宣传周活动总结表"
        unit = f"{city}市疾病预防控制中心"
        period = f"第{20 + rid % 11}届"
        reports.append((rid, "cancer_week_summary", 1, template_id, title, unit, period,
                        2014 + rid % 11, "draft" if rid % 3 else "complete", stamp, stamp))
        docs.append((fts.rowid(rid, 0), fts.index_text(f"{title}\n{unit}\n{period}")))
        for slot, text in enumerate(texts, start=1):
            raw = text.replace("成都", city).replace("四川", province)
            if slot == 5:
                raw = f"{raw} {LATIN[rid % len(LATIN)]}"
            raw = raw.replace("603", str(rid % 997))
            values.append((rid, f"field_{slot}", slot, raw, json.dumps(raw), stamp))
            docs.append((fts.rowid(rid, slot), fts.index_text(raw)))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO reports (id, form_id, form_version, template_id, title, unit, period, "
            "year, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            reports)
        db.conn.executemany(
            "INSERT INTO field_values (report_id, key, slot, raw, normalised, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)", values)
        db.conn.executemany("INSERT INTO report_search (rowid, body) VALUES (?, ?)", docs)
    db.execute("INSERT INTO report_search (report_search) VALUES ('optimize')")


def _median_ms(call: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> dict[str, float]:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="tianbao-bench-") as tmp:
        path = Path(tmp) / "tianbao.db"
        texts = _seed_texts()
        started = time.perf_counter()
        with storage.open_database(path, daily_backup=False) as store:
            _fill(store, texts)
        print(f"generated {REPORTS:,} reports x {len(texts)} values in "
              f"{time.perf_counter() - started:.1f} s; file {path.stat().st_size / 2**20:.0f} MiB")
        started = time.perf_counter()
        store = storage.open_database(path, daily_backup=False)
        print(f"open (with integrity_check): {(time.perf_counter() - started) * 1000:.0f} ms")
        try:
            cases: list[tuple[str, Callable[[], object]]] = [
                ("list_reports (all)", lambda: storage.list_reports(store)),
                ("list_reports (year=2024)", lambda: storage.list_reports(store, year=2024)),
                ("search '成都' (2 chars)", lambda: storage.search_reports(store, "成都")),
                ("search '癌' (1 char)", lambda: storage.search_reports(store, "癌")),
                ("search '肿瘤医院' (4 chars)", lambda: storage.search_reports(store, "肿瘤医院")),
                ("search '绵阳市疾病预防' (6 chars)",
                 lambda: storage.search_reports(store, "绵阳市疾病预防")),
                ("search 'wechat' (Latin)", lambda: storage.search_reports(store, "wechat")),
                ("search '成都 WeChat' (2 terms)",
                 lambda: storage.search_reports(store, "成都 WeChat")),
            ]
            for label, call in cases:
                ms, result = _median_ms(call)
                verdict = "OK" if ms <= TARGET_MS else "OVER TARGET"
                print(f"{label:<34} {ms:7.1f} ms  {len(result):>6,} hits  {verdict}")
                figures[label] = ms
            for rid in (1, 2, 3):  # edits not yet flushed into the index
                storage.save_value(store, rid, "field_1", f"成都市第{rid}人民医院")
            ms, result = _median_ms(lambda: storage.search_reports(store, "成都"))
            print(f"{'search 成都 with 3 pending reports':<34} {ms:7.1f} ms  {len(result):>6,} hits")
            figures["search with pending"] = ms
        finally:
            store.close()
    print(f"target: <= {TARGET_MS:.0f} ms each")
    return figures


if __name__ == "__main__":
    main()
