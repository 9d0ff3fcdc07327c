"""A filled form's cells as the paper means them: the label's unit, unknown labels, printed
hints left empty, column-style tables and group labels. Each test reads back what is stored."""

from __future__ import annotations

import pytest

from forms.importing import read_document
from forms.importing.blank import draft_from_document
from forms.importing.matcher import match_document
from forms.importing.writer import draft_toml
from forms.loader import load_template_text
from forms.validate import validate_report
from tests.forms.importing import builders

WRITERS = {"docx": builders.write_docx, "xlsx": builders.write_xlsx}


def week_with(values: dict[str, str], labels: dict[str, str] | None = None) -> list[list[str]]:
    """The filled 宣传周 table with some cells changed and some labels printed differently."""
    cells = builders.cell_texts(builders.WEEK_ROWS, {**builders.seed_000(), **values})
    labels = labels or {}
    return [[labels.get(text, text) if text == layout else text
             for text, layout in zip(row, spec, strict=True)]
            for row, spec in zip(cells, builders.WEEK_ROWS, strict=True)]


def import_rows(tmp_path, kind, rows, template, width=4, above=("第30届全国肿瘤防治宣传周活动总结表",)):
    path = WRITERS[kind](tmp_path / f"表.{kind}", list(above), rows, [], width=width)
    result = match_document(read_document(path), template)
    return result, validate_report(template, result.raw)


def unmatched(result) -> list[tuple[str, str]]:
    return [(u["text"], u["reason"]) for u in result.unmatched]


# --- the unit printed in the label ------------------------------------------------------------
UNIT_LABELS = {"费用减免": "费用减免（万元）", "发放科普知识印刷品": "发放科普知识印刷品（万份）",
               "直接受益人数": "直接受益人数（万人）", "预计受益人数": "预计受益人数(单位：万人次)"}


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_bare_figure_is_read_in_the_labels_unit(tmp_path, kind, week_template):
    values = {"费用减免": "130", "发放科普知识印刷品": "38万", "直接受益人数": "约46",
              "预计受益人数": "140"}
    result, check = import_rows(tmp_path, kind, week_with(values, UNIT_LABELS), week_template)
    assert check.values["fee_reduction"] == {"value": 1_300_000, "unit": "元", "qualifier": None}
    assert check.values["printed_materials"]["value"] == 380_000  # 38万 under （万份）: not 38万万
    assert check.values["direct_beneficiaries"] == {"value": 460_000, "unit": "人",
                                                    "qualifier": "approx"}
    # 万人次 in a field of 人: read as written, with the usual warning about the unit
    assert check.values["expected_beneficiaries"] == {"value": 1_400_000, "unit": "人次",
                                                      "qualifier": None}
    assert result.raw["fee_reduction"] == "130万元"
    assert any("费用减免（万元）" in note and "130万元" in note for note in result.notes)


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_unit_written_in_the_cell_wins(tmp_path, kind, week_template):
    values = {"费用减免": "约130万元", "发放科普知识印刷品": "380000份"}
    _, check = import_rows(tmp_path, kind, week_with(values, UNIT_LABELS), week_template)
    assert check.values["fee_reduction"]["value"] == 1_300_000
    assert check.values["printed_materials"]["value"] == 380_000


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_figure_whose_unit_cannot_be_placed_is_not_imported(tmp_path, kind, week_template):
    values = {"费用减免": "130（含线上义诊30）", "科普讲座的人数": "线下参与 21\n线上观看 30"}
    labels = {**UNIT_LABELS, "科普讲座的人数": "科普讲座的人数（万人）"}
    result, check = import_rows(tmp_path, kind, week_with(values, labels), week_template)
    assert "fee_reduction" not in result.raw and "fee_reduction" not in check.values
    assert "lecture_attendance.offline" not in result.raw
    refused = {u["field"]: u["reason"] for u in result.unmatched if "field" in u}
    assert "万元" in refused["fee_reduction"] and "未导入" in refused["fee_reduction"]
    assert "万人" in refused["lecture_attendance"]


def test_thousands_of_yuan_never_stored_as_yuan(tmp_path, week_template):
    values = {"费用减免": "130"}
    result, check = import_rows(tmp_path, "docx", week_with(values, {"费用减免": "费用减免（千元）"}),
                                week_template)
    assert result.raw["fee_reduction"] == "130千元"
    assert check.values.get("fee_reduction", {}).get("value") != 130


