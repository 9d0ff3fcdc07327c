"""Compound rows (线下参与 / 线上观看): a whole pasted cell split into its parts, the total
written with them kept and checked, and a part's figure typed into the other part's box.

"共4060人次，其中线下参与860人，线上观看3200人次" gives 线下参与 "线下参与860人（共4060人次）" and
线上观看 "线上观看3200人次": both figures, and the total kept beside the first, where the
Validator checks it against their sum.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from forms.issues import ERROR, WARNING, Issue
from forms.messages import msg
from forms.quantity import (
    TOTAL_WORDS,
    Quantity,
    format_number,
    read_quantity,
    related,
    same_family,
    split_note,
)
from forms.spec import FieldSpec

_SUBSET = "其中"
_BRACKETED = re.compile(r"\s*([^（(\n]+?)\s*[（(](.+)[）)][\s。.]*", re.DOTALL)


def split_compound(spec: FieldSpec, text: str) -> dict[str, str]:
    """A whole pasted cell of a compound field, split into its parts' texts.

    Segments are matched to parts by their label (线下…/线上…), otherwise in order; a total
    (共…, 合计…, or the figure before 其中) goes, in brackets, with the first part given.
    """
    total, body = _bracketed_total(spec, text)
    segments = _segments(spec, body)
    if total is None:
        total, segments = _total_segment(segments)
    segments = [s.removeprefix(_SUBSET).strip() for s in segments]
    result: dict[str, str] = {}
    leftovers: list[str] = []
    for segment in segments:
        part = _part_for(spec, segment, result)
        if part is None:
            leftovers.append(segment)
        else:
            result[part.key] = segment
    free = [p for p in spec.parts if p.key not in result]
    for part, segment in zip(free, leftovers, strict=False):
        result[part.key] = segment
    if len(leftovers) > len(free) and spec.parts:
        last = spec.parts[-1].key
        result[last] = "\n".join([result.get(last, "")] + leftovers[len(free):]).strip()
    holder = next((p.key for p in spec.parts if result.get(p.key)), None)
    if total and holder:
        result[holder] = f"{result[holder]}（{total}）"
    return result


def _segments(spec: FieldSpec, text: str) -> list[str]:
    starts = "|".join(re.escape(p.label[:2]) for p in spec.parts if len(p.label) >= 2)
    breaks = r"\n|[/／|；;，、]|,(?!\d)" + (rf"|(?<=\S)\s*(?={starts})" if starts else "")
    return [s.strip() for s in re.split(breaks, text) if s.strip()]


def _bracketed_total(spec: FieldSpec, text: str) -> tuple[str | None, str]:
    """4060人次（线下860人，线上3200人次）: the total before brackets holding the parts."""
    match = _BRACKETED.fullmatch(text)
    if match is None or not any(p.label[:2] in match[2] for p in spec.parts if len(p.label) >= 2):
        return None, text
    head = match[1].strip(" ：:，,")
    if not isinstance(read_quantity(head), Quantity):
        return None, text
    return _as_total(head), match[2]


def _total_segment(segments: list[str]) -> tuple[str | None, list[str]]:
    """The segment that is the total: 共4060人次, or the figure just before 其中…."""
    for index, segment in enumerate(segments):
        follows = index + 1 < len(segments) and segments[index + 1].startswith(_SUBSET)
        if (segment.startswith(TOTAL_WORDS) or follows) and \
                isinstance(read_quantity(segment), Quantity):
            return _as_total(segment), segments[:index] + segments[index + 1:]
    return None, segments


def _as_total(segment: str) -> str:
    segment = segment.strip(" :：，,")
    return segment if segment.startswith(TOTAL_WORDS) else f"合计{segment}"


def _part_for(spec: FieldSpec, segment: str, taken: dict[str, str]) -> FieldSpec | None:
    for part in spec.parts:
        if part.key in taken:
            continue
        if segment.startswith(part.label) or segment.startswith(part.label[:2]):
            return part
    return None


# --- in a report: the total against its parts, and figures in the wrong part -----------------

def written_total(raw: str) -> Quantity | None:
    """The total kept in a part's text: （共4060人次）."""
    _head, note = split_note(raw)
    for piece in note.split("；"):
        if piece.startswith(TOTAL_WORDS):
            found = read_quantity(piece)
            if isinstance(found, Quantity) and not found.prefix:
                return found
    return None


def total_issues(spec: FieldSpec, raw: Mapping[str, str], values: Mapping[str, Any]) -> list[Issue]:
    """A warning when the total written with a compound row's parts is not their sum."""
    for holder in spec.parts:
        total = written_total(raw.get(holder.key, "")) if "（" in raw.get(holder.key, "") else None
        if total is not None:
            break
    else:
        return []
    given = [(part, values.get(part.key)) for part in spec.parts]
    given = [(part, v) for part, v in given if isinstance(v, dict) and "value" in v]
    if total.qualifier or not given or any(v.get("qualifier") for _, v in given):
        return []  # 约: nothing exact to add up
    unit = total.unit
    if unit and any(v.get("unit") and v["unit"] != unit and not same_family(v["unit"], unit)
                    for _, v in given):
        return []
    summed = sum((Decimal(str(v["value"])) for _, v in given), Decimal(0))
    if summed == total.value:
        return []
    detail = [f"{part.label}{format_number(v['value'])}{v.get('unit') or ''}" for part, v in given]
    return [Issue(holder.key, holder.full_label or holder.label, WARNING, "total_mismatch",
                  msg("合计{total}与各项之和{sum}（{parts}）不一致",
                      total=f"{format_number(total.value)}{unit or ''}",
                      sum=format_number(summed), parts=detail),
                  msg("请核对合计和各项数字"))]


def other_part_issue(spec: FieldSpec, part: FieldSpec, raw: str) -> Issue | None:
    """An error when a part's figure is labelled as another part's: 线下参与860人 typed into
    线上观看 (never stored as an online figure)."""
    quantity = read_quantity(raw) if raw.strip() else None
    if not isinstance(quantity, Quantity):
        return None
    for words in (quantity.prefix, quantity.suffix):
        if not words or related(words, part.label):
            continue
        for other in spec.parts:
            if other is not part and related(words, other.label):
                return Issue(part.key, part.full_label or part.label, ERROR, "other_part",
                             msg("“{words}”的数字应填在“{other}”栏，而不是“{part}”栏",
                                 words=words, other=other.label, part=part.label),
                             msg("请移到“{other}”", other=other.label))
    return None

