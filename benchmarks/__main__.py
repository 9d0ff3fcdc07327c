"""Run every benchmark script: `uv run python -m benchmarks [NAME_FRAGMENT ...]`."""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    folder = Path(__file__).parent
    scripts = sorted(p.stem for p in folder.glob("bench_*.py"))
    if argv:
        scripts = [s for s in scripts if any(a in s for a in argv)]
    failures = 0
    for name in scripts:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            module.main()
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the rest
            failures += 1
            print(f"FAILED: {type(exc).__name__}: {exc}", flush=True)
        print(f"({name} took {time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
