"""A filled form becomes report values: labels matched tolerantly, values parsed as if typed."""

from __future__ import annotations

import pytest

from forms.importing import ImportRefused, read_document
from forms.importing.matcher import best_template, match_document
from forms.validate import expand_values, validate_report
from tests.forms.importing import builders


def imported(path, templates, form=None):
    document = read_document(path)
    template = templates[form] if form else best_template(document, templates)
    return match_document(document, template)


@pytest.fixture(scope="module")
def seed_check(week_template):
    raw, unknown = expand_values(week_template, builders.seed_000())
    assert unknown == []
    return validate_report(week_template, raw)


@pytest.mark.parametrize("fixture", ["week_filled_docx", "week_filled_xlsx"])
def test_seed_000_document_imports_to_what_check_gives(request, fixture, templates, seed_check,
                                                       week_template):
    result = imported(request.getfixturevalue(fixture), templates)
    assert result.template.id == "cancer_week_summary"
    check = validate_report(week_template, result.raw)
    assert set(check.values) == set(seed_check.values)
    for key, value in seed_check.values.items():
        assert check.values[key] == value, key
    assert [(i.field, i.code) for i in check.issues] == [(i.field, i.code) for i in seed_check.issues]
    assert result.unmatched == []


def test_a_table_split_over_two_pages_reads_the_same(tmp_path, templates, seed_check,
                                                      week_template):
    above, rows, below = builders.week_texts(builders.seed_000())
    path = builders.write_docx(tmp_path / "分页.docx", above, rows, below, split_at=10)
    assert len(read_document(path).tables()) == 2
    result = imported(path, templates)
    assert validate_report(week_template, result.raw).values == seed_check.values
    assert result.unmatched == []


def test_seed_000_keeps_its_telltale_readings(week_filled_docx, templates, week_template):
    check = validate_report(week_template, imported(week_filled_docx, templates).raw)
    assert check.values["printed_materials"]["value"] == 380000
    assert check.values["fee_reduction"] == {"value": 1300000, "unit": "元", "qualifier": "approx"}
    assert check.values["lecture_attendance.online"]["value"] == 245975
    assert check.values["edition"] == 30 and check.values["fill_date"] == "2024-04-28"
    (issue,) = [i for i in check.issues if i.field == "direct_beneficiaries"]
    assert issue.code == "fractional_count"


def test_matched_lists_label_and_field(week_filled_docx, templates):
    result = imported(week_filled_docx, templates)
    by_field = {m["field"]: m["label"] for m in result.matched}
    assert by_field["overall_summary"].startswith("整体活动总结")
    assert by_field["edition"] == "标题“第30届全国肿瘤防治宣传周活动总结表”"
    assert len(result.matched) == 27


def test_labels_written_differently_still_match(tmp_path, templates, week_template):
    rows = [["单 位 名 称：", "某县疾控中心", "<", "<"],
            ["活动具体时间", "2024年4月15-26日", "活动地点", "某县"],
            ["发放科普知识印刷品（份）", "38万份", "费用减免(元)", "约130万元"],
            ["科普讲座的人数", "线下参与210人", "<", "<"],
            ["^", "线上观看300人次", "<", "<"],
            ["整体活动总结（不超过1000字）", "活动圆满完成。", "<", "<"],
            ["备注", "本表一式两份", "<", "<"]]
    path = builders.write_docx(tmp_path / "变体.docx", ["第31届全国肿瘤防治宣传周活动总结表"], rows,
                               ["填表人：王五    联系电话：0838-1234567"])
    result = imported(path, templates)
    assert result.template.id == "cancer_week_summary"
    values = validate_report(week_template, result.raw).values
    assert values["unit_name"] == "某县疾控中心"
    assert values["printed_materials"]["value"] == 380000
    assert values["fee_reduction"]["value"] == 1300000
    assert values["lecture_attendance.offline"]["value"] == 210
    assert values["lecture_attendance.online"]["value"] == 300
    assert values["overall_summary"] == "活动圆满完成。"
    assert values["filled_by"] == "王五" and values["contact_phone"] == "0838-1234567"
    assert values["edition"] == 31
    unmatched = [(u["text"], u["reason"]) for u in result.unmatched]
    assert ("备注", "没有对应的栏目") in unmatched
    assert ("本表一式两份", "栏目“备注”的内容，表单中没有这一栏") in unmatched


def test_nothing_is_made_up(tmp_path, templates):
    rows = [["单位名称", "某县疾控中心"], ["科普讲座", ""], ["直接受益人数", "46.21人"]]
    path = builders.write_docx(tmp_path / "少.docx", ["全国肿瘤防治宣传周活动总结表"], rows, [], width=2)
    result = imported(path, templates, "cancer_week_summary")
    assert result.raw == {"unit_name": "某县疾控中心", "direct_beneficiaries": "46.21人"}


def test_inline_labels_in_a_cell(tmp_path, templates, award_template):
    """Seed 004's layout: one cell holding several "label：value" lines."""
    rows = [["组织管理", "会员总数：3226\n本年度新发展会员数：\n320\n是否已报送现任理事会信息：是"]]
    path = builders.write_docx(tmp_path / "评优.docx", ["省、市、自治区抗癌协会评优汇总表"], rows, [],
                               width=2)
    result = imported(path, templates, "association_award_summary")
    values = validate_report(award_template, result.raw).values
    assert values["members_total"]["value"] == 3226
    assert values["members_new"]["value"] == 320
    assert values["board_reported"] is True


def test_a_document_of_another_form_is_refused(tmp_path, templates):
    rows = [["姓名", "张三"], ["性别", "男"]]
    path = builders.write_docx(tmp_path / "登记表.docx", ["人员登记表"], rows, [], width=2)
    with pytest.raises(ImportRefused, match="对不上"):
        imported(path, templates)


@pytest.mark.parametrize(("cell", "expected"), [("☑是  □否", True), ("□是 ☑否", False),
                                                ("√是 □否", True), ("是", True)])
def test_ticked_boxes_answer_yes_no(tmp_path, templates, award_template, cell, expected):
    rows = [["省市抗癌协会名称（盖章）", "浙江省抗癌协会"], ["是否已报送现任理事会信息", cell]]
    path = builders.write_docx(tmp_path / "勾选.docx", ["评优汇总表"], rows, [], width=2)
    values = validate_report(award_template, imported(path, templates,
                                                      "association_award_summary").raw).values
    assert values["board_reported"] is expected


def test_no_box_ticked_is_no_answer(tmp_path, templates, award_template):
    """The printed boxes, none ticked, are what the blank form said: the field stays empty."""
    rows = [["是否已报送现任理事会信息", "□是  □否"]]
    path = builders.write_docx(tmp_path / "未勾选.docx", ["评优汇总表"], rows, [], width=2)
    result = imported(path, templates, "association_award_summary")
    assert "board_reported" not in result.raw
    assert "board_reported" not in validate_report(award_template, result.raw).values
