"""Chinese quantities as people write them: ``38万份``, ``约130万元``, ``线上观看约80000人次``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

APPROX = "approx"
AT_LEAST = "at_least"

QUALIFIER_LABELS = {APPROX: "约", AT_LEAST: "至少"}
QUALIFIER_SYMBOLS = {APPROX: "≈", AT_LEAST: "≥"}

# Longest first, so that 超过 wins over 超 and 人次 over 人.
_PREFIX_QUALIFIERS = {
    "大约": APPROX, "大概": APPROX, "将近": APPROX, "接近": APPROX, "约": APPROX, "近": APPROX,
    "超过": AT_LEAST, "多于": AT_LEAST, "多达": AT_LEAST, "至少": AT_LEAST, "不少于": AT_LEAST,
    "超": AT_LEAST, "逾": AT_LEAST,
}
_NEUTRAL_PREFIXES = ("共计", "合计", "累计", "总计", "总共", "共有", "达到", "共", "计", "达", "为")
_SUFFIX_QUALIFIERS = {"左右": APPROX, "上下": APPROX, "以上": AT_LEAST, "余": AT_LEAST, "多": AT_LEAST}

COUNT_UNITS = ("人次", "场次", "场", "人", "名", "位", "张", "份", "家", "条", "个", "次", "册", "篇",
               "件", "届", "期", "所", "支", "项", "本", "幅", "块", "处")
MONEY_UNITS = ("亿元", "万元", "千元", "元")
# Units that measure the same thing, so a swap is a warning rather than an error.
UNIT_FAMILIES = ({"人", "人次", "名", "位"}, {"场", "场次", "次"}, {"份", "册", "本", "张"})

_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000),
                "百": Decimal(100)}
_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3,
              "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
              "八": 8, "捌": 8, "九": 9, "玖": 9}
_CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL_UNITS) + "".join(_CN_BIG_UNITS)


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


_UNIT_WORDS = COUNT_UNITS + MONEY_UNITS
_QUANTITY_RE = re.compile(
    rf"""^(?P<prefix>.*?)
    (?P<qpre>{_alternation(_PREFIX_QUALIFIERS)})?\s*
    (?:{_alternation(_NEUTRAL_PREFIXES)})?\s*
    (?P<qpre2>{_alternation(_PREFIX_QUALIFIERS)})?\s*
    (?P<num>\d[\d,]*(?:\.\d+)?|\.\d+|[{_CN_CHARS}]+)\s*
    (?P<mult>[万亿千百](?![元]))?\s*
    (?P<qmid>余|多)?\s*
    (?P<unit>{_alternation(_UNIT_WORDS)})?\s*
    (?P<qpost>{_alternation(_SUFFIX_QUALIFIERS)})?\s*
    [。.;；,，]?$""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number read from text, with its unit and qualifier.

    >>> parse_quantity("约130万元")
    Quantity(value=Decimal('1300000'), unit='元', qualifier='approx', prefix='', scaled=True)
    """

    value: Decimal
    unit: str | None
    qualifier: str | None
    prefix: str = ""
    scaled: bool = False  # written with 万/亿/千/百

    @property
    def is_integral(self) -> bool:
        return self.value == self.value.to_integral_value()


def normalise_digits(text: str) -> str:
    """Full-width digits and punctuation to ASCII; drop spaces and separators inside numbers."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(?<=\d)[\s,](?=\d{3}(?!\d))", "", text)
    text = re.sub(r"(?<=\d)\s+(?=\d)", "", text)
    return text.strip()


def parse_chinese_numeral(text: str) -> int | None:
    """Common Chinese numerals: 十五 = 15, 三千 = 3000, 一万二千 = 12000, 两百 = 200.

    >>> parse_chinese_numeral("一万二千五百")
    12500
    """
    if not text or any(ch not in _CN_CHARS for ch in text):
        return None
    if all(ch in _CN_DIGITS for ch in text) and len(text) > 1:  # 二〇二四 style
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total = section = 0
    digit: int | None = None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and _CN_DIGITS[ch] != 0:
                return None  # 三四 is not a number
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * _CN_SMALL_UNITS[ch]
            digit = None
        else:
            big = _CN_BIG_UNITS[ch]
            section += digit or 0
            if section == 0 and total == 0:
                return None
            total = (total + section) * big if big > 10_000 or total < big else total + section * big
            section, digit = 0, None
    return total + section + (digit or 0)


def _parse_number(num: str) -> Decimal | None:
    if num[0].isdigit() or num[0] == ".":
        try:
            return Decimal(num.replace(",", ""))
        except InvalidOperation:
            return None
    value = parse_chinese_numeral(num)
    return None if value is None else Decimal(value)


def parse_quantity(text: str) -> Quantity | None:
    """Read one quantity from a cell's text, or None if the text is not a quantity."""
    if not text or len(text) > 200:
        return None
    match = _QUANTITY_RE.match(normalise_digits(text))
    if match is None:
        return None
    number = _parse_number(match["num"])
    if number is None:
        return None
    unit = match["unit"]
    mult = match["mult"]
    scaled = bool(mult) or (unit in ("万元", "亿元", "千元"))
    if mult:
        for ch in mult:
            number *= _MULTIPLIERS[ch]
    if unit in ("万元", "亿元", "千元"):
        number *= _MULTIPLIERS[unit[0]]
        unit = "元"
    qualifier = (
        _PREFIX_QUALIFIERS.get(match["qpre"] or "")
        or _PREFIX_QUALIFIERS.get(match["qpre2"] or "")
        or _SUFFIX_QUALIFIERS.get(match["qmid"] or "")
        or _SUFFIX_QUALIFIERS.get(match["qpost"] or "")
    )
    prefix = match["prefix"].strip(" ：:")
    if prefix and re.search(r"\d", prefix):
        return None  # "200-300人", "3场5人": more than one number
    return Quantity(number.normalize() if number % 1 else number.quantize(Decimal(1)), unit,
                    qualifier, prefix, scaled)


def same_family(unit_a: str, unit_b: str) -> bool:
    return any(unit_a in family and unit_b in family for family in UNIT_FAMILIES)


def format_number(value: Decimal | int | float) -> str:
    """380000 -> '380,000'; 12.5 -> '12.5'."""
    dec = Decimal(str(value))
    if dec == dec.to_integral_value():
        return f"{int(dec):,}"
    return f"{dec.normalize():,f}"


def json_number(value: Decimal) -> int | float:
    """A Decimal as the JSON number it is: int when whole."""
    return int(value) if value == value.to_integral_value() else float(value)
