"""Templates as data: the two built-in forms are complete, and the loader is strict."""

from __future__ import annotations

import re

import pytest

from forms.loader import (
    FORMS_DIR,
    TemplateError,
    builtin_templates,
    load_builtin_templates,
    load_template,
    load_template_text,
)
from forms.registry import COMPOUND_TYPES, TYPES

# Every row of seed 000, in the paper form's order (plus 届次 and 填表日期 from its heading).
WEEK_LABELS = [
    "届次", "填表日期", "单位名称", "活动具体时间", "活动地点",
    "参与活动的医院数量/名称", "参与活动的各类抗癌组织数量/名称",
    "科普讲座", "科普讲座的人数", "学术研讨", "参与研讨的人数", "义诊咨询", "接受义诊咨询的人数",
    "张贴海报宣传画", "发放科普知识印刷品", "科普图片展览", "抗癌科普知识问答", "费用减免",
    "参与专家和医护人员", "直接受益人数", "预计受益人数",
    "媒体报道数量/名称", "媒体访谈数量/名称", "主要媒体报道链接", "媒体阅读总数",
    "其他特色活动数量/名称/形式/内容", "整体活动总结", "填表人", "联系电话",
]
AWARD_LABELS = [
    "省市抗癌协会名称（盖章）", "住所", "年度", "填表日期",
    "会员总数", "本年度新发展会员数", "会员是否已进行网络化管理（中国科协所属学会个人会员管理系统）",
    "是否有专（兼）职工作人员及人数", "是否已报送现任理事会信息", "本年度新建专业委员会",
    "下属专业委员会名称", "学术继教", "宣传信息", "科学普及", "承接政府职能", "加分项目",
    "填表人", "联系电话",
]


def test_builtin_templates(templates):
    assert set(templates) == {"cancer_week_summary", "association_award_summary"}
    assert templates["cancer_week_summary"].title == "全国肿瘤防治宣传周活动总结表"
    assert templates["association_award_summary"].title == "省、市、自治区抗癌协会评优汇总表"


def test_week_template_has_every_row_in_order(week_template):
    assert [f.label for f in week_template.fields()] == WEEK_LABELS


def test_award_template_has_every_row_in_order(award_template):
    assert [f.label for f in award_template.fields()] == AWARD_LABELS
    assert award_template.field("bonus_items").options == (
        "承办中国肿瘤学术大会", "承办“4.15”全国肿瘤防治宣传周启动仪式",
        "承办“2.4”世界癌症日启动仪式", "承办协会常务理事会")


def test_seed_labels_match_the_templates(week_template, award_template, seed_000, seed_004):
    """The fixtures are keyed by the labels printed on the seed forms; each resolves."""
    for template, seed in ((week_template, seed_000), (award_template, seed_004)):
        for label in seed:
            assert template.resolve_key(label) is not None, label


@pytest.mark.parametrize("template_id", ["cancer_week_summary", "association_award_summary"])
def test_fields_are_well_formed(templates, template_id):
    template = templates[template_id]
    for spec in template.fields():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", spec.id)
        assert spec.type in TYPES or spec.type in COMPOUND_TYPES
        assert spec.layout in ("half", "full")
        for part in spec.parts:
            assert part.key == f"{spec.id}.{part.id}"
            assert part.full_label == f"{spec.label}（{part.label}）"
            assert part.parent == spec.id


def test_week_template_details(week_template):
    pair = week_template.field("lecture_attendance")
    assert pair.type == "pair" and pair.is_compound
    assert [p.label for p in pair.parts] == ["线下参与", "线上观看"]
    assert [p.unit for p in pair.parts] == ["人", "人次"]
    assert week_template.field("clinic_attendance.online").label == "线上问诊"
    assert week_template.field("fee_reduction").units == ("元", "万元")
    summary = week_template.field("overall_summary")
    assert (summary.max_length, summary.over_length, summary.layout) == (1000, "warning", "full")
    assert week_template.field("unit_name").required
    assert week_template.heading({"edition": 30}) == "第30届全国肿瘤防治宣传周活动总结表"
    assert week_template.heading({}) == "全国肿瘤防治宣传周活动总结表"
    assert [(r.kind, r.expression) for r in week_template.rules] == [
        ("compare", "direct_beneficiaries <= expected_beneficiaries"),
        ("compare", "fill_date >= activity_time"), ("distinct_text", "")]


