"""Field types: each parses the text typed, normalises it, and returns issues.

Every ``parse`` is total: whatever the text, it returns a ``Parsed`` and never raises.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from forms.issues import ERROR, WARNING, Issue, has_errors
from forms.phones import area_code, read_phone, split_phones
from forms.quantity import (
    QUALIFIER_SYMBOLS,
    Quantity,
    Unreadable,
    breakdown_problem,
    format_number,
    json_number,
    normalise_digits,
    parse_chinese_numeral,
    plain_words,
    read_quantity,
    same_family,
    unclear,
)
from forms.spec import FieldSpec

MAX_INPUT = 200_000  # characters read from one field; more is reported, not parsed
# Zero-width spaces, soft hyphens and the BOM carry nothing: dropped without a word.
_ZERO_WIDTH = re.compile("[\u00ad\u200b\u200c\u2060\ufeff]")
_BIDI_AND_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, slots=True)
class Parsed:
    """The normalised value of one field, what the app read, and what is wrong with it."""

    value: Any = None  # JSON-ready; None when empty or unreadable
    issues: tuple[Issue, ...] = ()
    display: str = ""  # e.g. "= 380,000 份", shown beside the field


def problem(spec: FieldSpec, severity: str, code: str, message: str,
            suggestion: str | None = None) -> Issue:
    return Issue(spec.key or spec.id, spec.full_label or spec.label, severity, code, message,
                 suggestion)


def clean_text(spec: FieldSpec, text: str) -> tuple[str, list[Issue]]:
    """Strip invisible control characters (reported) and surrounding blanks."""
    issues: list[Issue] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_INPUT:
        issues.append(problem(spec, ERROR, "too_long_input",
                              f"内容过长（{chars_text(char_count(text))}），请删减后再粘贴"))
        text = text[:MAX_INPUT]
    cleaned = _BIDI_AND_CONTROL.sub("", text)
    if cleaned != text:
        issues.append(problem(spec, WARNING, "control_chars",
                              "含有不可见的控制字符，导出时将被去除",
                              "请检查是否从其他软件粘贴了格式字符"))
    return _ZERO_WIDTH.sub("", cleaned).strip(), issues


class FieldType:
    """Base: subclasses implement ``_parse`` on cleaned, non-empty text."""

    name = ""

    def parse(self, spec: FieldSpec, text: str | None) -> Parsed:
        try:
            cleaned, issues = clean_text(spec, text or "")
            if not cleaned or any(issue.code == "too_long_input" for issue in issues):
                return Parsed(None, tuple(issues))  # a cut text is not read: one count, above
            parsed = self._parse(spec, cleaned)
            return Parsed(parsed.value, tuple(issues) + parsed.issues, parsed.display)
        except Exception as exc:  # noqa: BLE001 - validation must never raise
            return Parsed(None, (problem(spec, ERROR, "unreadable",
                                         f"无法识别此栏内容（{type(exc).__name__}），请检查后重新填写"),))

    def _parse(self, spec: FieldSpec, text: str) -> Parsed:
        raise NotImplementedError


MAX_LISTED = 20  # issues or names listed in one message; the rest are summed up


def listing(items: list[str], limit: int = 10, width: int = 30) -> str:
    """Items joined with 、, each cut to ``width``, at most ``limit`` of them then 等N个."""
    shown = "、".join(item[:width] for item in items[:limit])
    return shown + (f"等{len(items)}个" if len(items) > limit else "")


def char_count(text: str) -> int:
    """Characters as 字数 counts them: every character except blanks, line breaks and
    invisible ones. The one way the app counts characters (messages, readings, counters)."""
    return len("".join(_ZERO_WIDTH.sub("", _BIDI_AND_CONTROL.sub("", text)).split()))


def chars_text(count: int) -> str:
    """A character count as the app writes it (as word processors do): 1234字."""
    return f"{count}字"


class TextType(FieldType):
    name = "text"

    def _parse(self, spec: FieldSpec, text: str) -> Parsed:
        issues = []
        length = char_count(text)
        if spec.max_length and length > spec.max_length:
            issues.append(problem(
                spec, spec.over_length, "too_long",
                f"共{chars_text(length)}，超过{chars_text(spec.max_length)}的要求",
                f"请精简约{chars_text(length - spec.max_length)}"))
        return Parsed(text, tuple(issues), chars_text(length) if self.name == "long_text" else "")


class LongTextType(TextType):
    name = "long_text"


def _noun(unit: str | None) -> str:
    if unit in ("人", "人次", "名", "位"):
        return "人数"
    if unit in ("场", "场次", "次"):
        return "次数"
    return "数量"


def describe(value: Decimal | int | float, unit: str | None, qualifier: str | None) -> str:
    """'≈ 1,300,000 元' — how the app read a quantity; '= 0（无）' for none."""
    if value == 0 and not qualifier:
        return "= 0（无）"
    symbol = QUALIFIER_SYMBOLS.get(qualifier or "", "=")
    return f"{symbol} {format_number(value)}{' ' + unit if unit else ''}"


def quantity_value(quantity: Quantity, unit: str | None) -> dict[str, Any]:
    value = {"value": json_number(quantity.value), "unit": unit, "qualifier": quantity.qualifier}
    if quantity.note:
        value["note"] = quantity.note
    return value


def quantity_display(quantity: Quantity, value: Decimal, unit: str | None) -> str:
    shown = describe(value, unit, quantity.qualifier)
    if quantity.note:
        note = quantity.note if len(quantity.note) <= 20 else quantity.note[:20] + "…"
        shown += f"（{note}）"
    return shown


def unreadable(spec: FieldSpec, reason: Unreadable, example: str) -> Parsed:
    """No value, and an error saying why the text holds no figure."""
    return Parsed(None, (problem(spec, ERROR, reason.code, reason.message,
                                 reason.suggestion or example),))


def related(words: str, label: str) -> bool:
    """Whether words before or after a figure name the field: 讲座 in 科普讲座."""
    return words in label or label in words or any(
        words[i: i + 2] in label for i in range(len(words) - 1))


def words_problem(spec: FieldSpec, quantity: Quantity) -> Unreadable | None:
    """Words around the figure that are not understood: another part's label (线下参与 in
    the 线上观看 part), or a word that changes the figure's meaning (其中, 每, 计划…)."""
    for words in (quantity.prefix, quantity.suffix):
        if not words or words in spec.label or spec.label in words:
            continue
        if not plain_words(words) or (spec.parent and not related(words, spec.label)):
            return unclear(words)
    return None


