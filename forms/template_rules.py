"""Reading a template's ``[[rules]]``, collecting every mistake."""

from __future__ import annotations

from typing import Any

from forms.issues import ERROR, WARNING
from forms.registry import COMPOUND_TYPES
from forms.rules import RULE_FIELD_TYPES, RULE_KINDS
from forms.spec import RuleSpec
from forms.template_problems import TEXTS, Problems

MAX_RULES = 500
RULE_KEYS: dict[str, Any] = {"kind": str, "fields": TEXTS, "severity": str, "min_length": int,
                             "message": str}


def read_rules(rules: Any, types: dict[str, str], problems: Problems) -> tuple[RuleSpec, ...]:
    lines = problems.lines
    if not isinstance(rules, list):
        problems.add(lines.key("rules"), "rules", "应为规则列表（[[rules]]）")
        return ()
    if len(rules) > MAX_RULES:
        problems.add(lines.table("rules", 0), "rules", f"规则过多（{len(rules):,}条），最多{MAX_RULES}条")
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
    where = f"规则 {number}"
    ok = problems.check_keys(line, where, data, RULE_KEYS, {"kind"})
    if not isinstance(data, dict):
        return None
    bad = problems.check_types(line, where, data, RULE_KEYS, {"kind": 40, "message": 500})

    def at(key: str) -> int | None:
        return problems.lines.key(key, line) or line

    kind = data.get("kind")
    if "kind" in bad or kind is None:
        return None
    if kind not in RULE_KINDS:
        problems.add(at("kind"), where, f"未知的规则类型“{kind}”（可用：{', '.join(RULE_KINDS)}）")
        return None
    if "fields" not in data:
        problems.add(line, where, "缺少必填的键：fields")
        return None
    if "fields" in bad:
        return None
    fields = tuple(data["fields"])
    arity = RULE_KINDS[kind]
    if arity and len(fields) != arity:
        problems.add(at("fields"), where, f"规则“{kind}”需要 {arity} 个字段")
        return None
    for position, name in enumerate(fields):
        if name == "*" and len(fields) == 1 and not arity:
            continue
        if name not in types:
            problems.add(at("fields"), where, f"引用了不存在的字段“{name}”")
            ok = False
        elif types[name] in COMPOUND_TYPES:
            problems.add(at("fields"), where,
                         f"字段“{name}”是复合字段，请引用它的部分，如“{name}.<部分id>”")
            ok = False
        else:
            allowed = RULE_FIELD_TYPES.get(kind, ())
            if allowed and types[name] not in allowed[position]:
                problems.add(at("fields"), where,
                             f"规则“{kind}”不能用于字段“{name}”（类型 {types[name]}）")
                ok = False
    severity = data.get("severity", WARNING)
    if "severity" not in bad and severity not in (ERROR, WARNING):
        problems.add(at("severity"), where, "severity 只能是 error 或 warning")
        ok = False
    if not ok or bad:
        return None
    return RuleSpec(kind, fields, severity, int(data.get("min_length", 0)),
                    str(data.get("message", "")))
