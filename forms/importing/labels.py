"""Printed labels: tolerant comparison keys, and a field type guessed from the words.

Real labels vary: full- and half-width brackets, spaces inside words, numbering (一、 1.),
colons, and notes in brackets such as （文字1000字、照片请单独发送） or （盖章）.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from forms.quantity import COUNT_UNITS, MONEY_UNITS, parse_chinese_numeral
from forms.registry import TYPES

_BLANKS = re.compile(r"[\s\u3000\u00a0_＿]+")
_NUMBERING = re.compile(r"^(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）、.．]|[①-⑳])\s*")
_BRACKETED = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
_EDGES = "：:*＊※ .。;；,，"


def width(text: str) -> str:
    """Full-width letters, digits and brackets as half-width, then one kind of each bracket."""
    text = unicodedata.normalize("NFKC", text)
    return text.replace("[", "(").replace("]", ")").replace("【", "(").replace("】", ")")


def strict_key(label: str) -> str:
    """The label without blanks, numbering, edge colons and width differences."""
    text = _BLANKS.sub("", width(label))
    text = _NUMBERING.sub("", text)
    return text.strip(_EDGES)


def loose_key(label: str) -> str:
    """The strict key without any bracketed note: （文字1000字）, （盖章）, （份）."""
    text = width(label)
    previous = None
    while previous != text:
        previous, text = text, _BRACKETED.sub("", text)
    return strict_key(text.split(":")[0] if ":" in text.strip(_EDGES) else text)


_LABEL_CHARS = re.compile(r"^[^0-9，,。；;、！!？?《》“”\"']{2,30}$")
_HAS_CJK = re.compile("[\u3400-\u9fff]")


def reads_as_label(text: str) -> bool:
    """Whether a cell's text reads as a label (short words, no figures, no sentence), as
    发放宣传资料 does and 38万份, 县人民医院、县中医院 or a paragraph do not."""
    core = loose_key(text)
    return bool(_LABEL_CHARS.match(core)) and bool(_HAS_CJK.search(core))


def display_label(label: str) -> str:
    """A label as a template should print it: one line, notes about length and stamps removed,
    no invisible characters (zero-width, direction marks, control codes)."""
    text = "".join(c for c in label if unicodedata.category(c) not in ("Cc", "Cf") or c in "\n\t")
    text = " ".join(text.split())
    for pattern in (_LENGTH_NOTE, _STAMP_NOTE):
        text = pattern.sub("", text)
    return text.strip(" ：:")


# --- length limits: （不超过800字） （文字1000字） 限800字 800字以内 不少于500字 -----------------------
_CN = "〇零一二三四五六七八九十百千万"
_LENGTH = re.compile(rf"(?:(?P<least>不少于|不低于|至少)|不超过|不多于|限|文字|字数|约|控制在)?\s*"
                     rf"(?P<num>\d+|[{_CN}]+)\s*(?P<wan>万)?\s*字(?:以内|以下|左右|内)?")
_LENGTH_NOTE = re.compile(r"[(（][^()（）]*\d+\s*字[^()（）]*[)）]")
_STAMP_NOTE = re.compile(r"[(（]\s*(?:加?盖\s*(?:公\s*)?章|签\s*章|签字(?:盖章)?)\s*[)）]")


def length_limit(label: str) -> tuple[int | None, str]:
    """The most characters a label allows and the words that say so, or (None, "")."""
    for match in _LENGTH.finditer(width(label)):
        raw = match["num"]
        number = int(raw) if raw.isdigit() else parse_chinese_numeral(raw)
        if not number:
            continue
        if match["wan"]:
            number *= 10_000
        if match["least"]:
            return None, match[0]  # a minimum, not a limit
        return number, match[0]
    return None, ""


def has_stamp(label: str) -> bool:
    return "盖章" in _BLANKS.sub("", label) or "公章" in label


# --- type guessing -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Guess:
    type: str
    unit: str | None = None
    reason: str = ""  # the word in the label that decided it
    max_length: int | None = None
    accept_units: tuple[str, ...] = ()
    aggregate: str = ""  # "mean" for averages and rates: never added up in a merge
    scale_note: str = ""  # （万人）: a unit the field cannot keep; the label drops it, help says so


# --- units printed in brackets: （份） （万元） （万人次） （%） ---------------------------------------
_UNITS = "|".join(sorted((*COUNT_UNITS, "元"), key=len, reverse=True))
_LABEL_UNIT = re.compile(rf"[(（]\s*(?:单位\s*[:：]\s*)?(?P<scale>[万千百亿]?)\s*"
                         rf"(?P<unit>{_UNITS}|%)\s*[)）]")


@dataclass(frozen=True, slots=True)
class LabelUnit:
    scale: str  # 万, 千, 百, 亿 or ""
    unit: str  # 元, 份, 人次, %
    note: str = ""  # the brackets as printed

    @property
    def text(self) -> str:
        return self.scale + self.unit


def label_unit(label: str) -> LabelUnit | None:
    """The unit a label prints in brackets: 费用减免（万元） → 万元; None without one."""
    match = _LABEL_UNIT.search(width(label).replace("％", "%"))
    if match is None:
        return None
    return LabelUnit(match["scale"], match["unit"], match[0])


def without_unit_note(label: str) -> str:
    """The label without its bracketed unit: 宣传覆盖人群（万人） → 宣传覆盖人群."""
    return _LABEL_UNIT.sub("", width(label).replace("％", "%")).strip() \
        if label_unit(label) else label


_UNIT_IN_BRACKETS = re.compile(r"[(（]\s*(?:单位\s*[:：]\s*)?(?P<unit>[^()（）\s]{1,3})\s*[)）]")
_RANGE_WORDS = ("起止", "时间段", "期间")
_RANGE_LABEL = re.compile(r"(活动|开展|举办|实施|宣传|项目|持续).*(时间|日期)$")
_DATE_WORDS = ("填表日期", "填报日期", "报送日期", "日期", "时间")
_PHONE_WORDS = ("联系电话", "电话", "手机", "座机", "传真")
_LINK_WORDS = ("链接", "网址", "网页地址", "URL", "url")
_MONEY_WORDS = ("经费", "金额", "费用", "资金", "投入", "款")
_LONG_WORDS = ("总结", "情况", "内容", "简介", "简述", "描述", "做法", "经验", "成效", "亮点", "形式",
               "说明", "建议", "备注")
_EVENT_WORDS = ("讲座", "研讨会", "研讨", "义诊咨询", "义诊", "咨询", "展览", "展出", "问答", "培训班",
                "培训", "竞赛", "大赛", "比赛", "宣讲", "会议", "沙龙", "直播")
_PLACE_UNITS = ("医院", "机构", "组织", "媒体", "单位", "企业", "学校", "协会", "社区", "中心", "部门")
_TEXT_WORDS = ("填表人", "填报人", "联系人", "负责人", "经办人", "姓名", "名称", "单位", "地点", "地址",
               "住所", "主题")
_PEOPLE = ("人员", "专家", "志愿者", "医护", "会员", "人数", "人")


_AVERAGE_WORDS = ("平均", "人均", "均值", "场均", "日均", "户均")
_VIEWS = re.compile(r"(?:播放|阅读|观看|浏览|点击|访问|转发|点赞|收看|收听)总?(?:量|数|次数)")
_SCALED_MONEY = ("万元", "亿元")  # money fields may be measured in these (a bare figure scaled)


def guess_type(label: str) -> Guess:
    """The field type a printed label asks for, with the word that decided it.

    Averages and rates (平均, 人均, …率, （%）) are declared ``aggregate = "mean"``: a merge
    must never add them up.

    >>> guess_type("发放科普知识印刷品（份）").type, guess_type("知晓率（%）").unit
    ('count', '%')
    """
    guess = _guess(label[:200])
    core = loose_key(label[:200])
    average = _first(core, _AVERAGE_WORDS)
    if guess.type == "decimal" and guess.unit == "%":
        return replace(guess, aggregate="mean")
    if average and guess.type in ("count", "decimal", "money", "text"):
        kind = "decimal" if guess.type in ("count", "text") else guess.type  # 平均每场 52.5 人
        reason = guess.reason if guess.type != "text" else average
        return replace(guess, type=kind, aggregate="mean", reason=f"{average}、{reason}"
                       if reason and reason != average else average)
    return guess


def _guess(label: str) -> Guess:
    text = _BLANKS.sub("", width(label))
    core = loose_key(label)
    limit, limit_words = length_limit(label)
    long_word = _first(core, _LONG_WORDS)
    if limit and not limit_words.startswith(("不少于", "不低于", "至少")):
        return Guess("long_text", reason=limit_words, max_length=limit)
    if hit := _first(core, _RANGE_WORDS):
        return Guess("date_range", reason=hit)
    if match := _RANGE_LABEL.search(core):
        return Guess("date_range", reason=match[0])
    if hit := _first(core, ("届次", "第几届")):
        return Guess("edition", reason=hit)
    if core.endswith(("年度", "年份")) and "year" in TYPES:  # 年度, 评优年度; not 本年度新发展会员数
        return Guess("year", reason=core[-2:])
    if hit := _first(core, _PHONE_WORDS):
        return Guess("phone", reason=hit)
    if hit := _first(core, _LINK_WORDS):
        return Guess("link_list", reason=hit)
    if "是否" in core and not re.search(r"及(?:其)?(?:人数|数量|名称|情况)", core):
        return Guess("yes_no", reason="是否")
    found = label_unit(label)
    if found and found.unit == "%":
        return Guess("decimal", unit="%", reason=found.note)
    if found and found.scale and found.text not in _SCALED_MONEY:
        # （万人） （万份） （千元）: counted in 人 / 份 / 元, with the 万 written in the figure
        kind = "money" if found.unit == "元" else "count"
        accept = _other_money("元") if kind == "money" else _siblings(found.unit)
        return Guess(kind, unit=found.unit, reason=found.note, accept_units=accept,
                     scale_note=found.text)
    if core.endswith("率"):
        return Guess("decimal", unit="%", reason="率")
    unit_match = _UNIT_IN_BRACKETS.search(text)
    if unit_match and unit_match["unit"] in MONEY_UNITS:
        return Guess("money", unit=unit_match["unit"], reason=unit_match[0],
                     accept_units=_other_money(unit_match["unit"]))
    if unit_match and unit_match["unit"] in COUNT_UNITS:
        unit = unit_match["unit"]
        return Guess("count", unit=unit, reason=unit_match[0], accept_units=_siblings(unit))
    if (hit := _first(core, ("数量/名称", "名称/数量", "数量及名称", "名称及数量", "名称和数量",
                             "数量和名称", "名单"))) and not (long_word and long_word != "说明"):
        return Guess("name_list", unit=_list_unit(core), reason=hit)
    if hit := _first(core, _MONEY_WORDS):
        return Guess("money", unit="元", reason=hit, accept_units=("万元",))
    if long_word:
        return Guess("long_text", reason=long_word)
    for word, unit in (("人次", "人次"), ("人数", "人"), ("场次", "场"), ("次数", "次"),
                       ("个数", "个"), ("家数", "家")):
        if word in core:
            return Guess("count", unit=unit, reason=word, accept_units=_siblings(unit))
    if match := _VIEWS.search(core):  # 短视频播放量, 阅读量, 观看量
        return Guess("count", unit="次", reason=match[0])
    if hit := _first(core, ("填表日期", "填报日期", "报送日期", "日期")):
        return Guess("date", reason=hit)
    if core.endswith("场") or core.endswith("场数"):
        return Guess("count", unit="场", reason="场", accept_units=("场次",))
    for verb, unit in (("张贴", "张"), ("发放", "份"), ("印发", "份")):
        if core.startswith(verb) or verb in core:
            return Guess("count", unit=unit, reason=verb, accept_units=_siblings(unit))
    if hit := _first(core, ("数量", "总数", "数")):
        if event := _first(core, _EVENT_WORDS):  # 开展讲座数
            return Guess("count", unit="场", reason=f"{event}{hit}", accept_units=("场次", "次"))
        unit = "人" if _first(core, _PEOPLE) else None
        return Guess("count", unit=unit, reason=hit, accept_units=_siblings(unit))
    if core.endswith(_PEOPLE[:4]) or core.endswith("医护人员"):
        return Guess("count", unit="人", reason=_first(core, _PEOPLE) or "人员",
                     accept_units=_siblings("人"))
    if hit := _first(core, _EVENT_WORDS):
        if core.endswith(hit):
            return Guess("count", unit="场", reason=hit, accept_units=("场次", "次"))
    if hit := _first(core, _DATE_WORDS):
        return Guess("date", reason=hit)
    return Guess("text", reason=_first(core, _TEXT_WORDS) or "")


def _first(text: str, words: tuple[str, ...]) -> str | None:
    return next((w for w in words if w in text), None)


def _list_unit(core: str) -> str:
    if _first(core, _PLACE_UNITS):
        return "家"
    if _first(core, ("人员", "专家", "志愿者")):
        return "人"
    return "个"


def _siblings(unit: str | None) -> tuple[str, ...]:
    return {"人": ("人次",), "人次": ("人",), "场": ("场次",), "份": ("册", "本"),
            "张": ("幅",)}.get(unit or "", ())


def _other_money(unit: str) -> tuple[str, ...]:
    return tuple(u for u in ("元", "万元") if u != unit)