class CountType(FieldType):
    name = "count"

    def _parse(self, spec: FieldSpec, text: str) -> Parsed:
        quantity = read_quantity(text)
        unit_hint = spec.unit or ""
        example = f"例如“1200{unit_hint}”或“约3万{unit_hint}”"
        if isinstance(quantity, Unreadable):
            return unreadable(spec, quantity, example)
        reason = words_problem(spec, quantity)
        if reason:
            return unreadable(spec, reason, example)
        unit = quantity.unit or spec.unit
        issues = self._check_unit(spec, quantity.unit)
        if has_errors(issues):
            return Parsed(None, tuple(issues))  # 300人 in a field of 场: not a number of 场
        if not quantity.is_integral:
            hint = None
            if not quantity.scaled:
                number = format(quantity.value.normalize(), "f")
                hint = f"是否漏写'万'（{number}万{unit or ''}）？"
            issues.append(problem(spec, ERROR, "fractional_count",
                                  f"{_noun(unit)}应为整数", hint))
        if quantity.qualifier and not spec.approx_allowed:
            issues.append(problem(spec, WARNING, "approximate", "此栏应填写确切数字",
                                  "请去掉“约”“余”等字样"))
        issues += check_range(spec, quantity.value, unit)
        issues += note_issues(spec, quantity, unit)
        return Parsed(quantity_value(quantity, unit), tuple(issues),
                      quantity_display(quantity, quantity.value, unit))

    @staticmethod
    def _check_unit(spec: FieldSpec, written: str | None) -> list[Issue]:
        if not written or not spec.units or written in spec.units:
            return []
        expected = "或".join(f"“{u}”" for u in spec.units)
        if any(same_family(written, u) for u in spec.units):
            return [problem(spec, WARNING, "unit_mismatch",
                            f"单位“{written}”与本栏单位{expected}不一致", "请确认单位是否写错")]
        return [problem(spec, ERROR, "unit_mismatch",
                        f"单位应为{expected}，而不是“{written}”", "请检查是否填错了栏目")]


