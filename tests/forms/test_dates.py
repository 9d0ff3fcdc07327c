"""Dates and date ranges as written on the seed forms."""

from __future__ import annotations

import pytest

from forms.registry import parse_field
from forms.spec import FieldSpec

DATE = FieldSpec("fill_date", "填表日期", "date", key="fill_date", full_label="填表日期")
RANGE = FieldSpec("activity_time", "活动具体时间", "date_range", key="activity_time",
                  full_label="活动具体时间")


@pytest.mark.parametrize("text", [
    "2024年4月28日", "2024-04-28", "2024/4/28", "2024.04.28", "2024年4月28号", "２０２４年４月２８日",
    "2024 年 4 月 28 日", "20240428", "2024年4月28日。",
])
def test_date(text):
    parsed = parse_field(DATE, text)
    assert parsed.value == "2024-04-28"
    assert parsed.issues == ()
    assert parsed.display == "2024年4月28日"


@pytest.mark.parametrize(("text", "code"), [
    ("4月28日", "missing_year"), ("2024年4月31日", "bad_date"), ("2024年2月30日", "bad_date"),
    ("明天", "bad_date"), ("2024年13月1日", "bad_date"), ("2024-04-15~2024-04-26", "bad_date"),
])
def test_bad_date(text, code):
    parsed = parse_field(DATE, text)
    assert parsed.value is None
    assert [i.code for i in parsed.issues] == [code]


def test_date_with_spaces_from_a_pdf():
    assert parse_field(DATE, "2024 年 4 月 14 日").value == "2024-04-14"


def test_leap_day():
    assert parse_field(DATE, "2024年2月29日").value == "2024-02-29"
    assert parse_field(DATE, "2023年2月29日").value is None


# The three forms the issue names, and the other ways people write the same range.
@pytest.mark.parametrize("text", [
    "2024年4月15-26日", "2024年4月15日至26日", "2024-04-15~2024-04-26",
    "2024年4月15日-2024年4月26日", "2024.4.15-4.26", "2024年4月15日—26日", "2024年4月15日～26日",
    "2024年4月15日 至 26日", "2024-4-15至2024-4-26", "2024年4月15日到4月26日", "20240415-20240426",
])
def test_date_range(text):
    parsed = parse_field(RANGE, text)
    assert parsed.value == {"start": "2024-04-15", "end": "2024-04-26"}
    assert parsed.issues == ()
    assert parsed.display == "2024年4月15日至26日（12天）"


@pytest.mark.parametrize(("text", "start", "end", "display"), [
    ("2024年4月15日至5月2日", "2024-04-15", "2024-05-02", "2024年4月15日至5月2日（18天）"),
    ("2024年12月28日至2025年1月3日", "2024-12-28", "2025-01-03",
     "2024年12月28日至2025年1月3日（7天）"),
    ("2024年4月14日", "2024-04-14", "2024-04-14", "2024年4月14日"),
])
def test_date_range_across_months_years_and_single_day(text, start, end, display):
    parsed = parse_field(RANGE, text)
    assert parsed.value == {"start": start, "end": end}
    assert parsed.display == display


def test_dates_must_be_in_order():
    parsed = parse_field(RANGE, "2024年4月26-15日")
    assert parsed.value is None
    (issue,) = parsed.issues
    assert issue.code == "dates_out_of_order"
    assert issue.message == "结束日期（4月15日）早于开始日期（4月26日）"
    assert issue.label == "活动具体时间"


@pytest.mark.parametrize(("text", "code"), [
    ("4月15-26日", "missing_year"), ("2024年4月15-31日", "bad_date"), ("四月中旬", "bad_date_range"),
    ("2024年4月", "bad_date_range"),
])
def test_bad_date_range(text, code):
    parsed = parse_field(RANGE, text)
    assert parsed.value is None
    assert [i.code for i in parsed.issues] == [code]
