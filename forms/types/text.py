"""Texts: one line, a long text with a 字数 limit, and phone numbers."""

from __future__ import annotations

import re
from typing import Any

from forms.issues import ERROR, WARNING
from forms.messages import msg
from forms.phones import area_code, read_phone, split_phones
from forms.spec import FieldSpec
from forms.types.base import (
    MAX_LISTED,
    Combined,
    FieldType,
    ParseContext,
    Parsed,
    UnitValues,
    char_count,
    chars_text,
    problem,
)

MAX_PATTERN_TEXT = 1000  # a text checked against a template's pattern; longer cannot match


class TextType(FieldType):
    name = "text"
    title = msg("文字")

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        issues = []
        length = char_count(text)
        if spec.pattern and (len(text) > MAX_PATTERN_TEXT or not re.fullmatch(spec.pattern, text)):
            issues.append(problem(spec, ERROR, "pattern_mismatch",
                                  spec.pattern_message or msg("格式不符合本栏的要求"),
                                  spec.help or None))
        if spec.max_length and length > spec.max_length:
            issues.append(problem(
                spec, spec.over_length, "too_long",
                msg("共{count}，超过{limit}的要求", count=chars_text(length),
                    limit=chars_text(spec.max_length)),
                msg("请精简约{count}", count=chars_text(length - spec.max_length))))
        return Parsed(text, tuple(issues), chars_text(length) if self.name == "long_text" else "")

    def merge(self, spec: FieldSpec, units: UnitValues) -> Combined:
        """Every different text, in the units' order, joined with 、."""
        distinct = list(dict.fromkeys(v.strip() for _, v in units if v.strip()))
        if not distinct:
            return None
        text = "、".join(distinct)
        return text, text


class LongTextType(TextType):
    name = "long_text"
    title = msg("长文字")
    widget = "long_text"

    def merge(self, spec: FieldSpec, units: UnitValues) -> Combined:
        """Each unit's text under its name: 【成都市】…"""
        blocks = [f"【{unit}】\n{text.strip()}" for unit, text in units if text.strip()]
        if not blocks:
            return None
        text = "\n\n".join(blocks)
        return text, text


class PhoneType(FieldType):
    """One number or several (、 ， ; / or spaces between them), each checked."""

    name = "phone"
    title = msg("电话")
    widget = "short_line"

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
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
        hint = msg("座机请带区号，如“027-85880016”；手机为11位数字；多个号码用顿号“、”分隔")
        if bad:
            if len(pieces) <= 1:
                return Parsed(None, (problem(spec, ERROR, "bad_phone", msg("电话号码格式不正确"),
                                             hint),))
            return Parsed(None, tuple(
                problem(spec, ERROR, "bad_phone", msg("第{index}个号码“{number}”格式不正确",
                                                      index=index, number=piece[:30]), hint)
                for index, piece in bad[:MAX_LISTED]))
        issues: Any = ()
        unique = list(dict.fromkeys(numbers))
        if len(unique) < len(numbers):
            issues = (problem(spec, WARNING, "duplicate_phone", msg("号码重复填写"),
                              msg("请删去重复的号码")),)
        value = "、".join(unique)
        return Parsed(value, issues, value)