def test_resolve_key(week_template):
    assert week_template.resolve_key("直接受益人数") == "direct_beneficiaries"
    assert week_template.resolve_key("direct_beneficiaries") == "direct_beneficiaries"
    assert week_template.resolve_key(" 科普讲座的人数 ") == "lecture_attendance"
    assert week_template.resolve_key("科普讲座的人数（线上观看）") == "lecture_attendance.online"
    assert week_template.resolve_key("科普讲座的人数.线下参与") == "lecture_attendance.offline"
    assert week_template.resolve_key("不存在的栏目") is None


def test_leaves_hold_values(week_template):
    keys = [s.key for s in week_template.leaves()]
    assert "lecture_attendance" not in keys
    assert keys[keys.index("lectures") + 1 : keys.index("lectures") + 3] == [
        "lecture_attendance.offline", "lecture_attendance.online"]


# --- strictness -------------------------------------------------------------------------------

GOOD = '''
id = "mini"
title = "小表"
version = 1

[[sections]]
id = "main"
title = "主要"

[[sections.fields]]
id = "people"
label = "人数"
type = "count"
unit = "人"

[[sections.fields]]
id = "expected"
label = "预计人数"
type = "count"
unit = "人"

[[sections.fields]]
id = "names"
label = "名单"
type = "name_list"

[[rules]]
kind = "not_greater"
fields = ["people", "expected"]
'''


