"""Any figure, written any usual way, reads back as itself (hypothesis writes the figures)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from forms.quantity import Quantity, read_quantity
from forms.registry import parse_field
from forms.spec import FieldSpec

SETTINGS = settings(max_examples=300, deadline=None)
figures = st.integers(min_value=0, max_value=10**12 - 1)

LOWER = ("零一二三四五六七八九", "十百千", "万亿")
CAPITAL = ("零壹贰叁肆伍陆柒捌玖", "拾佰仟", "万亿")


def chinese(n: int, numerals: tuple[str, str, str] = LOWER) -> str:
    """A reference writer, independent of the reader: 10203 → 一万零二百零三."""
    digits, small, big = numerals
    if n == 0:
        return digits[0]
    groups = []
    while n:
        groups.append(n % 10_000)
        n //= 10_000
    text, pending_zero = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            pending_zero = bool(text)
            continue
        if text and (pending_zero or group < 1000):
            text += digits[0]
        part, zero = "", False
        for place in range(3, -1, -1):
            digit = group // 10**place % 10
            if digit == 0:
                zero = bool(part)
                continue
            if zero:
                part += digits[0]
                zero = False
            part += digits[digit] + (small[place - 1] if place else "")
        text += part + ("", big[0], big[1], big[0] + big[1])[index] if index < 4 else part
        pending_zero = False
    return text


def value_of(text: str) -> Decimal:
    quantity = read_quantity(text)
    assert isinstance(quantity, Quantity), (text, quantity)
    return quantity.value


@SETTINGS
@given(figures)
def test_chinese_numerals(n):
    assert value_of(chinese(n) + "人") == n


@SETTINGS
@given(figures)
def test_capital_amounts(n):
    assert value_of(chinese(n, CAPITAL) + "元整") == n


@SETTINGS
@given(figures)
def test_thousands_separators_and_full_width(n):
    assert value_of(f"{n:,}人次") == n
    assert value_of(f"{n:,}".translate(str.maketrans("0123456789,", "０１２３４５６７８９，")) + "人") == n
    assert value_of(f"约{n}人") == n


@SETTINGS
@given(st.integers(min_value=1, max_value=99_999_999), st.integers(min_value=0, max_value=9999))
def test_mixed_wan(high, low):
    n = high * 10_000 + low
    written = f"{high}万{low:04d}" if low else f"{high}万"
    assert value_of(written + "份") == n


@SETTINGS
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=99))
def test_decimal_wan(whole, hundredths):
    n = Decimal(whole) + Decimal(hundredths) / 100
    assert value_of(f"{n}万人次") == n * 10_000
    digits = "零一二三四五六七八九"
    fraction = "".join(digits[int(d)] for d in f"{hundredths:02d}".rstrip("0"))
    assert value_of(f"{chinese(whole)}点{fraction}万元") == n * 10_000


@SETTINGS
@given(st.integers(min_value=1, max_value=9), st.integers(min_value=0, max_value=9),
       st.integers(min_value=0, max_value=9))
def test_mixed_thousands_and_hundreds(thousands, hundreds, tens):
    n = thousands * 1000 + hundreds * 100 + tens * 10
    written = f"{thousands}千" + (f"{hundreds}百" if hundreds else "") + (
        f"{tens}十" if tens and hundreds else "")
    if tens and not hundreds:
        return  # 3千零5十: not how people write it
    assert value_of(written + "人") == n


# --- a run not understood anywhere: an error and no number, whatever else the text says ---------

PEOPLE = FieldSpec("f", "参与人数", "count", key="f", full_label="参与人数", unit="人",
                   accept_units=("人次", "名", "位", "场", "份"))
MONEY = FieldSpec("m", "费用减免", "money", key="m", full_label="费用减免", unit="元",
                  accept_units=("万元",))
BASES = ["12场", "约12场", "十二场", "1.2万人", "约3万人次", "三千五百人", "12000份", "3200+人次",
         "20余万人", "近万人", "12,000人", "一万二千人", "≥100人", "130万元", "约130万元", "壹万元整",
         "线上观看约80000人次", "１２０００人"]
SYMBOLS = st.text(alphabet="#@%&*?^|$_;:\"'`!", min_size=1, max_size=3).filter(
    lambda s: s.strip("!;:"))  # a trailing ! or ; is punctuation, not a character run
LETTERS = st.text(alphabet="xyzqjXYZQJabcdefgh", min_size=1, max_size=4)
NUMERALS = st.sampled_from(["三", "十二", "两", "五千", "一百二十", "叁拾", "二十", "十", "3", "12",
                            "2000", "1.5万", "零"])
JOINED_UNITS = st.sampled_from(["场", "人", "人次", "份", "元", "万元", ""])
JOINERS = st.sampled_from(["和", "另有", "线上", "，", "、", " ", "加"])


@st.composite
def not_understood(draw) -> str:
    """A figure's text with a run in it that means nothing, or a second figure."""
    base = draw(st.sampled_from(BASES))
    kind = draw(st.sampled_from(["symbols", "letters", "figure"]))
    if kind == "figure":  # a second figure, before or after, with a unit or a word between
        unit = draw(JOINED_UNITS)
        joiner = draw(JOINERS) if not unit else draw(st.sampled_from(["", "和", "另有", "，"]))
        second = draw(NUMERALS) + unit
        text = second + joiner + base if draw(st.booleans()) else base + joiner + second
        at = text.index(joiner, 1) if joiner else 0
        # 12，130万元 and 3 130万元 are one figure written with its thousands apart
        assume(not (joiner in "， " and text[at - 1: at].isdigit() and text[at + 1: at + 2].isdigit()))
        return text
    junk = draw(SYMBOLS if kind == "symbols" else LETTERS)
    at = draw(st.integers(min_value=0, max_value=len(base)))
    return base[:at] + junk + base[at:]


@SETTINGS
@given(not_understood())
def test_a_run_not_understood_gives_an_error_and_no_number(text):
    spec = MONEY if "元" in text else PEOPLE
    parsed = parse_field(spec, text)
    assert parsed.value is None, (text, parsed.value)
    assert any(i.is_error for i in parsed.issues), text
