"""Figures by kind of writing: each kind is a table of many variants, not one example.

Two promises are checked for every row: a text that is right gives exactly the figure
written and no error; a text with a mistake gives an error and no number at all.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from forms.issues import ERROR
from forms.quantity import APPROX, AT_LEAST, Quantity, Unreadable, read_quantity
from forms.registry import parse_field
from forms.spec import FieldSpec

PEOPLE = FieldSpec("f", "参与人数", "count", key="f", full_label="参与人数", unit="人",
                   accept_units=("人次", "名", "位"))
MONEY = FieldSpec("m", "费用减免", "money", key="m", full_label="费用减免", unit="元",
                  accept_units=("万元",))


def read(text: str) -> Quantity:
    quantity = read_quantity(text)
    assert isinstance(quantity, Quantity), (text, quantity)
    return quantity


def refused(text: str) -> Unreadable:
    quantity = read_quantity(text)
    assert isinstance(quantity, Unreadable), (text, quantity)
    return quantity


def no_number(spec: FieldSpec, text: str) -> list[str]:
    """The error codes for a text that must give no number."""
    parsed = parse_field(spec, text)
    assert parsed.value is None, (text, parsed.value)
    errors = [i.code for i in parsed.issues if i.severity == ERROR]
    assert errors, text
    return errors


# --- decimals written in Chinese numerals ------------------------------------------------------

CHINESE_DECIMALS = [
    ("零点一元", "0.1"), ("零点零一元", "0.01"), ("零点五元", "0.5"), ("零点零五元", "0.05"),
    ("一点五万元", "15000"), ("三点五万人次", "35000"), ("二点三亿元", "230000000"),
    ("十二点五万元", "125000"), ("一百点五元", "100.5"), ("零点二五万元", "2500"),
    ("四点六二一万人", "46210"), ("一点二万名", "12000"), ("两点五万份", "25000"),
    ("〇点八万元", "8000"), ("五点零万元", "50000"), ("一点零五亿元", "105000000"),
    ("三十点五万元", "305000"), ("1点5万元", "15000"), ("零点三", "0.3"), ("九点九九元", "9.99"),
    ("一点五千元", "1500"), ("二点五百万元", "2500000"),
]


@pytest.mark.parametrize(("text", "value"), CHINESE_DECIMALS)
def test_chinese_decimals(text, value):
    assert read(text).value == Decimal(value)


@pytest.mark.parametrize("text", ["零点一元", "零点零一元", "一点五万元", "零点五元"])
def test_chinese_decimal_money_is_stored_exactly(text):
    expected = Decimal(dict(CHINESE_DECIMALS)[text])
    parsed = parse_field(MONEY, text)
    assert Decimal(str(parsed.value["value"])) == expected
    assert not parsed.issues


@pytest.mark.parametrize("text", ["零点点一元", "一点五点三万", "点五元", "一万点五元", "一点十元"])
def test_broken_chinese_decimals(text):
    assert no_number(MONEY, text)


# --- 大写 amounts ---------------------------------------------------------------------------------

CAPITAL_AMOUNTS = [
    ("贰万陆仟元整", 26000), ("壹佰元正", 100), ("壹佰元整", 100), ("人民币贰万陆仟元整", 26000),
    ("壹万元整", 10000), ("叁仟伍佰元整", 3500), ("伍拾万元整", 500000), ("壹拾贰万元", 120000),
    ("玖仟玖佰玖拾玖元", 9999), ("壹佰零伍元整", 105), ("贰万零伍拾元正", 20050),
    ("壹仟贰佰叁拾肆元伍角", Decimal("1234.5")), ("捌元伍角陆分", Decimal("8.56")),
    ("柒佰圆整", 700), ("叁亿元整", 300_000_000), ("陆万元", 60000), ("拾元", 10),
    ("人民币壹佰万元整", 1_000_000),
]


@pytest.mark.parametrize(("text", "value"), CAPITAL_AMOUNTS)
def test_capital_amounts(text, value):
    parsed = parse_field(MONEY, text)
    assert Decimal(str(parsed.value["value"])) == value, text
    assert parsed.value["unit"] == "元"
    assert not parsed.issues


# --- digits mixed with Chinese units --------------------------------------------------------------

MIXED = [
    ("3千5百人", 3500), ("1万2千", 12000), ("2.5万", 25000), ("1万2", 12000), ("1万2000人", 12000),
    ("3千5", 3500), ("3千500人", 3500), ("1千2百万元", 12_000_000), ("12万5千人", 125000),
    ("2亿3", 230_000_000), ("1.5亿人次", 150_000_000), ("5千元", 5000), ("8百人", 800),
    ("1万零500人", 10500), ("3万5千人次", 35000), ("10万余次", 100000), ("4千人", 4000),
    ("0.5万元", 5000), ("46.21万人", 462100), ("2万", 20000), ("1百5十人", 150),
    ("10W", 100000), ("10w次", 100000), ("1.5W人次", 15000), ("5k人", 5000), ("2.5K", 2500),
]


@pytest.mark.parametrize(("text", "value"), MIXED)
def test_mixed_digits_and_units(text, value):
    assert read(text).value == value


@pytest.mark.parametrize("text", ["1万20", "1万20000", "12百人", "3千25万", "1千2千", "5万万人",
                                  "10Wh", "5kg", "10WW"])
def test_mixed_forms_that_are_not_one_number(text):
    assert no_number(PEOPLE, text)


# --- about ten thousand: 近万, 万余, 千余, 百余 ----------------------------------------------------------

ROUND_WORDS = [
    ("近万人", 10000, APPROX), ("万余次", 10000, AT_LEAST), ("万余人", 10000, AT_LEAST),
    ("千余人", 1000, AT_LEAST), ("百余人", 100, AT_LEAST), ("近千人", 1000, APPROX),
    ("近百人", 100, APPROX), ("将近万人", 10000, APPROX), ("超万人", 10000, AT_LEAST),
    ("过万人次", 10000, AT_LEAST), ("逾万人", 10000, AT_LEAST), ("万多人", 10000, AT_LEAST),
    ("近亿人次", 100_000_000, APPROX), ("十余人", 10, AT_LEAST), ("近十万人", 100000, APPROX),
    ("十万余人", 100000, AT_LEAST), ("接近万人", 10000, APPROX),
]


@pytest.mark.parametrize(("text", "value", "qualifier"), ROUND_WORDS)
def test_round_words_are_figures(text, value, qualifier):
    quantity = read(text)
    assert (quantity.value, quantity.qualifier) == (value, qualifier)


# --- more than: 3200+ / 3200余 / 3200多 -----------------------------------------------------------

MORE_THAN = [f"{n}{mark}{unit}" for n, mark, unit in itertools.product(
    ("3200", "3,200", "三千二百"), ("+", "余", "多", " +", "＋"), ("人次", "人", ""))]


@pytest.mark.parametrize("text", MORE_THAN)
def test_more_than(text):
    quantity = read(text)
    assert (quantity.value, quantity.qualifier) == (3200, AT_LEAST)


@pytest.mark.parametrize(("text", "qualifier"), [
    ("3200人以上", AT_LEAST), ("3200人左右", APPROX), ("0.32W+", AT_LEAST), ("不少于3200人", AT_LEAST),
    ("高达3200人", AT_LEAST), ("3200来人", APPROX), ("不到3200人", APPROX), ("共约3200人", APPROX),
    ("累计超过3200人次", AT_LEAST), ("约为3200人", APPROX), ("3200余人次以上", AT_LEAST),
])
def test_more_qualifiers(text, qualifier):
    quantity = read(text)
    assert (quantity.value, quantity.qualifier) == (3200, qualifier)


# --- invisible characters anywhere ------------------------------------------------------------------

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202c"]
BASES = [("12000份", 12000), ("约3万人", 30000), ("1,234人次", 1234), ("三千五百人", 3500)]
INVISIBLE_CASES = [(base[:i] + mark + base[i:], value)
                   for (base, value), mark in itertools.product(BASES, INVISIBLE)
                   for i in range(len(base) + 1)]


@pytest.mark.parametrize(("text", "value"), INVISIBLE_CASES)
def test_invisible_characters_anywhere(text, value):
    assert read(text).value == value


@pytest.mark.parametrize("text", ["\u200b12000\u200b份", "12\u200b000人", "\ufeff约3万人"])
def test_zero_width_spaces_give_no_error(text):
    parsed = parse_field(PEOPLE if "人" in text else FieldSpec(
        "p", "印刷品", "count", key="p", full_label="印刷品", unit="份"), text)
    assert parsed.value is not None
    assert not [i for i in parsed.issues if i.is_error]


# --- full-width digits and separators ----------------------------------------------------------------

FULL_WIDTH = [
    ("１２０００人", 12000), ("１２，０００人", 12000), ("１．５万人", 15000), ("約３万人", None),
    ("３２００＋人次", 3200), ("１２　０００人", 12000), ("（约）３万人", None), ("１，２３４，５６７人", 1234567),
    ("４６．２１万人", 462100), ("２０２４", 2024),
]


@pytest.mark.parametrize(("text", "value"), [c for c in FULL_WIDTH if c[1] is not None])
def test_full_width(text, value):
    assert read(text).value == value


# --- thousands separators --------------------------------------------------------------------------

GOOD_SEPARATORS = [("12,000", 12000), ("1,234", 1234), ("12,345,678", 12345678), ("1,000,000", 10**6),
                   ("12 000", 12000), ("1 234 567", 1234567), ("1,234.5", Decimal("1234.5")),
                   ("123,456人次", 123456), ("约12,000人", 12000), ("12，000人", 12000)]
BAD_SEPARATORS = ["12,00", "1,2000", "12,0000", "1,23", "123,45", "1,2,3", "12 00", "1 2000",
                  "1,234,56", "12,00份", "1,2000人", "12，00人", "1,23,456", ",123", "12,000,0"]


@pytest.mark.parametrize(("text", "value"), GOOD_SEPARATORS)
def test_good_separators(text, value):
    assert read(text).value == value


@pytest.mark.parametrize("text", BAD_SEPARATORS)
def test_misplaced_separators_are_errors(text):
    assert no_number(PEOPLE, text)


def test_misplaced_separator_says_why():
    (issue,) = parse_field(PEOPLE, "12,00人").issues
    assert issue.code == "bad_separator" and "12,000" in issue.suggestion


# --- letters that look like digits --------------------------------------------------------------------

LOOKALIKES = ["l2场", "O份", "I00人", "1O0人", "10O人", "l00", "2O24", "lO人", "o份", "约l2场",
              "3l人", "1,2O0人", "I2万人", "l.5万人", "5O万元", "O人", "共l2场"]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalike_letters_are_errors(text):
    assert "lookalike_letter" in no_number(PEOPLE, text)


def test_lookalike_letter_suggests_the_digits():
    issue = parse_field(PEOPLE, "I00人").issues[0]
    assert "100" in issue.suggestion


# --- vague amounts need a figure ---------------------------------------------------------------------

VAGUE = ["数百人", "几十人", "上百场", "若干", "多场", "很多", "数十人", "数千人次", "几百人", "上千人",
         "上万人", "数以万计", "成千上万", "十几人", "几十场", "好几百人", "许多", "大量", "若干场",
         "多人", "多次", "多家", "一些", "不少", "三四人", "二三十人", "五六百人", "无数", "数人",
         "几万人次", "几场", "数万元", "数以千计", "很多人", "十几万人", "七八千人"]


@pytest.mark.parametrize("text", VAGUE)
def test_vague_amounts_give_no_number(text):
    assert "vague_amount" in no_number(PEOPLE, text)


def test_vague_amount_asks_for_a_figure():
    issue = parse_field(PEOPLE, "数百人").issues[0]
    assert "请填写具体数字" in (issue.message + (issue.suggestion or ""))


# --- marks for none -----------------------------------------------------------------------------------

NONE_MARKS = ["无", "/", "——", "-", "暂无", "没有", "0", "—", "－", "／", "无。", " 无 ", "0人", "0元",
              "零", "--", "未开展", "无此项", "\u200b无"]


@pytest.mark.parametrize("text", NONE_MARKS)
@pytest.mark.parametrize("spec", [PEOPLE, MONEY], ids=["count", "money"])
def test_none_marks_are_zero(spec, text):
    parsed = parse_field(spec, text)
    if text == "0人" and spec is MONEY or text == "0元" and spec is PEOPLE:
        return  # a wrong unit, checked elsewhere
    assert parsed.value["value"] == 0
    assert parsed.display == "= 0（无）"
    assert not parsed.issues


# --- notes in brackets after the figure ------------------------------------------------------------------

NOTES = [
    ("12场（其中线上3场）", 12, "其中线上3场"), ("12场(其中线上3场)", 12, "其中线上3场"),
    ("12000份（折页8000份、手册4000份）", 12000, "折页8000份、手册4000份"),
    ("12场【含线上】", 12, "含线上"), ("12场 （其中线上3场）。", 12, "其中线上3场"),
    ("约3万人（线上直播）", 30000, "线上直播"), ("12场，其中线上3场", 12, "其中线上3场"),
    ("12场；其中线上3场", 12, "其中线上3场"), ("12场（含线上3场）（另有直播2场）", 12, "含线上3场；另有直播2场"),
    ("603场（讲座）", 603, "讲座"), ("12（其中线上3）", 12, "其中线上3"), ("12000（份）", 12000, ""),
    ("无（因故未开展）", 0, "因故未开展"), ("5家（其中三甲医院2家）", 5, "其中三甲医院2家"),
]


@pytest.mark.parametrize(("text", "value", "note"), NOTES)
def test_notes_are_kept(text, value, note):
    quantity = read(text)
    assert (quantity.value, quantity.note) == (value, note)


@pytest.mark.parametrize(("text", "warned"), [
    ("12000份（折页8000份、手册4000份）", False), ("12000份（折页8000份、手册3000份）", True),
    ("12场（其中线上3场）", False), ("12场（其中线上30场）", True), ("12场（线上3场、线下9场）", False),
    ("12场（线上3场、线下8场）", True), ("12场（其中线上3场、直播2场）", False),
    ("12场（含线上300人）", False), ("约12000份（折页8000份、手册3000份）", False),
    ("1.2万份（折页8000份、手册4000份）", False), ("12000份（折页8千份、手册4千份）", False),
    ("12,000份（折页8,000份、手册4,000份）", False), ("12,000份（折页8,000份、手册3,000份）", True),
    ("12,000份（折页8,000份,手册4,000份）", False), ("1,246,567份（其中折页1,000,000份）", False),
    ("12,000份（共12,000份）", False),
])
def test_note_parts_are_added_up(text, warned):
    spec = FieldSpec("p", "印刷品", "count", key="p", full_label="印刷品", unit="份",
                     accept_units=("场",))
    parsed = parse_field(spec, text)
    assert parsed.value["note"]
    codes = [i.code for i in parsed.issues]
    assert ("breakdown_mismatch" in codes) is warned
    assert not [i for i in parsed.issues if i.is_error]


def test_note_is_stored_with_the_value():
    parsed = parse_field(FieldSpec("l", "科普讲座", "count", key="l", full_label="科普讲座",
                                   unit="场"), "12场（其中线上3场）")
    assert parsed.value == {"value": 12, "unit": "场", "qualifier": None, "note": "其中线上3场"}
    assert "其中线上3场" in parsed.display


# --- text that is not understood: an error, never a number -----------------------------------------------

NOT_UNDERSTOOD = [
    "200-300人", "200~300人", "3场5人", "12场，线上3场", "12场线上3场", "每场50人", "计划1000人",
    "预计500人", "去年300人", "未统计", "不详", "5.2万平方米", "50%", "12场（其中线上3场）共",
    "第12场", "12场左右吧", "1e5", "12个月", "12场(线上", "-5人", "负5人", "约", "人", "12人/天",
    "其中3226人", "同期增长20%", "12.5.3人", "12..5人", "3场，共5人", "二〇二四年", "12:30",
    "200或300人", "1万20", "三四人", "==12", "12#", "#12", "12?", "12？",
]


@pytest.mark.parametrize("text", NOT_UNDERSTOOD)
def test_text_not_understood_gives_no_number(text):
    assert no_number(PEOPLE, text)


@pytest.mark.parametrize(("text", "value"), [
    ("参与人数1200人", 1200), ("参与人数：1200人", 1200), ("共1200人", 1200), ("合计1,200人", 1200),
    ("人数为1200人", 1200), ("1200人参与", 1200), ("1200名", 1200), ("1200位", 1200),
    ("1200人/次", 1200), ("1200人·次", 1200), ("1200人次", 1200),
    ("一千二百人", 1200), ("1200", 1200), ("1200人。", 1200), ("参与1200人次", 1200),
])
def test_label_words_around_the_figure_are_fine(text, value):
    parsed = parse_field(PEOPLE, text)
    assert parsed.value["value"] == value
    assert not [i for i in parsed.issues if i.is_error]


@pytest.mark.parametrize(("text", "warned"), [
    ("1300000元（壹佰叁拾万元整）", False), ("1300000元（大写：壹佰叁拾万元整）", False),
    ("¥1,300,000.00（人民币壹佰叁拾万元整）", False), ("1300000元（壹佰叁拾元整）", True),
    ("26000元（贰万陆仟元整）", False), ("26000元（贰万伍仟元整）", True),
])
def test_capital_amount_in_brackets_must_agree(text, warned):
    parsed = parse_field(MONEY, text)
    assert parsed.value["note"]
    assert ("breakdown_mismatch" in [i.code for i in parsed.issues]) is warned


@pytest.mark.parametrize("text", ["5个", "5个讲座", "约5个"])
def test_ge_counts_anything_so_it_is_only_a_warning(text):
    parsed = parse_field(FieldSpec("l", "科普讲座", "count", key="l", full_label="科普讲座",
                                   unit="场"), text)
    assert parsed.value["value"] == 5
    assert [(i.code, i.severity) for i in parsed.issues] == [("unit_mismatch", "warning")]
