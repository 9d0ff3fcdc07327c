"""The ``compare`` rule: a declared comparison between fields, checked on parsed values.

Numbers (counts, money, a name list's count, editions, years) are added up per side and
compared. Dates compare as periods: ``a >= b`` means a starts no earlier than b ends (a fill
date after the activity), ``a <= b`` that a ends no later than b starts. The old rule kinds
``not_greater`` (a <= b) and ``date_not_before`` (a >= b) are comparisons too.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from forms.expressions import describe_side
from forms.issues import Issue
from forms.messages import N_, Msg, msg
from forms.quantity import format_number
from forms.registry import field_type
from forms.spec import FormTemplate, RuleSpec, Term

LEGACY = {"not_greater": "<=", "date_not_before": ">="}
_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "<=": operator.le, "<": operator.lt, ">=": operator.ge, ">": operator.gt,
    "==": operator.eq, "!=": operator.ne,
}
_NUMBER_WORDS = {  # operator -> (what is wrong, issue code)
    "<=": (N_("{left}大于{right}"), "greater_than"),
    "<": (N_("{left}不小于{right}"), "not_less_than"),
    ">=": (N_("{left}小于{right}"), "less_than"),
    ">": (N_("{left}不大于{right}"), "not_greater_than"),
    "==": (N_("{left}与{right}不相等"), "not_equal"),
    "!=": (N_("{left}与{right}相等"), "equal"),
}
_DATE_WORDS = {
    "<=": (N_("{left}晚于{right}"), "date_after"),
    "<": (N_("{left}不早于{right}"), "date_not_before"),
    ">=": (N_("{left}早于{right}"), "date_before"),
    ">": (N_("{left}不晚于{right}"), "date_not_after"),
    "==": (N_("{left}与{right}不是同一天"), "date_not_equal"),
    "!=": (N_("{left}与{right}是同一天"), "date_equal"),
}
_NUMBER_HINT = msg("请核对两栏数字是否填反或多写了零")
_EQUAL_HINT = msg("请核对各栏数字")
_DATE_HINT = msg("请核对日期")


def as_comparison(rule: RuleSpec) -> RuleSpec:
    """An old ``not_greater`` / ``date_not_before`` rule as the comparison it is."""
    if rule.kind not in LEGACY:
        return rule
    first, second = rule.fields
    op = LEGACY[rule.kind]
    return replace(rule, kind="compare", expression=f"{first} {op} {second}",
                   left=(Term(1, first),), op=op, right=(Term(1, second),))


def compare(rule: RuleSpec, template: FormTemplate, raw: Mapping[str, str],
            values: Mapping[str, Any], texts: Any) -> list[Issue]:
    """One issue, on the first field of the comparison, when it does not hold."""
    rule = as_comparison(rule)
    left = _operands(rule.left, template, values)
    right = _operands(rule.right, template, values)
    if left is None or right is None:
        return []  # a side is empty or unreadable: nothing to compare yet
    if any(isinstance(v, tuple) for v in (*left, *right)):
        return _compare_dates(rule, template, left[0], right[0])
    if rule.op in ("==", "!=") and _qualified(rule, template, values):
        return []  # 约 figures are not expected to add up exactly
    a = sum((Decimal(v) * t.sign for v, t in zip(left, rule.left, strict=True)), Decimal(0))
    b = sum((Decimal(v) * t.sign for v, t in zip(right, rule.right, strict=True)), Decimal(0))
    if _TESTS[rule.op](a, b):
        return []
    words, code = _NUMBER_WORDS[rule.op]
    hint = _EQUAL_HINT if rule.op in ("==", "!=") else _NUMBER_HINT
    return [_issue(rule, template, words, code, hint, format_number(a), format_number(b))]


def _operands(terms: tuple[Term, ...], template: FormTemplate,
              values: Mapping[str, Any]) -> list[Any] | None:
    found = []
    for term in terms:
        if term.key is None:
            found.append(Decimal(str(term.number)))
            continue
        spec = template.field(term.key)
        value = field_type(spec).compare_value(spec, values.get(term.key))
        if value is None:
            return None
        found.append(value)
    return found


def _qualified(rule: RuleSpec, template: FormTemplate, values: Mapping[str, Any]) -> bool:
    for term in (*rule.left, *rule.right):
        if term.key:
            spec = template.field(term.key)
            number = field_type(spec).number(spec, values.get(term.key))
            if number and number.get("qualifier"):
                return True
    return False


def _compare_dates(rule: RuleSpec, template: FormTemplate, left: tuple[str, str],
                   right: tuple[str, str]) -> list[Issue]:
    if rule.op in (">=", ">"):
        a, b = left[0], right[1]  # starts no earlier than the other ends
    elif rule.op in ("<=", "<"):
        a, b = left[1], right[0]
    else:
        a, b = left, right
    if _TESTS[rule.op](a, b):
        return []
    words, code = _DATE_WORDS[rule.op]
    return [_issue(rule, template, words, code, _DATE_HINT, _day_text(a), _day_text(b))]


def _day_text(day: Any) -> str:
    if isinstance(day, tuple):
        return day[0] if day[0] == day[1] else msg("{start}至{end}", start=day[0], end=day[1])
    return str(day)


def _issue(rule: RuleSpec, template: FormTemplate, words: str, code: str, hint: Msg,
           a: str, b: str) -> Issue:
    labels = {key: template.field(key).full_label for key in rule.fields if template.has(key)}
    first = next((t.key for t in (*rule.left, *rule.right) if t.key), rule.fields[0])
    spec = template.field(first)
    if rule.message:  # the template's own words
        message: str = rule.message.replace("{left}", a).replace("{right}", b)
    else:
        left = msg("{side}（{value}）", side=describe_side(rule.left, labels), value=a)
        has_key = any(t.key for t in rule.right)
        right = msg("{side}（{value}）", side=describe_side(rule.right, labels), value=b) \
            if has_key else b
        message = Msg(words, {"left": left, "right": right})
    return Issue(spec.key, spec.full_label, rule.severity, code, message, hint)
