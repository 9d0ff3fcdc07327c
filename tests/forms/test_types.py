"""Each field type parses real cell text, normalises it and returns issues."""

from __future__ import annotations

import pytest

from forms.issues import ERROR, WARNING
from forms.registry import TYPES, parse_field
from forms.spec import FieldSpec
from forms.types import char_count

COUNT_UNITS = ("场", "人", "人次", "张", "份", "家", "条", "个", "次", "册", "篇")


def spec(type_: str, **kwargs) -> FieldSpec:
    kwargs.setdefault("label", "测试栏")
    return FieldSpec(id="f", key="f", full_label=kwargs["label"], type=type_, **kwargs)


def codes(parsed) -> list[str]:
    return [issue.code for issue in parsed.issues]


def test_every_type_is_registered():
    assert set(TYPES) == {"text", "long_text", "count", "decimal", "money", "edition", "year",
                          "yes_no", "choice", "checklist", "phone", "date", "date_range",
                          "name_list", "link_list"}


@pytest.mark.parametrize(("text", "value", "codes"), [
    ("2.5次", 2.5, []), ("约3.75万人次", 37500, []), ("12", 12, []), ("三点五", 3.5, []),
    ("abc", None, ["not_a_number"]),
])
def test_decimal_keeps_its_decimals(text, value, codes):
    parsed = parse_field(spec("decimal"), text)
    assert (parsed.value or {}).get("value") == value
    assert [i.code for i in parsed.issues] == codes


# --- text and long text -------------------------------------------------------------------------

def test_text_is_trimmed():
    parsed = parse_field(spec("text"), "  四川省抗癌协会 \n")
    assert parsed.value == "四川省抗癌协会"
    assert parsed.issues == ()


@pytest.mark.parametrize(("text", "count"), [
    ("四川省", 3), ("一 二\n三\t四", 4), ("CACA指南，我知你知", 11), ("", 0), ("　全角空格　", 4),
])
def test_char_count_skips_blanks(text, count):
    assert char_count(text) == count


def test_long_text_max_counts_characters_not_bytes():
    field = spec("long_text", max_length=1000)
    assert parse_field(field, "字" * 1000).issues == ()  # 3000 bytes in UTF-8, 1000 characters
    assert parse_field(field, "字" * 500 + "\n\n" + "字" * 500).issues == ()
    over = parse_field(field, "字" * 1001)
    assert codes(over) == ["too_long"]
    assert over.issues[0].severity == ERROR
    assert "共1001字" in over.issues[0].message
    assert over.display == "1001字"


def test_long_text_over_length_can_be_a_warning():
    field = spec("long_text", max_length=10, over_length=WARNING)
    issue = parse_field(field, "一二三四五六七八九十壹").issues[0]
    assert (issue.code, issue.severity) == ("too_long", WARNING)
    assert issue.message == "共11字，超过10字的要求"


def test_control_characters_are_stripped_and_reported():
    parsed = parse_field(spec("text"), "四川\x00省\u202e抗癌\x07协会")
    assert parsed.value == "四川省抗癌协会"
    assert codes(parsed) == ["control_chars"]
    assert parsed.issues[0].severity == WARNING


def test_empty_text_is_no_value_and_no_issue():
    for type_ in TYPES:
        parsed = parse_field(spec(type_, options=("甲", "乙")), "   \n ")
        assert parsed.value is None and parsed.issues == (), type_


# --- counts -------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", COUNT_UNITS)
def test_count_in_each_unit(unit):
    parsed = parse_field(spec("count", unit=unit), f"1,234{unit}")
    assert parsed.value == {"value": 1234, "unit": unit, "qualifier": None}
    assert parsed.issues == ()
    assert parsed.display == f"= 1,234 {unit}"


@pytest.mark.parametrize(("text", "value", "qualifier", "display"), [
    ("1.2 万名", 12000, None, "= 12,000 名"),
    ("30万左右", 300000, "approx", "≈ 300,000 人"),
    ("1300 余人", 1300, "at_least", "≥ 1,300 人"),
    ("近4万人次", 40000, "approx", "≈ 40,000 人次"),
    ("三千", 3000, None, "= 3,000 人"),
])
def test_count_values_and_display(text, value, qualifier, display):
    parsed = parse_field(spec("count", unit="人", accept_units=("人次", "名")), text)
    assert parsed.value["value"] == value
    assert parsed.value["qualifier"] == qualifier
    assert parsed.display == display
    assert parsed.issues == ()


