"""What a field type is: one class that parses the text typed, and knows how its values are
checked when received, merged, compared, printed and exported, and which widget edits them.

Every ``parse`` is total: whatever the text, it returns a ``Parsed`` and never raises.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from forms.issues import ERROR, WARNING, Issue
from forms.messages import LIST_SEPARATOR, Msg, joined, msg, plural
from forms.quantity import COUNT_UNITS, QUALIFIER_LABELS
from forms.spec import FieldSpec

MAX_INPUT = 200_000  # characters read from one field; more is reported, not parsed
MAX_LISTED = 20  # issues or names listed in one message; the rest are summed up
# Zero-width spaces, soft hyphens and the BOM carry nothing: dropped without a word.
_ZERO_WIDTH = re.compile("[\u00ad\u200b\u200c\u2060\ufeff]")
_BIDI_AND_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

UnitValues = list[tuple[str, Any]]  # (unit name, that unit's value), units with a value only
Combined = tuple[str, Any] | None  # (raw text, value), or None to leave the field empty
NONE = "none"  # the aggregate that keeps a value only when every unit gave the same
AGGREGATE_TITLES = {"sum": msg("相加"), "mean": msg("平均"), "min": msg("最小"), "max": msg("最大"),
                    NONE: msg("不合计")}  # what each ``aggregate`` does, as people read it


@dataclass(frozen=True, slots=True)
class Parsed:
    """The normalised value of one field, what the app read, and what is wrong with it."""

    value: Any = None  # JSON-ready; None when empty or unreadable
    issues: tuple[Issue, ...] = ()
    display: str = ""  # e.g. "= 380,000 份", shown beside the field


@dataclass(frozen=True, slots=True)
class ParseContext:
    """What a parse may know of the report besides the text, e.g. its year (for 4月15日)."""

    year: int | None = None
    period: str = ""  # where the year came from, for the reading: 第30届, 2024年度


NO_CONTEXT = ParseContext()


@dataclass(frozen=True, slots=True)
class DataCells:
    """One value in the workbook's 数据 sheet: 规范值, 单位, 限定, 结构化值 and a number format."""

    value: Any = ""
    unit: str = ""
    qualifier: str = ""
    structured: str = ""
    number_format: str | None = None


def problem(spec: FieldSpec, severity: str, code: str, message: str,
            suggestion: str | None = None) -> Issue:
    return Issue(spec.key or spec.id, spec.full_label or spec.label, severity, code, message,
                 suggestion)


def clean_text(spec: FieldSpec, text: str) -> tuple[str, list[Issue]]:
    """Strip invisible control characters (reported) and surrounding blanks."""
    issues: list[Issue] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_INPUT:
        count = chars_text(char_count(text))
        message = msg("内容过长（{count}，本栏最多{limit}），请删减后再粘贴", count=count,
                      limit=chars_text(spec.max_length)) if spec.max_length else \
            msg("内容过长（{count}），请删减后再粘贴", count=count)
        issues.append(problem(spec, ERROR, "too_long_input", message))
        text = text[:MAX_INPUT]
    cleaned = _BIDI_AND_CONTROL.sub("", text)
    if cleaned != text:
        issues.append(problem(spec, WARNING, "control_chars",
                              msg("含有不可见的控制字符，导出时将被去除"),
                              msg("请检查是否从其他软件粘贴了格式字符")))
    return _ZERO_WIDTH.sub("", cleaned).strip(), issues


def listing(items: list[str], limit: int = 10, width: int = 30) -> Msg:
    """Items joined with 、, each cut to ``width``, at most ``limit`` of them then 等N个."""
    shown = [item[:width] for item in items[:limit]]
    if len(items) > limit:
        return msg("{items}等{count}个", items=shown, count=len(items))
    return joined(shown, LIST_SEPARATOR)


def char_count(text: str) -> int:
    """Characters as 字数 counts them: every character except blanks, line breaks and
    invisible ones. The one way the app counts characters (messages, readings, counters)."""
    return len("".join(_ZERO_WIDTH.sub("", _BIDI_AND_CONTROL.sub("", text)).split()))


def chars_text(count: int) -> Msg:
    """A character count as the app writes it (as word processors do): 1234字."""
    return plural("{n}字", n=count)


def strings(items: Any) -> bool:
    return isinstance(items, list) and all(isinstance(i, str) for i in items)


def compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class FieldType:
    """Base of every field type. Subclasses set ``name`` and implement ``_parse``; the other
    methods have defaults for a value that is a plain text."""

    name = ""
    title = ""  # its name shown to people (a message), as the review of an imported form lists it
    widget = "line"  # the widget kind that edits it (widgets/factory.py: kind → class)
    unit_choices: tuple[str, ...] = ()  # the units a template may give it, offered in reviews
    numeric = False  # a number column in 分单位明细 (``number`` gives its figure)
    calculable = False  # may be a calculated total (``calculate``)
    is_money = False
    comparable: str | None = None  # "number" or "date": may appear in a declared comparison
    aggregates: tuple[str, ...] = (NONE,)  # what ``aggregate`` may say; the first is the default
    takes_options = False

    # --- typing -----------------------------------------------------------------------------

    def parse(self, spec: FieldSpec, text: str | None, context: ParseContext | None = None
              ) -> Parsed:
        try:
            cleaned, issues = clean_text(spec, text or "")
            if not cleaned or any(issue.code == "too_long_input" for issue in issues):
                return Parsed(None, tuple(issues))  # a cut text is not read: one count, above
            parsed = self._parse(spec, cleaned, context or NO_CONTEXT)
            return Parsed(parsed.value, tuple(issues) + parsed.issues, parsed.display)
        except Exception as exc:  # noqa: BLE001 - validation must never raise
            return Parsed(None, (problem(spec, ERROR, "unreadable", msg(
                "无法识别此栏内容（{kind}），请检查后重新填写", kind=type(exc).__name__)),))

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        raise NotImplementedError

    # --- the template -----------------------------------------------------------------------

    def spec_problems(self, spec: FieldSpec) -> list[tuple[str, str]]:
        """(template key, message) for what the template says wrongly about a field of this type."""
        return [("unit", msg("未知的单位“{unit}”", unit=unit))
                for unit in spec.units if unit not in COUNT_UNITS]

    def aggregate(self, spec: FieldSpec) -> str:
        return spec.aggregate or self.aggregates[0]

    # --- received values --------------------------------------------------------------------

    def value_problem(self, spec: FieldSpec, value: Any) -> str | None:
        """Why a received value does not have this type's shape (None when it does)."""
        return None if isinstance(value, str) else msg("应为文字")

    # --- merging ----------------------------------------------------------------------------

    def merge(self, spec: FieldSpec, units: UnitValues) -> Combined:
        """The units' values as one (raw text, value); raw reads back as value. Default: kept
        only when every unit gave the same value, otherwise left for the person."""
        return same_value(units, lambda value: self.text_for(spec, value))

    def text_for(self, spec: FieldSpec, value: Any) -> str:
        """A raw text that reads back as ``value`` (for merged and calculated values)."""
        return str(value)

    def number(self, spec: FieldSpec, value: Any) -> dict[str, Any] | None:
        """The quantity a value gives a number column ({value, unit, qualifier}), if numeric."""
        return None

    def total(self, spec: FieldSpec, quantities: list[dict[str, Any] | None]
              ) -> dict[str, Any] | None:
        """The merged figure of a number column, from the units' ``number``s."""
        return None

    def column_unit(self, spec: FieldSpec) -> str | None:
        return spec.unit

    # --- comparisons ------------------------------------------------------------------------

    def compare_value(self, spec: FieldSpec, value: Any) -> Any:
        """The value as a declared comparison sees it (a number, or (start, end) dates)."""
        return None

    # --- printing and exporting -------------------------------------------------------------

    def print_text(self, spec: FieldSpec, raw: str, value: Any) -> str:
        """The printed cell: what the person typed."""
        return raw

    def print_links(self, spec: FieldSpec, raw: str, value: Any) -> list[tuple[str, str]] | None:
        """(name, url) lines to print with clickable links, when the type has links."""
        return None

    def data_cells(self, spec: FieldSpec, value: Any) -> DataCells:
        """The 数据 sheet's cells for a normalised value."""
        if value is None:
            return DataCells()
        if isinstance(value, bool | int | float | str):
            return DataCells(value)
        compact = compact_json(value)
        if isinstance(value, list):
            lines = [" ".join(str(v) for v in item.values()) if isinstance(item, dict)
                     else str(item) for item in value]
            return DataCells("\n".join(lines), structured=compact)
        if isinstance(value, dict) and "start" in value and "end" in value:
            return DataCells(f"{value['start']}/{value['end']}", structured=compact)
        return DataCells(compact, structured=compact)


def same_value(units: UnitValues, text: Any) -> Combined:
    """Kept only when every unit gave the same value; otherwise left for the person."""
    if len({repr(v) for _, v in units}) != 1:
        return None
    value = units[0][1]
    return text(value), value


def most_common(units: UnitValues) -> Any:
    """The most common value (the first one given on a tie)."""
    return Counter(v for _, v in units).most_common(1)[0][0]


def qualifier_label(qualifier: str | None) -> str:
    return QUALIFIER_LABELS.get(qualifier or "", "")
