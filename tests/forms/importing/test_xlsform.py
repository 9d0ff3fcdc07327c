"""XLSForm to a draft template: the supported subset, reports by sheet and row, refusals."""

from __future__ import annotations

import openpyxl
import pytest

from forms.importing import ImportRefused
from forms.importing.writer import draft_toml
from forms.importing.xlsform import is_xlsform, read_xlsform
from forms.loader import load_template_text

SURVEY_HEADER = ["type", "name", "label::中文 (zh)", "hint::中文 (zh)", "required", "constraint",
                 "constraint_message::中文 (zh)", "relevant", "calculation"]
SURVEY = [
    ["text", "unit_name", "单位名称", "填写全称", "yes", "string-length(.) <= 50", "", "", ""],
    ["date", "fill_date", "填表日期", "", "", "", "", "", ""],
    ["integer", "lectures", "科普讲座场次", "", "", ". >= 0", "场次不能为负", "", ""],
    ["integer", "planned", "预计受益人数", "", "", "", "", "", ""],
    ["integer", "direct", "直接受益人数", "", "", ". <= ${planned}", "直接受益不应超过预计", "", ""],
    ["select_one yn", "online", "是否开展线上直播", "", "", "", "", "", ""],
    ["note", "live_note", "以下填写直播情况", "", "", "", "", "", ""],
    ["integer", "viewers", "直播观看人次", "", "", "", "", "${online} = 'yes'", ""],
    ["select_multiple forms", "kinds", "活动形式", "", "", "", "", "", ""],
    ["decimal", "budget", "经费（万元）", "", "", ". >= 0 and . <= 1000", "", "", ""],
    ["text", "phone", "联系电话", "", "", "regex(., '^1[3-9][0-9]{9}$')", "请填写11位手机号", "", ""],
    ["calculate", "total", "受益人数合计", "", "", "", "", "", "${planned} + ${direct}"],
]
CHOICES = [["list_name", "name", "label::中文 (zh)"],
           ["yn", "yes", "是"], ["yn", "no", "否"],
           ["forms", "lecture", "讲座"], ["forms", "clinic", "义诊"], ["forms", "online", "线上直播"]]
SETTINGS = [["form_title", "form_id", "version"],
            ["2025年世界无烟日活动总结表", "no_tobacco_2025", "3"]]


def xlsform(path, survey=SURVEY, choices=CHOICES, settings=SETTINGS, header=SURVEY_HEADER):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in [header, *survey]:
        sheet.append(row)
    for name, rows in (("choices", choices), ("settings", settings)):
        extra = book.create_sheet(name)
        for row in rows:
            extra.append(row)
    book.save(path)
    return path


@pytest.fixture
def draft(tmp_path):
    """As read, before leaving out what the template language cannot say yet."""
    return read_xlsform(xlsform(tmp_path / "form.xlsx"), fit=False)


def test_recognised_by_its_survey_sheet(tmp_path, week_blank_xlsx):
    assert is_xlsform(xlsform(tmp_path / "form.xlsx"))
    assert not is_xlsform(week_blank_xlsx)


def test_settings(draft):
    assert (draft.id, draft.title, draft.version) == ("no_tobacco_2025", "2025年世界无烟日活动总结表", 3)


def test_types_labels_hints_required(draft):
    fields = {f.id: f for f in draft.fields()}
    assert [f.id for f in draft.fields()] == ["unit_name", "fill_date", "lectures", "planned",
                                               "direct", "online", "viewers", "kinds", "budget",
                                               "phone", "total"]
    assert {k: f.type for k, f in fields.items()} == {
        "unit_name": "text", "fill_date": "date", "lectures": "count", "planned": "count",
        "direct": "count", "online": "choice", "viewers": "count", "kinds": "checklist",
        "budget": "decimal", "phone": "text", "total": "count"}
    assert fields["unit_name"].label == "单位名称" and fields["unit_name"].help == "填写全称"
    assert fields["unit_name"].required and not fields["fill_date"].required
    assert fields["lectures"].unit == "场" and fields["viewers"].unit == "人次"
    assert fields["online"].options == [("yes", "是"), ("no", "否")]
    assert fields["kinds"].options == [("lecture", "讲座"), ("clinic", "义诊"), ("online", "线上直播")]
    assert fields["viewers"].help == "以下填写直播情况"  # the note goes with the question after it


