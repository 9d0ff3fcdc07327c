"""Dates take the year of the report's period (第30届 → 2024, as the template declares);
dates in another year, and years out of the template's range, are flagged."""

from __future__ import annotations

from datetime import date

import pytest

from forms.registry import parse_field
from forms.report_year import period_context
from forms.spec import FieldSpec
from forms.types import ParseContext
from forms.validate import Validator

DATE = FieldSpec("d", "填表日期", "date", key="d", full_label="填表日期")
RANGE = FieldSpec("r", "活动具体时间", "date_range", key="r", full_label="活动具体时间")
YEAR_2024 = ParseContext(2024, "第30届（2024年）")

NO_YEAR_RANGES = ["4月15日-21日", "4月15-21日", "4月15日至21日", "4月15日至4月21日", "4月15日~4月21日",
                  "4.15-4.21", "04/15-04/21", "四月十五日至二十一日", "4月15日（周一）至21日（周日）",
                  "4月15日—21日", "4月15日到21日"]
NO_YEAR_DATES = ["4月28日", "4月28号", "04-28", "4.28", "4/28", "四月二十八日", "4月28日（星期日）"]


@pytest.mark.parametrize("text", NO_YEAR_RANGES)
def test_range_without_a_year_takes_the_periods(text):
    parsed = parse_field(RANGE, text, YEAR_2024)
    assert parsed.value == {"start": "2024-04-15", "end": "2024-04-21"}
    assert parsed.issues == ()
    assert "年份按第30届（2024年）推定" in parsed.display and "2024年4月15日" in parsed.display


@pytest.mark.parametrize("text", NO_YEAR_DATES)
def test_date_without_a_year_takes_the_periods(text):
    parsed = parse_field(DATE, text, YEAR_2024)
    assert (parsed.value, parsed.issues) == ("2024-04-28", ())
    assert parsed.display == "2024年4月28日（年份按第30届（2024年）推定）"


@pytest.mark.parametrize("text", NO_YEAR_RANGES[:3] + NO_YEAR_DATES[:2])
def test_without_a_period_the_year_is_missing(text):
    spec = RANGE if "-" in text or "至" in text else DATE
    parsed = parse_field(spec, text)
    assert parsed.value is None and [i.code for i in parsed.issues] == ["missing_year"]


def test_a_written_year_wins_and_says_nothing():
    parsed = parse_field(DATE, "2023年4月28日", YEAR_2024)
    assert (parsed.value, parsed.display) == ("2023-04-28", "2023年4月28日")


def test_a_range_over_new_year():
    parsed = parse_field(RANGE, "12月28日至1月3日", YEAR_2024)
    assert parsed.value == {"start": "2024-12-28", "end": "2025-01-03"}
    assert parse_field(RANGE, "2024年12月28日至1月3日").value["end"] == "2025-01-03"


# --- in a report: the edition gives the year as the template declares ----------------------------

def test_the_edition_gives_the_year(week_template):
    validator = Validator(week_template, {"edition": "第30届", "activity_time": "4月15日-21日",
                                          "fill_date": "4月28日"})
    values = validator.values()
    assert values["activity_time"] == {"start": "2024-04-15", "end": "2024-04-21"}
    assert values["fill_date"] == "2024-04-28"
    assert "年份按第30届（2024年）推定" in validator.display("activity_time")
    assert validator.set("edition", "第29届") >= {"edition", "activity_time", "fill_date"}
    assert validator.values()["activity_time"]["start"] == "2023-04-15"


def test_no_edition_no_year(week_template):
    validator = Validator(week_template, {"activity_time": "4月15日-21日"})
    assert "missing_year" in [i.code for i in validator.issues_for("activity_time")]
    validator.set("edition", "第30届")
    assert validator.issues_for("activity_time") == []


@pytest.mark.parametrize(("edition", "dates", "flagged"), [
    ("第30届", "2023年4月15日-21日", True), ("第30届", "2024年4月15日-21日", False),
    ("第29届", "2024年4月15日-21日", True), ("第30届", "2025年4月15日-21日", True),
    ("30", "2023年4月15-21日", True), ("第三十届", "2023.4.15-4.21", True),
])
def test_dates_in_another_year_are_flagged(week_template, edition, dates, flagged):
    validator = Validator(week_template, {"edition": edition, "activity_time": dates})
    codes = [i.code for i in validator.issues_for("activity_time")]
    assert ("year_mismatch" in codes) is flagged
    assert ("year_mismatch" in [i.code for i in validator.issues()]) is flagged


