"""Chinese quantities as written in the seed forms (000–004): numbers, 万/亿, qualifiers, units."""

from __future__ import annotations

from decimal import Decimal

import pytest

from forms.quantity import (
    APPROX,
    AT_LEAST,
    format_number,
    json_number,
    normalise_digits,
    parse_chinese_numeral,
    parse_quantity,
    same_family,
)

# (text as written, value, unit, qualifier) — figures taken from the seed forms' cells and prose.
SEED_FIGURES = [
    ("1.2 万名", 12000, "名", None),
    ("1267 场", 1267, "场", None),
    ("2.8 万册", 28000, "册", None),
    ("超过 14.6 万人次", 146000, "人次", AT_LEAST),
    ("515 家", 515, "家", None),
    ("16.8 亿人次", 1_680_000_000, "人次", None),
    ("超 3672 万人次", 36_720_000, "人次", AT_LEAST),
    ("1300 余人", 1300, "人", AT_LEAST),
    ("近4万人次", 40000, "人次", APPROX),
    ("30万左右", 300000, None, APPROX),
    ("3000元", 3000, "元", None),
    ("38万份", 380000, "份", None),
    ("约130万元", 1_300_000, "元", APPROX),
    ("140万人", 1_400_000, "人", None),
    ("603场", 603, "场", None),
    ("8234张", 8234, "张", None),
    ("约10000人", 10000, "人", APPROX),
    ("线上观看约80000人次", 80000, "人次", APPROX),
    ("线下问诊82651人", 82651, "人", None),
    ("逾400人", 400, "人", AT_LEAST),
    ("超200名", 200, "名", AT_LEAST),
    ("10万余次", 100000, "次", AT_LEAST),
    ("24万份", 240000, "份", None),
    ("12000份", 12000, "份", None),
    ("1827篇", 1827, "篇", None),
    ("45场", 45, "场", None),
    ("15个", 15, "个", None),
    ("1人", 1, "人", None),
    ("1个", 1, "个", None),
    ("3226", 3226, None, None),
    ("近1300余人", 1300, "人", APPROX),
    ("46.21人", Decimal("46.21"), "人", None),
]


# Figures from the prose of seeds 001–003 (a 康复会 summary, the CCHIO report, a 提案答复),
# including a PDF line break between number and unit.
PROSE_FIGURES = [
    ("共169人", 169, "人", None), ("超过300人次", 300, "人次", AT_LEAST),
    ("超过100人次", 100, "人次", AT_LEAST), ("17期", 17, "期", None), ("26场", 26, "场", None),
    ("5名", 5, "名", None), ("共 220 个", 220, "个", None), ("共 400 余名", 400, "名", AT_LEAST),
    ("共计 1300 余人", 1300, "人", AT_LEAST), ("达 16.8 亿人次", 1_680_000_000, "人次", None),
    ("515 \n\n家", 515, "家", None), ("一个", 1, "个", None), ("六个", 6, "个", None),
    ("200 张", 200, "张", None), ("3000 份", 3000, "份", None), ("13 条", 13, "条", None),
    ("31 个", 31, "个", None), ("四次", 4, "次", None), ("1500 个", 1500, "个", None),
]


@pytest.mark.parametrize(("text", "value", "unit", "qualifier"), SEED_FIGURES + PROSE_FIGURES)
def test_seed_figures(text, value, unit, qualifier):
    quantity = parse_quantity(text)
    assert quantity is not None, text
    assert quantity.value == value
    assert quantity.unit == unit
    assert quantity.qualifier == qualifier


@pytest.mark.parametrize(("text", "value"), [
    ("三千", 3000), ("十五", 15), ("一万二千", 12000), ("一万二千五百", 12500), ("两百", 200),
    ("一百零五", 105), ("二十万零五", 200005), ("一千二", 1200), ("两万五", 25000),
    ("一千二百三", 1230), ("十", 10), ("十万", 100000), ("一亿二千万", 120_000_000),
    ("一亿五", 150_000_000), ("三千万", 30_000_000), ("一万零五百", 10500), ("壹万", 10000),
    ("二〇二四", 2024), ("一二三", 123), ("零", 0), ("五", 5), ("一千零一", 1001),
    ("十二万三千四百五十六", 123456), ("九亿九千九百九十九万", 999_990_000),
])
def test_chinese_numerals(text, value):
    assert parse_chinese_numeral(text) == value


