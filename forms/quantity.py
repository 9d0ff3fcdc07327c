"""Chinese quantities as people write them: ``38万份``, ``约130万元``, ``线上观看约80000人次``.

The whole text is read or the text is refused: a part not understood gives a reason
(``Unreadable``), never a number the person did not write.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal

from forms.messages import Msg, msg
from forms.numerals import (
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    Unreadable,
    chinese_numeral,
    read_number,
)
from forms.quantity_times import (
    MASK,
    TIME_UNITS,
    TimePhrase,
    bare_beside,
    mask_times,
    time_phrases,
)
from forms.quantity_words import (
    APPROX,
    AT_LEAST,
    MID_QUALIFIERS,
    SEVERAL,
    SUFFIX_QUALIFIERS,
    UNIT_SPELLINGS,
    UNIT_WORDS,
    figure_position,
    inner_qualifier,
    peel_lead,
    simplified,
    unclear,
    words_problem,
)
from forms.quantity_words import COUNT_UNITS as COUNT_UNITS
from forms.quantity_words import MONEY_UNITS as MONEY_UNITS
from forms.quantity_words import UNCLEAR_WORDS as UNCLEAR_WORDS
from forms.quantity_words import plain_words as plain_words
from forms.quantity_words import related as related

QUALIFIER_LABELS = {APPROX: "约", AT_LEAST: "至少"}
QUALIFIER_SYMBOLS = {APPROX: "≈", AT_LEAST: "≥"}

# Units that measure the same thing, so a swap is a warning rather than an error.
UNIT_FAMILIES = ({"人", "人次", "名", "位", "个次", "人日"}, {"场", "场次", "次"},
                 {"份", "册", "本", "张"})

# Written where a count or amount is none: stored as 0, read "= 0（无）".
NONE_MARKS = frozenset({"无", "暂无", "没有", "无此项", "未开展", "未举办", "/", "//", "\\", "-",
                        "--", "---", "—", "——", "–", "−", "一一", "0", "零", "〇", "空",
                        "暂无数据", "无数据", "没有数据", "数据暂无", "暂无此项"})
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u180b-\u180e\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\ufe00-\ufe0f\ufeff]")
_CLOSERS = {")": "(", "）": "（", "】": "【", "]": "[", "〕": "〔", "}": "{", "》": "《"}
_OPENERS = set(_CLOSERS.values())
_TRAILING = " 。.;；,，!！、\n\t"
_NOTE_LEAD = re.compile(r"[,;；、]\s*(?=(?:其中|含|包括|包含|内含)[^\d]*\d)")
_SUBSET_WORDS = ("其中", "含", "包括", "包含", "内含")
TOTAL_WORDS = ("共计", "合计", "总计", "总共", "一共", "累计", "共", "总数", "总人数")  # a total
_DIGITS = "0123456789"
_NUMBER_CHARS = set(_DIGITS + CN_NUMERAL_CHARS + "点., ")
_BARE_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "萬": 10_000, "亿": 100_000_000}

# Amounts that need a figure: 数百人, 几十人, 上百场, 十几人, 若干, 多场, 很多.
_VAGUE = re.compile(
    r"(?<![人次总件场户份个家名位篇条册本项])数(?:以|[十百千万亿人场次家个份名位篇条所期项批])"
    r"|几|(?<!线)上[百千万亿]|成[百千万]|[好许很诸众]多|若干|大量|不少(?![于过])|一些|无数|大批|部分"
    rf"|(?<![{_DIGITS}{CN_NUMERAL_CHARS}+])多(?=[人场次家个份名位篇条所期项批届件])"
)
# Letters that stand in for digits: l2场, O份, I00人 (never read as another number).
_LOOKALIKE = re.compile(r"(?<![A-Za-z])[\d.,lIOo]*[lIOo][\d.,lIOo]*(?![A-Za-z])")
_LOOKALIKE_DIGITS = str.maketrans("lIOo", "1100")
_LATIN_WAN = re.compile(r"(?<=\d)[wW](?![A-Za-z])")  # 10W+
_LATIN_THOUSAND = re.compile(r"(\d+(?:\.\d+)?)\s*[kK](?![A-Za-z])")  # 5k, 12K


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number read from text, with its unit and qualifier.

    >>> parse_quantity("约130万元")
    Quantity(value=Decimal('1300000'), unit='元', qualifier='approx', prefix='', scaled=True, note='', none=False, suffix='')
    """

    value: Decimal
    unit: str | None
    qualifier: str | None
    prefix: str = ""  # words before the figure, without dates: 线上观看
    scaled: bool = False  # written with 万/亿/千/百
    note: str = ""  # a note in brackets after the figure: 其中线上3场
    none: bool = False  # written as 无, /, —— …
    suffix: str = ""  # words after the unit: 12场讲座

    @property
    def is_integral(self) -> bool:
        return self.value == self.value.to_integral_value()