# --- labels the form does not know -------------------------------------------------------------
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_an_unknown_label_beside_a_value_is_listed_not_glued(tmp_path, kind, week_template):
    labels = {"发放科普知识印刷品": "发放宣传资料", "预计受益人数": "间接受益人数",
              "活动地点": "活动区域"}
    result, check = import_rows(tmp_path, kind, week_with({}, labels), week_template)
    assert check.values["posters"] == {"value": 8234, "unit": "张", "qualifier": None}
    assert result.raw["posters"] == "8234张"
    assert result.raw["direct_beneficiaries"] == "46.21人"
    assert result.raw["activity_time"] == "2024年4月15-26日"  # text on the left: unchanged
    assert "printed_materials" not in result.raw and "expected_beneficiaries" not in result.raw
    listed = unmatched(result)
    for label, value in (("发放宣传资料", "38万份"), ("间接受益人数", "140万人"), ("活动区域", "四川省")):
        assert (label, "没有对应的栏目") in listed
        assert (value, f"栏目“{label}”的内容，表单中没有这一栏") in listed


def test_a_renamed_pair_label_is_listed_with_both_lines(tmp_path, week_template):
    result, _ = import_rows(tmp_path, "docx", week_with({}, {"科普讲座的人数": "讲座参与人数"}),
                            week_template)
    assert not any(k.startswith("lecture_attendance") for k in result.raw)
    assert result.raw["lectures"] == "603场"
    listed = unmatched(result)
    assert ("讲座参与人数", "没有对应的栏目") in listed
    assert ("线下参与210546人\n线上观看245975人次",
            "栏目“讲座参与人数”的内容，表单中没有这一栏") in listed


def test_part_labels_written_in_their_own_cells_stay_with_the_field(tmp_path, week_template):
    rows = [["科普讲座的人数", "线下参与", "210人", "线上观看", "300人次"]]
    result, check = import_rows(tmp_path, "docx", rows, week_template, width=5)
    assert check.values["lecture_attendance.offline"]["value"] == 210
    assert check.values["lecture_attendance.online"]["value"] == 300
    assert result.unmatched == []


# --- what the blank form printed, left empty ---------------------------------------------------
HALF_FILLED = [
    ["填报单位（盖章）", "某县疾控", "<", "<"],
    ["活动时间", "      年   月   日至     年   月   日", "活动地点", "县城"],
    ["宣传活动（场）", "        场", "受益人数（人）", "1.2万"],
    ["是否开展义诊", "□是  □否", "义诊人次", "____人次"],
    ["科普讲座的人数", "线下参与      人", "<", "<"],
    ["^", "线上观看      人次", "<", "<"],
    ["参与研讨的人数", "线下参与 500 人", "<", "<"],
    ["^", "线上观看        人次", "<", "<"],
]


@pytest.fixture(scope="module")
def teeth_template(tmp_path_factory):
    """The template drafted from the blank of the half-filled form below."""
    folder = tmp_path_factory.mktemp("teeth")
    blank = [[text if i % 2 == 0 or text in ("<", "^") else "" for i, text in enumerate(row)]
             for row in HALF_FILLED]
    blank[4][1], blank[5][1] = "线下参与      人", "线上观看      人次"
    blank[6][1], blank[7][1] = "线下参与      人", "线上观看      人次"
    path = builders.write_docx(folder / "空白.docx", ["2025年全国爱牙日活动总结表"], blank,
                               ["填表人：        联系电话：        填表日期：    年  月  日"])
    draft = draft_from_document(read_document(path))
    return load_template_text(draft_toml(draft), "爱牙日.toml")


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_printed_hints_left_empty_are_empty(tmp_path, kind, teeth_template):
    path = WRITERS[kind](tmp_path / f"半填.{kind}", ["2025年全国爱牙日活动总结表"], HALF_FILLED,
                         ["填表人：赵六   联系电话：      填表日期：    年  月  日"])
    result = match_document(read_document(path), teeth_template)
    by_label = {teeth_template.field(key.split(".")[0]).label: key
                for key, text in result.raw.items() if text}
    raw = {label: result.raw[key] for label, key in by_label.items()}
    assert raw.get("填报单位") == "某县疾控"
    assert raw.get("活动地点") == "县城" and raw.get("填表人") == "赵六"
    for label in ("活动时间", "宣传活动", "是否开展义诊", "义诊人次", "科普讲座的人数", "填表日期"):
        assert label not in raw, label
    check = validate_report(teeth_template, result.raw)
    research = next(f for f in teeth_template.fields() if f.label == "参与研讨的人数")
    assert check.values[f"{research.id}.{research.parts[0].id}"]["value"] == 500
    assert not result.raw.get(f"{research.id}.{research.parts[1].id}")
    assert not [i for i in check.issues if i.code != "required"]


