"""Combining values field by field; the merged raw text must read back to the merged value."""

from __future__ import annotations

import pytest

from exports.merge_values import combine, merged_qualifier, plain_number, value_problem
from forms.validate import expand_values, validate_report


def merged(template, *units: dict[str, str], unit_name: str | None = None):
    """Validate each unit's raw texts, combine, and check that the raw reads back."""
    checked = [(f"单位{n}", validate_report(template, raw).values) for n, raw in enumerate(units, 1)]
    raw, values = combine(template, checked, unit_name=unit_name)
    assert validate_report(template, raw).values == values
    return raw, values


@pytest.mark.parametrize(("qualifiers", "expected"), [
    ([None, None], None),
    (["approx", None], "approx"),
    (["at_least", None, "at_least"], "at_least"),
    (["at_least", "approx"], "approx"),
])
def test_merged_qualifier(qualifiers, expected):
    assert merged_qualifier(qualifiers) == expected


@pytest.mark.parametrize(("value", "text"), [(1234567, "1234567"), (46.21, "46.21"),
                                             (1300000.5, "1300000.5"), (0, "0")])
def test_plain_number(value, text):
    assert plain_number(value) == text


@pytest.mark.parametrize(("texts", "raw"), [
    (["约130万元", "5000元"], "约1305000元"),
    (["12.5万元", "0.35万元"], "128500元"),
    (["1234.56元", "0.44元"], "1235元"),
    (["约130万元", "约130万元"], "约260万元"),  # as people write it, and it reads back
    (["1亿元", "2亿元"], "3亿元"),
])
def test_money(week_template, texts, raw):
    result, values = merged(week_template, *({"fee_reduction": t} for t in texts))
    assert result["fee_reduction"] == raw and values["fee_reduction"]["unit"] == "元"


def test_an_approximate_sum_keeps_its_qualifier_and_reads_back(week_template):
    raw, values = merged(week_template, {"fee_reduction": "约130万元"},
                         {"fee_reduction": "约130万元"})
    assert values["fee_reduction"] == {"value": 2_600_000, "unit": "元", "qualifier": "approx"}
    raw, values = merged(week_template, {"printed_materials": "38万份"},
                         {"printed_materials": "2万份"})
    assert raw["printed_materials"] == "40万份"


@pytest.mark.parametrize("wrong", ["46.21人", "12.000人", "1.5人"])
def test_a_count_with_an_error_is_not_summed(week_template, wrong):
    """Seed 000's 46.21人 is an error in the unit's form: no number is stored, so none is summed
    (never 146.21, nor 146 from a number the person did not write)."""
    raw, values = merged(week_template, {"direct_beneficiaries": wrong},
                         {"direct_beneficiaries": "100人"})
    assert raw["direct_beneficiaries"] == "100人"


def test_units_agreeing_keep_their_unit(week_template):
    raw, values = merged(week_template, {"lecture_attendance.offline": "30人次"},
                         {"lecture_attendance.offline": "20人次"})
    assert raw["lecture_attendance.offline"] == "50人次"
    raw, _ = merged(week_template, {"lecture_attendance.offline": "30人次"},
                    {"lecture_attendance.offline": "20人"})
    assert raw["lecture_attendance.offline"] == "50人"  # mixed: the field's own unit


def test_name_lists(week_template):
    raw, values = merged(
        week_template,
        {"media_reports": "2家；人民网、乙等"},  # 乙等 is a name here (followed by more)
        {"media_reports": "人民网、健康报"},
    )
    # "乙等" at the end of a line reads as 乙 + 等; the second unit named no count (2 listed)
    assert values["media_reports"] == {"count": {"value": 4, "unit": "家", "qualifier": None},
                                       "names": ["人民网", "乙", "健康报"], "partial": True,
                                       "note": ""}
    assert raw["media_reports"] == "4家；人民网、乙、健康报；等"


def test_name_list_notes_under_unit_names(week_template, seed_000_raw):
    raw, values = merged(week_template, {"media_reports": seed_000_raw["media_reports"]},
                         {"media_reports": "2家；四川日报、人民网"})
    media = values["media_reports"]
    assert media["partial"] is True and media["note"].startswith("【单位1】同时")
    assert media["count"]["value"] == 485
    assert media["names"][-1] == "四川日报" and media["names"].count("人民网") == 1


def test_lists_nobody_counted_stay_without_a_count(week_template):
    raw, values = merged(week_template, {"media_interviews": "甲台、乙台"},
                         {"media_interviews": "乙台、丙台"})
    assert values["media_interviews"] == {"count": None, "names": ["甲台", "乙台", "丙台"],
                                          "partial": False, "note": ""}
    assert raw["media_interviews"] == "甲台、乙台、丙台"