def write(tmp_path, text: str, name: str = "broken.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_template_loads(tmp_path):
    template = load_template(write(tmp_path, GOOD, "mini.toml"))
    assert template.id == "mini" and [f.id for f in template.fields()] == [
        "people", "expected", "names"]
    assert template.path.endswith("mini.toml")


# (change to GOOD, text the error must contain besides the file name)
BROKEN = [
    (("unit = \"人\"\n\n[[sections.fields]]\nid = \"expected\"",
      "unit = \"人\"\ncolour = \"red\"\n\n[[sections.fields]]\nid = \"expected\""),
     ["字段“people”", "未知的键：colour"]),
    (("id = \"expected\"", "id = \"people\""), ["字段“people”", "id 重复"]),
    (("fields = [\"people\", \"expected\"]", "fields = [\"people\", \"nobody\"]"),
     ["规则 1", "不存在的字段“nobody”"]),
    (("type = \"name_list\"", "type = \"names\""), ["字段“names”", "未知的类型“names”"]),
    (("unit = \"人\"\n\n[[sections.fields]]\nid = \"expected\"",
      "unit = \"斤\"\n\n[[sections.fields]]\nid = \"expected\""), ["字段“people”", "未知的单位“斤”"]),
    (("title = \"小表\"", "title = \"小表"), ["TOML 语法"]),
    (("version = 1", "version = 1\nauthor = \"x\""), ["模板", "未知的键：author"]),
    (("title = \"主要\"", "title = \"主要\"\nnote = \"x\""), ["第1节", "未知的键：note"]),
    (("kind = \"not_greater\"", "kind = \"not_greater\"\nlevel = 2"), ["规则 1", "未知的键：level"]),
    (("kind = \"not_greater\"", "kind = \"bigger\""), ["规则 1", "未知的规则类型“bigger”"]),
    (("fields = [\"people\", \"expected\"]", "fields = [\"people\"]"), ["规则 1", "需要 2 个字段"]),
    (("fields = [\"people\", \"expected\"]", "fields = [\"people\", \"names\"]\nseverity = \"fatal\""),
     ["规则 1", "severity"]),
    (("kind = \"not_greater\"\nfields = [\"people\", \"expected\"]",
      "kind = \"date_not_before\"\nfields = [\"people\", \"expected\"]"),
     ["规则 1", "不能用于字段“people”"]),
    (("id = \"people\"", "id = \"People Count\""), ["字段“People Count”", "id 只能用"]),
    (("label = \"人数\"\n", ""), ["字段“people”", "缺少必填的键：label"]),
    (("type = \"name_list\"", "type = \"name_list\"\nlayout = \"wide\""), ["字段“names”", "layout"]),
    (("type = \"name_list\"", "type = \"name_list\"\nrequired = \"yes\""),
     ["字段“names”", "required 的值应为布尔值（true 或 false）"]),
    (("type = \"name_list\"", "type = \"name_list\"\nmax_length = \"长\""),
     ["字段“names”", "max_length 的值应为整数"]),
    (("type = \"name_list\"", "type = \"choice\""), ["字段“names”", "options"]),
    (("type = \"name_list\"", "type = \"pair\""), ["字段“names”", "parts"]),
    (("type = \"name_list\"", "type = \"name_list\"\nparts = []"), ["字段“names”", "parts"]),
    (("version = 1", "version = 0"), ["version", "正整数"]),
    (("id = \"mini\"", "id = \"迷你\""), ["id", "模板 id"]),
]


@pytest.mark.parametrize(("change", "expected"), BROKEN)
def test_broken_template_names_file_and_field(tmp_path, change, expected):
    old, new = change
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    text = caught.value.text()
    assert str(path) in text
    for part in expected:
        assert part in text


def test_rule_on_a_compound_field_is_refused(tmp_path):
    text = GOOD.replace('[[rules]]', '''[[sections.fields]]
id = "attendance"
label = "参加人数"
type = "pair"

[[sections.fields.parts]]
id = "offline"
label = "线下"
type = "count"

[[sections.fields.parts]]
id = "online"
label = "线上"
type = "count"

[[rules]]''').replace('fields = ["people", "expected"]', 'fields = ["attendance", "expected"]')
    with pytest.raises(TemplateError, match="复合字段"):
        load_template_text(text, "pair.toml")
    fixed = text.replace('fields = ["attendance", "expected"]',
                         'fields = ["attendance.offline", "expected"]')
    assert load_template_text(fixed, "pair.toml").field("attendance.online").label == "线上"


def test_duplicate_part_ids_are_refused():
    text = GOOD.replace('[[rules]]', '''[[sections.fields]]
id = "attendance"
label = "参加人数"
type = "pair"

[[sections.fields.parts]]
id = "offline"
label = "线下"
type = "count"

[[sections.fields.parts]]
id = "offline"
label = "线上"
type = "count"

[[rules]]''')
    with pytest.raises(TemplateError, match="字段“attendance.offline”：id 重复"):
        load_template_text(text, "pair.toml")


def test_unreadable_file_and_duplicate_template_ids(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe id = 1")
    with pytest.raises(TemplateError, match="无法读取") as caught:
        load_template(bad)
    assert str(bad) in str(caught.value)
    bad.unlink()
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD, "b.toml")
    templates, problems = load_builtin_templates(tmp_path)
    assert list(templates) == ["mini"] and templates["mini"].path.endswith("a.toml")
    (problem,) = problems
    assert "模板 id“mini”与另一个模板（a.toml）重复" in problem.text()
    assert problem.source.endswith("b.toml")


def test_a_broken_file_never_stops_the_others(tmp_path, caplog):
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD.replace('id = "mini"', 'id = "other"').replace("unit = \"人\"", "unit = 5"),
          "b.toml")
    write(tmp_path, "id = [", "c.toml")
    templates, problems = load_builtin_templates(tmp_path)
    assert list(templates) == ["mini"]
    assert {p.source.rsplit("/", 1)[-1] for p in problems} == {"b.toml", "c.toml"}
    assert builtin_templates(tmp_path).keys() == {"mini"}  # the rest is logged, not raised
    assert "c.toml" in caplog.text


def test_builtin_folder_is_the_resources_folder():
    assert FORMS_DIR.name == "forms" and FORMS_DIR.parent.name == "resources"
    assert sorted(p.name for p in FORMS_DIR.glob("*.toml")) == [
        "association_award_summary.toml", "cancer_week_summary.toml"]
