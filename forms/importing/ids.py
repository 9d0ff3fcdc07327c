"""Stable ASCII ids from Chinese labels: the toneless pinyin of the label's characters.

Pinyin (from pypinyin's character table, which works offline) keeps an id readable for the
provincial IT person and stable when rows move: 科普讲座的人数 → kepujiangzuoderenshu,
whatever its position. A character with several readings takes its first one; only the
character table is loaded (not the phrase tables, which take half a second).
"""

from __future__ import annotations

import re
import unicodedata

from forms.importing.labels import loose_key

MAX_ID = 28


def syllable(char: str) -> str:
    """One character's toneless pinyin (ü as u); letters and digits as they are."""
    from pypinyin.pinyin_dict import pinyin_dict  # noqa: PLC0415 - only drafts need it

    readings = pinyin_dict.get(ord(char))
    if not readings:
        return char.lower() if char.isascii() and char.isalnum() else ""
    first = unicodedata.normalize("NFKD", readings.split(",")[0])
    return "".join(c for c in first if c.isascii() and c.isalpha())


def make_id(label: str, taken: set[str], fallback: str = "field") -> str:
    """An id for ``label`` not in ``taken`` (which it is added to)."""
    words = [syllable(c) for c in unicodedata.normalize("NFKC", loose_key(label))]
    base = ""
    for word in (w for w in words if w):
        if len(base) + len(word) > MAX_ID:
            break
        base += word
    base = re.sub(r"[^a-z0-9]", "", base)
    if not base or not base[0].isalpha():
        base = f"{fallback}_{base}" if base else fallback
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    taken.add(candidate)
    return candidate