def strip_invisible(text: str) -> str:
    """Zero-width spaces, joiners, soft hyphens, direction marks and the BOM, removed."""
    return _INVISIBLE.sub("", text)


def normalise_digits(text: str) -> str:
    """Full-width digits and punctuation to ASCII; drop invisible characters and the spaces or
    separators inside numbers."""
    text = unicodedata.normalize("NFKC", strip_invisible(text))
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
    return chinese_numeral(text)


def parse_quantity(text: str) -> Quantity | None:
    """One quantity with nothing after its unit, or None (see ``read_quantity`` for why)."""
    result = read_quantity(text)
    return result if isinstance(result, Quantity) and not result.suffix else None


def read_quantity(text: str, *, fractional: bool = False) -> Quantity | Unreadable:
    """One quantity from a cell's text, or why there is none.

    ``fractional``: the field measures fractions (人均 2.500 次), so a point followed by three
    digits is a decimal point; elsewhere 12.000 may be twelve thousand and is asked about.

    >>> read_quantity("12场（其中线上3场）").note
    '其中线上3场'
    >>> read_quantity("数百人").code
    'vague_amount'
    """
    if not text or len(text) > 200:
        return _NOT_A_NUMBER
    plain = unicodedata.normalize("NFKC", strip_invisible(text)).strip().rstrip(_TRAILING)
    plain = _latin_multipliers(plain)  # 10W+, 5k, 12K
    head, note = split_note(plain)
    head = simplified(head)
    if head.replace(" ", "") in NONE_MARKS or head.lower() in ("n/a", "na", "none"):
        return Quantity(Decimal(0), None, None, note=note, none=True)
    vague = _VAGUE.search(head)
    if vague:
        return Unreadable("vague_amount", msg("“{words}”不是具体数字", words=_around(head, vague)),
                          msg("请填写具体数字，如“约300人”"))
    for match in _LOOKALIKE.finditer(head):
        run = match[0]
        if run.strip(_DIGITS) and (any(c in _DIGITS for c in run) or _before_unit(head, match.end())):
            letter = next(c for c in run if c not in _DIGITS)
            return Unreadable("lookalike_letter",
                              msg("“{run}”中的“{letter}”是字母，不是数字", run=run, letter=letter),
                              msg("是否应为“{digits}”？请改用数字",
                                  digits=run.translate(_LOOKALIKE_DIGITS)))
    quantity = _read(head, fractional)
    if isinstance(quantity, Quantity) and note:
        if quantity.unit is None and simplified(note) in UNIT_WORDS:
            return replace(quantity, unit=_unit(simplified(note)))  # 12000（份）
        return replace(quantity, note=note)
    return quantity


_NOT_A_NUMBER = Unreadable("not_a_number", msg("应填写一个数量，而不是一段文字"))
_THOUSANDS_OF_YUAN = re.compile(r"[\d,.]+千元")
_POINT_GROUPS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")  # 12.000, 1.000.000


def point_groups(number: str) -> Unreadable:
    """12.000: twelve thousand with a period between the groups, or twelve? Asked, not guessed."""
    whole = number.replace(".", "")
    suggestion = msg("“.”是小数点；千位分隔符请用逗号或不写，如“{plain}”或“{grouped}”",
                     plain=whole, grouped=f"{int(whole):,}")
    if number.count(".") != 1:
        return Unreadable("ambiguous_point", msg("“{number}”是否为{whole}？", number=number,
                                                 whole=whole), suggestion)
    decimal = format(Decimal(number).normalize(), "f")
    return Unreadable("ambiguous_point", msg("“{number}”是{whole}还是{decimal}？", number=number,
                                             whole=whole, decimal=decimal), suggestion)


def _latin_multipliers(text: str) -> str:
    """10W+ → 10万+, 1.5k → 1.5千, 12K → 12000 (12千 is not written)."""
    text = _LATIN_WAN.sub("万", text)
    return _LATIN_THOUSAND.sub(lambda m: format(Decimal(m[1]) * 1000, "f"), text)


def _around(text: str, match: re.Match[str]) -> str:
    return text[max(0, match.start() - 2): match.end() + 2].strip()


def _before_unit(text: str, end: int) -> bool:
    after = text[end:].lstrip()
    return after[:1] in "万千百亿" or any(after.startswith(u) for u in UNIT_WORDS)


