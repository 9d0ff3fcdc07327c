"""The built bundle (dist/tianbao/): its size, and its start against the source start.

Size: every file under dist/tianbao/, unpacked, against the 250 MB target.
Start: ``tianbao --db FILE`` (frozen) and ``python main.py --db FILE`` (source) in fresh
processes, alternating, on the 1,000-report database of bench_startup, 7 runs each after a
warm-up. Each run logs (TIANBAO_SMOKE_QUIT_MS) when its window was first shown and when the
store was attached, then quits; the figures are seconds from spawn. Build the bundle first
(README: 打包 Build); without it this benchmark says so and skips.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_startup import REPORTS, build_database, time_start

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "tianbao"
TARGET_MB = 250
RUNS = 7


def bundle_size(folder: Path = BUNDLE) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> None:
    frozen = BUNDLE / ("tianbao.exe" if os.name == "nt" else "tianbao")
    if not frozen.exists():
        print(f"skipped: no bundle at {BUNDLE} (build it: see README, 打包 Build)")
        return
    size_mb = bundle_size() / 1e6
    print(f"bundle size: {size_mb:.0f} MB unpacked (target ≤ {TARGET_MB} MB)  "
          f"{'OK' if size_mb <= TARGET_MB else 'OVER TARGET'}")
    with tempfile.TemporaryDirectory(prefix="tianbao-bench-") as folder:
        db = Path(folder) / "tianbao.db"
        build_database(db)
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("UV_", "VIRTUAL_ENV", "PYTHON"))}
        env.update(QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=folder,
                   TIANBAO_SMOKE_QUIT_MS="0", PYTHONPYCACHEPREFIX=str(Path(folder) / "pyc"))
        log = Path(folder) / "tianbao" / "tianbao.log"
        runs = {"source": [sys.executable, str(ROOT / "main.py"), "--db", str(db)],
                "frozen": [str(frozen), "--db", str(db)]}
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
        for command in runs.values():
            time_start(command, env, log)  # warm-up: file cache, .pyc
        for _ in range(RUNS):
            for name, command in runs.items():
                times[name].append(time_start(command, env, log))
    medians = {name: (statistics.median(t[0] for t in found),
                      statistics.median(t[1] for t in found)) for name, found in times.items()}
    for name, (shown, ready) in medians.items():
        print(f"{name:6} start, {REPORTS} reports: window shown median {shown * 1000:.0f} ms, "
              f"store attached median {ready * 1000:.0f} ms  "
              f"({', '.join(f'{r * 1000:.0f}' for _s, r in times[name])})")
    ratio = medians["frozen"][1] / medians["source"][1]
    print(f"frozen / source (store attached): {ratio:.2f}×")


if __name__ == "__main__":
    main()
