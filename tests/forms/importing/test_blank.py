"""A blank form becomes a draft template: fields in paper order, types, layout, roles, matches."""

from __future__ import annotations

import docx
import pytest

from forms.importing import ImportRefused, read_document
from forms.importing.blank import draft_from_document
from forms.importing.writer import draft_toml
from forms.loader import load_template_text
from forms.registry import TYPES
from tests.forms.importing import builders


def draft_of(path, templates=None):
    return draft_from_document(read_document(path), templates)


@pytest.fixture(scope="module")
def week_draft(week_blank_docx):
    return draft_of(week_blank_docx)


def test_week_fields_in_paper_order(week_draft):
    labels = [f.label for f in week_draft.fields()]
    assert labels[:2] == ["届次", "填表日期"]
    assert labels[2:8] == ["单位名称", "活动具体时间", "活动地点", "参与活动的医院数量/名称",
                           "参与活动的各类抗癌组织数量/名称", "科普讲座"]
    assert labels[-4:] == ["其他特色活动数量/名称/形式/内容", "整体活动总结", "填表人", "联系电话"]
    assert len(labels) == 29  # as many as the built-in template has


def test_week_types_units_and_reasons(week_draft):
    by_label = {f.label: f for f in week_draft.fields()}
    assert (by_label["科普讲座"].type, by_label["科普讲座"].unit) == ("count", "场")
    assert (by_label["费用减免"].type, by_label["费用减免"].reason) == ("money", "费用")
    assert by_label["主要媒体报道链接"].type == "link_list"
    assert by_label["活动具体时间"].type == "date_range"
    summary = by_label["整体活动总结"]
    assert (summary.type, summary.max_length, summary.reason) == ("long_text", 1000, "文字1000字")
    assert by_label["联系电话"].type == "phone"


def test_week_pair_rows_become_parts(week_draft):
    pair = next(f for f in week_draft.fields() if f.label == "科普讲座的人数")
    assert pair.type == "pair"
    assert [(p.label, p.type, p.unit) for p in pair.parts] == [
        ("线下参与", "count", "人"), ("线上观看", "count", "人次")]


def test_week_layout_follows_the_paper(week_draft):
    layout = {f.label: f.layout for f in week_draft.fields()}
    assert layout["单位名称"] == "full"  # one pair across the row
    assert layout["活动具体时间"] == layout["活动地点"] == "half"  # two pairs on the row
    assert layout["媒体报道数量/名称"] == "full"


def test_week_heading_gives_title_edition_and_roles(week_draft):
    assert week_draft.title == "全国肿瘤防治宣传周活动总结表"
    assert week_draft.title_format == "第{edition}届全国肿瘤防治宣传周活动总结表"
    assert week_draft.edition == 31
    by_id = {f.id: f for f in week_draft.fields()}
    roles = week_draft.roles
    assert by_id[roles["period"]].label == "届次"
    assert by_id[roles["fill_date"]].label == "填表日期"
    assert by_id[roles["unit"]].label == "单位名称"
    assert [by_id[k].label for k in roles["signoff"]] == ["填表人", "联系电话"]
    assert by_id[roles["activity_period"]].label == "活动具体时间"


def test_week_draft_is_recognised_as_the_known_form(week_blank_docx, week_blank_xlsx, templates):
    for path in (week_blank_docx, week_blank_xlsx):
        draft = draft_of(path, templates)
        assert (draft.matches, draft.edition) == ("cancer_week_summary", 31)


def test_another_campaign_is_a_new_form(no_smoking_docx, templates):
    draft = draft_of(no_smoking_docx, templates)
    assert draft.matches is None
    # "附件2" above it is not the title; the year in it is the period once years are a type.
    if "year" in TYPES:
        assert (draft.title, draft.title_format) == ("世界无烟日宣传活动总结表",
                                                     "{year}年世界无烟日宣传活动总结表")
        assert draft.field(draft.roles["period"]).type == "year"
    else:
        assert draft.title == "2025年世界无烟日宣传活动总结表"
    by_label = {f.label: f for f in draft.fields()}
    assert by_label["是否开展线上宣传"].type == "yes_no"
    assert by_label["是否开展线上宣传"].reason == "□是 □否"
    assert (by_label["宣传资料（份）"].type, by_label["宣传资料（份）"].unit) == ("count", "份")
    assert (by_label["经费投入（万元）"].type, by_label["经费投入（万元）"].unit) == ("money", "万元")
    assert by_label["活动总结"].max_length == 800
    stamped = by_label["单位名称"]
    assert draft.roles["unit"] == stamped.id and draft.roles["stamp_label"] == "（盖章）"
    assert [f.label for f in draft.sections[-1].fields] == ["填表人", "联系电话", "填表日期"]
    assert by_label["填表日期"].type == "date"


