"""The unit's earlier reports of the same form: what the outlier warnings compare with."""

from __future__ import annotations

import pytest

import storage
from storage.earlier import is_earlier, period_number
from tests.storage.conftest import new_report

UNIT = "成都市疾病预防控制中心"


def report(store, period, year, lectures=None, unit=UNIT, form_id="cancer_week_summary"):
    rid = new_report(store, unit=unit, period=period, year=year, form_id=form_id)
    if lectures is not None:
        storage.save_value(store, rid, "lectures", f"{lectures}场",
                           {"value": lectures, "unit": "场", "qualifier": None})
    return rid


def earlier(store, period="第30届", year=2024, unit=UNIT, exclude=None, **kwargs):
    return storage.earlier_reports(store, form_id="cancer_week_summary", unit=unit,
                                   period=period, year=year, exclude=exclude, **kwargs)


def test_newest_earlier_reports_of_the_same_unit_and_form(store):
    r27 = report(store, "第27届", 2021, 30)
    r29 = report(store, "第29届", 2023, 60)
    r28 = report(store, "第28届", 2022, 50)
    report(store, "第29届", 2023, 999, unit="自贡市疾病预防控制中心")  # another unit
    report(store, "第29届", 2023, 999, form_id="association_award_summary")  # another form
    current = report(store, "第30届", 2024, 603)
    report(store, "第31届", 2025, 999)  # later
    found = earlier(store, exclude=current)
    assert [r.id for r in found] == [r29, r28, r27]
    assert found[0].period == "第29届" and found[0].year == 2023
    assert found[0].values == {"lectures": {"value": 60, "unit": "场", "qualifier": None}}


def test_the_same_period_is_not_earlier(store):
    report(store, "第30届", 2024, 60)  # e.g. a copy of this year's report
    assert earlier(store) == []


def test_trashed_reports_are_left_out(store):
    old = report(store, "第29届", 2023, 60)
    storage.trash_report(store, old)
    assert earlier(store) == []


def test_at_most_limit_reports(store):
    for edition in range(20, 30):
        report(store, f"第{edition}届", 1994 + edition, edition)
    assert [r.period for r in earlier(store, limit=2)] == ["第29届", "第28届"]
    assert len(earlier(store)) == storage.earlier.EARLIER_REPORTS


@pytest.mark.parametrize(("unit", "period", "year"), [("", "第30届", 2024), ("  ", "第30届", 2024),
                                                      (UNIT, "", None), (UNIT, "届次未填", None)])
def test_unknown_unit_or_period_gives_nothing(store, unit, period, year):
    report(store, "第29届", 2023, 60, unit=unit or UNIT)
    assert earlier(store, period=period, year=year, unit=unit) == []


def test_year_orders_when_the_period_says_nothing(store):
    old = report(store, "", 2023, 60)
    assert [r.id for r in earlier(store, period="", year=2024)] == [old]


def test_values_without_a_normalised_value_are_left_out(store):
    rid = report(store, "第29届", 2023)
    storage.save_value(store, rid, "lectures", "很多", None)
    assert earlier(store)[0].values == {}


@pytest.mark.parametrize(("period", "number"), [("第29届", 29), ("2023", 2023), ("2023年度", 2023),
                                                ("", None), ("第届", None), ("1" * 9, None)])
def test_period_number(period, number):
    assert period_number(period) == number


def test_is_earlier():
    assert is_earlier("第29届", None, "第30届", None)
    assert not is_earlier("第30届", 2023, "第29届", 2024)  # the period decides when both say
    assert is_earlier("", 2023, "", 2024)
    assert not is_earlier("", None, "第30届", 2024)