def note_issues(spec: FieldSpec, quantity: Quantity, unit: str | None) -> list[Issue]:
    """A warning when the figures in the note after the total do not add up to it."""
    message = breakdown_problem(quantity, unit)
    if message is None:
        return []
    return [problem(spec, WARNING, "breakdown_mismatch", message, "请核对总数和括号内的分项")]


def check_range(spec: FieldSpec, value: Decimal, unit: str | None) -> list[Issue]:
    if spec.min is not None and value < Decimal(str(spec.min)):
        return [problem(spec, ERROR, "out_of_range",
                        f"不应小于{format_number(spec.min)}{unit or ''}")]
    if spec.max is not None and value > Decimal(str(spec.max)):
        return [problem(spec, ERROR, "out_of_range",
                        f"不应大于{format_number(spec.max)}{unit or ''}", "请检查是否多写了零或写错单位")]
    return []


class MoneyType(FieldType):
    name = "money"

    def _parse(self, spec: FieldSpec, text: str) -> Parsed:
        quantity = read_quantity(text)
        example = "例如“约130万元”或“5000元”"
        if isinstance(quantity, Unreadable):
            if quantity.code == "not_a_number":
                quantity = Unreadable("not_a_number", "应填写金额")
            return unreadable(spec, quantity, example)
        reason = words_problem(spec, quantity)
        if reason:
            return unreadable(spec, reason, example)
        value = quantity.value
        issues: list[Issue] = []
        if quantity.unit is None and spec.unit in ("万元", "亿元") and not quantity.scaled:
            value *= 10_000 if spec.unit == "万元" else 100_000_000
        elif quantity.unit not in (None, "元"):
            return Parsed(None, (problem(spec, ERROR, "unit_mismatch",
                                         f"金额单位应为“元”或“万元”，而不是“{quantity.unit}”"),))
        value = value.quantize(Decimal("0.01")).normalize() if value % 1 else value
        issues += check_range(spec, value, "元")
        issues += note_issues(spec, quantity, "元")
        money = {"value": json_number(value), "unit": "元", "qualifier": quantity.qualifier}
        if quantity.note:
            money["note"] = quantity.note
        return Parsed(money, tuple(issues), quantity_display(quantity, value, "元"))


class EditionType(FieldType):
    """第30届, 30, 三十 — the edition number of a recurring event."""

    name = "edition"
    _RE = re.compile(r"^第?\s*(\d+|[零〇一二两三四五六七八九十百]+)\s*[届期次个]?$")

    def _parse(self, spec: FieldSpec, text: str) -> Parsed:
        match = self._RE.match(normalise_digits(text))
        number = None
        if match:
            raw = match[1]
            number = (int(raw) if len(raw) <= 6 else None) if raw.isdecimal() \
                else parse_chinese_numeral(raw)
        if not number:
            return Parsed(None, (problem(spec, ERROR, "bad_edition", "届次应为数字",
                                         "例如“30”或“第30届”"),))
        return Parsed(number, (), f"第{number}届")


_YES = {"是", "是的", "有", "已", "已报送", "已进行", "y", "yes", "true", "1", "√", "✓", "✔", "☑",
        "对"}
_NO = {"否", "无", "没有", "未", "未报送", "未进行", "n", "no", "false", "0", "×", "✗", "☐", "□",
       "不是"}


