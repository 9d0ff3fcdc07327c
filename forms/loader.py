"""Strict loading of form templates from TOML: a broken template never reaches the UI."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from forms.issues import ERROR, WARNING
from forms.quantity import COUNT_UNITS, MONEY_UNITS
from forms.registry import COMPOUND_TYPES, TYPES
from forms.rules import RULE_FIELD_TYPES, RULE_KINDS
from forms.spec import FieldSpec, FormTemplate, RuleSpec, Section

FORMS_DIR = Path(__file__).resolve().parent.parent / "resources" / "forms"

_TEMPLATE_KEYS = {"id", "title", "version", "title_format", "unit_field", "period_field",
                  "date_field", "signoff", "stamp_label", "sections", "rules"}
_SECTION_KEYS = {"id", "title", "fields"}
_FIELD_KEYS = {"id", "label", "type", "unit", "accept_units", "required", "min", "max",
               "max_length", "over_length", "help", "placeholder", "approx_allowed", "layout",
               "options", "parts"}
_RULE_KEYS = {"kind", "fields", "severity", "min_length", "message"}
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_FIELD_TYPES: dict[str, Any] = {
    "id": str, "label": str, "type": str, "unit": str, "accept_units": list, "required": bool,
    "min": float, "max": float, "max_length": int, "over_length": str, "help": str,
    "placeholder": str, "approx_allowed": bool, "layout": str, "options": list, "parts": object,
}
_TYPE_NAMES = {str: "文字", list: "文字列表", bool: "布尔值（true 或 false）", float: "数字",
               int: "整数", object: "值"}


class TemplateError(Exception):
    """A template file that cannot be used; names the file and the field."""

    def __init__(self, source: str, where: str, message: str) -> None:
        super().__init__(f"{source}：{where}：{message}")
        self.source, self.where, self.message = source, where, message

    def text(self) -> str:
        return str(self)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.keys: set[str] = set()
        self.types: dict[str, str] = {}  # key -> field type

    def fail(self, where: str, message: str) -> TemplateError:
        return TemplateError(self.source, where, message)

    def check_keys(self, where: str, data: Any, allowed: set[str], required: set[str]) -> None:
        if not isinstance(data, dict):
            raise self.fail(where, "应为一个表（table）")
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise self.fail(where, f"未知的键：{', '.join(unknown)}")
        missing = sorted(required - set(data))
        if missing:
            raise self.fail(where, f"缺少必填的键：{', '.join(missing)}")

    def field(self, data: Any, where: str, parent: FieldSpec | None = None) -> FieldSpec:
        if isinstance(data, dict) and "id" in data:
            where = f"字段“{parent.id + '.' if parent else ''}{data['id']}”"
        self.check_keys(where, data, _FIELD_KEYS, {"id", "label", "type"})
        fid = data["id"]
        if not isinstance(fid, str) or not _ID_RE.match(fid):
            raise self.fail(where, "id 只能用小写英文字母、数字和下划线，并以字母开头")
        key = f"{parent.id}.{fid}" if parent else fid
        if key in self.keys:
            raise self.fail(where, "id 重复")
        self.keys.add(key)
        ftype = data["type"]
        self.types[key] = ftype
        if ftype not in TYPES and (ftype not in COMPOUND_TYPES or parent is not None):
            raise self.fail(where, f"未知的类型“{ftype}”（可用：{', '.join(sorted(TYPES) + list(COMPOUND_TYPES))}）")
        self._check_values(data, where, ftype)
        label = str(data["label"])
        spec = FieldSpec(
            id=fid, label=label, type=ftype, key=key,
            full_label=f"{parent.label}（{label}）" if parent else label,
            unit=data.get("unit"), accept_units=tuple(data.get("accept_units", ())),
            required=bool(data.get("required", False)), min=data.get("min"), max=data.get("max"),
            max_length=data.get("max_length"), over_length=data.get("over_length", ERROR),
            help=str(data.get("help", "")), placeholder=str(data.get("placeholder", "")),
            approx_allowed=bool(data.get("approx_allowed", True)),
            layout=data.get("layout", "half"), options=tuple(data.get("options", ())),
            parent=parent.id if parent else None,
        )
        if ftype in COMPOUND_TYPES:
            raw_parts = data.get("parts")
            if not isinstance(raw_parts, list) or len(raw_parts) < 2:
                raise self.fail(where, "复合字段至少需要两个 parts")
            parts = tuple(self.field(p, f"{where}.parts", spec) for p in raw_parts)
            spec = FieldSpec(**{**_as_dict(spec), "parts": parts})
        elif "parts" in data:
            raise self.fail(where, f"只有复合类型（{', '.join(COMPOUND_TYPES)}）才能有 parts")
        return spec

    def check_types(self, where: str, data: dict[str, Any], types: dict[str, Any]) -> None:
        for name, expected in types.items():
            value = data.get(name)
            if value is None:
                continue
            if expected is list:
                ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            elif expected is float:
                ok = isinstance(value, int | float) and not isinstance(value, bool)
            elif expected is int:
                ok = isinstance(value, int) and not isinstance(value, bool)
            else:
                ok = isinstance(value, expected)
            if not ok:
                raise self.fail(where, f"{name} 的值应为{_TYPE_NAMES[expected]}")

    def _check_values(self, data: dict[str, Any], where: str, ftype: str) -> None:
        self.check_types(where, data, _FIELD_TYPES)
        if data.get("layout", "half") not in ("half", "full"):
            raise self.fail(where, "layout 只能是 half 或 full")
        if data.get("over_length", ERROR) not in (ERROR, WARNING):
            raise self.fail(where, "over_length 只能是 error 或 warning")
        units = [data["unit"]] if data.get("unit") else []
        units += list(data.get("accept_units", ()))
        known = MONEY_UNITS if ftype == "money" else COUNT_UNITS
        for unit in units:
            if unit not in known:
                raise self.fail(where, f"未知的单位“{unit}”")
        if ftype in ("choice", "checklist") and not data.get("options"):
            raise self.fail(where, "选择类字段需要 options")
        if data.get("max_length") is not None and data["max_length"] < 1:
            raise self.fail(where, "max_length 应为正整数")

    def rule(self, data: Any, number: int) -> RuleSpec:
        where = f"规则 {number}"
        self.check_keys(where, data, _RULE_KEYS, {"kind", "fields"})
        self.check_types(where, data, {"kind": str, "fields": list, "severity": str,
                                       "min_length": int, "message": str})
        kind = data["kind"]
        if kind not in RULE_KINDS:
            raise self.fail(where, f"未知的规则类型“{kind}”")
        fields = tuple(data["fields"])
        arity = RULE_KINDS[kind]
        if arity and len(fields) != arity:
            raise self.fail(where, f"规则“{kind}”需要 {arity} 个字段")
        for position, name in enumerate(fields):
            if name == "*" and len(fields) == 1 and not arity:
                continue
            if name not in self.keys:
                raise self.fail(where, f"引用了不存在的字段“{name}”")
            if self.types[name] in COMPOUND_TYPES:
                raise self.fail(where, f"字段“{name}”是复合字段，请引用它的部分，如“{name}.<部分id>”")
            allowed = RULE_FIELD_TYPES.get(kind, ())
            if allowed and self.types[name] not in allowed[position]:
                raise self.fail(where, f"规则“{kind}”不能用于字段“{name}”（类型 {self.types[name]}）")
        severity = data.get("severity", WARNING)
        if severity not in (ERROR, WARNING):
            raise self.fail(where, "severity 只能是 error 或 warning")
        return RuleSpec(kind, fields, severity, int(data.get("min_length", 0)),
                        str(data.get("message", "")))


def _as_dict(spec: FieldSpec) -> dict[str, Any]:
    return {name: getattr(spec, name) for name in FieldSpec.__dataclass_fields__}


def load_template_text(text: str, source: str = "<模板>") -> FormTemplate:
    """Parse and check a template's TOML text; raises TemplateError naming the problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(source, "TOML 语法", str(exc)) from exc
    reader = _Reader(source)
    reader.check_keys("模板", data, _TEMPLATE_KEYS, {"id", "title", "version", "sections"})
    reader.check_types("模板", data, {"id": str, "title": str, "title_format": str,
                                      "unit_field": str, "period_field": str, "date_field": str,
                                      "signoff": list, "stamp_label": str})
    if not _ID_RE.match(data["id"]):
        raise reader.fail("id", "模板 id 只能用小写英文字母、数字和下划线，并以字母开头")
    if isinstance(data["version"], bool) or not isinstance(data["version"], int) \
            or data["version"] < 1:
        raise reader.fail("version", "应为正整数")
    if not isinstance(data["sections"], list) or not data["sections"]:
        raise reader.fail("sections", "至少需要一节（[[sections]]）")
    sections = []
    for index, raw in enumerate(data["sections"], 1):
        reader.check_keys(f"第{index}节", raw, _SECTION_KEYS, {"id", "title", "fields"})
        if not isinstance(raw["fields"], list) or not raw["fields"]:
            raise reader.fail(f"第{index}节", "至少需要一个字段（[[sections.fields]]）")
        fields = tuple(reader.field(f, f"第{index}节") for f in raw["fields"])
        sections.append(Section(str(raw["id"]), str(raw["title"]), fields))
    rules = tuple(reader.rule(r, n) for n, r in enumerate(data.get("rules", []), 1))
    references = [(name, data[name]) for name in ("unit_field", "period_field", "date_field")
                  if name in data]
    references += [("signoff", key) for key in data.get("signoff", [])]
    for name, key in references:
        if key not in reader.keys:
            raise reader.fail(name, f"引用了不存在的字段“{key}”")
    return FormTemplate(
        id=data["id"], title=data["title"], version=data["version"], sections=tuple(sections),
        rules=rules, title_format=data.get("title_format", ""),
        unit_field=data.get("unit_field"), period_field=data.get("period_field"),
        date_field=data.get("date_field"), signoff=tuple(data.get("signoff", ())),
        stamp_label=data.get("stamp_label", ""), source=text, path=source,
    )


def load_template(path: Path) -> FormTemplate:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(str(path), "文件", f"无法读取：{exc}") from exc
    return load_template_text(text, str(path))


def builtin_templates(folder: Path = FORMS_DIR) -> dict[str, FormTemplate]:
    """Every template in resources/forms, by id; raises TemplateError on the first broken one."""
    templates: dict[str, FormTemplate] = {}
    for path in sorted(folder.glob("*.toml")):
        template = load_template(path)
        if template.id in templates:
            raise TemplateError(str(path), "id", f"模板 id“{template.id}”与另一个模板重复")
        templates[template.id] = template
    return templates
