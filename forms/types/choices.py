"""Closed answers: yes/no, one choice, a checklist. A choice stores its option's code, so a
label renamed in a later template never breaks a stored report."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any

from forms.issues import ERROR
from forms.messages import msg, plural
from forms.spec import FieldSpec
from forms.types.base import (
    MAX_LISTED,
    Combined,
    FieldType,
    ParseContext,
    Parsed,
    UnitValues,
    problem,
    strings,
)

_YES = {"是", "是的", "有", "已", "已报送", "已进行", "y", "yes", "true", "1", "√", "✓", "✔", "☑",
        "对"}
_NO = {"否", "无", "没有", "未", "未报送", "未进行", "n", "no", "false", "0", "×", "✗", "☐", "□",
       "不是"}


class YesNoType(FieldType):
    name = "yes_no"
    title = msg("是/否")
    widget = "yes_no"

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        word = unicodedata.normalize("NFKC", text).strip("。.；; ").lower()
        if word in _YES:
            return Parsed(True, (), msg("是"))
        if word in _NO:
            return Parsed(False, (), msg("否"))
        return Parsed(None, (problem(spec, ERROR, "not_yes_no", msg("请填写“是”或“否”")),))

    def value_problem(self, spec: FieldSpec, value: Any) -> str | None:
        return None if isinstance(value, bool) else msg("应为是或否")

    def text_for(self, spec: FieldSpec, value: Any) -> str:
        return "是" if value else "否"


def match_option(spec: FieldSpec, text: str) -> str | None:
    """An option's code, from its label, its code, its number ("2") or a clear part of its label."""
    text = re.sub(r"^\s*[(（]?\d+[.、)）]\s*", "", text).strip(" ；;。")
    labels, codes = spec.options, spec.option_codes
    if text in labels:
        return codes[labels.index(text)]
    if text in codes:
        return text
    if text.isdecimal() and len(text) <= 3 and 1 <= int(text) <= len(labels):
        return codes[int(text) - 1]
    hits = [n for n, label in enumerate(labels) if text and (text in label or label in text)]
    return codes[hits[0]] if len(hits) == 1 else None


class _OptionsType(FieldType):
    takes_options = True

    def spec_problems(self, spec: FieldSpec) -> list[tuple[str, str]]:
        problems = super().spec_problems(spec)
        if not spec.options:
            return [*problems, ("options", msg("选择类字段需要 options"))]
        for item, count in Counter(spec.option_codes).items():
            if count > 1:
                problems.append(("options", msg("选项代码“{item}”用了{count}次", item=item,
                                                count=count)))
        for item, count in Counter(spec.options).items():
            if count > 1:
                problems.append(("options", msg("选项名称“{item}”用了{count}次", item=item,
                                                count=count)))
        for code, label in zip(spec.option_codes, spec.options, strict=True):
            if code != label and code in spec.options:
                problems.append(("options", msg("选项代码“{code}”与另一个选项的名称相同，会分不清",
                                                code=code)))
        return problems


class ChoiceType(_OptionsType):
    name = "choice"
    title = msg("单选")
    widget = "choice"

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        code = match_option(spec, text)
        if code is None:
            return Parsed(None, (problem(spec, ERROR, "not_an_option", msg(
                "请从以下选项中选择：{options}", options=spec.options)),))
        return Parsed(code, (), spec.option_label(code))

    def value_problem(self, spec: FieldSpec, value: Any) -> str | None:
        return None if value in spec.option_codes else msg("选项不正确")

    def text_for(self, spec: FieldSpec, value: Any) -> str:
        return spec.option_label(value)

    def print_text(self, spec: FieldSpec, raw: str, value: Any) -> str:
        return spec.option_label(value) if value in spec.option_codes else raw


_TICKED = "☑✓✔√■☒"
_NONE = {"无", "没有", "均无", "都没有", "/", "-", "—", "否"}
_UNTICKED = "□☐"
SEPARATOR = "；"


class ChecklistType(_OptionsType):
    """The items ticked; lists with box marks count only the ticked ones."""

    name = "checklist"
    title = msg("多选")
    widget = "checklist"

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        if text.strip("。.；; ") in _NONE:
            return Parsed([], (), msg("未选"))
        items = [i.strip() for i in re.split(r"[；;\n、]+|(?<=\S)\s+(?=\d+[.、])", text) if i.strip()]
        marked = any(i[0] in _TICKED + _UNTICKED for i in items)
        chosen: list[str] = []
        unknown: list[str] = []
        for item in items:
            if marked and item[0] not in _TICKED:
                continue
            code = match_option(spec, item.lstrip(_TICKED + _UNTICKED + " "))
            if code is None:
                unknown.append(item)
            elif code not in chosen:
                chosen.append(code)
        chosen.sort(key=spec.option_codes.index)
        issues = tuple(problem(spec, ERROR, "not_an_option",
                               msg("“{item}”不是本栏的选项", item=item[:30]),
                               msg("可选：{options}", options=spec.options))
                       for item in unknown[:MAX_LISTED])
        return Parsed(chosen, issues, plural("已选{n}项", n=len(chosen)))

    def value_problem(self, spec: FieldSpec, value: Any) -> str | None:
        return None if strings(value) and set(value) <= set(spec.option_codes) \
            else msg("选项不正确")

    def merge(self, spec: FieldSpec, units: UnitValues) -> Combined:
        """Every option ticked by any unit, in the form's order."""
        chosen = {code for _, value in units for code in value}
        merged = [code for code in spec.option_codes if code in chosen]
        return self.text_for(spec, merged), merged

    def text_for(self, spec: FieldSpec, value: Any) -> str:
        return SEPARATOR.join(spec.option_label(code) for code in value) if value else "无"

    def print_text(self, spec: FieldSpec, raw: str, value: Any) -> str:
        # Without codes the typed text already names the options (with its ticks and numbers).
        return self.text_for(spec, value) if spec.codes and isinstance(value, list) else raw
