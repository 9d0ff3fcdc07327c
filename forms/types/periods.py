"""Periods: the edition of a recurring event (第30届) and a year (2012年, 二〇一二年)."""

from __future__ import annotations

import re
from typing import Any

from forms.issues import ERROR
from forms.messages import msg
from forms.quantity import normalise_digits, parse_chinese_numeral
from forms.spec import LEGACY_YEAR_MIN, FieldSpec
from forms.types.base import (
    Combined,
    FieldType,
    ParseContext,
    Parsed,
    UnitValues,
    most_common,
    problem,
)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class EditionType(FieldType):
    """第30届, 30, 三十 — the edition number of a recurring event."""

    name = "edition"
    title = msg("届次")
    widget = "short_line"
    comparable = "number"
    _RE = re.compile(r"^第?\s*(\d+|[零〇一二两三四五六七八九十百]+)\s*[届期次个]?$")

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        match = self._RE.match(normalise_digits(text))
        number = None
        if match:
            raw = match[1]
            number = (int(raw) if len(raw) <= 6 else None) if raw.isdecimal() \
                else parse_chinese_numeral(raw)
        if not number:
            return Parsed(None, (problem(spec, ERROR, "bad_edition", msg("届次应为数字"),
                                         msg("例如“30”或“第30届”")),))
        return Parsed(number, (), msg("第{number}届", number=number))

    def value_problem(self, spec: FieldSpec, value: Any) -> str | None:
        return None if _whole(value) and value > 0 else msg("应为正整数")

    def merge(self, spec: FieldSpec, units: UnitValues) -> Combined:
        """The most common edition (the first one given on a tie)."""
        number = most_common(units)
        return self.text_for(spec, number), number

    def text_for(self, spec: FieldSpec, value: Any) -> str:
        # An old template's 年度 was an edition field starting at a year: written as a year.
        return str(value) if (spec.min or 0) >= LEGACY_YEAR_MIN else f"第{value}届"

    def compare_value(self, spec: FieldSpec, value: Any) -> Any:
        return value if _whole(value) else None


YEAR_MIN, YEAR_MAX = 1949, 2100  # unless the template says otherwise
_YEAR_RE = re.compile(r"^(\d{4}|[零〇○一二三四五六七八九]{4})(?:年度|年)?$")
_WORDS_RE = re.compile(r"^([零〇○一二两三四五六七八九十百千]+)(?:年度|年)?$")  # 两千零一十二年
_CN_DIGITS = dict(zip("零〇○一二三四五六七八九", "000123456789", strict=True))


class YearType(FieldType):
    """2012, 2012年, 2012年度, 二〇一二年 — a year, within the template's range; 12 is not one."""

    name = "year"
    title = msg("年份")
    widget = "short_line"
    comparable = "number"

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        plain = normalise_digits(text).replace(" ", "")
        low, high = int(spec.min or YEAR_MIN), int(spec.max or YEAR_MAX)
        example = msg("例如“{year}”或“{year}年”", year=min(max(2024, low), high))
        match = _YEAR_RE.match(plain)
        words = None if match else _WORDS_RE.match(plain)
        year = int("".join(_CN_DIGITS.get(ch, ch) for ch in match[1])) if match else \
            parse_chinese_numeral(words[1]) if words else None
        if year is None or not 1000 <= year <= 9999:
            return Parsed(None, (problem(spec, ERROR, "bad_year", msg("年份应写四位数"), example),))
        if not low <= year <= high:
            return Parsed(None, (problem(spec, ERROR, "out_of_range",
                                         msg("年份应在{low}年至{high}年之间", low=low, high=high),
                                         example),))
        return Parsed(year, (), msg("{year}年", year=year))

    def value_problem(self, spec: FieldSpec, value: Any) -> str | None:
        return None if _whole(value) and 1000 <= value <= 9999 else msg("应为四位数的年份")

    def merge(self, spec: FieldSpec, units: UnitValues) -> Combined:
        """The most common year (the first one given on a tie)."""
        year = most_common(units)
        return str(year), year

    def compare_value(self, spec: FieldSpec, value: Any) -> Any:
        return value if _whole(value) else None

    def spec_problems(self, spec: FieldSpec) -> list[tuple[str, str]]:
        problems = super().spec_problems(spec)
        low, high = spec.min or YEAR_MIN, spec.max or YEAR_MAX
        if spec.min is not None and not 1000 <= spec.min <= 9999:
            problems.append(("min", msg("min 应为四位数的年份")))
        if spec.max is not None and not 1000 <= spec.max <= 9999:
            problems.append(("max", msg("max 应为四位数的年份")))
        elif low > high:
            problems.append(("max", msg("max 应不小于 min")))
        return problems
