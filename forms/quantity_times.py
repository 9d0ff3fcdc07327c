"""Dates, spans of time and ordinals beside a figure: 2024年, 4月15日至21日, 一周内, 为期一周,
第30届. They are words, not a second figure: 2024年新发展会员120人 is 120人. A bare one touching
the figure (4月12场: the 12th of April?) is not understood.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from forms.numerals import CN_NUMERAL_CHARS

MASK = "\x00"  # stands in for a date's characters while the figure is looked for
_WHOLE = r"(?<![\d.])"  # a number of digits starts here, not inside another
_CN_WHOLE = rf"(?<![{CN_NUMERAL_CHARS}])"
_DASH = r"\s*(?:至|到|~|-|—+|–)\s*"
_YEAR = rf"(?:{_WHOLE}(?:(?:19|20)\d\d{_DASH})?(?:19|20)\d\d|{_CN_WHOLE}[〇零一二三四五六七八九]{{4}})\s*年"
_MONTH_NUMBER = rf"(?:{_WHOLE}(?:1[0-2]|0?[1-9])|{_CN_WHOLE}(?:十[一二]?|[一二三四五六七八九]))"
_MONTH = rf"(?:{_MONTH_NUMBER}{_DASH})?{_MONTH_NUMBER}\s*月"  # 4月, 1-4月, 一至四月
_DAY_NUMBER = (rf"(?:{_WHOLE}(?:3[01]|[12]\d|0?[1-9])"
               rf"|{_CN_WHOLE}(?:三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九]))")
_DAY = rf"(?:{_DAY_NUMBER}{_DASH})?{_DAY_NUMBER}\s*[日号]"  # 15日, 15-21日
_DATE = rf"(?:{_YEAR}(?:\s*{_MONTH}(?:份|\s*{_DAY})?)?|{_MONTH}(?:份|\s*{_DAY})?|{_DAY})"
_SPAN = (rf"(?:{_WHOLE}\d+(?:\.\d+)?|{_CN_WHOLE}[〇零一二两三四五六七八九十百千]+|半)\s*"
         r"(?:个[多半]?月|[多半]?个?[多半]?(?:天|日|周|星期|礼拜|年|小时|钟头|工作日))")
_ORDINAL = (rf"第\s*(?:{_WHOLE}\d+|[〇零一二三四五六七八九十百千]+)\s*"
            r"(?:届|期|次|批|轮|季度|阶段|个|周|天|年)")
# A date said as one (截至…底, 为期…, …内) or an ordinal is not read into the figure beside it;
# a bare one may be (4月12场: the 12th of April?), so it is understood only apart from the figure.
_OPENERS = "截至到|截止到|截至|截止|自从|自|从|至|到|为期|历时|持续|连续|用时|耗时|最近|过去|近"
_CLOSERS = ("上旬|中旬|下旬|之内|以内|之前|之后|以前|以后|以来|期间|当中|至今|底|初|末|内|里|来|前|后"
            "|起|间|度")
_TIME_PHRASE = re.compile(rf"(?:(?P<open>{_OPENERS})\s*)?(?:(?P<ordinal>{_ORDINAL})"
                          rf"|(?P<dates>{_DATE}(?:{_DASH}{_DATE})?)|(?P<span>{_SPAN}))(?P<close>{_CLOSERS})?")
# Units a field may count time in: beside such a figure (or one without a unit), a length of
# time may be a second figure of the field (讲座2小时义诊3小时).
TIME_UNITS = ("天", "小时", "课时")


class TimePhrase(NamedTuple):
    start: int
    end: int
    bare: bool  # 三月, 两周: nothing says it is a date, so beside a figure it may be read into it
    span: bool  # 3天, 两周, 15日: a length of time


def time_phrases(text: str) -> list[TimePhrase]:
    """Where the dates, spans and ordinals in a text are (2024年, 4月15日至21日, 一周内, 第30届)."""
    if MASK in text:
        return []
    return [TimePhrase(m.start(), m.end(), not (m["open"] or m["close"] or m["ordinal"]),
                       bool(m["span"] or (m["dates"] and "月" not in m["dates"] and "年" not in m["dates"])))
            for m in _TIME_PHRASE.finditer(text)]


def mask_times(text: str, phrases: list[TimePhrase]) -> str:
    for phrase in phrases:
        text = text[: phrase.start] + MASK * (phrase.end - phrase.start) + text[phrase.end:]
    return text


def bare_beside(phrases: list[TimePhrase], position: int, before: bool) -> bool:
    """Whether a bare date or span ends (``before``) or starts at ``position``."""
    return any(p.bare and (p.end if before else p.start) == position for p in phrases)
