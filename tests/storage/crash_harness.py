"""Kill a writing process at random moments and check that every confirmed save survived.

Shared by tests/storage/test_crash.py (20 rounds) and benchmarks/bench_crash_soak.py.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import storage

HELPER = Path(__file__).with_name("crash_writer.py")


@dataclass
class CrashStats:
    rounds: int = 0
    saves_confirmed: int = 0  # numbers the child printed (save_value had returned)
    saves_found: int = 0  # of those, present after the kill
    integrity_failures: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (not self.problems and not self.integrity_failures
                and self.saves_found == self.saves_confirmed)


def run_rounds(db_path: Path, rounds: int, *, seed: int | None = None) -> CrashStats:
    rng = random.Random(seed)
    stats = CrashStats()
    next_n = 0
    for round_no in range(rounds):
        printed, error = _one_round(db_path, next_n, rng)
        stats.rounds += 1
        if error:
            stats.problems.append(f"round {round_no}: {error}")
            continue
        found = _check(db_path, printed, stats, round_no)
        next_n = max([next_n - 1, *found, *printed]) + 1
    return stats


def _one_round(db_path: Path, first: int, rng: random.Random) -> tuple[list[int], str]:
    proc = subprocess.Popen([sys.executable, str(HELPER), str(db_path), str(first)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    if rng.random() < 0.25:
        time.sleep(rng.uniform(0.0, 0.5))  # somewhere in start-up: open, migrate, backup
    else:
        lines.append(proc.stdout.readline())  # "ready": now in the save loop
        time.sleep(rng.uniform(0.0, 0.15))
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate()
    lines.extend(out.splitlines())
    if proc.returncode != -signal.SIGKILL:
        return [], f"writer exited by itself ({proc.returncode}): {err.strip()[-500:]}"
    return [int(line) for line in lines if line.strip().isdigit()], ""


def _check(db_path: Path, printed: list[int], stats: CrashStats, round_no: int) -> set[int]:
    stats.saves_confirmed += len(printed)
    if not db_path.exists():
        if printed:
            stats.problems.append(f"round {round_no}: database missing")
        return set()
    try:
        # A read-only view, as a second window would open the file after the crash.
        with storage.open_database(db_path, read_only=True) as viewer:
            if viewer.db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                stats.integrity_failures += 1
            found = {}
            for report in storage.list_reports(viewer):
                found.update(storage.get_values(viewer, report.id))
    except storage.ReadOnlyError:
        return set()  # killed before the schema was created: nothing was confirmed
    except storage.StorageError as exc:
        stats.integrity_failures += 1
        stats.problems.append(f"round {round_no}: {exc.text()}")
        return set()
    except sqlite3.Error as exc:
        stats.problems.append(f"round {round_no}: {exc}")
        return set()
    numbers = {int(key[1:]) for key in found if key.startswith("k")}
    for n in printed:
        value = found.get(f"k{n}")
        if value is not None and value.raw == f"第{n}次保存：成都市疾控中心" \
                and value.normalised == {"n": n}:
            stats.saves_found += 1
        else:
            stats.problems.append(f"round {round_no}: confirmed save {n} missing")
    if printed and int(found["counter"].raw) < max(printed):
        stats.problems.append(f"round {round_no}: counter went back")
    return numbers