def test_constraints_relevant_calculation(draft):
    fields = {f.id: f for f in draft.fields()}
    assert fields["unit_name"].max_length == 50
    # With a constraint_message, the comparison is a rule whose error is that message.
    assert (fields["lectures"].min, fields["lectures"].max) == (None, None)
    assert (fields["budget"].min, fields["budget"].max) == (0, 1000)
    assert draft.rules == [
        {"kind": "compare", "expression": "lectures >= 0", "severity": "error",
         "message": "场次不能为负", "row": 4},
        {"kind": "compare", "expression": "direct <= planned", "severity": "error",
         "message": "直接受益不应超过预计", "row": 6}]
    assert (fields["phone"].pattern, fields["phone"].pattern_message) == (
        "^1[3-9][0-9]{9}$", "请填写11位手机号")
    assert fields["viewers"].show_if == ("online", "yes")
    assert fields["total"].calculate == ["planned", "direct"]
    assert draft.problems == []


def test_everything_outside_the_subset_is_reported_by_sheet_and_row(tmp_path):
    header = SURVEY_HEADER + ["appearance", "default"]
    survey = [
        ["text", "a", "甲", "", "", "", "", "", "", "", "无"],
        ["geopoint", "where", "位置", "", "", "", "", "", "", "", ""],
        ["integer", "b", "乙", "", "", ". != 5", "", "", "", "", ""],
        ["integer", "c", "丙", "", "", "", "", "selected(${a}, 'x')", "", "", ""],
        ["calculate", "d", "丁", "", "", "", "", "", "${b} * 2", "", ""],
        ["text", "e", "戊", "", "", "", "", "", "", "minimal", ""],
    ]
    settings = [["form_title", "instance_name"], ["表", "concat(${a})"]]
    draft = read_xlsform(xlsform(tmp_path / "odd.xlsx", survey, CHOICES, settings, header),
                         fit=False)
    assert draft.problems == [
        "survey 表第2行：列“default”不支持，已忽略（值：无）",
        "survey 表第3行：题型“geopoint”不在支持范围内，此题（where）未导入",
        "survey 表第7行：列“appearance”不支持，已忽略（值：minimal）",
        "survey 表第4行：约束“. != 5”不在支持范围内，未导入",
        "survey 表第5行：显示条件“selected(${a}, 'x')”不在支持范围内（只支持 ${题目} = '值'），未导入",
        "survey 表第6行：计算式“${b} * 2”不在支持范围内（只支持加法：${a} + ${b}），按普通题目导入",
        "settings 表第2行：设置 instance_name 不支持，已忽略",
    ]
    assert [f.id for f in draft.fields()] == ["a", "b", "c", "d", "e"]


def test_an_unknown_type_is_refused(tmp_path):
    survey = [["text", "a", "甲"], ["integr", "b", "乙"]]
    with pytest.raises(ImportRefused, match="survey 表第3行的“integr”"):
        read_xlsform(xlsform(tmp_path / "typo.xlsx", survey, CHOICES, SETTINGS, SURVEY_HEADER[:3]))


def test_a_calculation_cycle_is_refused(tmp_path):
    header = ["type", "name", "label", "calculation"]
    survey = [["integer", "b", "乙", ""], ["calculate", "a", "甲", "${b} + ${c}"],
              ["calculate", "c", "丙", "${a}"]]
    with pytest.raises(ImportRefused, match=r"循环引用：a → c → a（survey 表第3行、第4行）"):
        read_xlsform(xlsform(tmp_path / "cycle.xlsx", survey, CHOICES, SETTINGS, header))


def test_a_reference_to_a_missing_question_is_reported(tmp_path):
    header = ["type", "name", "label", "relevant"]
    survey = [["integer", "a", "甲", "${nope} = 'yes'"]]
    draft = read_xlsform(xlsform(tmp_path / "missing.xlsx", survey, CHOICES, SETTINGS, header),
                         fit=False)
    assert draft.problems == ["survey 表第2行：显示条件引用了不存在的题目“${nope}”，未导入"]


def test_the_draft_is_a_template_and_nothing_is_left_out_silently(tmp_path):
    draft = read_xlsform(xlsform(tmp_path / "form.xlsx"))
    template = load_template_text(draft_toml(draft), "xlsform")
    fields = {f.id: f for f in template.fields()}
    assert fields["online"].options == ("是", "否") and fields["online"].codes == ("yes", "no")
    assert fields["budget"].type == "decimal" and (fields["budget"].min, fields["budget"].max) == (0, 1000)
    assert fields["unit_name"].required and fields["unit_name"].max_length == 50
    lectures, rule = template.rules  # declared comparisons
    assert (lectures.expression, lectures.message) == ("lectures >= 0", "场次不能为负")
    assert rule.kind in ("compare", "not_greater")
    assert (rule.fields, rule.message) == (("direct", "planned"), "直接受益不应超过预计")
    kept = {"show_if": fields["viewers"].show_if is not None,
            "calculate": fields["total"].calculate is not None,
            "pattern": bool(getattr(fields["phone"], "pattern", ""))}
    for feature, row in (("show_if", 9), ("calculate", 13), ("pattern", 12)):
        reported = any(p.startswith(f"survey 表第{row}行") for p in draft.problems)
        assert kept[feature] != reported, feature  # either in the template or reported by row