def test_year_mismatch_message(week_template):
    validator = Validator(week_template, {"edition": "第30届", "activity_time": "2023年4月15-21日"})
    (issue,) = [i for i in validator.issues() if i.code == "year_mismatch"]
    assert issue.message == "日期在2023年，而本报表是第30届（2024年）"
    assert issue.severity == "warning"


@pytest.mark.parametrize(("fill_date", "flagged"), [
    ("2024年4月28日", False), ("2025年1月5日", False), ("2023年12月1日", True), ("2026年1月1日", True),
])
def test_fill_date_may_follow_in_the_next_year(week_template, fill_date, flagged):
    validator = Validator(week_template, {"edition": "第30届", "fill_date": fill_date})
    assert ("year_mismatch" in [i.code for i in validator.issues_for("fill_date")]) is flagged


def test_a_year_period_gives_its_year(award_template):
    validator = Validator(award_template, {"year": "2024年", "fill_date": "3月1日"})
    assert validator.values()["fill_date"] == "2024-03-01"
    assert period_context(award_template, {"year": 2024}) == ParseContext(2024, "2024年")


@pytest.mark.parametrize(("text", "ok"), [
    ("12", False), ("2024", True), ("2024年", True), ("2024年度", True), ("二〇二四年", True),
    ("1899", False), ("2101", False), ("24年", False), ("第30届", False), ("20244", False),
])
def test_year_fields_are_checked_against_the_range(award_template, text, ok):
    validator = Validator(award_template, {"year": text})
    assert ("year" in validator.values()) is ok
    assert bool([i for i in validator.issues_for("year") if i.is_error]) is not ok


# --- a year typed as the edition: an error, and no date takes its year -------------------------------

NEXT_YEAR = date.today().year + 1


@pytest.mark.parametrize(("edition", "says"), [
    ("第2024届", "像是年份"), ("2024", "像是年份"), ("2024届", "像是年份"), ("第4018届", "像是年份"),
    ("第100届", "晚于"), ("第1000届", "晚于"), ("二〇二四", "像是年份"),
])
def test_a_year_as_the_edition_is_an_error(week_template, edition, says):
    validator = Validator(week_template, {"edition": edition, "activity_time": "4月15日至21日",
                                          "fill_date": "4月28日"})
    (issue,) = validator.issues_for("edition")
    assert (issue.code, issue.severity) == ("edition_too_late", "error") and says in issue.message
    assert "edition" not in validator.values()
    assert "activity_time" not in validator.values() and "fill_date" not in validator.values()


def test_the_error_names_the_edition_of_that_year(week_template):
    (issue,) = Validator(week_template, {"edition": "第2024届"}).issues_for("edition")
    assert issue.suggestion == "2024年是第30届，请填写届次"


def test_editions_up_to_next_year_are_fine(week_template):
    latest = week_template.period_of_year(NEXT_YEAR)
    validator = Validator(week_template, {"edition": f"第{latest}届", "fill_date": "4月28日"})
    assert validator.values()["edition"] == latest
    assert validator.values()["fill_date"] == f"{NEXT_YEAR}-04-28"
    validator.set("edition", f"第{latest + 1}届")
    assert "edition" not in validator.values() and "fill_date" not in validator.values()
    assert [i.code for i in validator.issues_for("edition")] == ["edition_too_late"]


def test_a_year_after_next_year_is_never_used_for_dates(award_template):
    validator = Validator(award_template, {"year": str(NEXT_YEAR + 5), "fill_date": "4月28日"})
    assert validator.values()["year"] == NEXT_YEAR + 5  # within the template's range
    assert "fill_date" not in validator.values()  # 4月28日 does not take that year
    validator.set("year", str(NEXT_YEAR))
    assert validator.values()["fill_date"] == f"{NEXT_YEAR}-04-28"
