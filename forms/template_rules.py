"""Reading a template's ``[[rules]]``, collecting every mistake."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from forms.compare import as_comparison
from forms.expressions import ExpressionError, keys_of, parse_expression
from forms.issues import ERROR, WARNING
from forms.messages import msg
from forms.registry import COMPOUND_TYPES, TYPES
from forms.rules import RULE_FIELD_TYPES, RULE_KINDS
from forms.spec import RuleSpec
from forms.template_problems import TEXTS, Problems

MAX_RULES = 500
RULE_KEYS: dict[str, Any] = {"kind": str, "fields": TEXTS, "expression": str, "severity": str,
                             "min_length": int, "message": str}


def read_rules(rules: Any, types: dict[str, str], problems: Problems) -> tuple[RuleSpec, ...]:
    lines = problems.lines
    if not isinstance(rules, list):
        problems.add(lines.key("rules"), "rules", msg("应为规则列表（[[rules]]）"))
        return ()
    if len(rules) > MAX_RULES:
        problems.add(lines.table("rules", 0), "rules", msg("规则过多（{count}条），最多{limit}条",
                                                           count=f"{len(rules):,}", limit=MAX_RULES))
        return ()
    result = []
    for number, data in enumerate(rules, 1):
        line = lines.table("rules", number - 1, len(rules))
        rule = _rule(data, number, line, types, problems)
        if rule is not None:
            result.append(rule)
    return tuple(result)


def _rule(data: Any, number: int, line: int | None, types: dict[str, str],
          problems: Problems) -> RuleSpec | None:
    where = msg("规则 {number}", number=number)
    ok = problems.check_keys(line, where, data, RULE_KEYS, {"kind"})
    if not isinstance(data, dict):
        return None
    bad = problems.check_types(line, where, data, RULE_KEYS,
                               {"kind": 40, "message": 500, "expression": 500})

    def at(key: str) -> int | None:
        return problems.lines.key(key, line) or line

    kind = data.get("kind")
    if "kind" in bad or kind is None:
        return None
    if kind not in RULE_KINDS:
        problems.add(at("kind"), where, msg("未知的规则类型“{kind}”（可用：{kinds}）", kind=kind,
                                            kinds=", ".join(RULE_KINDS)))
        return None
    severity = data.get("severity", WARNING)
    if "severity" not in bad and severity not in (ERROR, WARNING):
        problems.add(at("severity"), where, msg("severity 只能是 error 或 warning"))
        ok = False
    if kind == "compare":
        rule = _comparison(data, where, at, types, problems)
    else:
        rule = _listed(data, kind, where, line, at, types, problems, bad)
    if rule is None or not ok or bad:
        return None
    return replace(as_comparison(rule), severity=severity,
                   min_length=int(data.get("min_length", 0)), message=str(data.get("message", "")))


def _listed(data: dict[str, Any], kind: str, where: str, line: int | None, at: Any,
            types: dict[str, str], problems: Problems, bad: set[str]) -> RuleSpec | None:
    """A rule of the kinds that name their ``fields``."""
    if "expression" in data:
        problems.add(at("expression"), where,
                     msg("只有 compare 规则才写 expression（这是“{kind}”）", kind=kind))
        return None
    if "fields" not in data:
        problems.add(line, where, msg("缺少必填的键：{keys}", keys="fields"))
        return None
    if "fields" in bad:
        return None
    fields = tuple(data["fields"])
    arity = RULE_KINDS[kind]
    if arity and len(fields) != arity:
        problems.add(at("fields"), where, msg("规则“{kind}”需要 {count} 个字段", kind=kind,
                                              count=arity))
        return None
    ok = True
    for position, name in enumerate(fields):
        if name == "*" and len(fields) == 1 and not arity:
            continue
        if not _known_leaf(name, types, at("fields"), where, problems):
            ok = False
            continue
        allowed = RULE_FIELD_TYPES.get(kind, ())
        if allowed and types[name] not in allowed[position]:
            problems.add(at("fields"), where,
                         msg("规则“{kind}”不能用于字段“{key}”（类型 {type}）", kind=kind, key=name,
                             type=types[name]))
            ok = False
    return RuleSpec(kind, fields) if ok else None


def _known_leaf(name: str, types: dict[str, str], line: int | None, where: str,
                problems: Problems) -> bool:
    if name not in types:
        problems.add(line, where, msg("引用了不存在的字段“{key}”", key=name))
        return False
    if types[name] in COMPOUND_TYPES:
        problems.add(line, where, msg("字段“{key}”是复合字段，请引用它的部分，如“{key}.<部分id>”",
                                      key=name))
        return False
    return True


def _comparison(data: dict[str, Any], where: str, at: Any, types: dict[str, str],
                problems: Problems) -> RuleSpec | None:
    """``kind = "compare"``: its ``expression``, with every field comparable the same way."""
    if "fields" in data:
        problems.add(at("fields"), where, msg("compare 规则不写 fields，字段写在 expression 里"))
        return None
    expression = data.get("expression")
    if not isinstance(expression, str):
        problems.add(at("kind"), where, msg("compare 规则需要 expression，如 \"a <= b\""))
        return None
    line = at("expression")
    try:
        left, op, right = parse_expression(expression)
    except ExpressionError as exc:
        problems.add(line, where, msg("expression 有误：{error}", error=exc.args[0]))
        return None
    keys = keys_of(left, right)
    if not all([_known_leaf(key, types, line, where, problems) for key in keys]):
        return None
    kinds = {key: TYPES[types[key]].comparable if types[key] in TYPES else None for key in keys}
    for key, kind in kinds.items():
        if kind is None:
            problems.add(line, where, msg("字段“{key}”（类型 {type}）不能比较大小", key=key,
                                          type=types[key]))
            return None
    if "date" in kinds.values():
        if "number" in kinds.values():
            problems.add(line, where, msg("不能把日期和数字相比"))
            return None
        if len(left) != 1 or len(right) != 1 or not left[0].key or not right[0].key \
                or left[0].sign < 0 or right[0].sign < 0:
            problems.add(line, where, msg("日期只能一个字段对一个字段比较，不能加减"))
            return None
    if not keys:
        problems.add(line, where, msg("expression 至少要有一个字段"))
        return None
    return RuleSpec("compare", keys, expression=expression, left=left, op=op, right=right)