@pytest.mark.parametrize("text", ["三四", "五六", "二十百", "万", "万万", "一万万", "一百十",
                                  "", "三x", "1千"])
def test_not_chinese_numerals(text):
    """三四 means "three or four": not a number; nor are malformed runs of units."""
    assert parse_chinese_numeral(text) is None


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("三千人", 3000, "人"), ("十五场", 15, "场"), ("一万二千份", 12000, "份"),
    ("约三千人", 3000, "人"), ("五十余家", 50, "家"),
])
def test_chinese_numerals_with_units(text, value, unit):
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.unit) == (value, unit)


def test_three_four_is_not_a_quantity():
    assert parse_quantity("三四人") is None
    assert parse_quantity("三四") is None


@pytest.mark.parametrize(("text", "value"), [
    ("１２３４人", 1234), ("１．５万人", 15000), ("1,234人", 1234), ("12,345,678人次", 12_345_678),
    ("1，234人", 1234), ("1 234人", 1234), ("２,８００册", 2800), ("0.5万元", 5000),
    ("1万2千", 12000), ("1万2", 12000), ("1万2000人", 12000), ("2亿3", 230_000_000),
])
def test_digits_separators_and_mixed(text, value):
    assert parse_quantity(text).value == value


@pytest.mark.parametrize(("text", "qualifier"), [
    ("约500人", APPROX), ("近500人", APPROX), ("500人左右", APPROX), ("大约500人", APPROX),
    ("将近500人", APPROX), ("接近500人", APPROX), ("500人上下", APPROX),
    ("超500人", AT_LEAST), ("超过500人", AT_LEAST), ("逾500人", AT_LEAST), ("500余人", AT_LEAST),
    ("500多人", AT_LEAST), ("500人以上", AT_LEAST), ("至少500人", AT_LEAST),
    ("不少于500人", AT_LEAST), ("共500人", None), ("累计500人", None), ("500人", None),
])
def test_qualifiers(text, qualifier):
    quantity = parse_quantity(text)
    assert quantity.value == 500
    assert quantity.qualifier == qualifier


def test_longest_qualifier_and_unit_win():
    quantity = parse_quantity("超过 14.6 万人次")
    assert (quantity.qualifier, quantity.unit) == (AT_LEAST, "人次")
    assert quantity.scaled


@pytest.mark.parametrize("text", ["", "abc", "200-300人", "3场5人", "5.2万平方米", "万", "亿元",
                                  "1" * 201, "483家；人民网、健康报", "1万20000"])
def test_not_a_quantity(text):
    assert parse_quantity(text) is None


def test_money_units_are_scaled_to_yuan():
    assert parse_quantity("约130万元").unit == "元"
    assert parse_quantity("2亿元").value == 200_000_000
    assert parse_quantity("5千元").value == 5000


def test_fraction_is_kept_exact():
    quantity = parse_quantity("46.21人")
    assert quantity.value == Decimal("46.21")
    assert not quantity.is_integral
    assert not quantity.scaled
    assert parse_quantity("46.21万人").is_integral


def test_prefix_words_are_returned():
    quantity = parse_quantity("线下参与210546人")
    assert (quantity.prefix, quantity.value) == ("线下参与", 210546)


def test_helpers():
    assert normalise_digits("１２，３４５ ") == "12345"
    assert format_number(380000) == "380,000"
    assert format_number(Decimal("12.50")) == "12.5"
    assert json_number(Decimal("1400000")) == 1400000
    assert isinstance(json_number(Decimal("1400000")), int)
    assert json_number(Decimal("46.21")) == 46.21
    assert same_family("人", "人次") and same_family("场", "次")
    assert not same_family("人", "场")