def test_every_draft_is_a_valid_template(week_draft, no_smoking_docx, libreoffice_files):
    for draft in (week_draft, draft_of(no_smoking_docx)):
        template = load_template_text(draft_toml(draft), "draft")
        assert [f.label for f in template.fields()] == [f.label for f in draft.fields()]
        assert [f.type for f in template.fields()] == [f.type for f in draft.fields()]


def test_libreoffice_blank_html_form(libreoffice_files):
    path = libreoffice_files["docx"]
    draft = draft_of(path)
    labels = {f.label: f for f in draft.fields()}
    assert (labels["讲座场次"].type, labels["讲座场次"].unit) == ("count", "场")
    grouped = [[f.label for f in s.fields] for s in draft.sections if s.title == "宣传活动"]
    assert grouped == [["讲座场次", "受益人数"]]  # the group ends with its merged cell
    assert labels["单位名称"].reason == "盖章"
    assert labels["是否开展免费测血压"].type == "yes_no"
    assert (labels["经费投入(万元)"].type, labels["经费投入(万元)"].unit) == ("money", "万元")
    assert labels["活动开展情况"].max_length == 800
    assert draft.roles["unit"] == labels["单位名称"].id
    assert {"填表人", "联系电话", "填表日期"} <= set(labels)
    load_template_text(draft_toml(draft), "draft")


def test_no_table_is_refused(tmp_path):
    document = docx.Document()
    document.add_paragraph("关于开展2025年世界无烟日宣传活动的通知")
    path = tmp_path / "通知.docx"
    document.save(path)
    with pytest.raises(ImportRefused, match="没有表格"):
        draft_of(path)


def test_stable_ids_whatever_the_position(tmp_path):
    rows = [["宣传资料（份）", "", "讲座场次", ""]]
    first = draft_of(builders.write_docx(tmp_path / "a.docx", ["甲表"], rows, []))
    swapped = draft_of(builders.write_docx(tmp_path / "b.docx", ["甲表"],
                                           [["讲座场次", "", "宣传资料（份）", ""]], []))
    assert {f.label: f.id for f in first.fields()} == {f.label: f.id for f in swapped.fields()}
    assert all(f.id.isascii() for f in first.fields())


def test_repeated_label_is_flagged(tmp_path):
    rows = [["讲座场次", "", "讲座场次", ""]]
    draft = draft_of(builders.write_docx(tmp_path / "dup.docx", ["乙表"], rows, []))
    ids = [f.id for f in draft.fields()]
    assert len(set(ids)) == 2
    assert any("重名" in p for p in draft.problems)


def test_inline_labels_and_group_cells(tmp_path, templates):
    """Seed 004's layout: a group label beside one cell of “label：” lines, labels with colons."""
    rows = [["省市抗癌协会名称（盖章）：", "<"], ["住所：", "<"],
            ["组织管理", "会员总数：\n本年度新发展会员数：\n会员是否已进行网络化管理：□是 □否"],
            ["学术继教", ""]]
    path = builders.write_docx(tmp_path / "评优.docx", ["省、市、自治区抗癌协会评优汇总表"], rows,
                               ["填表人：        联系电话："], width=2)
    draft = draft_of(path, templates)
    assert [(s.title, [f.label for f in s.fields]) for s in draft.sections] == [
        ("表格内容", ["省市抗癌协会名称", "住所"]),
        ("组织管理", ["会员总数", "本年度新发展会员数", "会员是否已进行网络化管理"]),
        ("表格内容", ["学术继教"]),
        ("填报信息", ["填表人", "联系电话"])]
    assert draft.problems == []  # “住所：” takes its value after the colon
    assert draft.field(draft.roles["unit"]).label == "省市抗癌协会名称"
    assert [f.type for f in draft.sections[1].fields] == ["count", "count", "yes_no"]
    assert draft.matches == "association_award_summary"
    load_template_text(draft_toml(draft), "draft")


def test_a_label_across_the_table_with_labels_under_it_heads_a_section(tmp_path):
    rows = [["基本情况", "<", "<", "<"], ["单位名称", "", "<", "<"],
            ["活动开展情况", "<", "<", "<"], ["讲座场次", "", "受益人数", ""],
            ["活动总结（限500字）", "<", "<", "<"], ["", "<", "<", "<"]]
    draft = draft_of(builders.write_docx(tmp_path / "节.docx", ["丙表"], rows, []))
    assert [(s.title, [f.label for f in s.fields]) for s in draft.sections] == [
        ("基本情况", ["单位名称"]), ("活动开展情况", ["讲座场次", "受益人数", "活动总结"])]
    assert draft.field(draft.sections[1].fields[-1].id).layout == "full"
