"""show_if keeps a value but stops checking it; a calculated total follows its parts."""

from __future__ import annotations

from forms.validate import Validator, validate_report
from tests.forms.feature_form import feature_template

RAW = {"live_streamed": "否", "viewers": "很多", "offline": "100人", "screened.men": "约20人",
       "screened.women": "30人"}


def codes(issues, key):
    return [i.code for i in issues if i.field == key]


def test_a_field_that_does_not_apply_keeps_its_value_but_is_not_checked():
    validator = Validator(feature_template(), RAW)
    assert not validator.applicable("viewers")
    assert validator.raw["viewers"] == "很多"  # kept, never deleted
    assert validator.issues_for("viewers") == [] and codes(validator.issues(), "viewers") == []
    check = validator.check()
    assert "viewers" in check.not_applicable and "viewers" not in check.values


def test_when_it_applies_again_it_is_checked_again():
    validator = Validator(feature_template(), RAW)
    touched = validator.set("live_streamed", "是")
    assert {"live_streamed", "viewers"} <= touched
    assert validator.applicable("viewers")
    assert [i.severity for i in validator.issues_for("viewers")] == ["error"]  # 很多: no figure
    validator.set("viewers", "")
    assert codes(validator.issues(), "viewers") == ["required"]
    validator.set("live_streamed", "否")
    assert codes(validator.issues(), "viewers") == []  # required only while it applies


def test_a_total_is_worked_out_from_its_parts():
    validator = Validator(feature_template(), RAW)
    assert validator.raw["total"] == "约150人"  # 约 because one part is approximate
    assert validator.parsed["total"].value == {"value": 150, "unit": "人", "qualifier": "approx"}
    touched = validator.set("offline", "1万人")
    assert "total" in touched and validator.raw["total"] == "约10050人"
    assert validator.calculated_keys("offline") == ["total"]
    assert validator.calculated_keys("screened.men") == ["total"]


def test_a_part_that_does_not_apply_is_left_out_of_the_total():
    validator = Validator(feature_template(), {**RAW, "viewers": "500人次"})
    assert validator.raw["total"] == "约150人"
    assert "total" in validator.set("live_streamed", "是")
    assert validator.raw["total"] == "约650人"


def test_an_unreadable_part_gives_no_total_rather_than_a_wrong_one():
    validator = Validator(feature_template(), RAW)
    validator.set("offline", "见附件")
    assert validator.parsed["offline"].value is None
    assert validator.raw["total"] == "" and "total" not in validator.values()
    validator.set("offline", "")
    assert validator.raw["total"] == "约50人"  # an empty part is simply not counted


def test_a_total_is_not_typed_into():
    validator = Validator(feature_template(), RAW)
    assert validator.set("total", "999人") == {"total"}
    assert validator.raw["total"] == "约150人"


def test_the_total_reads_back_as_itself_and_exports_like_any_field():
    check = validate_report(feature_template(), RAW)
    again = validate_report(feature_template(), {"total": "约150人"})  # its text alone
    assert again.values["total"] == check.values["total"]


def test_a_stored_total_without_its_parts_is_kept():
    validator = Validator(feature_template(), {"total": "300人"})
    assert validator.raw["total"] == "300人" and validator.values()["total"]["value"] == 300


def test_rules_on_a_field_that_does_not_apply_are_quiet():
    template = feature_template()
    validator = Validator(template, {**RAW, "expected": "10人"})
    assert codes(validator.issues(), "total") == ["greater_than"]
    validator.set("offline", "")
    validator.set("screened.men", "")
    validator.set("screened.women", "")
    assert codes(validator.issues(), "total") == []
