"""Merging 1,000 packages (target <= 15 s), against simply opening their 1,000 XLSX with openpyxl.

    uv run python -m benchmarks merge

The packages are generated here with realistic, seed-000-like values per unit (counts,
approximate figures, overlapping name and link lists, long texts). The XLSX and PDF are
built once and their bytes reused; each manifest (values, hashes) is the unit's own and valid.
Both timings run in this process on the same files.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import tempfile
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PACKAGES = 1000
TARGET_S = 15.0
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed_000_values.json"
CITIES = ("成都", "自贡", "攀枝花", "泸州", "德阳", "绵阳", "广元", "遂宁", "内江", "乐山", "南充",
          "眉山", "宜宾", "广安", "达州", "雅安", "巴中", "资阳", "阿坝", "甘孜", "凉山")
HOSPITALS = [f"{c}市第{n}人民医院" for c in CITIES for n in range(1, 40)]
MEDIA = [f"{c}{kind}" for c in CITIES for kind in ("日报", "晚报", "电视台", "新闻网", "发布")]


def unit_raw(rng: random.Random, index: int, seed_raw: dict[str, str]) -> dict[str, str]:
    """One county unit's report, written the way people write them."""
    unit = f"{CITIES[index % len(CITIES)]}市第{index // len(CITIES) + 1}县疾病预防控制中心"
    approx = "约" if rng.random() < 0.2 else ""
    hospitals = rng.sample(HOSPITALS, rng.randint(2, 8))
    media = rng.sample(MEDIA, rng.randint(1, 5))
    links = "\n".join(f"{m}\nhttps://news.example.cn/{hashlib.md5(m.encode()).hexdigest()[:8]}"
                      f"/{rng.randint(1, 3)}.html" for m in media)
    summary = seed_raw["overall_summary"]
    start = rng.randint(0, len(summary) // 2)
    day = rng.randint(10, 15)
    return {
        "edition": "第30届", "fill_date": f"2024年4月{rng.randint(26, 30)}日", "unit_name": unit,
        "activity_time": f"2024年4月{day}-{day + rng.randint(3, 10)}日",
        "activity_place": f"{CITIES[index % len(CITIES)]}市",
        "hospitals": f"{len(hospitals) + rng.randint(0, 20)}家；{'、'.join(hospitals)}；等",
        "organizations": f"{rng.randint(1, 5)}家；{unit}、{CITIES[index % len(CITIES)]}市抗癌协会",
        "lectures": f"{rng.randint(1, 60)}场",
        "lecture_attendance.offline": f"{approx}{rng.randint(100, 20000)}人",
        "lecture_attendance.online": f"{rng.randint(100, 50000)}人次",
        "symposia": f"{rng.randint(0, 10)}场",
        "symposium_attendance.offline": f"{rng.randint(10, 800)}人",
        "symposium_attendance.online": f"约{rng.randint(1, 90)}00人次",
        "clinics": f"{rng.randint(1, 80)}场",
        "clinic_attendance.offline": f"{rng.randint(50, 9000)}人",
        "clinic_attendance.online": f"{approx}{rng.randint(0, 4000)}人",
        "posters": f"{rng.randint(10, 900)}张", "printed_materials": f"{rng.randint(1, 40)}000份",
        "exhibitions": f"{rng.randint(0, 6)}场", "quizzes": f"{rng.randint(0, 9)}场",
        "fee_reduction": f"约{rng.randint(1, 30)}万元" if approx else f"{rng.randint(0, 90000)}元",
        "medical_staff": f"{approx}{rng.randint(5, 500)}人",
        "direct_beneficiaries": f"{rng.randint(100, 9000)}人",
        "expected_beneficiaries": f"{rng.randint(1, 9)}万人",
        "media_reports": f"{len(media)}家；{'、'.join(media)}",
        "media_interviews": f"{rng.randint(0, 3)}家",
        "media_links": links, "media_reads": f"超过{rng.randint(1, 90)}万次",
        "special_activities": f"{unit}开展“七进”现场活动，形式多样的科普讲座、义诊咨询服务。",
        "overall_summary": summary[start : start + rng.randint(200, 900)],
        "filled_by": "张三", "contact_phone": "028-85880016",
    }


def generate(folder: Path) -> list[Path]:
    """1,000 packages: the unit's own manifest, shared XLSX/PDF bytes; manifests are valid."""
    from exports.model import TEMPLATE_KIND, TEMPLATE_MEMBER, ReportData
    from exports.package import manifest, package_stem
    from exports.pdf import pdf_bytes
    from exports.xlsx import xlsx_bytes
    from forms.loader import builtin_templates
    from forms.validate import expand_values

    template = builtin_templates()["cancer_week_summary"]
    seed_raw = expand_values(template, json.loads(SEED.read_text(encoding="utf-8")))[0]
    rng = random.Random(30)
    first = ReportData.from_raw(template, unit_raw(rng, 0, seed_raw), unit="样例", period="第30届")
    documents = {"xlsx": xlsx_bytes(first), "pdf": pdf_bytes(first),
                 TEMPLATE_KIND: template.source.encode("utf-8")}  # format 2 carries it
    digests = {kind: hashlib.sha256(data).hexdigest() for kind, data in documents.items()}
    paths = []
    when = datetime(2024, 4, 28, 9, 0).astimezone()
    for index in range(PACKAGES):
        raw = unit_raw(rng, index, seed_raw)
        data = ReportData.from_raw(template, raw, unit=raw["unit_name"], period="第30届",
                                   report_id=index + 1, status="complete")
        stem = package_stem(data)
        names = {"xlsx": f"{stem}.xlsx", "pdf": f"{stem}.pdf", TEMPLATE_KIND: TEMPLATE_MEMBER}
        files = [{"path": names[kind], "kind": kind, "size": len(documents[kind]),
                  "sha256": digests[kind], "name": names[kind], "mime_type": ""}
                 for kind in ("xlsx", "pdf", TEMPLATE_KIND)]
        text = json.dumps(manifest(data, when + timedelta(minutes=index), files),
                          ensure_ascii=False, indent=2)
        path = folder / f"{stem}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for entry in files:
                archive.writestr(entry["path"], documents[entry["kind"]])
            archive.writestr("manifest.json", text.encode("utf-8"))
        paths.append(path)
    return paths


def extract_xlsx(paths: list[Path], folder: Path) -> list[Path]:
    """The XLSX of each package as a file of its own, for the baseline."""
    out = []
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".xlsx"))
            target = folder / Path(name).name
            target.write_bytes(archive.read(name))
        out.append(target)
    return out