def test_an_imported_xlsform_behaves_as_declared(tmp_path):
    from forms.validate import validate_report

    template = load_template_text(draft_toml(read_xlsform(xlsform(tmp_path / "f.xlsx"))), "x")
    check = validate_report(template, {"online": "否", "viewers": "300人次", "planned": "100",
                                       "direct": "200", "phone": "12345", "budget": "2000"})
    codes = {(i.field, i.code) for i in check.issues}
    assert ("phone", "pattern_mismatch") in codes
    assert ("budget", "out_of_range") in codes  # . <= 1000
    assert any(field == "direct" for field, _ in codes)  # 直接 ≤ 预计, declared by the constraint
    assert "viewers" in check.not_applicable  # shown only when 线上直播 = 是
    assert check.values["total"]["value"] == 300
    assert not any(field == "viewers" for field, _ in codes)


@pytest.mark.parametrize("kind", ["decimal", "integer"])
def test_a_constraint_message_is_the_error_shown(tmp_path, kind):
    from forms.validate import validate_report

    header = ["type", "name", "label", "constraint", "constraint_message"]
    survey = [[kind, "rate", "知晓率", ". > 0 and . <= 100", "知晓率应在0到100之间"]]
    draft = read_xlsform(xlsform(tmp_path / "rate.xlsx", survey, CHOICES, SETTINGS, header))
    assert draft.problems == []
    template = load_template_text(draft_toml(draft), "rate")
    for typed in ("0", "120"):
        messages = [i.message for i in validate_report(template, {"rate": typed}).issues]
        assert messages == ["知晓率应在0到100之间"], typed
    assert validate_report(template, {"rate": "85"}).issues == []


def test_required_beyond_yes_and_no_is_reported_or_mapped(tmp_path):
    from forms.validate import validate_report

    header = ["type", "name", "label", "required", "relevant"]
    survey = [["select_one yn", "online", "是否线上直播", "", ""],
              ["integer", "viewers", "观看人次", "${online} = 'yes'", "${online}='yes'"],
              ["integer", "hours", "直播时长", "${online} = 'yes'", ""],
              ["integer", "staff", "参与人员", "maybe", ""],
              ["integer", "sites", "场所数", "TRUE()", ""]]
    draft = read_xlsform(xlsform(tmp_path / "req.xlsx", survey, CHOICES, SETTINGS, header))
    fields = {f.id: f for f in draft.fields()}
    assert fields["viewers"].required and fields["sites"].required  # while shown; and always
    assert not fields["hours"].required and not fields["staff"].required
    assert draft.problems == [
        "survey 表第4行：必填（required）“${online} = 'yes'”不在支持范围内（只支持 yes、no，"
        "或与本题显示条件相同的条件），此题按非必填导入",
        "survey 表第5行：必填（required）“maybe”不在支持范围内（只支持 yes、no，"
        "或与本题显示条件相同的条件），此题按非必填导入"]
    template = load_template_text(draft_toml(draft), "req")
    missing = {i.field for i in validate_report(template, {"online": "是"}).issues
               if i.code == "required"}
    assert missing == {"viewers", "sites"}
    missing = {i.field for i in validate_report(template, {"online": "否"}).issues
               if i.code == "required"}
    assert missing == {"sites"}


def test_required_while_shown_falls_back_when_the_condition_is_not_kept(tmp_path):
    header = ["type", "name", "label", "required", "relevant"]
    survey = [["integer", "a", "甲", "", ""],
              ["integer", "b", "乙", "${a} > 3", "${a} > 3"]]
    draft = read_xlsform(xlsform(tmp_path / "req2.xlsx", survey, CHOICES, SETTINGS, header))
    assert not next(f for f in draft.fields() if f.id == "b").required
    assert any(p.startswith("survey 表第3行：必填条件") for p in draft.problems)


def test_rates_and_averages_keep_their_unit_and_are_averaged(tmp_path):
    header = ["type", "name", "label"]
    survey = [["decimal", "rate", "知晓率（%）"], ["integer", "mean", "平均每场参与人数"],
              ["integer", "people", "参与人数"]]
    draft = read_xlsform(xlsform(tmp_path / "avg.xlsx", survey, CHOICES, SETTINGS, header))
    fields = {f.id: f for f in draft.fields()}
    assert (fields["rate"].unit, fields["rate"].aggregate) == ("%", "mean")
    assert (fields["mean"].type, fields["mean"].unit, fields["mean"].aggregate) == ("count", "人", "mean")
    assert (fields["people"].unit, fields["people"].aggregate) == ("人", "")
    template = load_template_text(draft_toml(draft), "avg")
    assert template.field("rate").aggregate == "mean"