class YesNoType(FieldType):
    name = "yes_no"

    def _parse(self, spec: FieldSpec, text: str) -> Parsed:
        word = unicodedata.normalize("NFKC", text).strip("。.；; ").lower()
        if word in _YES:
            return Parsed(True, (), "是")
        if word in _NO:
            return Parsed(False, (), "否")
        return Parsed(None, (problem(spec, ERROR, "not_yes_no", "请填写“是”或“否”"),))


class ChoiceType(FieldType):
    name = "choice"

    def _parse(self, spec: FieldSpec, text: str) -> Parsed:
        option = match_option(spec.options, text)
        if option is None:
            return Parsed(None, (problem(spec, ERROR, "not_an_option",
                                         "请从以下选项中选择：" + "、".join(spec.options)),))
        return Parsed(option, (), option)


def match_option(options: tuple[str, ...], text: str) -> str | None:
    """An option by exact text, by number ("2") or by a clear substring."""
    text = re.sub(r"^\s*[(（]?\d+[.、)）]\s*", "", text).strip(" ；;。")
    if text in options:
        return text
    if text.isdecimal() and len(text) <= 3 and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    hits = [o for o in options if text and (text in o or o in text)]
    return hits[0] if len(hits) == 1 else None


_TICKED = "☑✓✔√■☒"
_NONE = {"无", "没有", "均无", "都没有", "/", "-", "—", "否"}
_UNTICKED = "□☐"


class ChecklistType(FieldType):
    """The items ticked; lists with box marks count only the ticked ones."""

    name = "checklist"

    def _parse(self, spec: FieldSpec, text: str) -> Parsed:
        if text.strip("。.；; ") in _NONE:
            return Parsed([], (), "未选")
        items = [i.strip() for i in re.split(r"[；;\n、]+|(?<=\S)\s+(?=\d+[.、])", text) if i.strip()]
        marked = any(i[0] in _TICKED + _UNTICKED for i in items)
        chosen: list[str] = []
        unknown: list[str] = []
        for item in items:
            if marked and item[0] not in _TICKED:
                continue
            option = match_option(spec.options, item.lstrip(_TICKED + _UNTICKED + " "))
            if option is None:
                unknown.append(item)
            elif option not in chosen:
                chosen.append(option)
        chosen.sort(key=spec.options.index)
        issues = tuple(problem(spec, ERROR, "not_an_option", f"“{item[:30]}”不是本栏的选项",
                               "可选：" + "、".join(spec.options)) for item in unknown[:MAX_LISTED])
        return Parsed(chosen, issues, f"已选{len(chosen)}项")


class PhoneType(FieldType):
    """One number or several (、 ， ; / or spaces between them), each checked."""

    name = "phone"

    def _parse(self, spec: FieldSpec, text: str) -> Parsed:
        pieces = split_phones(text)
        numbers: list[str] = []
        bad: list[tuple[int, str]] = []
        area = None
        for index, piece in enumerate(pieces, 1):
            number = read_phone(piece, area)
            if number is None:
                bad.append((index, piece))
            else:
                numbers.append(number)
                area = area_code(number) or area
        hint = "座机请带区号，如“027-85880016”；手机为11位数字；多个号码用顿号“、”分隔"
        if bad:
            if len(pieces) <= 1:
                return Parsed(None, (problem(spec, ERROR, "bad_phone", "电话号码格式不正确", hint),))
            return Parsed(None, tuple(
                problem(spec, ERROR, "bad_phone", f"第{index}个号码“{piece[:30]}”格式不正确", hint)
                for index, piece in bad[:MAX_LISTED]))
        issues = ()
        unique = list(dict.fromkeys(numbers))
        if len(unique) < len(numbers):
            issues = (problem(spec, WARNING, "duplicate_phone", "号码重复填写", "请删去重复的号码"),)
        value = "、".join(unique)
        return Parsed(value, issues, value)