def test_count_without_unit_takes_the_field_unit():
    assert parse_field(spec("count", unit="场"), "603").value == {
        "value": 603, "unit": "场", "qualifier": None}


def test_fractional_people_is_an_error_with_suggestion():
    parsed = parse_field(spec("count", label="直接受益人数", unit="人"), "46.21人")
    (issue,) = parsed.issues
    assert (issue.code, issue.severity, issue.label) == ("fractional_count", ERROR, "直接受益人数")
    assert issue.line().split("：", 1)[1] == "人数应为整数；是否漏写'万'（46.21万人）？"
    assert f"{issue.message}；{issue.suggestion}" == "人数应为整数；是否漏写'万'（46.21万人）？"


def test_fractional_things_and_scaled_fractions():
    issue = parse_field(spec("count", unit="场"), "2.5场").issues[0]
    assert issue.message == "次数应为整数"
    assert issue.suggestion == "是否漏写'万'（2.5万场）？"
    assert parse_field(spec("count", unit="人"), "46.21万人").issues == ()
    # 1.23456万 is 12345.6: fractional even with 万, and then 万 is not the fix.
    issue = parse_field(spec("count", unit="人"), "1.23456万人").issues[0]
    assert issue.code == "fractional_count" and issue.suggestion is None


def test_unit_is_checked_against_the_field():
    wrong = parse_field(spec("count", unit="场"), "300人")
    assert codes(wrong) == ["unit_mismatch"]
    assert wrong.value is None  # 300 people are not 300 lectures
    assert wrong.issues[0].severity == ERROR
    assert "“场”" in wrong.issues[0].message and "“人”" in wrong.issues[0].message
    near = parse_field(spec("count", unit="人"), "300人次")
    assert codes(near) == ["unit_mismatch"] and near.issues[0].severity == WARNING
    accepted = parse_field(spec("count", unit="人", accept_units=("人次",)), "300人次")
    assert accepted.issues == () and accepted.value["unit"] == "人次"


@pytest.mark.parametrize(("text", "code"), [
    ("483家；人民网、健康报、健康四川", "unclear_text"), ("不详", "not_a_number"),
    ("很多人", "vague_amount"), ("二三十人", "vague_amount"),
])
def test_count_rejects_text(text, code):
    parsed = parse_field(spec("count", unit="次"), text)
    assert parsed.value is None
    assert codes(parsed) == [code]
    assert parsed.issues[0].severity == ERROR


def test_count_rejects_text_suggests_an_example():
    assert parse_field(spec("count", unit="次"), "不详").issues[0].suggestion == \
        "例如“1200次”或“约3万次”"


def test_count_extra_text_label_and_sign():
    """Words that are not understood give an error and no number, never "will be ignored"."""
    assert parse_field(spec("count", label="会员总数", unit="人"), "会员总数：3226").issues == ()
    other = parse_field(spec("count", unit="人"), "其中3226人")
    assert codes(other) == ["unclear_text"] and other.value is None
    assert codes(parse_field(spec("count", unit="人"), "-5人")) == ["negative"]


def test_count_approx_not_allowed_and_range():
    exact = spec("count", unit="人", approx_allowed=False)
    assert codes(parse_field(exact, "约3226人")) == ["approximate"]
    ranged = spec("count", unit="人", min=1, max=1000)
    assert codes(parse_field(ranged, "0人")) == ["out_of_range"]
    assert codes(parse_field(ranged, "1001人")) == ["out_of_range"]
    assert parse_field(ranged, "1000人").issues == ()


# --- money --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "qualifier"), [
    ("约130万元", 1_300_000, "approx"), ("3000元", 3000, None), ("0.5万元", 5000, None),
    ("1,234.5元", 1234.5, None), ("130万", 1_300_000, None), ("三千元", 3000, None),
])
def test_money(text, value, qualifier):
    parsed = parse_field(spec("money", unit="元", accept_units=("万元",)), text)
    assert parsed.value == {"value": value, "unit": "元", "qualifier": qualifier}
    assert parsed.issues == ()


def test_money_in_a_wan_yuan_field_and_wrong_units():
    assert parse_field(spec("money", unit="万元"), "130").value["value"] == 1_300_000
    assert parse_field(spec("money", unit="万元"), "130万元").value["value"] == 1_300_000
    assert codes(parse_field(spec("money", unit="元"), "3000人")) == ["unit_mismatch"]
    assert codes(parse_field(spec("money", unit="元"), "免费")) == ["not_a_number"]


