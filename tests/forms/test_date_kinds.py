"""Dates by kind of writing: every separator, padding, Chinese numerals, weekdays."""

from __future__ import annotations

import itertools

import pytest

from forms.registry import parse_field
from forms.spec import FieldSpec

DATE = FieldSpec("fill_date", "填表日期", "date", key="fill_date", full_label="填表日期")
RANGE = FieldSpec("activity_time", "活动具体时间", "date_range", key="activity_time",
                  full_label="活动具体时间")

# 2024-04-08 in every way of writing a day: separators × zero padding × full width
DIGIT_DATES = [f"2024{a}{m}{b}{d}{c}" for (a, b, c), m, d in itertools.product(
    [("年", "月", "日"), ("年", "月", "号"), ("-", "-", ""), ("/", "/", ""), (".", ".", ""),
     (". ", ". ", ""), (" 年 ", " 月 ", " 日")], ("4", "04"), ("8", "08"))]
CHINESE_DATES = ["二〇二四年四月八日", "二零二四年四月八日", "二〇二四年四月八号", "二○二四年四月八日",
                 "二〇二四年 四月 八日", "二〇二四年〇四月〇八日"]
WEEKDAYS = ["2024年4月8日（星期一）", "2024年4月8日(周一)", "2024年4月8日 星期一", "2024-04-08 周一",
            "二〇二四年四月八日（礼拜一）"]


@pytest.mark.parametrize("text", DIGIT_DATES + CHINESE_DATES + WEEKDAYS
                         + [t.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
                            for t in DIGIT_DATES[:8]])
def test_every_way_of_writing_a_day(text):
    parsed = parse_field(DATE, text)
    assert (parsed.value, parsed.issues) == ("2024-04-08", ())


@pytest.mark.parametrize(("text", "day"), [
    ("二〇二四年四月二十八日", "2024-04-28"), ("二〇二四年十二月三十一日", "2024-12-31"),
    ("二〇二四年十月一日", "2024-10-01"), ("二〇二四年四月十日", "2024-04-10"),
    ("二〇二四年二月二十九日", "2024-02-29"), ("一九九五年四月十五日", "1995-04-15"),
])
def test_chinese_numeral_dates(text, day):
    assert parse_field(DATE, text).value == day


@pytest.mark.parametrize("text", ["二〇二四年二月三十日", "二〇二四年十三月一日", "二〇二四年四月", "二四年四月八日"])
def test_bad_chinese_numeral_dates(text):
    parsed = parse_field(DATE, text)
    assert parsed.value is None and parsed.issues[0].is_error


@pytest.mark.parametrize("text", [
    "2024年4月15日-21日", "2024年4月15-21日", "2024年4月15日至21日", "2024年4月15日至4月21日",
    "2024.4.15-4.21", "2024/4/15-2024/4/21", "2024/04/15~2024/04/21", "2024年4月15日—2024年4月21日",
    "二〇二四年四月十五日至二十一日", "二〇二四年四月十五日至四月二十一日", "2024年4月15日（周一）至21日（周日）",
    "2024-04-15 至 2024-04-21", "2024年4月15日到21日", "2024.04.15—04.21",
])
def test_ranges(text):
    parsed = parse_field(RANGE, text)
    assert parsed.value == {"start": "2024-04-15", "end": "2024-04-21"}
    assert parsed.issues == ()
