"""Cross-field rules of the two built-in forms, checked through the Validator."""

from __future__ import annotations

import pytest

from forms.issues import ERROR, WARNING
from forms.rules import comparison_text, run_rule
from forms.spec import RuleSpec
from forms.validate import Validator, validate_report


def issues_by_code(check, code: str):
    return [i for i in check.issues if i.code == code]


# --- 宣传周 form ----------------------------------------------------------------------------------

def test_direct_beneficiaries_above_expected_is_a_warning(week_template):
    check = validate_report(week_template, {"direct_beneficiaries": "46.21万人",
                                            "expected_beneficiaries": "40万人"})
    (issue,) = issues_by_code(check, "greater_than")
    assert (issue.field, issue.severity) == ("direct_beneficiaries", WARNING)
    assert issue.message == "直接受益人数（462,100）大于预计受益人数（400,000）"
    fine = validate_report(week_template, {"direct_beneficiaries": "46.21万人",
                                           "expected_beneficiaries": "140万人"})
    assert not issues_by_code(fine, "greater_than")


def test_rule_is_quiet_while_a_side_is_unreadable(week_template):
    check = validate_report(week_template, {"direct_beneficiaries": "很多",
                                            "expected_beneficiaries": "40万人"})
    assert not issues_by_code(check, "greater_than")


def test_fill_date_before_the_activity_is_a_warning(week_template):
    check = validate_report(week_template, {"fill_date": "2024年4月20日",
                                            "activity_time": "2024年4月15-26日"})
    (issue,) = issues_by_code(check, "date_before")
    assert (issue.field, issue.severity) == ("fill_date", WARNING)
    assert issue.message == "填表日期（2024-04-20）早于活动具体时间（2024-04-26）"
    fine = validate_report(week_template, {"fill_date": "2024年4月28日",
                                           "activity_time": "2024年4月15-26日"})
    assert not issues_by_code(fine, "date_before")


def test_activity_dates_out_of_order_are_an_error(week_template):
    (issue,) = issues_by_code(validate_report(week_template, {"activity_time": "2024年4月26日至15日"}),
                              "dates_out_of_order")
    assert issue.severity == ERROR and issue.field == "activity_time"


def test_duplicate_long_text_names_the_earlier_field(week_template, seed_000_raw):
    raw = {"media_reports": seed_000_raw["media_reports"],
           "media_reads": seed_000_raw["media_reports"] + "\n\n"}  # blanks do not hide a copy
    check = validate_report(week_template, raw)
    (issue,) = issues_by_code(check, "duplicate_text")
    assert (issue.field, issue.severity) == ("media_reads", WARNING)
    assert issue.message == "与「媒体报道数量/名称」内容完全相同，是否复制粘贴错误？"
    assert issue.suggestion == "请填写本栏（媒体阅读总数）自己的内容"


def test_short_equal_texts_are_not_duplicates(week_template):
    check = validate_report(week_template, {"activity_place": "四川省", "unit_name": "四川省"})
    assert not issues_by_code(check, "duplicate_text")


def test_media_reads_must_be_a_number(week_template):
    check = validate_report(week_template, {"media_reads": "很多"})
    (issue,) = issues_by_code(check, "vague_amount")
    assert "media_reads" not in check.values
    assert (issue.field, issue.severity) == ("media_reads", ERROR)
    ok = validate_report(week_template, {"media_reads": "约500万次"})
    assert ok.values["media_reads"] == {"value": 5_000_000, "unit": "次", "qualifier": "approx"}
    assert not [i for i in ok.issues if i.field == "media_reads"]


@pytest.mark.parametrize(("text", "code", "severity"), [
    ("3家；甲、乙、丙、丁", "more_names_than_count", ERROR),
    ("30家；甲、乙、丙", "fewer_names_than_count", WARNING),
])
def test_names_against_count(week_template, text, code, severity):
    check = validate_report(week_template, {"hospitals": text})
    (issue,) = issues_by_code(check, code)
    assert (issue.field, issue.severity) == ("hospitals", severity)
    assert not issues_by_code(validate_report(week_template, {"hospitals": "30家；甲、乙、丙；等"}),
                              "fewer_names_than_count")


def test_each_bad_url_is_named(week_template):
    check = validate_report(week_template, {"media_links": "人民网\nhttp//a.com\n新华网\nhttps://b.cn/1"
                                                           "\n健康报\nwww.jkb.com.cn\n川观\nhttp://x"})
    assert [i.message for i in issues_by_code(check, "bad_url")] == [
        "第1条链接格式不正确：http//a.com", "第4条链接格式不正确：http://x"]
    assert [i.code for i in check.issues if i.field == "media_links"] == [
        "bad_url", "url_without_scheme", "bad_url"]


def test_summary_over_1000_characters_is_a_warning_with_the_count(week_template):
    check = validate_report(week_template, {"overall_summary": "总结" * 600})
    (issue,) = issues_by_code(check, "too_long")
    assert issue.severity == WARNING
    assert issue.message == "共1200字，超过1000字的要求"
    assert not issues_by_code(validate_report(week_template, {"overall_summary": "总" * 1000}),
                              "too_long")


