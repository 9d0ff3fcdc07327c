"""Crash soak: 200 rounds of SIGKILL-ing a writer mid-save; prints what survived.

Same harness as tests/storage/test_crash.py (which does 20 rounds).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.storage.crash_harness import run_rounds  # noqa: E402

ROUNDS = 200


def main() -> dict[str, int]:
    if os.name != "posix":
        print("skipped: needs SIGKILL (POSIX)")
        return {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tianbao-soak-") as tmp:
        stats = run_rounds(Path(tmp) / "tianbao.db", ROUNDS)
    print(f"rounds              {stats.rounds}")
    print(f"saves confirmed     {stats.saves_confirmed}")
    print(f"saves found         {stats.saves_found}")
    print(f"integrity failures  {stats.integrity_failures}")
    print(f"other problems      {len(stats.problems)}")
    for problem in stats.problems[:10]:
        print(f"  {problem}")
    print(f"took                {time.perf_counter() - started:.0f} s  "
          f"({'OK' if stats.ok else 'FAILED'})")
    return {"rounds": stats.rounds, "confirmed": stats.saves_confirmed,
            "found": stats.saves_found, "integrity_failures": stats.integrity_failures}


if __name__ == "__main__":
    main()
