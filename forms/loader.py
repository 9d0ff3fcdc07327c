"""Loading form templates from TOML: every mistake is found and named, and a broken template
never reaches the UI.

>>> check = check_template_text('id = "x"\\ntitle = "表"\\nversion = 1\\nsections = []', "x.toml")
>>> [p.text() for p in check.problems]
['x.toml：第4行：sections：至少需要一节（[[sections]]）']
"""

from __future__ import annotations

import functools
import logging
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from forms.messages import N_, Msg, msg
from forms.spec import FormTemplate
from forms.template_fields import ID_RE, FieldReader
from forms.template_lines import TemplateLines
from forms.template_problems import TABLES, TEMPLATE, TEXTS, Problems, TemplateProblem
from forms.template_roles import LEGACY_KEYS, read_roles
from forms.template_rules import read_rules
from forms.template_units import read_unit_synonyms, with_unit_synonyms

__all__ = ["FORMS_DIR", "TemplateCheck", "TemplateError", "TemplateProblem", "builtin_templates",
           "check_template_file", "check_template_text", "forget_checked", "load_builtin_templates",
           "load_template", "load_template_text"]

log = logging.getLogger("tianbao.forms")

FORMS_DIR = Path(__file__).resolve().parent.parent / "resources" / "forms"
MAX_TEMPLATE_CHARS = 2_000_000  # a real form is a few thousand; this leaves room for help texts
MAX_KEPT_CHARS = 200_000  # texts up to this size are kept once checked
FILE = msg("文件")  # where a problem with the file itself is
SYNTAX = msg("TOML 语法")

TEMPLATE_KEYS: dict[str, Any] = {
    "id": str, "title": str, "version": int, "title_format": str, "sections": TABLES,
    "rules": TABLES, "roles": dict, "unit_field": str, "period_field": str, "date_field": str,
    "signoff": TEXTS, "stamp_label": str, "unit_synonyms": dict, "order": int,
}
_TOP_LIMITS = {"id": 64, "title": 200, "title_format": 200, "unit_field": 100,
               "period_field": 100, "date_field": 100, "signoff": 100, "stamp_label": 50}
_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_TOML_MESSAGES = (  # tomllib's words → what to do, in Chinese
    (re.compile(r"Unterminated string|Illegal character '\\n'"),
     N_("引号没有配对，请检查文字两端的引号（{detail}）")),
    (re.compile(r"Illegal character '(.+)'"), N_("含有不可见的控制字符（{char}），请删除（{detail}）")),
    (re.compile(r"Expected '=' after a key"), N_("键后面缺少“=”（{detail}）")),
    (re.compile(r"Cannot declare .* twice|Cannot overwrite a value"),
     N_("同一个键或表写了两次（{detail}）")),
    (re.compile(r"Unescaped '\\'"), N_("文字中的反斜杠“\\”要写成“\\\\”（{detail}）")),
)


@dataclass
class TemplateCheck:
    """A template's text checked: the template when it is good, and every problem found."""

    template: FormTemplate | None
    problems: list[TemplateProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.template is not None and not self.problems


class TemplateError(Exception):
    """A template file that cannot be used; names the file, the line and the field."""

    def __init__(self, source: str, where: str, message: str, line: int | None = None,
                 problems: list[TemplateProblem] | None = None) -> None:
        self.source, self.where, self.message, self.line = source, where, message, line
        self.problems = problems or [TemplateProblem(line, where, message, source)]
        super().__init__(self.problems[0].text())

    def text(self) -> str:
        return self.problems[0].text()


def check_template_text(text: str, source: str = "<模板>") -> TemplateCheck:
    """Check a template's TOML text; finds every mistake, never raises.

    The same few texts are read again and again (each report keeps its template's text, and
    opening or exporting a report reads it; the catalogue read it first), so a text already
    checked is not checked again, whichever file or report it comes from now.
    """
    if len(text) <= MAX_KEPT_CHARS:
        template, problems = _kept_check(text)
        if template is not None and template.path != source:
            template = replace(template, path=source, index={})
        return TemplateCheck(template, [replace(p, source=source) for p in problems])
    return _check(text, source)


@functools.lru_cache(maxsize=32)
def _kept_check(text: str) -> tuple[FormTemplate | None, tuple[TemplateProblem, ...]]:
    check = _check(text, "")  # FormTemplate and TemplateProblem are immutable: shared
    return check.template, tuple(check.problems)


def forget_checked() -> None:
    """Check every text anew (benchmarks measure a first load with this)."""
    _kept_check.cache_clear()


def _check(text: str, source: str) -> TemplateCheck:
    if len(text) > MAX_TEMPLATE_CHARS:
        return _failed(source, [TemplateProblem(None, FILE, msg(
            "模板过大（{count}字），最多{limit}字", count=f"{len(text):,}",
            limit=f"{MAX_TEMPLATE_CHARS:,}"))])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match[1]) if match else text.count("\n") + 1 if "end of document" in str(exc) \
            else None
        return _failed(source, [TemplateProblem(line, SYNTAX, toml_message(str(exc)))])
    except RecursionError:
        return _failed(source, [TemplateProblem(None, SYNTAX, msg("嵌套过深，无法读取"))])
    problems = Problems(TemplateLines(text))
    try:
        template = _read(data, problems, text, source)
    except RecursionError:  # pragma: no cover - tomllib refuses deep nesting first
        problems.add(None, TEMPLATE, msg("嵌套过深，无法读取"))
        template = None
    found = [replace(p, source=source) for p in problems.listed()]
    return TemplateCheck(None if found else template, found)