def test_required_fields_are_issues_not_exceptions(week_template):
    check = validate_report(week_template, {})
    required = issues_by_code(check, "required")
    assert {i.field for i in required} == {
        "edition", "fill_date", "unit_name", "activity_time", "activity_place", "hospitals",
        "overall_summary"}
    assert all(i.severity == ERROR and i.message == "必填项，请填写" for i in required)
    assert check.values == {}
    filled = validate_report(week_template, {"unit_name": "四川省抗癌协会", "edition": "  "})
    assert "unit_name" not in {i.field for i in issues_by_code(filled, "required")}
    assert "edition" in {i.field for i in issues_by_code(filled, "required")}  # blanks are empty


# --- 评优 form ------------------------------------------------------------------------------------

def test_new_members_must_not_exceed_total(award_template):
    check = validate_report(award_template, {"members_total": "3226人", "members_new": "4000人"})
    (issue,) = issues_by_code(check, "greater_than")
    assert (issue.field, issue.severity) == ("members_new", ERROR)
    assert issue.message == "本年度新发展会员数不应超过会员总数"
    assert not issues_by_code(validate_report(award_template, {"members_total": "3226",
                                                               "members_new": "320"}),
                              "greater_than")


@pytest.mark.parametrize(("count", "names", "mismatch"), [
    ("1个", "肿瘤微创专业委员会", False),
    ("2个", "肿瘤微创专业委员会、肿瘤护理专业委员会", False),
    ("2个", "肿瘤微创专业委员会", True),
    ("1个", "肿瘤微创专业委员会、肿瘤护理专业委员会", True),
    ("3个", "肿瘤微创专业委员会等", False),
    ("0个", "", False),
])
def test_committee_names_agree_with_count(award_template, count, names, mismatch):
    check = validate_report(award_template, {"committees_new": count, "committee_names": names})
    found = issues_by_code(check, "list_count_mismatch")
    assert bool(found) is mismatch
    if mismatch:
        assert found[0].field == "committee_names" and found[0].severity == ERROR


# --- the rule functions themselves ---------------------------------------------------------------

def test_run_rule_without_a_cache(week_template):
    rule = RuleSpec("distinct_text", ("*",), min_length=12)
    raw = {"special_activities": "  同一段很长的文字，复制了两次。 ", "overall_summary": "同一段很长的文字，复制了两次。"}
    (issue,) = run_rule(rule, week_template, raw, {})
    assert issue.field == "overall_summary"


def test_comparison_text():
    assert comparison_text(" 甲\n\n乙\t丙 ") == "甲乙丙"
    assert comparison_text("483家；人民网\n\n、健康报。") == comparison_text("483家；人民网、健康报")
    assert comparison_text(None) == ""


def test_a_broken_rule_is_reported_not_raised(week_template, monkeypatch):
    import forms.rules

    def explode(*args):
        raise ZeroDivisionError

    monkeypatch.setitem(forms.rules.RULES, "compare", explode)
    validator = Validator(week_template, {"direct_beneficiaries": "1人"})
    failed = {i.field: i for i in validator.issues() if i.code == "rule_failed"}
    assert set(failed) == {"direct_beneficiaries", "fill_date"}  # the form's two comparisons
    assert "ZeroDivisionError" in failed["direct_beneficiaries"].message


# --- the duplicate-text check compares short signatures before whole texts --------------------

LONG = "第30届全国肿瘤防治宣传周活动在全省各地同时开展，" * 40  # ~1000 characters


@pytest.mark.parametrize(("earlier", "later", "same"), [
    (LONG, LONG.replace("，", "、\n"), True),  # punctuation and line breaks differ
    (LONG, LONG + "另有补充。", False),  # same start, different end
    ("，" * 300 + LONG, LONG, True),  # a head of punctuation: the whole text is compared
    ("…" * 300 + "甲乙", "甲乙" + "。" * 10, False),  # too short once punctuation is gone
])
def test_duplicate_check_by_signature(week_template, earlier, later, same):
    rule = RuleSpec("distinct_text", ("*",), min_length=12)
    raw = {"special_activities": earlier, "overall_summary": later}
    found = run_rule(rule, week_template, raw, {})
    assert [i.field for i in found] == (["overall_summary"] if same else [])


def test_validator_recomputes_a_changed_text(week_template):
    validator = Validator(week_template, {"special_activities": LONG, "overall_summary": "自己的总结"})
    assert validator.texts.signature("overall_summary") == "自己的总结"
    validator.set("overall_summary", LONG.replace("，", ","))
    assert [i.code for i in validator.issues_for("overall_summary")] == ["duplicate_text"]
    assert validator.texts["overall_summary"] == comparison_text(LONG)
    validator.set("overall_summary", LONG + "。另有补充")
    assert "duplicate_text" not in [i.code for i in validator.issues_for("overall_summary")]
