"""Outliers: a figure far from the same unit's figure for the same field in earlier reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from forms.issues import WARNING
from forms.outliers import NO_HISTORY, PastFigure, UnitHistory, figure, outlier, unit_history
from forms.spec import FieldSpec
from forms.validate import Validator, validate_report

LECTURES = FieldSpec("lectures", "科普讲座", "count", key="lectures", full_label="科普讲座", unit="场")


def count(value, unit="场"):
    return {"value": value, "unit": unit, "qualifier": None}


def last_year(value=60, unit="场", key="lectures") -> UnitHistory:
    return UnitHistory({key: PastFigure(value, unit, "2023", 2023)}, "2024", 2024)


@pytest.mark.parametrize(("now", "flagged"), [
    (603, True), (601, True), (600, False), (60, False), (6, False), (5, True), (0, True),
    (1, True), (100_000, True), (61, False), (599, False), (7, False),
])
def test_more_than_ten_times_or_under_a_tenth(now, flagged):
    assert (outlier(LECTURES, count(now), last_year()) is not None) is flagged


def test_message_names_the_old_and_the_new_figure():
    issue = outlier(LECTURES, count(603), last_year())
    assert (issue.code, issue.severity, issue.field) == ("outlier", WARNING, "lectures")
    assert issue.message == "去年为 60场，今年 603场，请核实"
    assert issue.label == "科普讲座"


@pytest.mark.parametrize(("past", "history", "message"), [
    (PastFigure(60, "场", "第29届", 2023), UnitHistory({}, "第30届", 2024), "去年为 60场，今年 603场，请核实"),
    (PastFigure(60, "场", "第29届", None), UnitHistory({}, "第30届", None), "第29届为 60场，本届 603场，请核实"),
    (PastFigure(60, "场", "第27届", 2021), UnitHistory({}, "第30届", 2024),
     "第27届（2021年）为 60场，本届 603场，请核实"),
    (PastFigure(60, "场", "2021", 2021), UnitHistory({}, "2024", 2024), "2021年为 60场，今年 603场，请核实"),
    (PastFigure(60, "场", "2021", None), UnitHistory({}, "2024", None), "2021年为 60场，本年 603场，请核实"),
    (PastFigure(60, None, "", None), UnitHistory({}, "", None), "上次为 60，本次 603场，请核实"),
])
def test_message_says_when(past, history, message):
    history = UnitHistory({"lectures": past}, history.period, history.year)
    assert outlier(LECTURES, count(603), history).message == message


@pytest.mark.parametrize(("value", "past"), [
    (count(603), PastFigure(0, "场", "2023", 2023)),  # nothing to compare with
    (count(603, "人"), PastFigure(60, "场", "2023", 2023)),  # counted in something else
    (None, PastFigure(60, "场", "2023", 2023)),  # no figure (an error in the field)
    ("603场", PastFigure(60, "场", "2023", 2023)),  # not a normalised value
])
def test_nothing_to_compare(value, past):
    assert outlier(LECTURES, value, UnitHistory({"lectures": past}, "2024", 2024)) is None


def test_same_family_units_are_compared():
    assert outlier(LECTURES, count(603, "场次"), last_year()) is not None


@pytest.mark.parametrize(("value", "expected"), [
    (count(12), (12.0, "场")), ({"value": 1.5, "unit": "元", "qualifier": "approx"}, (1.5, "元")),
    ({"count": count(5, "家"), "names": ["甲"], "partial": True, "note": ""}, (5.0, "家")),
    ({"count": None, "names": ["甲"], "partial": False, "note": ""}, None),
    ({"value": True}, None), ("12", None), (12, None), (None, None), ([1], None),
    ({"start": "2024-04-15", "end": "2024-04-21"}, None),
])
def test_figure(value, expected):
    assert figure(value) == expected


@dataclass
class Earlier:
    period: str
    year: int | None
    values: dict[str, Any] = field(default_factory=dict)


def test_unit_history_takes_the_newest_figure_per_field():
    history = unit_history([
        Earlier("第29届", 2023, {"lectures": count(60), "unit_name": "甲", "place": None}),
        Earlier("第28届", 2022, {"lectures": count(50), "clinics": count(7)}),
    ], period="第30届", year=2024)
    assert history.figures == {"lectures": PastFigure(60, "场", "第29届", 2023),
                               "clinics": PastFigure(7, "场", "第28届", 2022)}
    assert (history.period, history.year) == ("第30届", 2024)


# --- in the validator: a dictionary lookup per field, updated as the field is typed -----------

def test_validator_checks_against_the_history(week_template):
    history = UnitHistory({"lectures": PastFigure(60, "场", "第29届", 2023),
                           "hospitals": PastFigure(143, "家", "第29届", 2023),
                           "fee_reduction": PastFigure(100_000, "元", "第29届", 2023),
                           "lecture_attendance.online": PastFigure(3200, "人次", "第29届", 2023)},
                          "第30届", 2024)
    validator = Validator(week_template, {"lectures": "603场", "hospitals": "1431家；甲、乙；等",
                                          "fee_reduction": "约130万元",
                                          "lecture_attendance.online": "3300人次"}, history)
    flagged = {i.field: i.message for i in validator.issues() if i.code == "outlier"}
    assert flagged == {"lectures": "去年为 60场，今年 603场，请核实",
                       "hospitals": "去年为 143家，今年 1,431家，请核实",
                       "fee_reduction": "去年为 100,000元，今年 1,300,000元，请核实"}
    assert validator.set("lectures", "63场") == {"lectures"}
    assert not [i for i in validator.issues_for("lectures") if i.code == "outlier"]
    validator.set("lectures", "6,300场")
    assert [i.code for i in validator.issues_for("lectures")] == ["outlier"]


def test_set_history_returns_the_keys_to_show_again(week_template):
    validator = Validator(week_template, {"lectures": "603场"})
    assert not [i for i in validator.issues() if i.code == "outlier"]
    assert validator.set_history(last_year()) == {"lectures"}
    assert [i.code for i in validator.issues_for("lectures")] == ["outlier"]
    assert validator.set_history(NO_HISTORY) == {"lectures"}
    assert validator.issues_for("lectures") == []


def test_validate_report_takes_a_history(week_template):
    check = validate_report(week_template, {"lectures": "603场"}, last_year())
    assert [i.code for i in check.warnings] == ["outlier"]
    assert not validate_report(week_template, {"lectures": "603场"}).warnings


def test_an_unknown_key_in_the_history_is_ignored(week_template):
    validator = Validator(week_template, {"lectures": "603场"}, last_year(key="gone_field"))
    assert validator.issues() == [i for i in validator.issues() if i.code != "outlier"]