# --- edition, yes/no, choice, checklist, phone ---------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("第30届", 30), ("30", 30), ("三十", 30), ("第三十届", 30), ("第 30 届", 30), ("３０届", 30),
])
def test_edition(text, value):
    parsed = parse_field(spec("edition"), text)
    assert parsed.value == value and parsed.display == f"第{value}届"


@pytest.mark.parametrize("text", ["abc", "0", "第届", "30-31"])
def test_bad_edition(text):
    assert codes(parse_field(spec("edition"), text)) == ["bad_edition"]


@pytest.mark.parametrize(("text", "value"), [
    ("是", True), ("是。", True), ("有", True), ("已报送", True), ("√", True), ("Yes", True),
    ("是的", True), ("否", False), ("无", False), ("没有", False), ("未报送", False), ("×", False),
])
def test_yes_no(text, value):
    assert parse_field(spec("yes_no"), text).value is value


def test_yes_no_rejects_other_text():
    parsed = parse_field(spec("yes_no"), "不知道")
    assert parsed.value is None and codes(parsed) == ["not_yes_no"]


CHOICES = ("省级", "市级", "县级")


@pytest.mark.parametrize(("text", "value"), [
    ("市级", "市级"), ("2", "市级"), ("（3）县级", "县级"), ("省", "省级"), ("县级。", "县级"),
])
def test_choice(text, value):
    assert parse_field(spec("choice", options=CHOICES), text).value == value


def test_choice_rejects_unknown_and_ambiguous():
    assert codes(parse_field(spec("choice", options=CHOICES), "乡级")) == ["not_an_option"]
    assert codes(parse_field(spec("choice", options=CHOICES), "级")) == ["not_an_option"]
    assert codes(parse_field(spec("choice", options=CHOICES), "9")) == ["not_an_option"]


BONUS = ("承办中国肿瘤学术大会", "承办“4.15”全国肿瘤防治宣传周启动仪式",
         "承办“2.4”世界癌症日启动仪式", "承办协会常务理事会")


@pytest.mark.parametrize(("text", "chosen"), [
    ("1.承办中国肿瘤学术大会；2.承办“4.15”全国肿瘤防治宣传周启动仪式；\n\n"
     "3.承办“2.4”世界癌症日启动仪式；4.承办协会常务理事会", [0, 1, 2, 3]),
    ("☑承办中国肿瘤学术大会\n☐承办“4.15”全国肿瘤防治宣传周启动仪式\n☑承办协会常务理事会", [0, 3]),
    ("1、3", [0, 2]),
    ("承办协会常务理事会；承办中国肿瘤学术大会", [0, 3]),
    ("1.承办中国肿瘤学术大会 4.承办协会常务理事会", [0, 3]),
    ("无", []),
])
def test_checklist(text, chosen):
    parsed = parse_field(spec("checklist", options=BONUS), text)
    assert parsed.value == [BONUS[i] for i in chosen]
    assert parsed.issues == ()


def test_checklist_names_unknown_items():
    parsed = parse_field(spec("checklist", options=BONUS), "承办协会常务理事会、举办义诊")
    assert parsed.value == [BONUS[3]]
    assert codes(parsed) == ["not_an_option"]
    assert "举办义诊" in parsed.issues[0].message


@pytest.mark.parametrize(("text", "value"), [
    ("027-85880016", "027-85880016"), ("联系电话：027-65669511", "027-65669511"),
    ("02785880016", "027-85880016"),
    ("027 8588 0016", "027-85880016"), ("(027)85880016", "027-85880016"),
    ("０２７－８５８８００１６", "027-85880016"), ("010-62345678", "010-62345678"),
    ("0571-87654321", "0571-87654321"), ("0831-8765432", "0831-8765432"),
    ("0571-87654321转123", "0571-87654321转123"), ("027-85880016-123", "027-85880016转123"),
    ("13812345678", "13812345678"), ("138-1234-5678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
])
def test_phone(text, value):
    parsed = parse_field(spec("phone"), text)
    assert parsed.value == value and parsed.issues == ()


@pytest.mark.parametrize("text", ["1381234567", "12345", "85880016", "123-4567890", "电话",
                                  "23812345678"])
def test_bad_phone(text):
    parsed = parse_field(spec("phone"), text)
    assert parsed.value is None and codes(parsed) == ["bad_phone"]
    assert "027-85880016" in parsed.issues[0].suggestion
