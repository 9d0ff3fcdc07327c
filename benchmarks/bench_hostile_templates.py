"""Hostile templates are refused or handled within a second (issue 10).

Each case is checked with ``check_template_text``, as an import or ``tianbao check`` does:
5,000 fields, a 1 MB label, a 3 MB file, markup and control characters in labels. Figures
are the slowest of a few runs, against the 1,000 ms target; the outcome must be a refusal
(or a clean template) with a message, never a traceback.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from forms.loader import check_template_text

TARGET_MS = 1000.0
RUNS = 3

BASE = '''id = "mini"
title = "小表"
version = 1

[[sections]]
id = "main"
title = "主要"

[[sections.fields]]
id = "people"
label = "人数"
type = "count"
unit = "人"
'''


def five_thousand_fields() -> str:
    field = '[[sections.fields]]\nid = "f{n}"\nlabel = "第{n}栏"\ntype = "count"\n\n'
    return BASE + "".join(field.format(n=n) for n in range(5000))


CASES: dict[str, Callable[[], str]] = {
    "5,000 fields": five_thousand_fields,
    "a 1 MB label": lambda: BASE.replace('label = "人数"', 'label = "' + "标" * 1_000_000 + '"'),
    "a 3 MB file": lambda: BASE + "#" + "x" * 3_000_000,
    "markup in a label": lambda: BASE.replace('label = "人数"',
                                              'label = "<b>人数</b> & <script>x</script>"'),
    "a control character": lambda: BASE.replace('label = "人数"', 'label = "人\x07数"'),
}


def slowest_ms(text: str) -> tuple[float, str]:
    """The slowest of ``RUNS`` checks of ``text``, and what the check said."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        check = check_template_text(text, "hostile.toml")
        times.append(time.perf_counter() - started)
    said = check.problems[0].message[:40] if check.problems else "accepted"
    return max(times) * 1000, said


def main() -> None:
    print(f"check_template_text on hostile templates; target ≤ {TARGET_MS:g} ms each "
          f"(slowest of {RUNS})")
    for name, make in CASES.items():
        ms, said = slowest_ms(make())
        verdict = "OK" if ms <= TARGET_MS else "OVER TARGET"
        print(f"  {name:<22} {ms:9.1f} ms  {ms / TARGET_MS:5.3f}× target  {verdict}  ({said})")


if __name__ == "__main__":
    main()
