"""Helper for the crash tests: save values in a loop, printing each confirmed save.

Usage: python crash_writer.py DB_PATH FIRST_NUMBER
Prints "ready" once the database is open, then the number n after each save of
key "k<n>" (and of key "counter" = n) has returned. The parent kills it with SIGKILL.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import storage  # noqa: E402


def main() -> None:
    path, first = sys.argv[1], int(sys.argv[2])
    store = storage.open_database(path)
    reports = storage.list_reports(store)
    report_id = reports[0].id if reports else storage.create_report(
        store, form_id="crash", form_version=1, template_source="id = 'crash'", title="崩溃测试")
    print("ready", flush=True)
    n = first
    while True:
        storage.save_value(store, report_id, f"k{n}", f"第{n}次保存：成都市疾控中心", {"n": n})
        storage.save_value(store, report_id, "counter", str(n), n)
        print(n, flush=True)
        n += 1


if __name__ == "__main__":
    main()