def split_note(text: str) -> tuple[str, str]:
    """The figure's text and the notes after it: in brackets, or after "，其中".

    >>> split_note("12000份（折页8000份、手册4000份）")
    ('12000份', '折页8000份、手册4000份')
    """
    notes: list[str] = []
    head = text
    while head and head[-1] in _CLOSERS:
        depth, index = 0, len(head) - 1
        while index >= 0:
            if head[index] in _CLOSERS:
                depth += 1
            elif head[index] in _OPENERS:
                depth -= 1
                if depth == 0:
                    break
            index -= 1
        if index <= 0:
            break
        notes.insert(0, head[index + 1: -1].strip())
        head = head[:index].rstrip(_TRAILING)
    if not notes:
        lead = _NOTE_LEAD.search(head)
        if lead and lead.start() > 0:
            notes, head = [head[lead.end():].strip()], head[: lead.start()].rstrip()
    return head, "；".join(n for n in notes if n)


def _read(head: str, fractional: bool) -> Quantity | Unreadable:
    cents, head = _cents(head)
    head, inner = inner_qualifier(head)  # 20余万人
    shown = head  # as written, for messages; head has its dates masked
    head, phrases, end = _masked(shown)
    if end == 0:
        return _NOT_A_NUMBER
    start = end
    while start and head[start - 1] in _NUMBER_CHARS:
        start -= 1
    while head[start] in "点, " or (head[start] == "." and head[start + 1] not in _DIGITS):
        after_words = head[start] == "," and start and (
            not head[start - 1].isascii() or head[start - 1] == MASK)
        if head[start] != " " and not after_words:  # 有，2人: a comma after words is fine
            return _NOT_A_NUMBER  # 点五, .,5
        start += 1
    number, lead, rest = head[start:end], head[:start].rstrip(", "), head[end:]
    if bare_beside(phrases, len(head[:start].rstrip()), before=True):
        return unclear(shown[:start].strip())  # 三月12场, 两周12场
    lead, lead_qualifier = peel_lead(lead)
    said_lead, lead = shown[: len(lead)].strip(" :："), lead.replace(MASK, "").strip(" :：")
    if any(c in _DIGITS for c in lead):
        return SEVERAL
    if lead.endswith(("-", "−", "负", "减")):
        return Unreadable("negative", msg("不能为负数"))
    rest = rest.lstrip()
    mid = MID_QUALIFIERS.get(rest[:1])
    if mid and (rest[0] != "把" or number[-1] in "百千万"):  # 千把人, but not 12把
        rest = rest[1:].lstrip()
    else:
        mid = None
    if not fractional and _POINT_GROUPS.fullmatch(number):
        return point_groups(number)
    read = read_number(number)
    if isinstance(read, Unreadable) and _THOUSANDS_OF_YUAN.fullmatch(number + rest[:1]):
        read = read_number(number[:-1])  # 1300千元: 千元 is the unit, as in a 财务 table
        read = read if isinstance(read, Unreadable) else (read[0] * 1000, True)
    if isinstance(read, Unreadable):
        bare = _BARE_UNITS.get(number)
        if bare is None or not (lead_qualifier or mid):
            return read
        read = (Decimal(bare), True)  # 近万人, 万余次, 千余人
    value, scaled = read
    unit = next((u for u in UNIT_WORDS if rest.startswith(u)), None)
    if unit:
        rest = rest[len(unit):].lstrip()
    if (unit is None or unit in TIME_UNITS) and any(p.span for p in phrases):
        return SEVERAL  # 讲座2小时义诊3小时: the span may be a second figure of the field
    post = next((q for q in SUFFIX_QUALIFIERS if rest.startswith(q)), None)
    if post:
        rest = rest[len(post):].lstrip()
    if unit in ("元", "圆") and rest[:1] in ("整", "正"):
        rest = rest[1:].lstrip()
    said_suffix = shown[len(head) - len(rest):].strip(" :：")
    if bare_beside(phrases, len(head) - len(rest.lstrip(" :：")), before=False):
        return unclear(said_suffix)  # 12场三月
    suffix = rest.replace(MASK, "").strip(" :：")
    problem = words_problem((lead, said_lead), (suffix, said_suffix), unit, post)
    if problem:
        return problem
    qualifier = lead_qualifier or inner or mid or SUFFIX_QUALIFIERS.get(post or "")
    if cents:
        if unit not in ("元", "圆"):
            return _NOT_A_NUMBER
        value += cents
    value = value.normalize() if value % 1 else value.quantize(Decimal(1))
    return Quantity(value, _unit(unit), qualifier, lead, scaled, suffix=suffix)


