"""Reading a template's sections and fields, collecting every mistake on the way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from forms.issues import ERROR, WARNING
from forms.messages import msg
from forms.registry import COMPOUND_TYPES, TYPES
from forms.spec import FieldSpec, Section
from forms.template_logic import Place, cycles, read_calculation, read_condition
from forms.template_problems import ITEMS, TABLES, TEXTS, Problems

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_SECTIONS = 100
MAX_FIELDS = 1000  # values (fields and parts) in one template
MAX_PARTS = 20
MAX_OPTIONS = 200
LABEL_LIMIT = 200
HELP_LIMIT = 2000

SECTION_KEYS: dict[str, Any] = {"id": str, "title": str, "fields": TABLES}
FIELD_KEYS: dict[str, Any] = {
    "id": str, "label": str, "type": str, "unit": str, "accept_units": TEXTS, "required": bool,
    "min": float, "max": float, "max_length": int, "over_length": str, "help": str,
    "placeholder": str, "approx_allowed": bool, "layout": str, "options": ITEMS, "parts": TABLES,
    "example": str, "aggregate": str, "show_if": dict, "calculate": dict, "pattern": str,
    "pattern_message": str,
}
OPTION_KEYS: dict[str, Any] = {"code": str, "label": str}
CODE_LIMIT = 50
_LIMITS = {"id": 64, "label": LABEL_LIMIT, "type": 40, "unit": 10, "help": HELP_LIMIT,
           "placeholder": LABEL_LIMIT, "example": LABEL_LIMIT, "aggregate": 10, "pattern": 200,
           "pattern_message": LABEL_LIMIT, "over_length": 10, "layout": 10, "accept_units": 10,
           "options": LABEL_LIMIT, "title": LABEL_LIMIT}


def pattern_problem(pattern: str, field_type: str) -> str | None:
    """What is wrong with a field's ``pattern``, or None."""
    if field_type not in ("text", "long_text"):
        return msg("pattern 只能用于文字（text、long_text）字段")
    try:
        re.compile(pattern)
    except re.error as exc:
        return msg("pattern 不是有效的正则表达式：{error}", error=str(exc))
    # A repeated group that itself repeats ((a+)+) can take forever on a long text.
    if re.search(r"\([^()]*[+*}][^()]*\)\s*[+*{]", pattern) or re.search(r"\\[1-9]", pattern):
        return msg("pattern 中有嵌套的重复（如 (a+)+）或反向引用，校验可能极慢，请改写")
    return None


@dataclass
class Entry:
    """A field (or part) as read from the text, before it becomes a FieldSpec."""

    key: str
    data: dict[str, Any]
    where: str
    line: int | None
    parent: Entry | None = None
    parts: list[Entry] = field(default_factory=list)