# --- column-style tables -----------------------------------------------------------------------
SMOKE_HEADERS = ["填报单位", "活动场次（场）", "参与人数（人）", "发放资料（份）", "经费（万元）",
                 "是否开展戒烟门诊"]


@pytest.fixture(scope="module")
def smoke_template(tmp_path_factory):
    path = builders.write_docx(tmp_path_factory.mktemp("smoke") / "空白.docx",
                               ["2025年世界无烟日活动统计表"], [SMOKE_HEADERS, [""] * 6], [], width=6)
    return load_template_text(draft_toml(draft_from_document(read_document(path))), "无烟日.toml")


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
@pytest.mark.parametrize("first", ["单位", ""])
def test_a_column_style_table_imports_what_matches(tmp_path, kind, first, smoke_template):
    headers = [first, *SMOKE_HEADERS[1:]]
    rows = [headers, ["某县疾控中心", "12", "3,500", "2万", "1.5", "是"]]
    result, check = import_rows(tmp_path, kind, rows, smoke_template, width=6,
                                above=("2025年世界无烟日活动统计表",))
    values = {smoke_template.field(k).label: v for k, v in check.values.items() if "." not in k}
    assert values["活动场次（场）"]["value"] == 12
    assert values["参与人数（人）"]["value"] == 3500
    assert values["发放资料（份）"]["value"] == 20000
    assert values["经费（万元）"]["value"] == 15000
    assert values["是否开展戒烟门诊"] is True
    assert "填报单位" not in values
    listed = unmatched(result)
    if first:
        assert ("单位", "没有对应的栏目") in listed
        assert ("某县疾控中心", "栏目“单位”的内容，表单中没有这一栏") in listed
    else:
        assert [text for text, _ in listed] == ["某县疾控中心"]


# --- group labels ------------------------------------------------------------------------------
def test_a_group_label_spanning_rows_is_not_unmatched(tmp_path, week_template):
    rows = [["单位名称", "某县疾控中心", "<", "<"],
            ["宣传活动", "科普讲座", "12场", "<"],
            ["^", "学术研讨", "3场", "<"],
            ["备注", "无", "<", "<"]]
    result, check = import_rows(tmp_path, "docx", rows, week_template)
    assert check.values["lectures"]["value"] == 12 and check.values["symposia"]["value"] == 3
    assert [text for text, _ in unmatched(result)] == ["备注", "无"]


def test_a_text_field_on_the_left_keeps_its_value(tmp_path, week_template):
    rows = [["活动地点", "县人民广场", "活动规模", "大型"]]
    result, _ = import_rows(tmp_path, "docx", rows, week_template)
    assert result.raw["activity_place"] == "县人民广场"
    assert ("活动规模", "没有对应的栏目") in unmatched(result)


LIBREOFFICE_FILLED = """<html><head><meta charset="utf-8"></head><body>
<p>第30届全国肿瘤防治宣传周活动总结表</p>
<table border="1"><tr><td>单位名称</td><td colspan="3">某县疾控中心</td></tr>
<tr><td>张贴海报宣传画</td><td>8234张</td><td>发放宣传资料</td><td>38万份</td></tr>
<tr><td>费用减免（万元）</td><td>130</td><td>直接受益人数（万人）</td><td>约46</td></tr>
<tr><td>科普讲座</td><td>        场</td><td>活动具体时间</td><td>年 月 日至 年 月 日</td></tr>
</table></body></html>"""


def test_a_libreoffice_document(tmp_path, week_template):
    from tests.forms.importing.conftest import soffice_convert

    html = tmp_path / "宣传周.html"
    html.write_text(LIBREOFFICE_FILLED, encoding="utf-8")
    path = soffice_convert(html, "docx", "MS Word 2007 XML", tmp_path)
    result = match_document(read_document(path), week_template)
    check = validate_report(week_template, result.raw)
    assert check.values["fee_reduction"]["value"] == 1_300_000
    assert check.values["direct_beneficiaries"]["value"] == 460_000
    assert check.values["posters"]["value"] == 8234
    assert "lectures" not in check.values and "activity_time" not in check.values
    assert not result.raw.get("lectures") and not result.raw.get("activity_time")
    assert ("发放宣传资料", "没有对应的栏目") in unmatched(result)
