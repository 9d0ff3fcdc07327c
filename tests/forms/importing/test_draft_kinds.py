"""Drafted templates of the label kinds a province prints, read back through the template
loader and used: rates take 85%, averages are averaged in a merge, 万人 labels never store 46 人,
名 and 位 count as 人."""

from __future__ import annotations

import pytest

from forms.importing import read_document
from forms.importing.blank import draft_from_document
from forms.importing.writer import draft_toml
from forms.loader import load_template_text
from forms.registry import field_type
from forms.validate import validate_report
from tests.forms.importing import builders

ROWS = [
    ["单位名称", "=", "填报人", "="],
    ["核心知识知晓率（%）", "=", "吸烟率", "="],
    ["平均每场参与人数", "=", "人均经费（元）", "="],
    ["宣传覆盖人群（万人）", "=", "发放折页（万份）", "="],
    ["活动经费（千元）", "=", "短视频播放量", "="],
    ["开展讲座数", "=", "参与人数", "="],
    ["志愿者（名）", "=", "<", "<"],
]


@pytest.fixture(scope="module", params=["docx", "xlsx"])
def rates_template(request, tmp_path_factory):
    write = builders.write_docx if request.param == "docx" else builders.write_xlsx
    path = write(tmp_path_factory.mktemp("rates") / f"无烟日.{request.param}",
                 ["2025年世界无烟日活动总结表"], builders.cell_texts(ROWS, None), [])
    text = draft_toml(draft_from_document(read_document(path)))
    return load_template_text(text, "无烟日.toml")


def field(template, label):
    return next(f for f in template.fields() if f.label == label)


def values(template, typed: dict[str, str]):
    raw = {field(template, label).key: text for label, text in typed.items()}
    return validate_report(template, raw)


def test_a_rate_takes_a_percent_sign(rates_template):
    check = values(rates_template, {"核心知识知晓率（%）": "85%", "吸烟率": "23.5％"})
    assert check.values[field(rates_template, "核心知识知晓率（%）").key] == {
        "value": 85, "unit": "%", "qualifier": None}
    assert check.values[field(rates_template, "吸烟率").key]["value"] == 23.5
    assert not check.issues


@pytest.mark.parametrize(("label", "first", "second", "merged"), [
    ("平均每场参与人数", "50人", "70人", 60),
    ("人均经费（元）", "100元", "140元", 120),
    ("核心知识知晓率（%）", "80%", "90%", 85),
])
def test_averages_and_rates_are_averaged_in_a_merge(rates_template, label, first, second, merged):
    spec = field(rates_template, label)
    units = [(unit, values(rates_template, {label: text}).values[spec.key])
             for unit, text in (("甲县", first), ("乙县", second))]
    assert spec.aggregate == "mean"
    _text, value = field_type(spec).merge(spec, units)
    assert value["value"] == merged


@pytest.mark.parametrize(("label", "typed", "stored"), [
    ("宣传覆盖人群", "46万人", 460_000),
    ("发放折页", "38万份", 380_000),
])
def test_a_scaled_label_never_stores_the_bare_figure_in_its_base_unit(rates_template, label,
                                                                      typed, stored):
    spec = field(rates_template, label)  # the label no longer claims 万: the unit is 人 / 份
    assert "万" in spec.help
    assert values(rates_template, {label: typed}).values[spec.key]["value"] == stored


def test_thousands_of_yuan_are_asked_for_in_yuan(rates_template):
    spec = field(rates_template, "活动经费")
    assert (spec.type, spec.unit) == ("money", "元") and "千元" in spec.help


def test_counts_of_people_take_ming_and_wei(rates_template):
    check = values(rates_template, {"参与人数": "85名"})
    assert check.values[field(rates_template, "参与人数").key] == {
        "value": 85, "unit": "人", "qualifier": None}
    assert not check.issues
    assert values(rates_template, {"参与人数": "12位"}).values[
        field(rates_template, "参与人数").key]["unit"] == "人"


def test_views_and_lecture_counts_have_their_units(rates_template):
    assert field(rates_template, "短视频播放量").unit == "次"
    assert field(rates_template, "开展讲座数").unit == "场"
