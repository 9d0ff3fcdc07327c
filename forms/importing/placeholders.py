"""What an empty slot of a blank form says about its field: 年 月 日, a unit, □是 □否, 盖章."""

from __future__ import annotations

import re
from dataclasses import dataclass

from forms.quantity import COUNT_UNITS, MONEY_UNITS

_BLANK = re.compile(r"[\s\u3000_＿…\.·]+")
_BOXES = "□☐■☑☒◻○◯"
_DATE = re.compile(r"^(?:\d{4})?年(?:\d{1,2})?月(?:\d{1,2})?日$")
_RANGE = re.compile(r"^(?:\d{4})?年?(?:\d{1,2})?月(?:\d{1,2})?日?(?:至|到|—|-|~|～)(?:\d{4})?年?(?:\d{1,2})?月?(?:\d{1,2})?日$")
_UNIT = re.compile(r"^[(（]?(?:单位[:：])?(?P<unit>[^()（）]{1,3})[)）]?$")
_PART = re.compile(r"^(?P<label>[\u3400-\u9fff]{2,10}?)[:：]?(?P<unit>" +
                   "|".join(sorted(COUNT_UNITS + MONEY_UNITS, key=len, reverse=True)) + ")?$")
_STAMP = re.compile(r"^[(（]?(?:加?盖(?:公)?章|签章|公章)[)）]?$")


@dataclass(frozen=True, slots=True)
class Slot:
    """What one value cell's printed hint says; ``kind`` is "" for a plain empty cell."""

    kind: str = ""  # "", "date", "date_range", "unit", "options", "stamp", "part"
    unit: str | None = None
    options: tuple[str, ...] = ()
    label: str = ""  # for "part": 线下参与 in “线下参与______人”


def read_slot(text: str) -> Slot | None:
    """The hint in an empty-looking value cell, or None when the text is a real label or value."""
    compact = _BLANK.sub("", text)
    if len(compact) > 60:
        return None
    if not compact:
        return Slot()
    if _DATE.match(compact):
        return Slot("date")
    if _RANGE.match(compact):
        return Slot("date_range")
    if _STAMP.match(compact):
        return Slot("stamp")
    if any(box in text for box in _BOXES):
        options = tuple(o for o in (_BLANK.sub("", p) for p in re.split(f"[{_BOXES}]", text)) if o)
        if options and all(len(o) <= 20 for o in options):
            return Slot("options", options=options)
    unit = _UNIT.match(compact)
    if unit and unit["unit"] in COUNT_UNITS + MONEY_UNITS:
        return Slot("unit", unit=unit["unit"])
    # “线下参与______人”: a part's label, a blank, then its unit; the blank is what says so.
    if _BLANK.search(text.strip()):
        part = _PART.match(compact)
        if part and part["unit"]:
            return Slot("part", unit=part["unit"], label=part["label"])
    return None


MAX_LABEL = 200  # longer texts in a blank form are instructions, not labels


def is_blank_label(text: str) -> bool:
    """In a blank form, any cell with words that are not a slot's hint is a label."""
    return bool(text.strip()) and len(text) <= MAX_LABEL and read_slot(text) is None
