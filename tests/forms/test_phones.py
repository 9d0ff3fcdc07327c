"""Telephone fields: one number or several, each checked, each bad one named."""

from __future__ import annotations

import itertools

import pytest

from forms.issues import ERROR
from forms.phones import read_phone, split_phones
from forms.registry import parse_field
from forms.spec import FieldSpec

PHONE = FieldSpec("p", "联系电话", "phone", key="p", full_label="联系电话")

# (as written, normalised)
GOOD = [
    ("027-85880016", "027-85880016"), ("02785880016", "027-85880016"),
    ("(027)85880016", "027-85880016"), ("（027）85880016", "027-85880016"),
    ("027 8588 0016", "027-85880016"), ("０２７－８５８８００１６", "027-85880016"),
    ("0571-87654321", "0571-87654321"), ("0831-8765432", "0831-8765432"),
    ("010-62345678", "010-62345678"), ("0571-87654321转123", "0571-87654321转123"),
    ("027-85880016-123", "027-85880016转123"), ("13812345678", "13812345678"),
    ("138-1234-5678", "13812345678"), ("138 1234 5678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"), ("+86-13812345678", "13812345678"),
    ("008613812345678", "13812345678"), ("手机：13812345678", "13812345678"),
    ("办公室027-85880016", "027-85880016"), ("1\u200b3812345678", "13812345678"),
]
DISTINCT = [("027-85880016", "027-85880016"), ("0571-87654321", "0571-87654321"),
            ("13812345678", "13812345678"), ("139-1234-5678", "13912345678"),
            ("+86 137 1234 5678", "13712345678"), ("(010)62345678", "010-62345678")]
SEPARATORS = ["、", "，", ",", "；", ";", "/", " ", "  ", "\n", " / ", "、 ", "或"]
BAD = ["1381234567", "12345", "85880016", "123-4567890", "23812345678", "138123456789",
       "027-8588", "abc", "0000-00000000"]


@pytest.mark.parametrize(("text", "value"), GOOD)
def test_one_number(text, value):
    parsed = parse_field(PHONE, text)
    assert (parsed.value, parsed.issues) == (value, ())


@pytest.mark.parametrize(("first", "second", "separator"), [
    (a, b, sep) for (a, b), sep in itertools.product(
        itertools.permutations(DISTINCT, 2), SEPARATORS)
    if not (sep.strip() == "" and " " in a[0] + b[0])
])
def test_several_numbers(first, second, separator):
    parsed = parse_field(PHONE, first[0] + separator + second[0])
    assert parsed.value == f"{first[1]}、{second[1]}"
    assert parsed.issues == ()


@pytest.mark.parametrize("separator", ["、", "，", "；", "/", " "])
def test_three_numbers_with_labels(separator):
    text = separator.join(["座机：027-85880016", "手机：13812345678", "0571-87654321"])
    if separator == " ":
        text = "027-85880016 13812345678 0571-87654321"
    assert parse_field(PHONE, text).value == "027-85880016、13812345678、0571-87654321"


def test_a_local_number_takes_the_area_code_before_it():
    assert parse_field(PHONE, "027-85880016、85880017").value == "027-85880016、027-85880017"
    assert parse_field(PHONE, "85880017").value is None  # alone it has no area code


@pytest.mark.parametrize(("bad", "separator", "position"), [
    (bad, sep, pos) for bad, sep, pos in itertools.product(BAD, ["、", "，", ";", "/"], (1, 2))
])
def test_each_bad_number_is_named(bad, separator, position):
    pieces = ["13812345678", bad] if position == 2 else [bad, "13812345678"]
    parsed = parse_field(PHONE, separator.join(pieces))
    assert parsed.value is None  # never half the numbers
    (issue,) = parsed.issues
    assert (issue.code, issue.severity) == ("bad_phone", ERROR)
    assert f"第{position}个号码" in issue.message and bad in issue.message


def test_two_bad_numbers_two_errors():
    parsed = parse_field(PHONE, "1381234567、13812345678、12345")
    assert [i.message for i in parsed.issues] == ["第1个号码“1381234567”格式不正确",
                                                  "第3个号码“12345”格式不正确"]


@pytest.mark.parametrize("text", BAD + ["电话", "027-85880016转", "13812345678转12"])
def test_one_bad_number(text):
    parsed = parse_field(PHONE, text)
    assert parsed.value is None and [i.code for i in parsed.issues] == ["bad_phone"]


def test_repeated_number_is_a_warning():
    parsed = parse_field(PHONE, "13812345678、138-1234-5678")
    assert parsed.value == "13812345678"
    assert [i.code for i in parsed.issues] == ["duplicate_phone"]


def test_helpers():
    assert split_phones("027 8588 0016") == ["027 8588 0016"]
    assert read_phone("85880017", "027") == "027-85880017"
    assert read_phone("85880017") is None


@pytest.mark.parametrize(("text", "value"), [
    ("13812345678（张三）", "13812345678"), ("027-85880016 (办公室)", "027-85880016"),
    ("13812345678 张三", "13812345678"), ("张三 13812345678", "13812345678"),
    ("13812345678（张三）、027-85880016（办公室）", "13812345678、027-85880016"),
])
def test_a_name_beside_a_number(text, value):
    parsed = parse_field(PHONE, text)
    assert (parsed.value, parsed.issues) == (value, ())
