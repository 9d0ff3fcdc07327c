"""Dates by kind of writing: every separator, padding, Chinese numerals, weekdays."""

from __future__ import annotations

import itertools

import pytest

from forms.registry import parse_field
from forms.spec import FieldSpec
from forms.types import ParseContext

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


# --- ranges in every way of writing them, with a note after them -------------------------------

STARTS = ["2024年4月15日", "2024.4.15", "2024/4/15", "2024-04-15", "二〇二四年四月十五日", "2024年4月15号"]
ENDS = {  # the end as written after each kind of start: full, without the year, day only
    "2024年4月15日": ["2024年4月21日", "4月21日", "21日"], "2024.4.15": ["2024.4.21", "4.21"],
    "2024/4/15": ["2024/4/21", "4/21"], "2024-04-15": ["2024-04-21"],
    "二〇二四年四月十五日": ["二十一日", "四月二十一日"], "2024年4月15号": ["21号", "4月21号"],
}
SEPARATORS = ["至", "到", "-", "—", "–", "~", "～", "——", " 至 ", " - ", "－"]
NOTES = ["", "（共7天）", "(7天)", "（为期一周）", "，共7天", "（宣传周）", "（周一至周日）", "（共七天）",
         "（共7天）（宣传周）"]
RANGES = [(start + sep + end, note) for start in STARTS for end in ENDS[start]
          for sep, note in zip(SEPARATORS * 2, NOTES * 3, strict=False)]


@pytest.mark.parametrize(("text", "note"), RANGES)
def test_every_way_of_writing_a_range_with_or_without_a_note(text, note):
    parsed = parse_field(RANGE, text + note)
    assert parsed.value is not None, text + note
    assert (parsed.value["start"], parsed.value["end"]) == ("2024-04-15", "2024-04-21")
    assert parsed.issues == ()
    assert parsed.display.startswith("2024年4月15日至21日（7天")
    if "宣传周" in note:
        assert parsed.display.endswith("；宣传周）") and parsed.value["note"].endswith("宣传周")


@pytest.mark.parametrize(("text", "written", "days"), [
    ("2024年4月15日—21日（共8天）", "共8天", 7), ("2024年4月15日至5月2日（共15天）", "共15天", 18),
    ("2024.4.15-4.21（为期两周）", "为期两周", 7), ("2024年4月15日-21日，共6天", "共6天", 7),
])
def test_a_day_count_that_disagrees_is_a_warning(text, written, days):
    parsed = parse_field(RANGE, text)
    (issue,) = parsed.issues
    assert (issue.code, issue.is_error) == ("days_mismatch", False)
    assert issue.message.startswith(f"写的是“{written}”") and issue.message.endswith(f"是{days}天")
    assert parsed.value["note"] == written  # kept, and shown with the reading
    assert written in parsed.display


@pytest.mark.parametrize(("text", "display"), [
    ("2024年4月15日至5月2日", "2024年4月15日至5月2日（18天）"),
    ("2024年4月28日至5月4日（共7天）", "2024年4月28日至5月4日（7天）"),
    ("2024.4.28-5.4", "2024年4月28日至5月4日（7天）"), ("4月28日—5月4日", None),
    ("2024年2月28日至3月1日", "2024年2月28日至3月1日（3天）"),
    ("2024年12月28日至1月3日", "2024年12月28日至2025年1月3日（7天）"),
])
def test_a_range_across_months_reads_with_its_day_count(text, display):
    parsed = parse_field(RANGE, text, ParseContext(year=2024))
    assert parsed.issues == ()
    assert parsed.display == display or (display is None and "（7天；年份按" in parsed.display)


@pytest.mark.parametrize("text", ["（共7天）", "2024年4月15日至21日（", "共7天", "2024年4月15日至21日（共7天"])
def test_a_note_without_dates_is_still_refused(text):
    assert parse_field(RANGE, text).value is None
