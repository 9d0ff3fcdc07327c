"""Units: synonyms the template declares (名 and 位 mean 人), and name lists counted in the
wrong unit or written as none."""

from __future__ import annotations

import pytest

from forms.loader import check_template_text, load_template_text
from forms.registry import parse_field

FORM = """
id = "units_test"
title = "单位测试表"
version = 1
{synonyms}
[[sections]]
id = "main"
title = "主要"

[[sections.fields]]
id = "staff"
label = "参与专家和医护人员"
type = "count"
unit = "人"
accept_units = ["人次"]

[[sections.fields]]
id = "hospitals"
label = "参与活动的医院数量/名称"
type = "name_list"
unit = "家"

[[sections.fields]]
id = "lectures"
label = "科普讲座"
type = "count"
unit = "场"
"""
SYNONYMS = '[unit_synonyms]\n"人" = ["名", "位"]\n"家" = ["所", "个"]\n'
DECLARED = load_template_text(FORM.format(synonyms=SYNONYMS))
PLAIN = load_template_text(FORM.format(synonyms=""))


@pytest.mark.parametrize("text", ["200名", "200位", "约200名", "200余位", "二百名", "200名专家", "200 名"])
def test_declared_synonyms_mean_the_unit(text):
    parsed = parse_field(DECLARED.field("staff"), text)
    assert parsed.value["unit"] == "人" and parsed.issues == ()
    assert parsed.display.endswith("200 人")


@pytest.mark.parametrize("text", ["200名", "200位"])
def test_without_the_declaration_they_are_other_units(text):
    parsed = parse_field(PLAIN.field("staff"), text)
    assert [i.code for i in parsed.issues] == ["unit_mismatch"]  # a warning: same family
    assert parsed.value["unit"] == text[-1]


def test_synonyms_apply_only_where_the_unit_is_the_fields():
    assert DECLARED.field("staff").unit_synonyms == (("名", "人"), ("位", "人"))
    assert DECLARED.field("lectures").unit_synonyms == ()
    wrong = parse_field(DECLARED.field("lectures"), "200名")
    assert wrong.value is None and [i.code for i in wrong.issues] == ["unit_mismatch"]


@pytest.mark.parametrize(("table", "message"), [
    ('"人" = ["名", "名次"]', "未知的单位“名次”"), ('"米" = ["名"]', "未知的单位“米”"),
    ('"人" = ["人"]', "不能既是单位又是别名"), ('"人" = ["名"]\n"场" = ["名"]', "已是“人”的别名"),
    ('"人" = "名"', "应为单位的列表"), ('"人" = ["名"]\n"名" = ["位"]', "不能既是单位又是别名"),
])
def test_a_wrong_declaration_is_named(table, message):
    check = check_template_text(FORM.format(synonyms=f"[unit_synonyms]\n{table}\n"), "t.toml")
    assert check.template is None
    assert any(message in p.message and p.line for p in check.problems), check.problems


def test_unit_synonyms_must_be_a_table():
    check = check_template_text(FORM.format(synonyms='unit_synonyms = "名"\n'), "t.toml")
    assert check.template is None


# --- name lists ---------------------------------------------------------------------------------

NONE = ["暂无", "无", "没有", "/", "——", "-", "0", "0家", "无。", "暂无（本次未开展）", "—", "无此项"]


@pytest.mark.parametrize("text", NONE)
@pytest.mark.parametrize("template", [DECLARED, PLAIN], ids=["declared", "plain"])
def test_none_is_not_a_name(template, text):
    parsed = parse_field(template.field("hospitals"), text)
    assert parsed.value["names"] == []
    assert parsed.value["count"]["value"] == 0
    assert parsed.display == "= 0（无）"
    assert parsed.issues == ()


def test_a_none_mark_among_names_is_left_out():
    parsed = parse_field(PLAIN.field("hospitals"), "2家；甲医院、无、乙医院")
    assert parsed.value["names"] == ["甲医院", "乙医院"]
    assert parsed.issues == ()


@pytest.mark.parametrize("text", ["5人", "5人次", "5场", "5份", "5名", "5人；甲医院、乙医院", "5场：甲、乙",
                                  "约5人", "五人"])
@pytest.mark.parametrize("template", [DECLARED, PLAIN], ids=["declared", "plain"])
def test_a_list_counted_in_the_wrong_unit_is_flagged(template, text):
    parsed = parse_field(template.field("hospitals"), text)
    errors = [i for i in parsed.issues if i.is_error]
    assert [i.code for i in errors] == ["unit_mismatch"]
    assert parsed.value is None  # never 5 hospitals from "5人", nor 2 from the names
    assert "家" in errors[0].message


@pytest.mark.parametrize("text", ["5所；甲、乙；等", "5个；甲、乙；等", "5家；甲、乙；等", "5；甲、乙；等"])
def test_declared_or_own_units_count(text):
    parsed = parse_field(DECLARED.field("hospitals"), text)
    assert parsed.value["count"] == {"value": 5, "unit": "家", "qualifier": None}
    assert parsed.issues == ()


@pytest.mark.parametrize(("text", "count", "names"), [
    ("1431家医院；甲、乙；等", 1431, ["甲", "乙"]), ("共1431家：甲、乙；等", 1431, ["甲", "乙"]),
    ("39健康网、人民网", None, ["39健康网", "人民网"]), ("3家；39健康网、人民网、健康报", 3,
                                                   ["39健康网", "人民网", "健康报"]),
])
def test_the_count_before_the_names(text, count, names):
    parsed = parse_field(PLAIN.field("hospitals"), text)
    assert (parsed.value["count"] or {}).get("value") == count
    assert parsed.value["names"] == names
