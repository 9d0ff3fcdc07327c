"""Stable ASCII ids from Chinese labels: the toneless pinyin of the label's words.

Pinyin (through pypinyin, which works offline) keeps an id readable for the provincial IT
person and stable when rows move: 科普讲座的人数 → kepujiangzuoderenshu, whatever its position.
"""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

from forms.importing.labels import loose_key

MAX_ID = 28


def make_id(label: str, taken: set[str], fallback: str = "field") -> str:
    """An id for ``label`` not in ``taken`` (which it is added to)."""
    syllables = lazy_pinyin(loose_key(label), style=Style.NORMAL, errors="default")
    words = [re.sub(r"[^a-z0-9]", "", s.lower()) for s in syllables]
    base = ""
    for word in (w for w in words if w):
        if len(base) + len(word) > MAX_ID:
            break
        base += word
    if not base or not base[0].isalpha():
        base = f"{fallback}_{base}" if base else fallback
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    taken.add(candidate)
    return candidate
