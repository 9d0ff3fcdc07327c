"""Adding and reading back a 1 GiB attachment: peak memory increase (target < 64 MiB).

The work runs in a fresh child process, which reports its RSS high-water mark
(``resource.getrusage``) before and after, so nothing else in the run muddies it.
All big files live in a temp folder that is removed afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = 1024**3
BLOCK = 1024**2
TARGET_MIB = 64


def _peak_mib() -> float:
    import resource  # POSIX only

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024**2  # KiB on Linux


def _make_file(path: Path) -> str:
    """1 GiB of varied bytes (a random block, stamped per MiB); returns its SHA-256."""
    digest = hashlib.sha256()
    block = bytearray(os.urandom(BLOCK))
    with path.open("wb") as out:
        for i in range(SIZE // BLOCK):
            block[:8] = i.to_bytes(8, "little")
            out.write(block)
            digest.update(block)
    return digest.hexdigest()


def child(folder: Path) -> None:
    import storage

    source = folder / "video.mp4"
    expected = _make_file(source)
    store = storage.open_database(folder / "tianbao.db", daily_backup=False)
    report_id = storage.create_report(store, form_id="f", form_version=1,
                                      template_source="id = 'f'", title="大附件")
    before = _peak_mib()
    started = time.perf_counter()
    att_id = storage.add_attachment(store, report_id, source, max_size=2 * SIZE)
    add_s = time.perf_counter() - started
    after_add = _peak_mib()
    source.unlink()
    started = time.perf_counter()
    dest = storage.save_attachment_to(store, att_id, folder / "read-back.mp4")
    read_s = time.perf_counter() - started
    after_read = _peak_mib()
    info = storage.get_attachment(store, att_id)
    store.close()
    print(json.dumps({"before": before, "after_add": after_add, "after_read": after_read,
                      "add_s": add_s, "read_s": read_s, "size": dest.stat().st_size,
                      "hash_ok": info.sha256 == expected}))


def main() -> dict[str, float]:
    if os.name != "posix":
        print("skipped: needs resource.getrusage (POSIX)")
        return {}
    with tempfile.TemporaryDirectory(prefix="tianbao-bench-") as tmp:
        result = subprocess.run([sys.executable, __file__, "--child", tmp],
                                capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip()[-2000:])
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    increase = figures["after_read"] - figures["before"]
    print(f"attachment size             {figures['size'] / 1024**3:.2f} GiB "
          f"(hash verified: {figures['hash_ok']})")
    print(f"add_attachment              {figures['add_s']:.1f} s")
    print(f"save_attachment_to          {figures['read_s']:.1f} s")
    print(f"peak RSS before / add / read {figures['before']:.0f} / {figures['after_add']:.0f} / "
          f"{figures['after_read']:.0f} MiB")
    verdict = "OK" if increase < TARGET_MIB else "OVER TARGET"
    print(f"peak memory increase        {increase:.1f} MiB  (target < {TARGET_MIB} MiB) {verdict}")
    return {"increase_mib": increase, **figures}


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]))
    else:
        main()
