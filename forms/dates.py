"""Dates and date ranges as written on Chinese forms: ``2024年4月15-26日``, ``2024-04-15~2024-04-26``."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from forms.issues import ERROR
from forms.messages import Msg, msg, plural
from forms.quantity import normalise_digits, parse_chinese_numeral
from forms.spec import FieldSpec
from forms.types.base import Combined, FieldType, ParseContext, Parsed, UnitValues, problem

_Y = r"(?:(?P<{0}y>\d{{4}})\s*[年\-/.]\s*)"
_M = r"(?:(?P<{0}m>\d{{1,2}})\s*[月\-/.]\s*)"
_D = r"(?P<{0}d>\d{{1,2}})\s*[日号]?"
_SEP = r"\s*(?:至|到|~|～|—+|–|－|-{1,2})\s*"


def _side(name: str, year_optional: bool, month_optional: bool) -> str:
    year = _Y.format(name) + ("?" if year_optional else "")
    month = _M.format(name) + ("?" if month_optional else "")
    return year + month + _D.format(name)


_DATE_RE = re.compile("^" + _side("a", True, False) + "$")
_RANGE_RE = re.compile("^" + _side("a", True, False) + _SEP + _side("b", True, True) + "$")


def _build(year: str | None, month: str | None, day: str) -> date | None:
    if year is None or month is None:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")  # 20240428


_WEEKDAY = re.compile(r"[(（]?(?:星期|礼拜|周)[一二三四五六日天七][)）]?")
_CN_NUMBER = re.compile(r"[〇零○一二两三四五六七八九十]+(?=\s*[年月日号\-—–~～至到])|"
                        r"(?<=[年月日\-—–~～至到])\s*[〇零○一二两三四五六七八九十]+")


def _chinese_number(match: re.Match[str]) -> str:
    value = parse_chinese_numeral(match[0].strip())
    return match[0] if value is None else str(value)


def _prepare(text: str) -> str:
    """Digits, no blanks, no weekday: 二〇二四年四月二十八日（星期日） → 2024年4月28日."""
    plain = normalise_digits(text).replace(" ", "").rstrip("。.；;")
    if len(plain) >= 40:
        return plain
    plain = _CN_NUMBER.sub(_chinese_number, _WEEKDAY.sub("", plain)).rstrip("。.；;")
    return _COMPACT.sub(r"\1-\2-\3", plain)


class DateType(FieldType):
    name = "date"
    title = msg("日期")
    widget = "date"
    comparable = "date"

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        match = _DATE_RE.match(_prepare(text))
        if match is None:
            return Parsed(None, (problem(spec, ERROR, "bad_date", msg("日期格式不正确"),
                                         msg("例如“2024年4月28日”或“2024-04-28”")),))
        year = match["ay"] or (str(context.year) if context.year else None)
        if year is None:
            return Parsed(None, (problem(spec, ERROR, "missing_year", msg("日期缺少年份"), msg(
                "例如“{example}”", example=f"2024年{match['am']}月{match['ad']}日")),))
        day = _build(year, match["am"], match["ad"])
        if day is None:
            return Parsed(None, (problem(spec, ERROR, "bad_date", msg("日期不存在，请检查月份和日")),))
        return Parsed(day.isoformat(), (), _reading(day, day, match["ay"], context))

    def value_problem(self, spec: FieldSpec, value: Any) -> str | None:
        return None if iso_date(value) else msg("应为日期")

    def merge(self, spec: FieldSpec, units: UnitValues) -> Combined:
        """The latest date."""
        latest = max(v for _, v in units)
        return date_text(latest), latest

    def text_for(self, spec: FieldSpec, value: Any) -> str:
        return date_text(value)

    def compare_value(self, spec: FieldSpec, value: Any) -> Any:
        return (value, value) if iso_date(value) else None


class DateRangeType(FieldType):
    name = "date_range"
    title = msg("日期范围")
    widget = "date_range"
    comparable = "date"

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        plain = _prepare(text)
        single = _DATE_RE.match(plain)
        match = single or _RANGE_RE.match(plain)
        if match is None:
            return Parsed(None, (problem(spec, ERROR, "bad_date_range", msg("日期格式不正确"),
                                         msg("例如“2024年4月15-26日”或“2024-04-15~2024-04-26”")),))
        year = match["ay"] or (str(context.year) if context.year else None)
        if year is None:
            return Parsed(None, (problem(spec, ERROR, "missing_year", msg("日期缺少年份"),
                                         msg("例如“2024年4月15-26日”")),))
        start = _build(year, match["am"], match["ad"])
        if single:
            end = start
        else:
            end = _build(match["by"] or year, match["bm"] or match["am"], match["bd"])
            if start and end and end < start and not match["by"] and match["bm"] \
                    and int(match["bm"]) < int(match["am"]):
                end = _build(str(start.year + 1), match["bm"], match["bd"])  # 12月28日至1月3日
        if start is None or end is None:
            return Parsed(None, (problem(spec, ERROR, "bad_date", msg("日期不存在，请检查月份和日")),))
        if end < start:
            return Parsed(None, (problem(
                spec, ERROR, "dates_out_of_order",
                msg("结束日期（{end}）早于开始日期（{start}）", end=_month_day(end),
                    start=_month_day(start)),
                msg("请检查开始和结束日期是否写反")),))
        return Parsed({"start": start.isoformat(), "end": end.isoformat()}, (),
                      _reading(start, end, match["ay"], context))

    def value_problem(self, spec: FieldSpec, value: Any) -> str | None:
        ok = isinstance(value, dict) and iso_date(value.get("start")) and \
            iso_date(value.get("end")) and value["start"] <= value["end"]
        return None if ok else msg("应为日期范围")

    def merge(self, spec: FieldSpec, units: UnitValues) -> Combined:
        """From the earliest start to the latest end."""
        value = {"start": min(v["start"] for _, v in units), "end": max(v["end"] for _, v in units)}
        return self.text_for(spec, value), value

    def text_for(self, spec: FieldSpec, value: Any) -> str:
        start, end = value["start"], value["end"]
        return date_text(start) if start == end else f"{date_text(start)}至{date_text(end)}"

    def compare_value(self, spec: FieldSpec, value: Any) -> Any:
        return (value["start"], value["end"]) if self.value_problem(spec, value) is None else None


def _reading(start: date, end: date, written: str | None, context: ParseContext) -> Msg:
    """How the dates were read (in English as ISO dates), noting a year that was not written
    but taken from the report's period: 2024年4月15日至21日（7天；年份按第30届（2024年）推定）."""
    note = None if written else msg("年份按{period}推定", period=context.period or msg("本期"))
    head = day_text(start)
    if start.year == end.year and start.month == end.month and start != end:
        days = (end - start).days + 1
        if note:
            return plural("{start}至{day}日（{n}天；{note}）", n=days, start=head, day=end.day,
                          end=end.isoformat(), note=note)
        return plural("{start}至{day}日（{n}天）", n=days, start=head, day=end.day,
                      end=end.isoformat())
    if start == end:
        shown = head
    elif start.year != end.year:
        shown = msg("{start}至{end}", start=head, end=day_text(end))
    else:
        shown = msg("{start}至{month}月{day}日", start=head, month=end.month, day=end.day,
                    end=end.isoformat())
    return msg("{reading}（{note}）", reading=shown, note=note) if note else shown


def day_text(day: date) -> Msg:
    """2024年5月1日; in English the ISO date, 2024-05-01."""
    return msg("{year}年{month}月{day}日", year=day.year, month=day.month, day=day.day,
               date=day.isoformat())


def _month_day(day: date) -> Msg:
    return msg("{month}月{day}日", month=day.month, day=day.day, date=day.isoformat())


def iso_date(text: Any) -> bool:
    try:
        return isinstance(text, str) and date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def date_text(iso: str) -> str:
    """2024-05-01 -> 2024年5月1日"""
    day = date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"