def main() -> dict[str, float]:
    import openpyxl

    import storage
    from ui import operations

    with tempfile.TemporaryDirectory(prefix="tianbao-bench-merge-") as tmp:
        folder = Path(tmp)
        (folder / "packages").mkdir()
        (folder / "xlsx").mkdir()
        started = time.perf_counter()
        paths = generate(folder / "packages")
        size = sum(p.stat().st_size for p in paths)
        print(f"Generated {len(paths)} packages in {time.perf_counter() - started:.1f} s "
              f"({size / len(paths) / 1024:.0f} KiB each)")
        xlsx_files = extract_xlsx(paths, folder / "xlsx")
        store = storage.open_database(folder / "bench.db", daily_backup=False)
        try:
            start = time.perf_counter()
            outcome = operations.merge_into_new_report(store, [folder / "packages"],
                                                       unit="四川省抗癌协会")
            merge_s = time.perf_counter() - start
            report = storage.get_report(store.db, outcome.report_id)
            hospitals = storage.get_values(store.db, outcome.report_id)["hospitals"].normalised
        finally:
            store.close()
        assert len(outcome.merged) == PACKAGES and not outcome.rejected, outcome.rejected[:3]
        verdict = "OK" if merge_s <= TARGET_S else "OVER TARGET"
        print(f"Merge of {PACKAGES} packages into a new report (checks, hashes, combine, backup, "
              f"one transaction): {merge_s:.2f} s ({merge_s / PACKAGES * 1000:.1f} ms each) — "
              f"target ≤ {TARGET_S:.0f} s: {verdict}")
        print(f"  merged: {len(report.source_info['sources'])} units, "
              f"{hospitals['count']['value']:,} hospitals ({len(hospitals['names']):,} named)")
        start = time.perf_counter()
        for path in xlsx_files:
            openpyxl.load_workbook(path).close()
        open_s = time.perf_counter() - start
        print(f"Baseline: openpyxl.load_workbook on the same {len(xlsx_files)} XLSX: {open_s:.2f} s "
              f"({open_s / len(xlsx_files) * 1000:.1f} ms each)")
        print(f"Ratio merge / opening the XLSX: {merge_s / open_s:.2f} "
              f"(merging is {open_s / merge_s:.1f}× faster than just opening the workbooks)")
    return {"merge_s": merge_s, "open_s": open_s, "ratio": merge_s / open_s}


if __name__ == "__main__":
    main()
