"""What is wrong with a template: every mistake, each with its line, its place and a message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from forms.messages import Msg, msg, plural
from forms.template_lines import TemplateLines

MAX_PROBLEMS = 200  # listed one by one; the rest are counted in one last line

# Characters that have no business in a template's texts (newlines only where said).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

TEXTS = "texts"  # a list of texts
TABLES = "tables"  # a list of tables ([[...]])
ITEMS = "items"  # a list of texts or tables
TEMPLATE = msg("模板")  # where a problem of the whole template is
TYPE_NAMES = {str: msg("文字"), TEXTS: msg("文字列表"), TABLES: msg("表的列表（[[...]]）"),
              ITEMS: msg("列表"), bool: msg("布尔值（true 或 false）"), float: msg("数字"),
              int: msg("整数"), dict: msg("表（如 { field = \"...\" }）"), object: msg("值")}


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    """One mistake: ``line`` in the TOML text (None when unknown), ``where`` (a field id,
    规则 n, a role), and what is wrong, in Chinese."""

    line: int | None
    where: str
    message: str
    source: str = ""

    def text(self) -> Msg:
        """One printable line: 文件：第12行：字段“people”：未知的类型“names”."""
        text = msg("{where}：{message}", where=self.where, message=self.message)
        if self.line:
            text = msg("第{line}行：{problem}", line=self.line, problem=text)
        if self.source:
            text = msg("{source}：{problem}", source=self.source, problem=text)
        return text

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "where": str(self.where), "message": str(self.message),
                "source": self.source}


def type_ok(value: Any, expected: Any) -> bool:
    if expected is str or expected is bool or expected is dict:
        return isinstance(value, expected)
    if expected == TEXTS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if expected == TABLES:
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    if expected == ITEMS:
        return isinstance(value, list) and all(isinstance(v, str | dict) for v in value)
    if expected is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


class Problems:
    """The mistakes found so far, with the text's lines to place them."""

    def __init__(self, lines: TemplateLines) -> None:
        self.lines = lines
        self.found: list[TemplateProblem] = []
        self.dropped = 0

    def add(self, line: int | None, where: str, message: str) -> None:
        if len(self.found) >= MAX_PROBLEMS:
            self.dropped += 1
            return
        self.found.append(TemplateProblem(line, where, message))

    def listed(self) -> list[TemplateProblem]:
        if not self.dropped:
            return list(self.found)
        return self.found + [TemplateProblem(None, TEMPLATE, plural("另有{n}个问题未列出",
                                                                    n=self.dropped))]

    def check_keys(self, line: int | None, where: str, data: Any, allowed: set[str] | dict,
                   required: set[str]) -> bool:
        """``data`` is a table with only ``allowed`` keys and every ``required`` one."""
        if not isinstance(data, dict):
            self.add(line, where, msg("应为一个表（table）"))
            return False
        ok = True
        unknown = sorted(set(data) - set(allowed))
        if unknown:
            at = self.lines.key(unknown[0], line) if line or where == TEMPLATE else None
            self.add(at or line, where, msg("未知的键：{keys}", keys=", ".join(unknown)))
            ok = False
        missing = sorted(required - set(data))
        if missing:
            self.add(line, where, msg("缺少必填的键：{keys}", keys=", ".join(missing)))
            ok = False
        return ok

    def check_types(self, table_line: int | None, where: str, data: dict[str, Any],
                    types: dict[str, Any], limits: dict[str, int] | None = None,
                    multiline: tuple[str, ...] = ()) -> set[str]:
        """Check each present key's value type and texts; returns the keys that are wrong."""
        bad: set[str] = set()
        for name in data.keys() & types.keys():
            value, expected = data[name], types[name]
            message = None
            if not type_ok(value, expected):
                message = msg("{key} 的值应为{kind}", key=name, kind=TYPE_NAMES[expected])
            else:
                texts = [value] if isinstance(value, str) else \
                    [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
                limit = (limits or {}).get(name)
                for text in texts:
                    problem = text_problem(text, limit, name in multiline)
                    if problem:
                        message = msg("{key}：{problem}", key=name, problem=problem)
                        break
            if message:  # (its line is looked up only then: reading a good template stays quick)
                self.add(self.lines.key(name, table_line) or table_line, where, message)
                bad.add(name)
        return bad


def text_problem(text: str, limit: int | None = None, multiline: bool = False) -> Msg | None:
    """Why a template text cannot be used (control characters, too long), or None."""
    if limit is not None and len(text) > limit:
        return msg("过长（{count}字），最多{limit}字", count=f"{len(text):,}", limit=f"{limit:,}")
    match = _CONTROL.search(text)
    if match:
        return msg("含有不可见的控制字符（{char}），请删除", char=f"U+{ord(match[0]):04X}")
    if not multiline and ("\n" in text or "\r" in text):
        return msg("不能含换行")
    return None