def _masked(head: str) -> tuple[str, list[TimePhrase], int]:
    """The text with its dates, spans and ordinals masked (2024年, 一周内, 第30届: words, not
    the figure), those phrases, and where the figure ends (0: none)."""
    phrases = time_phrases(head)
    masked = mask_times(head, phrases)
    end = _number_end(masked)
    if end == 0 and phrases:  # the figure is itself a span (7天 in a field of 天)
        end = _number_end(head)
        phrases = [p for p in phrases if not p.start < end <= p.end]
        masked = mask_times(head, phrases)
    return masked, phrases, end


_AFTER_DIGITS = re.compile(rf"(?: *[{CN_NUMERAL_CHARS}]|点(?=[{CN_NUMERAL_CHARS}]))*")
_NUMERAL_RUN = re.compile(rf"[{CN_NUMERAL_CHARS}]+(?:点[{CN_NUMERAL_CHARS}]+)?")


def _number_end(head: str) -> int:
    """Where the figure ends: after the last Arabic digit and any 万/千 after it, else after
    the last Chinese numeral that stands as a figure (not 四 in 健康四川)."""
    last_digit = max(head.rfind(d) for d in _DIGITS)
    if last_digit < 0:
        runs = list(_NUMERAL_RUN.finditer(head))
        figures = [r for r in runs if figure_position(head, r.start(), r.end())]
        return (figures or runs)[-1].end() if runs else 0
    return _AFTER_DIGITS.match(head, last_digit + 1).end()  # type: ignore[union-attr]


def _unit(unit: str | None) -> str | None:
    return UNIT_SPELLINGS.get(unit or "", unit)


_CENTS = re.compile(rf"(?<=[元圆])(?:([{''.join(CN_DIGITS)}\d])角)?(?:([{''.join(CN_DIGITS)}\d])分)?[整正]?$")


def _cents(head: str) -> tuple[Decimal, str]:
    """壹佰元伍角 → (0.5, 壹佰元): 角 and 分 after 元 in 大写 amounts."""
    match = _CENTS.search(head)
    if match is None or not (match[1] or match[2]):
        return Decimal(0), head
    value = Decimal(0)
    for digit, place in ((match[1], Decimal("0.1")), (match[2], Decimal("0.01"))):
        if digit:
            value += (int(digit) if digit in _DIGITS else CN_DIGITS[digit]) * place
    return value, head[: match.start()]


def note_parts(note: str) -> tuple[bool, list[Quantity]] | None:
    """A note's figures, and whether they are a subset (其中…) rather than a breakdown.

    None when any piece is not a plain figure (the note is then kept as text only).
    """
    subset = note.startswith(_SUBSET_WORDS)
    pieces = [p for p in re.split(r"[、;；]|,(?!\d{3}(?:\D|$))|(?<=[^\d])[和及](?=[^\d])", note)
              if p.strip() and not p.strip().startswith(TOTAL_WORDS)]  # （共4060人次）: a total
    parts = []
    for piece in pieces:
        quantity = read_quantity(piece)
        if not isinstance(quantity, Quantity) or quantity.qualifier or quantity.note:
            return None
        parts.append(quantity)
    return (subset or len(parts) == 1, parts) if parts else None


_CAPITALS = re.compile(r"(?:大写[:：]?\s*)?(?:人民币)?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆整正角分]+")


def breakdown_problem(quantity: Quantity, unit: str | None) -> Msg | None:
    """Why the figures in a note do not agree with the total (None when they do or can't tell)."""
    if not quantity.note or quantity.qualifier:
        return None
    found = note_parts(quantity.note)
    if found is None:
        return None
    subset, parts = found
    if len(parts) == 1 and _CAPITALS.fullmatch(quantity.note.strip()):  # 1300000元（壹佰叁拾万元整）
        if parts[0].value != quantity.value:
            return msg("括号内的大写金额（{capitals}）与{figure}不一致",
                       capitals=format_number(parts[0].value), figure=format_number(quantity.value))
        return None
    if any(p.unit and unit and p.unit != unit and not same_family(p.unit, unit) for p in parts):
        return None  # 12场（线上300人）: the note counts something else
    total = sum((p.value for p in parts), Decimal(0))
    shown = f"{format_number(total)}{unit or ''}"
    whole = f"{format_number(quantity.value)}{unit or ''}"
    if subset and total > quantity.value:
        return msg("括号内的分项合计{parts}，多于总数{whole}", parts=shown, whole=whole)
    if not subset and total != quantity.value:
        return msg("括号内的分项合计{parts}，与总数{whole}不一致", parts=shown, whole=whole)
    return None


def same_family(unit_a: str, unit_b: str) -> bool:
    """Units that count the same kind of thing; 个 counts anything (a warning, not an error)."""
    if "个" in (unit_a, unit_b) and "元" not in (unit_a, unit_b):
        return True
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
