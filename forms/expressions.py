"""Declared comparisons between fields: ``direct_beneficiaries <= expected_beneficiaries``,
``total == offline + online``, ``fill_date >= activity_time``.

Each side is a sum of terms (a field key or a number, with + or -); the operators are
<=, <, >=, >, == (or =) and != (≤ ≥ ≠ and full-width forms are read too).

>>> parse_expression("a.b + 2 <= c")
((Term(sign=1, key='a.b', number=None), Term(sign=1, key=None, number=2.0)), '<=', (Term(sign=1, key='c', number=None),))
"""

from __future__ import annotations

import re
import unicodedata

from forms.messages import Msg, msg
from forms.spec import Term

OPERATORS = ("<=", ">=", "==", "!=", "<", ">")
_ALIASES = {"≤": "<=", "≥": ">=", "≠": "!=", "＝": "=", "＜": "<", "＞": ">"}
_TOKEN = re.compile(r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<key>[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?)"
                    r"|(?P<op><=|>=|==|!=|=|<|>)|(?P<sign>[+\-]))")
MAX_TERMS = 50


class ExpressionError(ValueError):
    """An expression that cannot be read; the message says where, in Chinese."""


def parse_expression(text: str) -> tuple[tuple[Term, ...], str, tuple[Term, ...]]:
    """The two sides and the operator; raises ExpressionError."""
    plain = unicodedata.normalize("NFKC", "".join(_ALIASES.get(c, c) for c in text)).strip()
    if not plain:
        raise ExpressionError(msg("表达式为空"))
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(plain):
        match = _TOKEN.match(plain, position)
        if match is None or match.end() == position:
            rest = plain[position:].strip()
            if not rest:
                break
            raise ExpressionError(msg("看不懂“{text}”（字段请写 id，如 direct_beneficiaries）",
                                      text=rest[:20]))
        kind = match.lastgroup or ""
        tokens.append((kind, match[kind]))
        position = match.end()
    operators = [n for n, (kind, _) in enumerate(tokens) if kind == "op"]
    if len(operators) != 1:
        raise ExpressionError(msg("需要一个比较符号：<=、<、>=、>、== 或 !="))
    at = operators[0]
    op = "==" if tokens[at][1] == "=" else tokens[at][1]
    left, right = _side(tokens[:at], msg("左边")), _side(tokens[at + 1:], msg("右边"))
    if len(left) + len(right) > MAX_TERMS:
        raise ExpressionError(msg("项太多，最多{limit}项", limit=MAX_TERMS))
    return left, op, right


def _side(tokens: list[tuple[str, str]], name: Msg) -> tuple[Term, ...]:
    terms: list[Term] = []
    sign = 1
    expect_operand = True
    for kind, text in tokens:
        if kind == "sign":
            if not expect_operand:
                sign, expect_operand = (1 if text == "+" else -1), True
            elif text == "-" and sign == 1 and not terms:
                sign = -1  # a leading minus
            else:
                raise ExpressionError(msg("{side}的“{text}”位置不对", side=name, text=text))
            continue
        if not expect_operand:
            raise ExpressionError(msg("{side}的“{text}”前缺少 + 或 -", side=name, text=text))
        terms.append(Term(sign, key=text) if kind == "key" else Term(sign, number=float(text)))
        sign, expect_operand = 1, False
    if not terms or expect_operand:
        raise ExpressionError(msg("{side}缺少字段或数字", side=name))
    return tuple(terms)


def keys_of(*sides: tuple[Term, ...]) -> tuple[str, ...]:
    """The field keys the sides read, once each, in order."""
    return tuple(dict.fromkeys(t.key for side in sides for t in side if t.key))


def describe_side(terms: tuple[Term, ...], labels: dict[str, str]) -> str:
    """直接受益人数, or 线下参与 + 线上观看: a side as a message names it."""
    pieces = []
    for index, term in enumerate(terms):
        name = labels.get(term.key, term.key) if term.key else f"{term.number:g}"
        if index:
            pieces.append(("+ " if term.sign > 0 else "- ") + name)
        else:
            pieces.append(("-" if term.sign < 0 else "") + name)
    return " ".join(pieces)
