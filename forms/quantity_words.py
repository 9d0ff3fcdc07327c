"""The words around a figure: units (场, 人次, 元), what the words say of the figure (约, 余,
以上), what is counted (线上观看), and figures hiding in them: 三场 in 三场讲座和12场义诊 is a
second number, never words to skip.
"""

from __future__ import annotations

import re

from forms.messages import msg
from forms.numerals import BIG_UNITS, CN_DIGITS, CN_NUMERAL_CHARS, SMALL_UNITS, Unreadable

APPROX = "approx"
AT_LEAST = "at_least"

COUNT_UNITS = ("人次", "场次", "场", "人", "名", "位", "张", "份", "家", "条", "个", "次", "册", "篇",
               "件", "届", "期", "所", "支", "项", "本", "幅", "块", "处", "户", "例", "台", "套",
               "部", "集", "批", "组", "队", "间", "座", "课时", "小时", "天", "个次", "人日")
MONEY_UNITS = ("亿元", "万元", "千元", "元")  # as a template may declare a money field's unit
UNIT_SPELLINGS = {"圆": "元", "人/次": "人次", "人·次": "人次", "场/次": "场次"}
UNIT_WORDS = sorted([*COUNT_UNITS, "元", *UNIT_SPELLINGS], key=len, reverse=True)

# Words before the figure; longest first wins, so 超过 beats 超 and 合计 beats 计.
PREFIX_QUALIFIERS = {
    "大约": APPROX, "大概": APPROX, "大致": APPROX, "约计": APPROX, "约合": APPROX,
    "估计": APPROX, "差不多": APPROX, "将近": APPROX, "接近": APPROX, "约": APPROX, "近": APPROX,
    "~": APPROX, "不到": APPROX, "不足": APPROX, "不超过": APPROX, "少于": APPROX, "小于": APPROX,
    "<": APPROX, "≤": APPROX, "<=": APPROX,
    "超过": AT_LEAST, "多于": AT_LEAST, "大于": AT_LEAST, "多达": AT_LEAST, "高达": AT_LEAST,
    "至少": AT_LEAST, "不少于": AT_LEAST, "不低于": AT_LEAST, "超": AT_LEAST, "逾": AT_LEAST,
    "过": AT_LEAST, ">": AT_LEAST, "≥": AT_LEAST, ">=": AT_LEAST,
}
_NEUTRAL_PREFIXES = ("共计", "合计", "累计", "总计", "总共", "一共", "共有", "达到", "共", "达",
                     "为", "有", "人民币", "¥", "RMB", "rmb")
_LEAD_WORDS = sorted([*PREFIX_QUALIFIERS, *_NEUTRAL_PREFIXES], key=len, reverse=True)
# Right after the figure, before its unit: 3200+人次, 5000多人, 100来人, 千把人.
MID_QUALIFIERS = {"余": AT_LEAST, "多": AT_LEAST, "+": AT_LEAST, "来": APPROX, "把": APPROX}
# After the unit (or the figure); longest first.
SUFFIX_QUALIFIERS = {"左右": APPROX, "上下": APPROX, "以内": APPROX, "以下": APPROX,
                     "以上": AT_LEAST, "之多": AT_LEAST, "有余": AT_LEAST, "开外": AT_LEAST,
                     "出头": AT_LEAST, "挂零": AT_LEAST, "余": AT_LEAST, "多": AT_LEAST,
                     "+": AT_LEAST}

# Traditional characters as typed on a 繁体 system (12場, 約3萬人): read as simplified.
# (參, 貳, 陸 are 大写 numerals, read as they are.)
_TRADITIONAL = str.maketrans("場個張條冊屆項塊處戶臺組隊間課時約餘來數幾萬億圓總計達過將於線與觀講診門",
                             "场个张条册届项块处户台组队间课时约余来数几万亿圆总计达过将于线与观讲诊门")

TIME_WORDS = "年月日号时分秒岁倍周"
_TIME_AFTER = (*TIME_WORDS, "季度", "星期", "礼拜", "点钟")
_MULTIPLIERS = "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_BARE = "百佰千仟万萬亿億"  # alone, not a number (十 is ten)
_NUMERAL_RUN = re.compile(rf"[{CN_NUMERAL_CHARS}]+(?:点[{''.join(CN_DIGITS)}]+)?")
# Words with a numeral in them that count nothing: 一次性 (一 before the unit 次), 十四五.
_NUMERAL_WORDS = ("一次性", "一对一", "一条龙", "一站式", "一体化", "一线", "一批次", "七台河", "五台山",
                  "十二五", "十三五", "十四五", "十五五", "十八大", "十九大", "二十大", "百千万",
                  "三减三健", "两癌", "三甲", "二甲", "十佳", "四川", "三八", "五一期间", "十一期间",
                  "五一假期", "十一假期", "五四青年")
_NUMERAL_WORDS_RE = re.compile("|".join(_NUMERAL_WORDS))
# After a lone numeral (三, 两, 十), what makes it a figure rather than part of a word
# (四川, 三甲): 线下两线上3场, 讲座三和义诊12场.
_FIGURE_JOINERS = ("线上", "线下", "和", "及", "与", "加", "另", "又", "共", "合计", "其中", "以及",
                   "还有")
SEVERAL = Unreadable("several_numbers", msg("只能填写一个数字"),
                     msg("如为范围或分项，请填写合计数；分项可写在括号里，如“12场（其中线上3场）”"))


