"""Numbers as written on Chinese forms, without their units.

Arabic digits with thousands separators (12,000), decimals, Chinese numerals (一万二千五百,
大写 贰万陆仟), decimals in Chinese (零点零一, 一点五万) and the two mixed (3千5百, 1万2, 2.5万).
A number either reads exactly or is refused with a reason: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from forms.messages import msg

MAX_DIGITS = 15  # no figure on a form runs past 10^15; far beyond it Decimal loses digits

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2,
             "兩": 2, "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6,
             "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9, "俩": 2,
             "仨": 3}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
POINT = "点"
_TENS = {"廿": "二十", "卅": "三十", "卌": "四十"}  # 廿五 = 25
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "".join(_TENS)
# Where a number may start and end, and what may stand inside one.
NUMBER_PATTERN = (rf"(?:\.\d|[\d{CN_NUMERAL_CHARS}])"
                  rf"(?:[\d{CN_NUMERAL_CHARS}{POINT}., ]*[\d{CN_NUMERAL_CHARS}])?")

_ARABIC_GROUPS = re.compile(r"\d[\d, ]*\d")
_WELL_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+")
_BLANKS = re.compile(r" +")
_SPACED_UNITS = "万萬亿億千仟百佰"  # a blank may stand before these (and after the first four)
_TOKEN = re.compile(rf"\d+|[{CN_NUMERAL_CHARS}]")


@dataclass(frozen=True, slots=True)
class Unreadable:
    """Why a text holds no figure, fit to show: a stable code, a message and a suggestion."""

    code: str
    message: str
    suggestion: str | None = None


BAD_SEPARATOR = Unreadable("bad_separator", msg("数字中的分隔符位置不对"),
                           msg("千位分隔符每三位一个，如“12,000”；也可以不写分隔符，如“12000”"))
NOT_A_NUMERAL = Unreadable("bad_numeral", msg("数字写法无法识别"),
                           msg("请用阿拉伯数字填写，如“3500”"))


def _several(text: str) -> Unreadable:
    return Unreadable("vague_amount", msg("“{text}”不是一个确切的数", text=text[:20]),
                      msg("请填写具体数字"))


def read_number(text: str) -> tuple[Decimal, bool] | Unreadable:
    """The number written, and whether it was scaled by 万/亿/千/百 (for the 漏写万 hint).

    ``text`` is NFKC-normalised and holds only digits, numerals, separators and 点.

    >>> read_number("3千5百"), read_number("一点五万"), read_number("12,00")[0]
    ((Decimal('3500'), True), (Decimal('15000'), True), 'bad_separator')
    """
    text = _drop_blanks(_spelled_tens(text))
    if isinstance(text, Unreadable):
        return text
    if not text or len(text) > 2 * MAX_DIGITS:
        return NOT_A_NUMERAL
    scaled = any(ch in "百千万亿佰仟萬億" for ch in text)
    points = text.count(".") + text.count(POINT)
    if points > 1:
        return NOT_A_NUMERAL
    value = _decimal(text) if points else _integer(text)
    if isinstance(value, Unreadable):
        return value
    if value.adjusted() > MAX_DIGITS:
        return NOT_A_NUMERAL
    return value, scaled


def _spelled_tens(text: str) -> str:
    for short, spelled in _TENS.items():
        text = text.replace(short, spelled)
    return text


def _drop_blanks(text: str) -> str | Unreadable:
    """Separators out: 12,000 and 12 000 are fine; 12,00 and 1,2000 are refused."""
    for run in _ARABIC_GROUPS.findall(text):
        if ("," in run or " " in run) and not _WELL_GROUPED.fullmatch(run):
            return BAD_SEPARATOR
    if "," in text and not re.search(r"\d,\d", text):
        return BAD_SEPARATOR
    for blank in _BLANKS.finditer(text):  # 1.2 万 and 12 000, but not 五千 壹万 (two figures)
        before, after = text[blank.start() - 1: blank.start()], text[blank.end(): blank.end() + 1]
        if not (before.isdigit() and after.isdigit()) and after not in _SPACED_UNITS \
                and before not in _SPACED_UNITS[:4]:
            return BAD_SEPARATOR
    return text.replace(",", "").replace(" ", "")


def _decimal(text: str) -> Decimal | Unreadable:
    """12.5 · 2.5万 · 零点一 · 一点五万 · 1.2亿: a whole part, a point, digits, then 万/亿/千/百."""
    head, _, tail = text.replace(POINT, ".").partition(".")
    match = re.fullmatch(rf"([\d{''.join(CN_DIGITS)}]+)([百千万亿萬億佰仟]*)", tail)
    if match is None:
        return NOT_A_NUMERAL
    whole = Decimal(0) if head == "" else _integer(head)
    if isinstance(whole, Unreadable):
        return whole
    if head and not head.isdigit() and any(ch in BIG_UNITS for ch in head):
        return NOT_A_NUMERAL  # 一万点五
    fraction = "".join(ch if ch.isdigit() else str(CN_DIGITS[ch]) for ch in match[1])
    value = whole + Decimal("0." + fraction)
    for ch in match[2]:
        value *= SMALL_UNITS.get(ch) or BIG_UNITS[ch]
    return value


def _integer(text: str) -> Decimal | Unreadable:
    if text.isdigit():
        return Decimal(text) if text.isascii() else NOT_A_NUMERAL
    tokens = _TOKEN.findall(text)
    if "".join(tokens) != text:
        return NOT_A_NUMERAL
    if all(ch in CN_DIGITS for ch in text):
        if len(text) == 1:
            return Decimal(CN_DIGITS[text])
        if len(text) >= 3 or any(CN_DIGITS[ch] == 0 for ch in text):
            return Decimal("".join(str(CN_DIGITS[ch]) for ch in text))  # 二〇二四
        return _several(text)  # 三四: "three or four"
    value = _sections(tokens)
    return _several(text) if value is None and _adjacent_digits(tokens) else \
        (NOT_A_NUMERAL if value is None else Decimal(value))


def _adjacent_digits(tokens: list[str]) -> bool:
    """三四十, 二三百: two digits side by side mean "three or four", not a figure."""
    return any(a in CN_DIGITS and b in CN_DIGITS and CN_DIGITS[a] and CN_DIGITS[b]
               for a, b in zip(tokens, tokens[1:], strict=False))


def _sections(tokens: list[str]) -> int | None:
    """一万二千五百 = 12500, 3千5百 = 3500, 1万2 = 12000, 1万2000 = 12000, 一百零五 = 105.

    Digits (Chinese or Arabic) multiply the unit after them; a trailing digit takes the
    place below the last unit (一千二 = 1200). Anything else is refused, not guessed.
    """
    total = below_yi = section = 0  # 亿 groups, the 万 group, and below 万
    pending: str | None = None  # a digit token not yet multiplied
    last_unit: int | None = None
    small_limit = 10_000  # small units fall within a section: 一百二十, not 二十百
    zero = False
    for token in tokens:
        if token in CN_DIGITS and CN_DIGITS[token] == 0:
            if pending is not None:
                return None
            zero = True
            continue
        if token[0].isdigit() or token in CN_DIGITS:
            if pending is not None:
                return None
            pending = token
            continue
        if token in SMALL_UNITS:
            unit = SMALL_UNITS[token]
            if unit >= small_limit:
                return None
            if pending is None:
                if unit != 10 or section or below_yi or total:
                    return None  # 十 = 10 but 一百十, 百 alone: not numbers
                digit = 1
            else:
                digit = _digit(pending)
                if digit is None or digit == 0:
                    return None  # 12百
            section += digit * unit
            pending, last_unit, small_limit, zero = None, unit, unit, False
            continue
        big = BIG_UNITS[token]
        if pending is not None:
            number = _digit(pending) if not pending[0].isdigit() else int(pending)
            if number is None or (section and (pending[0].isdigit() and len(pending) > 1)):
                return None  # 3千25万
            section += number
        if big == 10_000:
            if section == 0 or below_yi:
                return None
            below_yi = section * big
        else:
            if section == 0 and below_yi == 0:
                return None
            total = (total + below_yi + section) * big
            below_yi = 0
        section, pending, last_unit, small_limit, zero = 0, None, big, 10_000, False
    if pending is not None:
        trailing = _trailing(pending, last_unit, zero)
        if trailing is None:
            return None
        section += trailing
    return total + below_yi + section


def _digit(token: str) -> int | None:
    if token in CN_DIGITS:
        return CN_DIGITS[token]
    return int(token) if len(token) == 1 else None


def _trailing(token: str, last_unit: int | None, zero: bool) -> int | None:
    """The digits after the last unit: 一千二 → 200, 1万2 → 2000, 1万2000 → 2000, 一百零五 → 5."""
    value = _digit(token) if token in CN_DIGITS else int(token)
    if value is None:
        return None
    if last_unit is None:
        return value
    if zero:
        return value if value * 10 < last_unit else None
    if len(token) == 1:
        return value * last_unit // 10
    if len(token) == len(str(last_unit)) - 1 and value < last_unit:
        return value  # 1万2000, 3千500
    return None  # 1万20: 10020 or 12000? ask


def chinese_numeral(text: str) -> int | None:
    """A whole number in Chinese numerals (十五, 一万二千, 二〇二四), or None."""
    if not text or len(text) > 40 or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    value = _integer(_spelled_tens(text))
    return None if isinstance(value, Unreadable) else int(value)