class FieldReader:
    """Sections and fields of one template; ``types`` maps every key read to its type."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.lines = problems.lines
        self.entries: dict[str, Entry] = {}
        self.built: dict[str, FieldSpec] = {}  # every field and part, once read
        self.types: dict[str, str] = {}
        self._field_count = 0
        self._part_count = 0
        self._fields_total = 0
        self._parts_total = 0

    def too_many(self, sections: list[Any]) -> str | None:
        """Refuse an oversized template before reading any field (it would take too long)."""
        if len(sections) > MAX_SECTIONS:
            return msg("节过多（{count}节），一个模板最多{limit}节", count=f"{len(sections):,}",
                       limit=MAX_SECTIONS)
        fields = [f for s in sections if isinstance(s, dict) and isinstance(s.get("fields"), list)
                  for f in s["fields"]]
        parts = [p for f in fields if isinstance(f, dict) and isinstance(f.get("parts"), list)
                 for p in f["parts"]]
        self._fields_total, self._parts_total = len(fields), len(parts)
        if len(fields) + len(parts) > MAX_FIELDS:
            return msg("字段过多（{count}个），一个模板最多{limit}个字段；请拆分成几张表",
                       count=f"{len(fields) + len(parts):,}", limit=f"{MAX_FIELDS:,}")
        return None

    # --- pass 1: every entry, its key and type ---------------------------------------------

    def read_sections(self, sections: list[Any]) -> list[tuple[str, str, list[Entry]]]:
        result = []
        for index, raw in enumerate(sections, 1):
            where = msg("第{number}节", number=index)
            line = self.lines.table("sections", index - 1, len(sections))
            self.problems.check_keys(line, where, raw, SECTION_KEYS, set(SECTION_KEYS))
            if not isinstance(raw, dict) or "fields" not in raw:
                continue
            self.problems.check_types(line, where, raw, SECTION_KEYS,
                                      {"id": 64, "title": LABEL_LIMIT})
            if not isinstance(raw["fields"], list):
                continue
            if not raw["fields"]:
                self.problems.add(line, where, msg("至少需要一个字段（[[sections.fields]]）"))
            entries = [e for e in (self._entry(f, where) for f in raw["fields"]) if e]
            result.append((str(raw.get("id", "")), str(raw.get("title", "")), entries))
        return result

    def _entry(self, data: Any, section_where: str, parent: Entry | None = None) -> Entry | None:
        number = self._part_count if parent else self._field_count
        if parent:
            self._part_count += 1
            line = self.lines.table("sections.fields.parts", number, self._parts_total)
        else:
            self._field_count += 1
            line = self.lines.table("sections.fields", number, self._fields_total)
        fid = data.get("id") if isinstance(data, dict) else None
        if line is None and isinstance(fid, str):
            line = self.lines.id_line(fid)
        where = msg("{where}.parts", where=section_where) if parent else section_where
        if isinstance(fid, str):
            where = msg("字段“{key}”", key=f"{parent.key + '.' if parent else ''}{fid}")
        if not self.problems.check_keys(line, where, data, FIELD_KEYS, {"id", "label", "type"}):
            if not isinstance(data, dict) or not {"id", "label", "type"} <= set(data):
                return None
        if not isinstance(fid, str) or not ID_RE.match(fid):
            self.problems.add(line, where, msg("id 只能用小写英文字母、数字和下划线，并以字母开头"))
            return None
        key = f"{parent.key}.{fid}" if parent else fid
        if key in self.entries:
            self.problems.add(line, where, msg("id 重复"))
            return None
        entry = Entry(key, data, where, line, parent)
        self.entries[key] = entry
        ftype = data["type"]
        self.types[key] = ftype if isinstance(ftype, str) else ""
        known = ftype in TYPES or (ftype in COMPOUND_TYPES and parent is None)
        if not known:
            available = ", ".join(sorted(TYPES) + list(COMPOUND_TYPES))
            self.problems.add(self.lines.key("type", line) or line, where,
                              msg("未知的类型“{type}”（可用：{available}）", type=ftype,
                                  available=available))
        raw_parts = data.get("parts")
        if ftype in COMPOUND_TYPES and parent is None:
            if not isinstance(raw_parts, list) or len(raw_parts) < 2:
                self.problems.add(line, where, msg("复合字段至少需要两个 parts"))
            elif len(raw_parts) > MAX_PARTS:
                self.problems.add(line, where, msg("parts 过多，最多{limit}个", limit=MAX_PARTS))
            else:
                entry.parts = [p for p in (self._entry(r, where, entry) for r in raw_parts) if p]
        elif "parts" in data:
            self.problems.add(self.lines.key("parts", line) or line, where,
                              msg("只有复合类型（{types}）才能有 parts",
                                  types=", ".join(COMPOUND_TYPES)))
        return entry

    # --- pass 2: the specs -----------------------------------------------------------------

    def sections(self, read: list[tuple[str, str, list[Entry]]]) -> tuple[Section, ...]:
        specs = [(sid, title, [self.spec(e) for e in entries]) for sid, title, entries in read]
        for spec in [s for _, _, fields in specs for s in fields]:
            self.built[spec.key] = spec
            for part in spec.parts:
                self.built[part.key] = part
        sections = tuple(Section(sid, title, tuple(self._linked(s) for s in fields))
                         for sid, title, fields in specs)
        self._check_cycles(sections)
        return sections

    # --- pass 3: show_if and calculate, once every field is known --------------------------

    def _linked(self, spec: FieldSpec) -> FieldSpec:
        entry = self.entries[spec.key]
        place = Place(spec.key, entry.where, entry.line)
        changes: dict[str, Any] = {}
        if spec.parts:
            changes["parts"] = tuple(self._linked(part) for part in spec.parts)
        if isinstance(entry.data.get("show_if"), dict):
            if spec.parent:
                self.problems.add(self.lines.key("show_if", entry.line) or entry.line,
                                  entry.where, msg("show_if 只能写在整个字段上，不能写在部分上"))
            else:
                changes["show_if"] = read_condition(place, entry.data["show_if"], self.built,
                                                    self.problems)
        if isinstance(entry.data.get("calculate"), dict):
            changes["calculate"] = read_calculation(place, spec, entry.data["calculate"],
                                                    self.built, self.problems)
        return replace(spec, **changes) if changes else spec

    def _check_cycles(self, sections: tuple[Section, ...]) -> None:
        shown: dict[str, tuple[str, ...]] = {}
        totals: dict[str, tuple[str, ...]] = {}
        for spec in (s for section in sections for s in section.fields):
            if spec.show_if is not None:
                for leaf in spec.parts or (spec,):
                    shown[leaf.key] = (spec.show_if.field,)
            for leaf in spec.parts or (spec,):
                if leaf.calculate is not None:
                    totals[leaf.key] = leaf.calculate.keys
        for edges, what, key in ((shown, "show_if", "show_if"), (totals, "calculate", "calculate")):
            for cycle in cycles(edges):
                entry = self.entries[cycle[0]]
                self.problems.add(self.lines.key(key, entry.line) or entry.line, entry.where,
                                  msg("{key} 循环引用：{cycle}", key=what, cycle=" → ".join(cycle)))

    def spec(self, entry: Entry) -> FieldSpec:
        data, where, line = entry.data, entry.where, entry.line
        bad = self.problems.check_types(line, where, data, FIELD_KEYS, _LIMITS,
                                        multiline=("help",))
        self._check_values(entry, bad)
        parent = entry.parent
        label = str(data["label"])

        def get(name: str, default: Any) -> Any:
            return default if name in bad else data.get(name, default)

        spec = FieldSpec(
            id=data["id"], label=label, type=self.types[entry.key], key=entry.key,
            full_label=f"{parent.data['label']}（{label}）" if parent else label,
            unit=get("unit", None), accept_units=tuple(get("accept_units", ())),
            required=bool(get("required", False)), min=get("min", None), max=get("max", None),
            max_length=get("max_length", None), over_length=get("over_length", ERROR),
            help=str(get("help", "")), placeholder=str(get("placeholder", "")),
            example=str(get("example", "")), pattern=str(get("pattern", "")),
            pattern_message=str(get("pattern_message", "")),
            approx_allowed=bool(get("approx_allowed", True)), layout=get("layout", "half"),
            parent=parent.data["id"] if parent else None,
        )
        aggregate = get("aggregate", None)
        if aggregate is None and parent is not None and isinstance(
                parent.data.get("aggregate"), str):
            aggregate = parent.data["aggregate"]  # a compound field's applies to its parts
        if aggregate is not None and not entry.parts and spec.type in TYPES:
            allowed = TYPES[spec.type].aggregates
            if aggregate not in allowed:
                self.problems.add(self.lines.key("aggregate", line) or line, where,
                                  msg("aggregate 只能是 {allowed}（类型 {type}）", allowed=allowed,
                                      type=spec.type))
            else:
                spec = replace(spec, aggregate=aggregate)
        if "options" in data and "options" not in bad:
            labels, codes = self._options(entry)
            spec = replace(spec, options=labels, codes=codes)
        if entry.parts:
            spec = replace(spec, parts=tuple(self.spec(part) for part in entry.parts))
        elif spec.type in TYPES:
            for key, message in TYPES[spec.type].spec_problems(spec):
                self.problems.add(self.lines.key(key, line) or line, where, message)
        return spec

    def _options(self, entry: Entry) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The labels and codes of ``options``: texts (code = label) or {code, label} tables."""
        line = self.lines.key("options", entry.line) or entry.line
        labels: list[str] = []
        codes: list[str] = []
        if len(entry.data["options"]) > MAX_OPTIONS:
            self.problems.add(line, entry.where, msg("选项过多，最多{limit}个", limit=MAX_OPTIONS))
            return (), ()
        for number, item in enumerate(entry.data["options"], 1):
            where = msg("{where}的第{number}个选项", where=entry.where, number=number)
            if isinstance(item, str):
                item = {"code": item, "label": item}
            elif not self.problems.check_keys(line, where, item, OPTION_KEYS, set(OPTION_KEYS)):
                continue
            if self.problems.check_types(line, where, item, OPTION_KEYS,
                                         {"code": CODE_LIMIT, "label": LABEL_LIMIT}):
                continue
            if not item["code"].strip() or not item["label"].strip():
                self.problems.add(line, where, msg("选项的代码和名称都不能为空"))
                continue
            codes.append(item["code"])
            labels.append(item["label"])
        return tuple(labels), (tuple(codes) if codes != labels else ())

    def _check_values(self, entry: Entry, bad: set[str]) -> None:
        data, where = entry.data, entry.where

        def at(key: str) -> int | None:
            return self.lines.key(key, entry.line) or entry.line

        if "layout" not in bad and data.get("layout", "half") not in ("half", "full"):
            self.problems.add(at("layout"), where, msg("layout 只能是 half 或 full"))
        if "over_length" not in bad and data.get("over_length", ERROR) not in (ERROR, WARNING):
            self.problems.add(at("over_length"), where, msg("over_length 只能是 error 或 warning"))
        if "max_length" not in bad and data.get("max_length") is not None \
                and data["max_length"] < 1:
            self.problems.add(at("max_length"), where, msg("max_length 应为正整数"))
        if "pattern" not in bad and data.get("pattern"):
            message = pattern_problem(data["pattern"], self.types.get(entry.key, ""))
            if message:
                self.problems.add(at("pattern"), where, message)
