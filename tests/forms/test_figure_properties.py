"""Any figure, written any usual way, reads back as itself (hypothesis writes the figures)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from forms.quantity import Quantity, read_quantity

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