def simplified(text: str) -> str:
    """Traditional characters of units, numerals and qualifiers as simplified (12場 → 12场)."""
    return text.translate(_TRADITIONAL)


def peel_lead(lead: str) -> tuple[str, str | None]:
    """The words before a figure, without 约/共计/超过… (and the qualifier those said)."""
    qualifier = None
    lead = lead.rstrip(" :：")
    peeled = True
    while peeled and lead:
        peeled = False
        for word in _LEAD_WORDS:
            if lead.endswith(word):
                qualifier = qualifier or PREFIX_QUALIFIERS.get(word)
                lead = lead[: -len(word)].rstrip(" :：")
                peeled = True
                break
    return lead, qualifier


_INNER = re.compile(r"(?<=[\d十拾百佰千仟])\s*([余多来])\s*(?=[万萬亿億])")


def inner_qualifier(head: str) -> tuple[str, str | None]:
    """余/多/来 between a figure and its 万/亿: 20余万人 → (20万人, at least), 十多万 → 十万."""
    found = _INNER.search(head)
    if found is None:
        return head, None
    return head[: found.start()] + head[found.end():], MID_QUALIFIERS[found[1]]


def starts_with_unit(text: str) -> str | None:
    return next((u for u in UNIT_WORDS if text.startswith(u)), None)


def figure_position(text: str, start: int, end: int) -> bool:
    """Whether the numeral at text[start:end] stands as a figure: before a unit, a qualifier
    (余, 多, 以上), the end of the text or a mark, not inside a word (四川, 三甲, 一线)."""
    after = text[end:].lstrip(" ")
    while after[:1] in MID_QUALIFIERS and after[:1]:
        after = after[1:].lstrip(" ")
    if not after or not _is_letter(after[0]) or starts_with_unit(after):
        return True
    if after.startswith(tuple(SUFFIX_QUALIFIERS)):
        return True
    run = text[start:end]
    return len(run) > 1 and any(ch in _MULTIPLIERS for ch in run)  # 医生三十护士20人


def other_figure(words: str) -> Unreadable | None:
    """A figure in Chinese numerals among the words beside the figure (三场 in 三场讲座和,
    十 in 12场十, 十二月份 in 十二月份12场), or None when the words hold none."""
    if not words or not any(ch in CN_NUMERAL_CHARS for ch in words):
        return None
    masked = _NUMERAL_WORDS_RE.sub(lambda m: "口" * len(m[0]), words)
    for run in _NUMERAL_RUN.finditer(masked):
        after = masked[run.end():].lstrip(" ")
        if after.startswith(_TIME_AFTER):
            return unclear(words)  # 三月12场, 十二月份12场: a date, not what is counted
        if all(ch in _BARE for ch in run[0]):  # 万人健步走, 百场讲座: not a figure
            qualified = after[:1] in MID_QUALIFIERS or peel_lead(masked[: run.start()])[1]
            if qualified:
                return SEVERAL  # 近万人, 万余次
            if not after or not _is_letter(after[0]):
                return unclear(words)  # 12场万: a 万 that belongs to no figure
            continue
        if figure_position(masked, run.start(), run.end()) or after.startswith(_FIGURE_JOINERS):
            return SEVERAL
    return None


def unclear(words: str) -> Unreadable:
    return Unreadable("unclear_text", msg("无法理解“{words}”，请只填写数字和单位", words=words[:20]),
                      msg("说明可写在数字后的括号里，如“12场（其中线上3场）”"))


def _is_letter(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch.isalpha()


# Words that change what the figure means (未, 每, 计划, 其中 …); 无 and 非 only where they
# negate, not in names of what is counted (无烟日, 无偿献血, 无创筛查, 非遗, 非公医疗机构).
UNCLEAR_WORDS = re.compile(r"[未不没减降增比每均第或至到]|同期|去年|上年|计划|预计|目标|其中"
                           r"|无(?!烟|偿|障碍|创|痛|菌|公害|糖)|(?<!是)非(?!遗|公|营利|典型|物质)")


def related(words: str, label: str) -> bool:
    """Whether words name a field: 讲座 in 科普讲座; 线上直播 and 线上观看 share 线上."""
    return words in label or label in words or any(
        words[i: i + 2] in label for i in range(len(words) - 1))


def plain_words(text: str) -> bool:
    """Words that only name what is counted (线上观看, 讲座): Chinese letters, nothing that
    changes the figure's meaning (未, 每, 计划, 其中 …)."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff·]{1,20}", text)) and not UNCLEAR_WORDS.search(text)



_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z·]{1,30}")


def words_problem(lead: tuple[str, str], suffix: tuple[str, str], unit: str | None,
                  post: str | None) -> Unreadable | None:
    """Why the words before and after a figure are not understood; each given twice: without
    its dates (what is read) and as written (what the message shows)."""
    for words, said in (lead, suffix):
        second = other_figure(words)  # 三场讲座和12场义诊, 3万元五千元
        if second:
            return unclear(said) if second.code == "unclear_text" else second
    words, said = suffix
    if words and unit is None:
        return Unreadable("unknown_unit", msg("无法识别单位“{unit}”", unit=said[:20]), None)
    if words and (post or words[0] in TIME_WORDS):
        return unclear(said)  # 12场左右吧, 12个月
    for words, said in (lead, suffix):
        if words and not _WORDS.fullmatch(words):
            return unclear(said)
    return None
