"""XLSForm (ODK / KoboToolbox) to a draft template, through pyxform's spreadsheet reader.

The supported subset: types integer, decimal, text, date, select_one, select_multiple, note,
calculate; columns label, hint, required; constraints ``. >= n``, ``. <= ${other}``,
``string-length(.) <= n``, ``regex(., '…')`` with constraint_message; relevant ``${x} = 'v'``;
settings form_title, form_id, version. Everything else is reported by sheet and row, never
dropped in silence. An unknown type or a calculation cycle refuses the whole form.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from forms.importing.draft import Draft, DraftField, DraftSection
from forms.importing.grid import ImportRefused
from forms.importing.ids import make_id
from forms.importing.labels import guess_type
from forms.messages import msg
from forms.rules import RULE_KINDS
from forms.template_fields import FIELD_KEYS

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_REF = re.compile(r"\$\{([^}\s]+)\}")
_NUMBER = r"-?\d+(?:\.\d+)?"
_SIMPLE_TYPES = {"integer": "count", "int": "count", "decimal": "decimal", "text": "text",
                 "string": "text", "date": "date"}
_GROUP = re.compile(r"^(begin|end)[ _](group|repeat)$")
_SELECT = re.compile(r"^(select_one|select one|select_multiple|select all that apply)\s+(\S+)$")
_KNOWN_COLUMNS = {"type", "name", "label", "hint", "required", "constraint", "constraint_message",
                  "constraint message", "relevant", "calculation"}
_SETTINGS = {"form_title", "form_id", "version", "default_language"}
_YES = ("yes", "true", "true()", "1")
_NO = ("", "no", "false", "false()", "0")


def _expression_key(text: str) -> str:
    """An expression without blanks, one kind of quote: to tell two writings of one condition."""
    return re.sub(r"\s+", "", text).replace('"', "'")


def is_xlsform(path: Path) -> bool:
    """An .xlsx workbook with a sheet named ``survey``."""
    try:
        with zipfile.ZipFile(path) as archive:
            book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return False
    return bool(re.search(r"<(?:\w+:)?sheet\b[^>]*\bname=\"survey\"", book, re.IGNORECASE))


def read_xlsform(path: Path, *, fit: bool = True) -> Draft:
    """The draft template of an XLSForm; ImportRefused for an unknown type or a cycle.

    ``fit``: leave out (and report by row) what today's template language cannot say.
    """
    from pyxform.errors import PyXFormError  # noqa: PLC0415 - pyxform takes a second to import
    from pyxform.xls2json_backends import xlsx_to_dict  # noqa: PLC0415

    path = Path(path)
    try:
        with path.open("rb") as handle:
            book = xlsx_to_dict(handle)
    except (PyXFormError, OSError, ValueError) as exc:
        raise ImportRefused(msg("无法读取 XLSForm“{name}”：{error}", name=path.name,
                                error=str(exc))) from None
    return _Converter(book, path.name).convert(fit)


def _language_column(row_keys: set[str], base: str) -> str | None:
    """``label``, or the Chinese ``label::…`` column, or the first translated one."""
    if base in row_keys:
        return base
    translated = sorted(k for k in row_keys if k.startswith(base + "::"))
    chinese = [k for k in translated if re.search(r"zh|中文|chinese|汉", k, re.IGNORECASE)]
    return (chinese or translated or [None])[0]


class _Converter:
    def __init__(self, book: dict[str, Any], name: str) -> None:
        self.book = book
        self.name = name
        self.problems: list[str] = []
        self.ids: dict[str, str] = {}  # XLSForm name -> field id
        self.rows: dict[str, int] = {}  # field id -> survey row
        self.taken: set[str] = set()
        self.sections: list[DraftSection] = []
        self.rules: list[dict[str, Any]] = []
        self.pending_help: list[str] = []
        self.required_while_shown: set[str] = set()  # required only while its show_if holds

    def report(self, sheet: str, row: int | None, message: str) -> None:
        where = msg("{sheet} 表第{row}行", sheet=sheet, row=row) if row else \
            msg("{sheet} 表", sheet=sheet)
        self.problems.append(msg("{where}：{message}", where=where, message=message))

    def convert(self, fit: bool = True) -> Draft:
        survey = self.book.get("survey") or []
        if not survey:
            raise ImportRefused(msg("“{name}”的 survey 表是空的，没有题目", name=self.name))
        keys = {k for row in survey for k in row}
        self.label_col = _language_column(keys, "label")
        self.hint_col = _language_column(keys, "hint")
        self.message_col = (_language_column(keys, "constraint_message")
                            or _language_column(keys, "constraint message"))
        choices = self._choices()
        self._refuse_unknown_types(survey)
        section = self._section("表格内容")
        groups: list[DraftSection] = []
        fields: list[tuple[int, dict[str, str], DraftField]] = []
        for index, row in enumerate(survey):
            number = index + 2  # row 1 holds the headers
            kind = " ".join(str(row.get("type", "")).split())
            if not kind:
                if any(row.values()):
                    self.report("survey", number, msg("没有填写 type，此行未导入"))
                continue
            self._unsupported_columns(row, number)
            group = _GROUP.match(kind)
            if group:
                groups, section = self._group(group, row, number, groups, section)
                continue
            spec = self._field(kind, row, number, choices)
            if spec is not None:
                section.fields.append(spec)
                fields.append((number, row, spec))
        for number, row, spec in fields:
            self._constraint(row, number, spec)
            self._relevant(row, number, spec)
            self._calculation(row, number, spec)
        self._refuse_cycles()
        if fit:
            self._fit_template_language()
        for number, _row, spec in fields:
            self._unrequire(spec, number)
        return self._draft()

    # --- sheets --------------------------------------------------------------------------
    def _choices(self) -> dict[str, list[tuple[str, str]]]:
        lists: dict[str, list[tuple[str, str]]] = {}
        rows = self.book.get("choices") or []
        label_col = _language_column({k for r in rows for k in r}, "label")
        for index, row in enumerate(rows):
            number = index + 2
            list_name = row.get("list_name") or row.get("list name")
            if not list_name:
                if any(row.values()):
                    self.report("choices", number, msg("没有 list_name，此行未导入"))
                continue
            code = str(row.get("name", "")).strip()
            label = str(row.get(label_col, "") if label_col else "").strip() or code
            if not code:
                self.report("choices", number, msg("选项没有 name（代码），未导入"))
                continue
            extra = sorted(k for k in row if k not in ("list_name", "list name", "name")
                           and not k.startswith("label"))
            if extra:
                self.report("choices", number, msg("列 {columns} 不支持，已忽略", columns=extra))
            lists.setdefault(list_name, []).append((code, label))
        return lists

    def _refuse_unknown_types(self, survey: list[dict[str, str]]) -> None:
        from pyxform.question_type_dictionary import QUESTION_TYPE_DICT  # noqa: PLC0415

        unknown = []
        for index, row in enumerate(survey):
            kind = " ".join(str(row.get("type", "")).split())
            if kind and not (kind in QUESTION_TYPE_DICT or _GROUP.match(kind) or _SELECT.match(kind)
                             or kind.split(" ")[0] in ("select_one_from_file", "select_multiple_from_file",
                                                       "select_one_external")):
                unknown.append(msg("survey 表第{row}行的“{kind}”", row=index + 2, kind=kind))
        if unknown:
            raise ImportRefused(msg("“{name}”中有未知的题型：{types}。"
                                    "请改为 XLSForm 的题型（如 integer、text、select_one 列表名）后再导入",
                                    name=self.name, types=unknown[:10]))

    def _settings(self) -> dict[str, str]:
        rows = self.book.get("settings") or []
        settings = dict(rows[0]) if rows else {}
        extra = sorted(set(settings) - _SETTINGS)
        if extra:
            self.report("settings", 2, msg("设置 {settings} 不支持，已忽略", settings=extra))
        return settings

    def _unsupported_columns(self, row: dict[str, str], number: int) -> None:
        for column, value in row.items():
            base = column.split("::")[0]
            if base in _KNOWN_COLUMNS or not str(value).strip():
                continue
            if base == "appearance" and str(value).strip() == "multiline" and row.get("type") == "text":
                continue
            self.report("survey", number, msg("列“{column}”不支持，已忽略（值：{value}）",
                                              column=column, value=str(value)[:40]))

    # --- rows ----------------------------------------------------------------------------
    def _section(self, title: str) -> DraftSection:
        section = DraftSection(make_id(title, self.taken, "section"), title)
        self.sections.append(section)
        return section

    def _group(self, match: re.Match[str], row: dict[str, str], number: int,
               groups: list[DraftSection], section: DraftSection) -> tuple[list[DraftSection],
                                                                           DraftSection]:
        if match[1] == "begin":
            if match[2] == "repeat":
                self.report("survey", number, msg("重复组（repeat）不支持，组内题目按普通题目导入"))
            title = str(row.get(self.label_col or "label", "") or row.get("name", "") or "分组")
            groups = [*groups, section]
            return groups, self._section(title)
        if not groups:
            self.report("survey", number, msg("多余的 end {kind}，已忽略", kind=match[2]))
            return groups, section
        # Fields after the group go to a new section titled like the one before it.
        previous = groups[-1]
        return groups[:-1], self._section(previous.title)

    def _field(self, kind: str, row: dict[str, str], number: int,
               choices: dict[str, list[tuple[str, str]]]) -> DraftField | None:
        name = str(row.get("name", "")).strip()
        label = " ".join(str(row.get(self.label_col, "") if self.label_col else "").split())
        hint = str(row.get(self.hint_col, "") if self.hint_col else "").strip()
        if kind == "note":
            text = label or hint
            if text:
                self.pending_help.append(text)
            return None
        if not name:
            self.report("survey", number, msg("题型 {kind} 没有 name，此行未导入", kind=kind))
            return None
        select = _SELECT.match(kind)
        if kind in _SIMPLE_TYPES:
            ftype = _SIMPLE_TYPES[kind]
            if ftype == "text" and "multiline" in str(row.get("appearance", "")):
                ftype = "long_text"
        elif select:
            ftype = "choice" if select[1] in ("select_one", "select one") else "checklist"
        elif kind == "calculate":
            ftype = "count"
        else:
            self.report("survey", number, msg("题型“{kind}”不在支持范围内，此题（{name}）未导入",
                                              kind=kind, name=name))
            return None
        spec = DraftField(self._id(name, number), label or name, ftype, reason=f"XLSForm {kind}",
                          where=msg("{sheet} 表第{row}行", sheet="survey", row=number))
        if not label and kind != "calculate":
            self.report("survey", number, msg("题目“{name}”没有 label，已用 name 作为栏目名称",
                                              name=name))
        if ftype in ("count", "decimal"):  # the unit (人次, %) and the merge (平均) from the label
            guessed = guess_type(spec.label)
            numeric = guessed.type in ("count", "decimal") and not guessed.scale_note
            spec.unit = guessed.unit if numeric and (ftype == "decimal" or guessed.unit != "%") \
                else None
            spec.aggregate = guessed.aggregate
        if select:
            options = choices.get(select[2])
            if not options:
                self.report("survey", number, msg("choices 表中没有选项列表“{list}”，此题按文字导入",
                                                  list=select[2]))
                spec.type = "text"
            else:
                spec.options = list(options)
        help_parts = [*self.pending_help, hint]
        self.pending_help = []
        spec.help = "\n".join(p for p in help_parts if p)
        spec.required = self._required(row, number, spec)
        return spec

    def _required(self, row: dict[str, str], number: int, spec: DraftField) -> bool:
        """yes / no; a condition only when it is the row's own relevant (required while shown)."""
        text = " ".join(str(row.get("required", "")).split())
        if text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        relevant = " ".join(str(row.get("relevant", "")).split())
        if relevant and _expression_key(text) == _expression_key(relevant):
            self.required_while_shown.add(spec.id)  # show_if checks it only while it holds
            return True
        self.report("survey", number, msg("必填（required）“{text}”不在支持范围内（只支持 yes、no，"
                                          "或与本题显示条件相同的条件），此题按非必填导入", text=text))
        return False

    def _id(self, name: str, number: int) -> str:
        candidate = name.lower().replace("-", "_").replace(".", "_")
        if not _ID_RE.match(candidate) or candidate in self.taken:
            candidate = make_id(name, self.taken)
        else:
            self.taken.add(candidate)
        self.ids[name] = candidate
        self.rows[candidate] = number
        return candidate

    def _ref(self, name: str, number: int, column: str) -> str | None:
        found = self.ids.get(name)
        if found is None:
            self.report("survey", number, msg("{column}引用了不存在的题目“${{{name}}}”，未导入",
                                              column=column, name=name))
        return found

    # --- expressions ---------------------------------------------------------------------
    def _constraint(self, row: dict[str, str], number: int, spec: DraftField) -> None:
        text = " ".join(str(row.get("constraint", "")).split())
        if not text:
            return
        message = str(row.get(self.message_col, "") if self.message_col else "").strip()
        for clause in re.split(r"\s+and\s+", text):
            if not self._clause(clause.strip(), number, spec, message):
                self.report("survey", number, msg("约束“{clause}”不在支持范围内，未导入",
                                                  clause=clause))

    def _clause(self, clause: str, number: int, spec: DraftField, message: str) -> bool:
        if match := re.fullmatch(rf"\.\s*(>=|<=|>|<|=)\s*({_NUMBER})", clause):
            op, value = match[1], float(match[2])
            if message or op in (">", "<") and spec.type != "count":
                # constraint_message is the error shown: a declared comparison carries it
                self.rules.append({"kind": "compare", "severity": "error", "row": number,
                                   "expression": f"{spec.id} {'==' if op == '=' else op} {match[2]}",
                                   **({"message": message} if message else {})})
                return True
            if op in (">=", ">", "="):
                spec.min = value + (1 if op == ">" else 0)
            if op in ("<=", "<", "="):
                spec.max = value - (1 if op == "<" else 0)
            return True
        if match := re.fullmatch(r"\.\s*(>=|<=|=)\s*\$\{([^}]+)\}", clause):
            other = self._ref(match[2], number, msg("约束"))
            if other is None:
                return True
            op = "==" if match[1] == "=" else match[1]
            rule: dict[str, Any] = {"kind": "compare", "expression": f"{spec.id} {op} {other}",
                                    "severity": "error"}
            if message:
                rule["message"] = message
            rule["row"] = number
            self.rules.append(rule)
            return True
        if match := re.fullmatch(r"string-length\(\s*\.\s*\)\s*(<=|<)\s*(\d+)", clause):
            spec.max_length = int(match[2]) - (1 if match[1] == "<" else 0)
            self._message_as_help(spec, message)
            return True
        if match := re.fullmatch(r"regex\(\s*\.\s*,\s*'([^']*)'\s*\)", clause):
            try:
                re.compile(match[1])
            except re.error:
                return False
            spec.pattern, spec.pattern_message = match[1], message
            return True
        return False

    @staticmethod
    def _message_as_help(spec: DraftField, message: str) -> None:
        if message and message not in spec.help:
            spec.help = f"{spec.help}\n{message}".strip()

    def _relevant(self, row: dict[str, str], number: int, spec: DraftField) -> None:
        text = " ".join(str(row.get("relevant", "")).split())
        if not text:
            return
        match = re.fullmatch(r"\$\{([^}]+)\}\s*=\s*(?:'([^']*)'|\"([^\"]*)\"|(-?\d+))", text)
        if not match:
            self.report("survey", number, msg(
                "显示条件“{text}”不在支持范围内（只支持 ${{题目}} = '值'），未导入", text=text))
            return
        other = self._ref(match[1], number, msg("显示条件"))
        if other is not None:
            value = next(v for v in (match[2], match[3], match[4]) if v is not None)
            spec.show_if = (other, value)

    def _unrequire(self, spec: DraftField, number: int | None) -> None:
        """Required while shown, but the condition was not kept: not required at all."""
        if spec.id in self.required_while_shown and spec.show_if is None:
            spec.required = False
            self.report("survey", number, msg("必填条件依赖未导入的显示条件，“{label}”按非必填导入",
                                              label=spec.label))

    def _calculation(self, row: dict[str, str], number: int, spec: DraftField) -> None:
        text = " ".join(str(row.get("calculation", "")).split())
        if not text:
            if spec.reason == "XLSForm calculate":
                self.report("survey", number, msg("calculate 题没有 calculation，按普通数字题导入"))
            return
        names = _REF.findall(text)
        if not names or _REF.sub("", text).replace("+", "").strip():
            self.report("survey", number, msg(
                "计算式“{text}”不在支持范围内（只支持加法：${{a}} + ${{b}}），按普通题目导入", text=text))
            return
        ids = [self._ref(name, number, msg("计算式")) for name in names]
        spec.calculate = [i for i in ids if i is not None]

    def _refuse_cycles(self) -> None:
        graph = {f.id: f.calculate for s in self.sections for f in s.fields if f.calculate}
        for start in graph:
            path = [start]
            while path:
                last = path[-1]
                nexts = [n for n in graph.get(last, []) if n in graph or n == start]
                if start in nexts:
                    cycle = " → ".join([*path, start])
                    rows = [msg("第{row}行", row=self.rows[i]) for i in path]
                    raise ImportRefused(msg("“{name}”的计算式循环引用：{cycle}（survey 表{rows}）。"
                                            "请改正后再导入", name=self.name, cycle=cycle, rows=rows))
                unvisited = [n for n in nexts if n not in path]
                if not unvisited or len(path) > len(graph):
                    break
                path.append(unvisited[0])

    def _fit_template_language(self) -> None:
        """What the template language cannot say yet is reported by row, not dropped in silence."""
        keys = set(FIELD_KEYS)
        for section in self.sections:
            for spec in section.fields:
                row = self.rows.get(spec.id)
                if spec.show_if and "show_if" not in keys:
                    self.report("survey", row, msg(
                        "显示条件（relevant）暂不能写入模板，未导入：{label}只在 {field} = '{value}' 时填写",
                        label=spec.label, field=spec.show_if[0], value=spec.show_if[1]))
                    spec.show_if = None
                if spec.calculate and "calculate" not in keys:
                    self.report("survey", row, msg(
                        "计算（calculation）暂不能写入模板，“{label}”按普通数字题导入", label=spec.label))
                    spec.calculate = []
                if spec.pattern and "pattern" not in keys:
                    self.report("survey", row, msg("格式约束 regex 暂不能写入模板，未导入：{pattern}",
                                                   pattern=spec.pattern))
                    spec.pattern = spec.pattern_message = ""
        kept = []
        for rule in self.rules:
            row = rule.pop("row", None)
            left, op, right = rule["expression"].split()
            if rule["kind"] in RULE_KINDS:
                kept.append(rule)
            elif op in ("<=", ">=") and "not_greater" in RULE_KINDS:
                fields = [left, right] if op == "<=" else [right, left]
                kept.append({"kind": "not_greater", "fields": fields, "severity": "error",
                             **({"message": rule["message"]} if "message" in rule else {})})
            else:
                self.report("survey", row, msg("约束“{expression}”暂不能写入模板，未导入",
                                               expression=rule["expression"]))
        self.rules = kept

    def _draft(self) -> Draft:
        settings = self._settings()
        title = str(settings.get("form_title", "")).strip() or Path(self.name).stem
        form_id = str(settings.get("form_id", "")).strip().lower().replace("-", "_")
        if not _ID_RE.match(form_id):
            form_id = make_id(form_id or title, set(), "form")
        version = 1
        raw_version = str(settings.get("version", "")).strip()
        if raw_version:
            if raw_version.isdigit() and 0 < int(raw_version) < 2**53:
                version = int(raw_version)
            else:
                self.report("settings", 2, msg("version“{version}”不是正整数，已按 1 导入",
                                               version=raw_version))
        if self.pending_help:
            self.report("survey", None, msg("表末的说明（note）后面没有题目，已忽略：{notes}",
                                            notes="；".join(self.pending_help)[:80]))
        sections = [s for s in self.sections if s.fields]
        if not sections:
            raise ImportRefused(msg("“{name}”中没有可导入的题目", name=self.name))
        return Draft(form_id, title, sections, version=version, rules=self.rules,
                     problems=self.problems, source=self.name)
