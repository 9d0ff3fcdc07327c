"""Chinese quantities as people write them: ``38万份``, ``约130万元``, ``线上观看约80000人次``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MAX_DIGITS = 15
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
    """Common Chinese numerals: 十五 = 15, 三千 = 3000, 一万二千 = 12000, 两万五 = 25000.

    A run of bare digits is read digit by digit only when it looks like a year or a code
    (二〇二四); 三四 ("three or four") is not a number.

    >>> parse_chinese_numeral("一万二千五百"), parse_chinese_numeral("一百零五")
    (12500, 105)
    """
    if not text or len(text) > 40 or any(ch not in _CN_CHARS for ch in text):
        return None
    if all(ch in _CN_DIGITS for ch in text):
        if len(text) == 1:
            return _CN_DIGITS[text]
        if len(text) >= 3 or any(_CN_DIGITS[ch] == 0 for ch in text):
            return int("".join(str(_CN_DIGITS[ch]) for ch in text))
        return None
    total = below_yi = section = 0  # 亿 groups, the 万 group, and below 万
    digit: int | None = None
    last_unit: int | None = None  # the unit just before the trailing digit: 一千二 = 1200
    small_unit = 10_000  # small units must fall within a section: 一百二十, not 二十百
    for ch in text:
        if ch in _CN_DIGITS:
            value = _CN_DIGITS[ch]
            if value == 0:
                if digit not in (None, 0):
                    return None
                last_unit = None  # 一百零五: the 五 is ones
                continue
            if digit not in (None, 0):
                return None  # 三四 is not a number
            digit = value
        elif ch in _CN_SMALL_UNITS:
            unit = _CN_SMALL_UNITS[ch]
            if unit >= small_unit or (digit is None and (section or below_yi or total)
                                      and last_unit is not None):
                return None
            section += (1 if digit is None else digit) * unit
            digit, last_unit, small_unit = None, unit, unit
        else:
            big = _CN_BIG_UNITS[ch]
            section += digit or 0
            if big == 10_000:
                if section == 0 or below_yi:
                    return None
                below_yi = section * big
            else:
                if section == 0 and below_yi == 0:
                    return None
                total = (total + below_yi + section) * big
                below_yi = 0
            section, digit, last_unit, small_unit = 0, None, big, 10_000
    if digit:
        section += digit * (last_unit // 10 if last_unit else 1)
    return total + below_yi + section


_MIXED_RE = re.compile(r"(?<![\d.])(\d{1,12})([万亿])(\d{1,8})([千百])?(?![\d.万亿千百])")


def _merge_mixed(match: re.Match[str]) -> str:
    """1万2千 = 12000, 1万2 = 12000, 1万2000 = 12000: digits around 万 or 亿."""
    big = 10_000 if match[2] == "万" else 100_000_000
    places = len(str(big)) - 1
    low = match[3]
    if match[4]:
        rest = int(low) * int(_MULTIPLIERS[match[4]])
    elif len(low) <= places:
        rest = int(low) * 10 ** (places - len(low)) if len(low) < places else int(low)
    else:
        return match[0]
    return str(int(match[1]) * big + rest) if rest < big else match[0]


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
    match = _QUANTITY_RE.match(_MIXED_RE.sub(_merge_mixed, normalise_digits(text)))
    if match is None:
        return None
    number = _parse_number(match["num"])
    if number is None or number.adjusted() > MAX_DIGITS or len(match["num"]) > 2 * MAX_DIGITS:
        return None  # no figure on a form runs past 10^15; far beyond it Decimal loses digits
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