def toml_message(error: str) -> Msg:
    """tomllib's error in Chinese, with the original words for a programmer."""
    detail = _TOML_LINE.sub("", error).replace("(at end of document)", "").strip()
    for pattern, message in _TOML_MESSAGES:
        match = pattern.search(detail)
        if match:
            char = ""
            if match.groups():
                try:
                    char = f"U+{ord(match[1].encode().decode('unicode_escape')):04X}"
                except (UnicodeDecodeError, TypeError):
                    char = match[1]
            return Msg(message, {"char": char, "detail": detail})
    return msg("格式有误（{detail}），请检查引号、括号和等号", detail=detail)


def _failed(source: str, problems: list[TemplateProblem]) -> TemplateCheck:
    return TemplateCheck(None, [replace(p, source=source) for p in problems])


def _read(data: dict[str, Any], problems: Problems, text: str, source: str) -> FormTemplate | None:
    lines = problems.lines
    where = TEMPLATE
    problems.check_keys(None, where, data, TEMPLATE_KEYS, {"id", "title", "version", "sections"})
    bad = problems.check_types(None, where, data, {k: v for k, v in TEMPLATE_KEYS.items()
                                                   if k not in ("version", "sections")},
                               _TOP_LIMITS)
    form_id = data.get("id")
    if "id" in data and "id" not in bad and not ID_RE.match(form_id):
        problems.add(lines.key("id"), "id", msg("模板 id 只能用小写英文字母、数字和下划线，并以字母开头"))
    version = data.get("version")
    if "version" in data and (isinstance(version, bool) or not isinstance(version, int)
                              or version < 1):
        problems.add(lines.key("version"), "version", msg("应为正整数"))
    order = data.get("order") if "order" not in bad else None
    if order is not None and not 1 <= order <= 9999:
        problems.add(lines.key("order"), "order", msg("应为 1 到 9999 之间的整数（小的排在前面）"))
        order = None
    sections = data.get("sections")
    if "sections" in data and (not isinstance(sections, list) or not sections):
        problems.add(lines.key("sections") or lines.table("sections", 0), "sections",
                     msg("至少需要一节（[[sections]]）"))
        sections = None
    title_format = data.get("title_format", "") if "title_format" not in bad else ""
    for placeholder in _PLACEHOLDER.findall(title_format):
        if placeholder not in ("{edition}", "{period}", "{year}"):
            problems.add(lines.key("title_format"), "title_format",
                         msg("不认识的占位符“{placeholder}”（可用：{{edition}}、{{period}}、{{year}}）",
                             placeholder=placeholder))
    if not isinstance(sections, list):
        return None
    reader = FieldReader(problems)
    too_many = reader.too_many(sections)
    if too_many:
        problems.add(lines.table("sections", 0), "sections", too_many)
        return None
    read = reader.read_sections(sections)
    built = reader.sections(read)
    if "unit_synonyms" not in bad:
        built = with_unit_synonyms(built, read_unit_synonyms(data.get("unit_synonyms"), problems))
    top = {k: v for k, v in data.items() if k not in bad}
    roles = read_roles({k: v for k, v in top.items() if k in LEGACY_KEYS or k == "roles"},
                       reader.types, problems)
    rules = read_rules(data.get("rules", []), reader.types, problems) if "rules" not in bad else ()
    if problems.found:
        return None
    return FormTemplate(
        id=form_id, title=data["title"], version=version, sections=built, rules=rules,
        title_format=title_format, roles=roles, source=text, path=source, order=order,
    )


def load_template_text(text: str, source: str = "<模板>") -> FormTemplate:
    """Parse and check a template's TOML text; raises TemplateError naming the first problem."""
    check = check_template_text(text, source)
    if check.template is None:
        first = check.problems[0]
        raise TemplateError(source, first.where, first.message, first.line, check.problems)
    return check.template


def _read_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(str(path), FILE, msg("无法读取：{error}", error=str(exc))) from exc


def check_template_file(path: Path | str) -> TemplateCheck:
    """``check_template_text`` on a file; an unreadable file is one problem."""
    path = Path(path)
    try:
        text = _read_file(path)
    except TemplateError as exc:
        return TemplateCheck(None, exc.problems)
    return check_template_text(text, str(path))


def load_template(path: Path) -> FormTemplate:
    return load_template_text(_read_file(path), str(path))


def load_builtin_templates(folder: Path = FORMS_DIR
                           ) -> tuple[dict[str, FormTemplate], list[TemplateProblem]]:
    """Every good template in ``folder`` by id, and the problems of the others.

    A broken file never stops the others; each problem names its file (``source``).
    """
    templates: dict[str, FormTemplate] = {}
    problems: list[TemplateProblem] = []
    for path in sorted(folder.glob("*.toml")):
        check = check_template_file(path)
        template = check.template
        if template is None:
            problems += check.problems
        elif template.id in templates:
            problems.append(TemplateProblem(None, "id", msg(
                "模板 id“{id}”与另一个模板（{other}）重复", id=template.id,
                other=Path(templates[template.id].path).name), str(path)))
        else:
            templates[template.id] = template
    return templates, problems


def builtin_templates(folder: Path = FORMS_DIR) -> dict[str, FormTemplate]:
    """Every good template in resources/forms, by id; broken ones are logged and left out."""
    templates, problems = load_builtin_templates(folder)
    for problem in problems:
        log.warning("template skipped: %s", problem.text())
    return templates
