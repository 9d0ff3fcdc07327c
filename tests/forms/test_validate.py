"""The Validator: whole reports, one field at a time, and raw values keyed by label."""

from __future__ import annotations

import doctest
import importlib

import pytest

from forms.issues import ERROR, WARNING, Issue, has_errors
from forms.validate import ReportCheck, Validator, expand_values, validate_report


def test_set_returns_the_field_it_changed(week_template):
    validator = Validator(week_template)
    assert validator.set("lectures", "603场") == {"lectures"}
    assert validator.values()["lectures"] == {"value": 603, "unit": "场", "qualifier": None}
    assert validator.display("lectures") == "= 603 场"
    assert validator.issues_for("lectures") == []


def test_set_returns_the_fields_a_rule_touches(week_template):
    validator = Validator(week_template, {"direct_beneficiaries": "50万人"})
    touched = validator.set("expected_beneficiaries", "40万人")
    assert {"expected_beneficiaries", "direct_beneficiaries"} <= touched
    assert [i.code for i in validator.issues_for("direct_beneficiaries")] == ["greater_than"]
    touched = validator.set("expected_beneficiaries", "140万人")
    assert "direct_beneficiaries" in touched  # its warning went away
    assert validator.issues_for("direct_beneficiaries") == []


def test_clearing_a_copy_pasted_field_clears_its_warning(week_template, seed_000_raw):
    validator = Validator(week_template, seed_000_raw)
    codes = [i.code for i in validator.issues_for("media_reads")]
    assert codes == ["not_a_number", "duplicate_text"]
    touched = validator.set("media_reads", "")
    assert "media_reads" in touched
    assert validator.issues_for("media_reads") == []
    assert "media_reads" not in validator.values()
    validator.set("media_reads", "约500万次")
    assert validator.issues_for("media_reads") == []
    # Pasting the copy back brings the warning back, on the later field.
    touched = validator.set("media_reads", seed_000_raw["media_reports"])
    assert "media_reads" in touched
    assert [i.code for i in validator.issues_for("media_reads")] == [
        "not_a_number", "duplicate_text"]


def test_editing_the_earlier_copy_moves_nothing_to_it(week_template, seed_000_raw):
    validator = Validator(week_template, seed_000_raw)
    touched = validator.set("media_reports", "483家；人民网、健康报；等")
    assert "media_reads" in touched  # the duplicate warning on media_reads is gone
    assert [i.code for i in validator.issues_for("media_reads")] == ["not_a_number"]


def test_set_on_a_compound_key_splits_the_cell(week_template):
    validator = Validator(week_template)
    touched = validator.set("lecture_attendance", "线下参与210546人\n线上观看245975人次")
    assert touched == {"lecture_attendance.offline", "lecture_attendance.online"}
    values = validator.values()
    assert values["lecture_attendance.offline"]["value"] == 210546
    assert values["lecture_attendance.online"]["value"] == 245975


def test_set_never_raises_on_text_but_unknown_keys_are_bugs(week_template):
    validator = Validator(week_template)
    assert validator.set("lectures", None) == {"lectures"}
    assert validator.set("lectures", 12) == {"lectures"}  # type: ignore[arg-type]
    assert validator.values()["lectures"]["value"] == 12
    with pytest.raises(KeyError):
        validator.set("no_such_field", "1")


def test_required_issue_comes_and_goes(week_template):
    validator = Validator(week_template)
    assert [i.code for i in validator.issues_for("unit_name")] == ["required"]
    validator.set("unit_name", "四川省抗癌协会")
    assert validator.issues_for("unit_name") == []


def test_issues_are_in_form_order(week_template, seed_000_raw):
    check = validate_report(week_template, seed_000_raw)
    order = [s.key for s in week_template.leaves()]
    positions = [order.index(i.field) for i in check.issues]
    assert positions == sorted(positions)


def test_report_check(week_template):
    check = validate_report(week_template, {"direct_beneficiaries": "46.21人",
                                            "medical_staff": "约10000人"})
    assert isinstance(check, ReportCheck)
    assert check.errors and all(i.is_error for i in check.errors)
    assert all(not i.is_error for i in check.warnings)
    assert has_errors(check.issues)
    data = check.to_dict()
    assert set(data) == {"values", "issues"}
    assert data["values"]["medical_staff"] == {"value": 10000, "unit": "人", "qualifier": "approx"}
    assert "direct_beneficiaries" not in data["values"]  # an error: no number stored
    fractional = next(i for i in data["issues"] if i["code"] == "fractional_count")
    assert fractional == {"field": "direct_beneficiaries", "label": "直接受益人数",
                          "severity": "error", "code": "fractional_count",
                          "message": "人数应为整数", "suggestion": "是否漏写'万'（46.21万人）？"}
    assert check.displays["medical_staff"] == "≈ 10,000 人"


def test_issue_line():
    issue = Issue("direct_beneficiaries", "直接受益人数", ERROR, "fractional_count", "人数应为整数",
                  "是否漏写'万'（46.21万人）？")
    assert issue.line() == "错误  直接受益人数：人数应为整数；是否漏写'万'（46.21万人）？"
    assert Issue("a", "甲", WARNING, "x", "提示").line() == "警告  甲：提示"


def test_expand_values_accepts_ids_labels_and_part_labels(week_template):
    raw, unknown = expand_values(week_template, {
        "单位名称": "四川省抗癌协会",
        "lectures": 603,
        "科普讲座的人数": "线下参与210546人\n线上观看245975人次",
        "参与研讨的人数（线上观看）": "约80000人次",
        "clinic_attendance.offline": "82651人",
        "直接受益人数": None,
        "不存在": "x",
    })
    assert unknown == ["不存在"]
    assert raw["unit_name"] == "四川省抗癌协会"
    assert raw["lectures"] == "603"
    assert raw["lecture_attendance.offline"] == "线下参与210546人"
    assert raw["lecture_attendance.online"] == "线上观看245975人次"
    assert raw["symposium_attendance.online"] == "约80000人次"
    assert raw["clinic_attendance.offline"] == "82651人"
    assert raw["direct_beneficiaries"] == ""


def test_expand_values_clears_the_other_part_of_a_whole_cell(week_template):
    raw, _ = expand_values(week_template, {"科普讲座的人数": "线下参与210546人"})
    assert raw == {"lecture_attendance.offline": "线下参与210546人",
                   "lecture_attendance.online": ""}


@pytest.mark.parametrize("module", ["forms.quantity", "forms.issues", "forms.lists", "forms.loader",
                                    "forms.name_cells", "forms.pairs",
                                    "forms.expressions",
                                    "forms.registry", "forms.validate"])
def test_docstring_examples(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
