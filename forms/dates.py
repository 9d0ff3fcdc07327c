"""Dates and date ranges as written on Chinese forms: ``2024年4月15-26日``, ``2024-04-15~2024-04-26``."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from forms.issues import ERROR, WARNING
from forms.messages import Msg, joined, msg, plural
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


_WEEKDAY = re.compile(r"[(（](?:星期|礼拜|周)[一二三四五六日天七]\s*(?:至|到|~|～|—+|–|-)\s*"
                      r"(?:星期|礼拜|周)?[一二三四五六日天七][)）]"  # （周一至周日）
                      r"|[(（]?(?:星期|礼拜|周)[一二三四五六日天七][)）]?")
# A note after a range: 2024年4月15日—21日（共7天）, …21日，为期一周.
_NOTE = re.compile(r"\s*(?:[(（]([^()（）]*)[)）]|[，,；;]\s*((?:共计?|为期|历时|持续|合计)[^，,；;]*))$")
_DAYS = re.compile(r"(?:共计?|计|为期|历时|持续|合计)?\s*([\d〇零一二两三四五六七八九十]+)\s*(天|日|周|星期)")
_CN_NUMBER = re.compile(r"[〇零○一二两三四五六七八九十]+(?=\s*[年月日号\-—–~～至到])|"
                        r"(?<=[年月日\-—–~～至到])\s*[〇零○一二两三四五六七八九十]+")


def _chinese_number(match: re.Match[str]) -> str:
    value = parse_chinese_numeral(match[0].strip())
    return match[0] if value is None else str(value)


def _split_note(text: str) -> tuple[str, list[str]]:
    """The dates and the notes after them: 2024年4月15日—21日（共7天） → (…21日, [共7天])."""
    notes: list[str] = []
    while len(notes) < 3:
        match = _NOTE.search(text)
        if match is None or not match.start():
            break
        text, notes = text[: match.start()], [(match[1] or match[2] or "").strip(), *notes]
    return text, [note for note in notes if note]


def _note_days(notes: list[str]) -> tuple[str, int] | None:
    """The note saying how many days the range lasts, and the days: 共7天 → 7, 为期一周 → 7."""
    for note in notes:
        match = _DAYS.fullmatch(note.rstrip("。."))
        number = None if match is None else \
            int(match[1]) if match[1].isdigit() else parse_chinese_numeral(match[1])
        if match is not None and number is not None:
            return note, number * 7 if match[2] in ("周", "星期") else number
    return None


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
        notes: list[str] = []
        if not (single or _RANGE_RE.match(plain)):  # 2024年4月15日—21日（共7天）
            head, notes = _split_note(plain)
            plain = _prepare(head) if notes else plain
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
        value = {"start": start.isoformat(), "end": end.isoformat()}
        days, written = (end - start).days + 1, _note_days(notes)
        issues = []
        if written is not None and written[1] != days:
            issues.append(problem(spec, WARNING, "days_mismatch",
                                  plural("写的是“{note}”，而{dates}是{n}天", n=days,
                                         note=written[0], dates=_span(start, end)),
                                  msg("请核对开始日期、结束日期和天数")))
        if notes:
            value["note"] = "；".join(notes)
        others = [note for note in notes if written is None or note != written[0]
                  or written[1] != days]  # a day count that agrees says nothing new
        return Parsed(value, tuple(issues), _reading(start, end, match["ay"], context, others))

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


def _reading(start: date, end: date, written: str | None, context: ParseContext,
             notes: tuple[str, ...] | list[str] = ()) -> Msg:
    """How the dates were read (in English as ISO dates), with the days a range lasts, the
    notes written after it, and a year that was not written but taken from the report's
    period: 2024年4月15日至21日（7天；年份按第30届（2024年）推定）."""
    extras: list[Msg | str] = list(notes)
    if not written:
        extras.append(msg("年份按{period}推定", period=context.period or msg("本期")))
    span = _span(start, end)
    said = joined(extras, msg("；")) if extras else None
    if start != end:
        days = (end - start).days + 1
        if said is not None:
            return plural("{dates}（{n}天；{note}）", n=days, dates=span, note=said)
        return plural("{dates}（{n}天）", n=days, dates=span)
    return msg("{reading}（{note}）", reading=span, note=said) if said is not None else span


def _span(start: date, end: date) -> Msg:
    """2024年4月15日至21日, 2024年4月15日至5月2日, …至2025年1月3日; in English ISO dates."""
    head = day_text(start)
    if start == end:
        return head
    if start.year != end.year:
        return msg("{start}至{end}", start=head, end=day_text(end))
    if start.month != end.month:
        return msg("{start}至{month}月{day}日", start=head, month=end.month, day=end.day,
                   end=end.isoformat())
    return msg("{start}至{day}日", start=head, day=end.day, end=end.isoformat())


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
