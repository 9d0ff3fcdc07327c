"""Label keys and type guessing: the kinds of labels provincial forms print, each with its reason."""

from __future__ import annotations

import pytest

from forms.importing.labels import (
    display_label,
    guess_type,
    has_stamp,
    length_limit,
    loose_key,
    strict_key,
)
from forms.importing.placeholders import read_slot


@pytest.mark.parametrize(("a", "b"), [
    ("参与活动的医院数量/名称", "参与活动的医院数量／名称"),
    ("单位名称", "单 位 名 称："),
    ("单位名称", "1．单位名称"),
    ("发放科普知识印刷品（份）", "发放科普知识印刷品(份)"),
])
def test_strict_key_ignores_width_blanks_numbering_colons(a, b):
    assert strict_key(a) == strict_key(b)


@pytest.mark.parametrize("label", [
    "整体活动总结\n\n（文字1000字、照片及视频资料请务必单独发送）", "整体活动总结（不超过800字）",
    "整体活动总结【限1000字】", " 整体活动总结 ：",
])
def test_loose_key_drops_bracketed_notes(label):
    assert loose_key(label) == "整体活动总结"


@pytest.mark.parametrize(("label", "kind", "unit", "reason"), [
    ("参与活动的医院数量/名称", "name_list", "家", "数量/名称"),
    ("媒体访谈数量及名称", "name_list", "家", "数量及名称"),
    ("参与活动的医疗机构名单", "name_list", "家", "名单"),
    ("科普讲座的人数", "count", "人", "人数"),
    ("直播观看人次", "count", "人次", "人次"),
    ("活动场次", "count", "场", "场次"),
    ("科普讲座", "count", "场", "讲座"),
    ("义诊咨询", "count", "场", "义诊咨询"),
    ("发放宣传资料（份）", "count", "份", "(份)"),
    ("张贴海报 （张）", "count", "张", "(张)"),
    ("宣传折页（单位：册）", "count", "册", "(单位:册)"),
    ("经费投入（元）", "money", "元", "(元)"),
    ("经费投入（万元）", "money", "万元", "(万元)"),
    ("费用减免", "money", "元", "费用"),
    ("活动经费", "money", "元", "经费"),
    ("是否开展线上直播", "yes_no", None, "是否"),
    ("主要媒体报道链接", "link_list", None, "链接"),
    ("联系电话", "phone", None, "联系电话"),
    ("手机", "phone", None, "手机"),
    ("填表日期", "date", None, "填表日期"),
    ("活动时间", "date_range", None, "活动时间"),
    ("活动具体时间", "date_range", None, "活动具体时间"),
    ("活动起止日期", "date_range", None, "起止"),
    ("届次", "edition", None, "届次"),
    ("活动地点", "text", None, "地点"),
    ("宣传口号", "text", None, ""),
    ("单位名称（盖章）", "text", None, "名称"),
])
def test_guess(label, kind, unit, reason):
    guess = guess_type(label)
    assert (guess.type, guess.unit, guess.reason) == (kind, unit, reason)


@pytest.mark.parametrize(("label", "limit", "reason"), [
    ("整体活动总结（文字1000字、照片及视频资料请务必单独发送）", 1000, "文字1000字"),
    ("活动总结（不超过800字）", 800, "不超过800字"),
    ("工作情况（限 800 字）", 800, "限 800 字"),
    ("工作亮点，800字以内", 800, "800字以内"),
    ("活动总结（１５００字左右）", 1500, "1500字左右"),
    ("活动情况（不超过八百字）", 800, "不超过八百字"),
])
def test_long_text_limits(label, limit, reason):
    guess = guess_type(label)
    assert (guess.type, guess.max_length, guess.reason) == ("long_text", limit, reason)


def test_a_minimum_length_is_not_a_limit():
    assert length_limit("经验做法（不少于500字）") == (None, "不少于500字")
    assert guess_type("经验做法（不少于500字）").max_length is None
    assert guess_type("经验做法（不少于500字）").type == "long_text"


def test_display_label_and_stamp():
    assert display_label("整体活动总结\n（文字1000字）") == "整体活动总结"
    assert display_label("单位名称（盖章）：") == "单位名称"
    assert display_label("宣传资料（份）") == "宣传资料（份）"
    assert has_stamp("单位名称（盖 章）") and not has_stamp("单位名称")


@pytest.mark.parametrize(("text", "kind", "extra"), [
    ("", "", None),
    ("年  月  日", "date", None),
    ("  年  月  日 至   年  月  日", "date_range", None),
    ("（万元）", "unit", "万元"),
    ("人次", "unit", "人次"),
    ("□是  □否", "options", ("是", "否")),
    ("☐线上 ☐线下", "options", ("线上", "线下")),
    ("（盖章）", "stamp", None),
    ("线下参与______人", "part", "人"),
])
def test_slots(text, kind, extra):
    slot = read_slot(text)
    assert slot is not None and slot.kind == kind
    if kind == "options":
        assert slot.options == extra
    elif extra:
        assert slot.unit == extra


@pytest.mark.parametrize("text", ["单位名称", "603场", "科普讲座", "四川省抗癌协会"])
def test_words_are_not_slots(text):
    assert read_slot(text) is None


@pytest.mark.parametrize(("label", "kind", "unit", "aggregate"), [
    ("核心知识知晓率（%）", "decimal", "%", "mean"),
    ("吸烟率", "decimal", "%", "mean"),
    ("控烟宣传覆盖率（％）", "decimal", "%", "mean"),
    ("平均每场参与人数", "decimal", "人", "mean"),
    ("人均经费（元）", "money", "元", "mean"),
    ("场均观看人次", "decimal", "人次", "mean"),
    ("宣传覆盖人群（万人）", "count", "人", ""),
    ("发放宣传资料（万份）", "count", "份", ""),
    ("线上观看（万人次）", "count", "人次", ""),
    ("活动经费（千元）", "money", "元", ""),
    ("短视频播放量", "count", "次", ""),
    ("推文阅读量", "count", "次", ""),
    ("直播观看总量", "count", "次", ""),
    ("开展讲座数", "count", "场", ""),
    ("义诊咨询数量", "count", "场", ""),
    ("活动经费（万元）", "money", "万元", ""),  # money keeps 万元: a bare figure reads as 万元
])
def test_guess_rates_averages_and_scaled_units(label, kind, unit, aggregate):
    guess = guess_type(label)
    assert (guess.type, guess.unit, guess.aggregate) == (kind, unit, aggregate)
    assert guess.reason


def test_a_scaled_unit_is_named_for_the_label_to_drop():
    assert guess_type("宣传覆盖人群（万人）").scale_note == "万人"
    assert guess_type("经费（千元）").scale_note == "千元"
    assert guess_type("经费（万元）").scale_note == "" and guess_type("宣传资料（份）").scale_note == ""
