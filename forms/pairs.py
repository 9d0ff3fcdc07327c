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
from forms.messages import joined, msg
from forms.quantity import (
    NONE_MARKS,
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
# 3，200人: a full-width comma before exactly three digits, after a group of one to three.
_WIDE_GROUPS = re.compile(r"(?<![\d.,])(?<!\d，)\d{1,3}(?:，\d{3})+(?!\d)")
_KEPT_COMMA = "\x00"  # a full-width thousands separator, hidden from the split
# Written for none in one part, besides the marks a count field takes: 线上暂无数据.
_MORE_NONE = frozenset({"未开展线上活动",
                        "未开展线下活动", "无线上活动", "无线下活动"})
_LABEL_GAP = " \t:："
_ONLY_BRACKETS = re.compile(r"[（(](.+)[）)]", re.DOTALL)


def split_compound(spec: FieldSpec, text: str) -> dict[str, str]:
    """A whole pasted cell of a compound field, split into its parts' texts.

    Segments are matched to parts by their label (线下…/线上…), otherwise in order; a total
    (共…, 合计…, or the figure before 其中) goes, in brackets, with the first part given.
    A cell holding only a total, or one that cannot be split for sure (3，200人: one figure
    or two?), goes whole in brackets to the first part, where ``part_issue`` explains it.
    """
    if is_none_mark(text):  # 无, 暂无数据: none in every part
        return {part.key: text.strip() for part in spec.parts}
    total, body = _bracketed_total(spec, text)
    segments = _segments(spec, body)
    if segments is None:  # 3，200人: 3200, or 3 and 200?
        return {spec.parts[0].key: f"（{text.strip()}）"} if spec.parts else {}
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
    elif total and spec.parts:  # 共5000人次 alone: no part's figure
        result[spec.parts[0].key] = f"（{total}）"
    return result


def cell_texts(spec: FieldSpec, text: str,
               current: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every part's text once a whole cell is set to ``text`` (a part not in it is emptied).

    A cell holding only a total (共5000人次) leaves the parts' figures as they are
    (``current``) and is kept with the first of them, to be checked against their sum.
    """
    texts = split_compound(spec, text)
    total = total_only(spec, texts)
    if total is None or not current:
        return {part.key: texts.get(part.key, "") for part in spec.parts}
    kept = {part.key: current.get(part.key, "") for part in spec.parts}
    holder = next((key for key, raw in kept.items() if _without_total(raw)), None)
    if holder is None:
        return {**kept, spec.parts[0].key: f"（{total}）"}
    return {**kept, holder: f"{_without_total(kept[holder])}（{total}）"}


def total_only(spec: FieldSpec, texts: Mapping[str, str]) -> str | None:
    """The total, when a split cell (``split_compound``) held nothing else."""
    if len(texts) != 1 or not spec.parts or spec.parts[0].key not in texts:
        return None
    kept = _ONLY_BRACKETS.fullmatch(texts[spec.parts[0].key])
    return kept[1] if kept and kept[1].startswith(TOTAL_WORDS) else None


def _without_total(raw: str) -> str:
    """A part's text without the total kept in its brackets: 860人（共4060人次） → 860人."""
    if not raw.strip() or _ONLY_BRACKETS.fullmatch(raw.strip()):
        return ""
    head, note = split_note(raw.strip())
    kept = [piece for piece in note.split("；") if piece and not piece.startswith(TOTAL_WORDS)]
    return head + "".join(f"（{piece}）" for piece in kept)


def _segments(spec: FieldSpec, text: str) -> list[str] | None:
    """The cell's pieces, split at separators and before a part's label; None when a
    full-width comma may be a thousands separator or may part two figures (3，200人)."""
    starts = "|".join(re.escape(p.label[:2]) for p in spec.parts if len(p.label) >= 2)
    breaks = (r"\n|[；;，、]|[/／|](?=\s*[^\s/／|，,；;、])|,(?!\d)"
              + (rf"|(?<=\S)\s*(?={starts})" if starts else ""))
    groups = list(_WIDE_GROUPS.finditer(text))
    if not groups:
        return [s.strip() for s in re.split(breaks, text) if s.strip()]
    hidden = _WIDE_GROUPS.sub(lambda m: m[0].replace("，", _KEPT_COMMA), text)
    kept = [s.strip().replace(_KEPT_COMMA, "，") for s in re.split(breaks, hidden) if s.strip()]
    if _labelled(spec, text) or text.lstrip().startswith(TOTAL_WORDS):
        return kept  # 线下3，200人，线上1，500人次
    apart = [s.strip() for s in re.split(breaks, text) if s.strip()]
    if len(apart) > len(spec.parts):
        return kept  # 3，200人、1，500人次: two figures either way
    for group in groups:  # 3，200人 (3200? or 3 and 200?) but not 12，000人 (000 is no figure)
        first, rest = group[0].split("，", 1)
        if first in apart and not rest.startswith("0"):
            return None
    return kept


def _labelled(spec: FieldSpec, text: str) -> bool:
    return any(p.label[:2] in text for p in spec.parts if len(p.label) >= 2)


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
    """The total as kept in brackets: 共4060人次 (its thousands separators left out, as a
    comma in brackets would read as a break between the note's figures)."""
    segment = re.sub(r"(?<=\d)[,，](?=\d{3}(?!\d))", "", segment.strip(" :：，,"))
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


def is_none_mark(text: str) -> bool:
    """无, /, 暂无数据: written where a part (or a whole row) is none.

    >>> is_none_mark("暂无数据"), is_none_mark("——"), is_none_mark("500人")
    (True, True, False)
    """
    plain = text.strip().rstrip("。.；;")
    return plain in NONE_MARKS or plain in _MORE_NONE


def part_text(part: FieldSpec, raw: str) -> str:
    """The text a part's type reads: 线上无, 线上观看：暂无数据 → 无 (its own label before a
    mark for none); anything else as it is."""
    plain = raw.strip()
    for label in (part.label, part.label[:2]):
        if label and plain.startswith(label):
            plain = plain[len(label):].lstrip(_LABEL_GAP)
            break
    if plain == raw.strip() and plain not in _MORE_NONE:
        return raw
    return ("无" if plain in _MORE_NONE else plain) if is_none_mark(plain) else raw


def part_issue(spec: FieldSpec, part: FieldSpec, raw: str) -> Issue | None:
    """An error for a part's text that must not be read as its figure: another part's
    figure, or a cell kept whole in brackets (only a total, or 3，200人)."""
    found = other_part_issue(spec, part, raw)
    if found is not None:
        return found
    kept = _ONLY_BRACKETS.fullmatch(raw.strip())
    if kept is None:
        return None
    note = kept[1].strip()
    where = part.full_label or part.label
    if note.startswith(TOTAL_WORDS) and isinstance(read_quantity(note), Quantity):
        labels = joined([f"“{p.label}”" for p in spec.parts], msg("和"))
        return Issue(part.key, where, ERROR, "total_only",
                     msg("“{total}”是合计，请分别填写{parts}的数字", total=note, parts=labels),
                     msg("合计可以留在括号里，如“{example}”", example=f"{part.label}800人（{note}）"))
    group = _WIDE_GROUPS.search(note)
    if group is not None:
        first, rest = group[0].split("，", 1)
        unit = note[group.end():].strip()  # 3，200人: 3200人, or 3人 and 200人
        return Issue(part.key, where, ERROR, "unclear_separator",
                     msg("“{text}”中的逗号是千位分隔符，还是分开了两个数字？", text=note),
                     msg("如是一个数，请去掉逗号，写成“{one}”；如是两个数，请写明“{two}”",
                         one=group[0].replace("，", "") + unit,
                         two=f"{spec.parts[0].label}{first}{unit}，"
                             f"{spec.parts[-1].label}{rest}{unit}"))
    return None


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