@pytest.mark.parametrize(("second", "count", "names"), [
    ("乙医院、丙医院", 12, ["甲医院", "乙医院", "丙医院"]),  # a closed list: the names it lists
    ("乙医院、丙医院；等", 10, ["甲医院"]),  # 等 and no count: an error, nothing added
    ("乙医院、丙医院等数十家", 10, ["甲医院"]), ("l2家；乙医院、丙医院", 10, ["甲医院"]),
    ("乙医院、丙医院等2家", 12, ["甲医院", "乙医院", "丙医院"]),  # the count after the names
])
def test_an_uncounted_list_adds_only_what_it_lists(week_template, second, count, names):
    raw, values = merged(week_template, {"hospitals": "10家；甲医院"}, {"hospitals": second})
    assert values["hospitals"]["count"] == {"value": count, "unit": "家", "qualifier": None}
    assert values["hospitals"]["names"] == names


def test_name_ending_in_deng_is_kept(week_template):
    """A last name ending in 等 would read as 'and others' without the closing ；."""
    values = [("甲", {"media_interviews": {"count": None, "names": ["上等"], "partial": False,
                                            "note": ""}})]
    raw, merged_values = combine(week_template, values)
    assert validate_report(week_template, raw).values["media_interviews"] == \
        merged_values["media_interviews"]


def test_links_with_and_without_names(week_template):
    raw, values = merged(week_template,
                         {"media_links": "https://a.example.cn/1\n乙网 https://b.example.cn/2"},
                         {"media_links": "甲网 https://a.example.cn/1"})
    assert values["media_links"] == [{"name": "", "url": "https://a.example.cn/1"},
                                     {"name": "乙网", "url": "https://b.example.cn/2"}]


def test_long_text_and_texts(week_template):
    raw, values = merged(week_template,
                         {"overall_summary": "  第一段\n\n第二段  ", "activity_place": "成都市"},
                         {"overall_summary": "", "activity_place": "成都市"},
                         {"overall_summary": "丙的总结", "activity_place": "自贡市"},
                         unit_name="四川省")
    assert values["overall_summary"] == "【单位1】\n第一段\n\n第二段\n\n【单位3】\n丙的总结"
    assert values["activity_place"] == "成都市、自贡市" and values["unit_name"] == "四川省"


def test_dates(week_template):
    raw, values = merged(week_template,
                         {"activity_time": "2024年4月15日", "fill_date": "2024-04-20"},
                         {"activity_time": "2024年4月10-12日", "fill_date": "2024年5月1日"})
    assert values["activity_time"] == {"start": "2024-04-10", "end": "2024-04-15"}
    assert raw["fill_date"] == "2024年5月1日"


def test_award_form_merges(award_template, seed_004):
    base = expand_values(award_template, seed_004)[0]
    other = {**base, "association_name": "浙江省抗癌协会", "members_total": "1200人",
             "members_new": "80人", "board_reported": "否",
             "bonus_items": "承办协会常务理事会", "committee_names": "肿瘤护理专业委员会"}
    raw, values = merged(award_template, base, other)
    assert values["members_total"] == {"value": 3226 + 1200, "unit": "人", "qualifier": None}
    assert values["committee_names"]["names"] == ["肿瘤微创专业委员会", "肿瘤护理专业委员会"]
    assert values["members_online"] is True  # both said 是
    assert "board_reported" not in values  # 是 and 否: left for the person
    assert values["bonus_items"] == list(award_template.field("bonus_items").options)
    assert "association_name" not in values  # the receiving unit is for the person to fill
    assert "filled_by" not in raw and "contact_phone" not in raw
    assert values["academic"].startswith("【单位1】\n")


@pytest.mark.parametrize(("key", "value"), [
    ("lectures", "12场"), ("lectures", {"value": "12"}), ("lectures", {"value": float("nan")}),
    ("lectures", {"value": True}), ("lectures", {"value": 1, "qualifier": "many"}),
    ("hospitals", {"names": "甲"}), ("hospitals", {"names": [], "count": {"value": "x"}}),
    ("media_links", [{"name": "甲"}]), ("fill_date", "2024-13-01"),
    ("activity_time", {"start": "2024-04-20", "end": "2024-04-01"}), ("edition", "30"),
    ("unit_name", 5),
])
def test_values_of_the_wrong_shape(week_template, key, value):
    assert value_problem(week_template.field(key), value)


def test_values_of_the_right_shape(week_template, seed_000_raw):
    values = validate_report(week_template, seed_000_raw).values
    assert all(value_problem(week_template.field(k), v) is None for k, v in values.items())
