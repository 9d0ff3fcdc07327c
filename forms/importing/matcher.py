"""A filled form to report values: each printed label matched to a template field, tolerantly.

Labels match when they are equal once widths, blanks, numbering and colons are ignored, then
once bracketed notes are dropped too (（文字1000字）, （盖章）), then when they are very alike.
Values are the cells' texts exactly as written: the normal parsing reads them afterwards,
as if typed. Nothing is filled in that the document does not say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from forms.importing.grid import Document, ImportRefused
from forms.importing.label_units import in_label_unit
from forms.importing.labels import loose_key, reads_as_label, strict_key
from forms.importing.layout import ABOVE, Entry, Reading, read_entries, segments
from forms.importing.placeholders import read_slot
from forms.messages import msg
from forms.spec import FormTemplate
from forms.validate import expand_values

MIN_SHARE = 0.3  # of a template's fields found in a document, to take it for that form
_FUZZY = 0.85
_EDITION = re.compile(r"第\s*([0-9０-９]+|[零〇一二三四五六七八九十百]+)\s*届")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DIGIT = re.compile(r"[0-9０-９]")
_MONTH_OR_DAY = re.compile(r"[0-9０-９]\s*[月日号]")


class LabelIndex:
    """A template's printed labels, to tell whether a text is one and which field it names."""

    def __init__(self, template: FormTemplate) -> None:
        self.template = template
        self.strict: dict[str, str] = {}
        self.loose: dict[str, list[str]] = {}
        for spec in template.fields():
            self.strict.setdefault(strict_key(spec.label), spec.key)
            keys = self.loose.setdefault(loose_key(spec.label), [])
            if spec.key not in keys:
                keys.append(spec.key)
        self.longest = max((len(k) for k in self.loose), default=0)
        self._cache: dict[str, str | None] = {}

    def match(self, label: str) -> str | None:
        """The field key a printed label names, or None."""
        if label in self._cache:
            return self._cache[label]
        found = self._match(label)
        self._cache[label] = found
        return found

    def _match(self, label: str) -> str | None:
        if not label.strip() or len(label) > max(80, self.longest * 3):
            return None
        if (key := self.strict.get(strict_key(label))) is not None:
            return key
        loose = loose_key(label)
        keys = self.loose.get(loose, [])
        if len(keys) == 1:
            return keys[0]
        if len(loose) < 4:
            return None
        best, best_key, tie = 0.0, None, False
        for candidate, keys in self.loose.items():
            if len(keys) != 1 or not 0.7 <= len(candidate) / len(loose) <= 1.4:
                continue
            matcher = SequenceMatcher(None, loose, candidate)
            if matcher.quick_ratio() < _FUZZY:
                continue
            ratio = matcher.ratio()
            if ratio > best:
                best, best_key, tie = ratio, keys[0], False
            elif ratio == best:
                tie = True
        return best_key if best >= _FUZZY and not tie else None

    def is_label(self, text: str) -> bool:
        return self.match(text) is not None


@dataclass
class FilledImport:
    """What a filled document gives one template: raw texts by key and what was not used."""

    template: FormTemplate
    raw: dict[str, str]  # by field or part key, as the editor stores typed text
    matched: list[dict[str, str]] = field(default_factory=list)  # {"label", "field", "where"}
    unmatched: list[dict[str, str]] = field(default_factory=list)  # {"where", "text"}
    notes: list[str] = field(default_factory=list)
    from_cells: int = 0  # matches with a value from the table or its sign-off lines

    def to_dict(self) -> dict[str, Any]:
        return {"form": self.template.id, "matched": self.matched, "unmatched": self.unmatched,
                "notes": self.notes}


_TICKED = "☑☒√✓✔■"
_BOXES = _TICKED + "□☐"
_BOXED = re.compile(f"[{_BOXES}]\\s*([^{_BOXES}]+)")


def ticked(text: str) -> str:
    """“☑是 □否” as the one option ticked (是); any other text unchanged.

    Word's check boxes print a box before every option; the answer is the ticked one.
    """
    options = _BOXED.findall(text)
    if len(options) < 2 or _BOXED.sub("", text).strip():
        return text
    chosen = [m.group(1).strip() for m in _BOXED.finditer(text) if m.group(0)[0] in _TICKED]
    return chosen[0] if len(chosen) == 1 else text


def candidate_labels(document: Document) -> list[str]:
    """Every text that could be a label: short cell texts, and "label：" pieces of any text."""
    found: list[str] = []
    texts = [cell.text for table in document.tables() for cell in table.cells()]
    texts += document.lines_before() + document.lines_after()
    for text in texts:
        if not text.strip():
            continue
        if len(text) <= 80:
            found.append(text)
        pieces = segments(text, lambda label: True)
        if pieces:
            found += [label for label, _ in pieces]
    return found


def score(template: FormTemplate, labels: list[str]) -> float:
    """The share of the template's fields whose label the document prints."""
    index = LabelIndex(template)
    hit = {key for label in labels if (key := index.match(label)) is not None}
    total = sum(1 for _ in template.fields())
    return len(hit) / total if total else 0.0


def best_template(document: Document, templates: dict[str, FormTemplate],
                  minimum: float = MIN_SHARE) -> FormTemplate:
    """The template whose labels the document matches best; ImportRefused if none fits."""
    if not document.tables():
        raise ImportRefused(msg("“{name}”中没有表格。请确认这是填好的表单文件"
                                "（Word 或 Excel 表格），而不是一段文字", name=document.name))
    labels = candidate_labels(document)
    scored = sorted(((score(t, labels), t.id) for t in templates.values()), reverse=True)
    if not scored or scored[0][0] < minimum or scored[0][0] == 0 and minimum > 0:
        names = [f"{t.title}（{t.id}）" for t in templates.values()] or msg("（无）")
        raise ImportRefused(msg("“{name}”与已有的表单都对不上（相同的栏目不到三成）。"
                                "请用 --form 指定表单，或先导入这张表的空白表作为新表单。已有表单：{forms}",
                                name=document.name, forms=names))
    return templates[scored[0][1]]


def match_document(document: Document, template: FormTemplate) -> FilledImport:
    """The document's cells as raw texts of ``template``'s fields, and the cells left over."""
    if not document.tables():
        raise ImportRefused(msg("“{name}”中没有表格，无法导入", name=document.name))
    index = LabelIndex(template)
    reading = read_entries(document, index.is_label, stranger_test(template))
    result = FilledImport(template, {}, notes=list(document.notes))
    by_key: dict[str, str] = {}
    for entry in reading.entries:
        key = index.match(entry.label)
        if key is None:
            if not entry.known and entry.pair_count:
                _list_unknown(entry, result)
            continue
        label = " ".join(entry.label.split())
        spec = template.field(key)
        text = filled_text(entry, ticks=spec.type in ("yes_no", "choice"))
        if key in by_key and by_key[key].strip():
            if text:
                result.unmatched.append({"where": entry.where, "text": f"{label}：{text}"[:200],
                                         "reason": msg("重复的栏目，已用前面的一处")})
            continue
        read, refusal = in_label_unit(entry.label, spec, text)
        if refusal:
            result.unmatched.append({"where": entry.where, "text": f"{label}：{text}"[:200],
                                     "reason": refusal, "field": key})
            continue
        if read != text:
            result.notes.append(msg("{where}：栏目“{label}”注明了单位，“{text}”按“{read}”读入",
                                    where=entry.where, label=label, text=text, read=read))
        by_key[key] = read
        if read:
            result.matched.append({"label": label, "field": key, "where": entry.where})
    result.from_cells = len(result.matched)
    _heading_values(template, reading, by_key, result)
    for where, text in reading.leftovers:
        result.unmatched.append({"where": where, "text": text[:200],
                                 "reason": msg("没有对应的栏目")})
    raw, _unknown = expand_values(template, {k: v for k, v in by_key.items() if v})
    result.raw = raw
    return result


def filled_text(entry: Entry, ticks: bool = False) -> str:
    """An entry's value as written, without what the blank form printed in the cell:
    “        场”, “年 月 日至 年 月 日”, “线上观看      人次” and unticked □是 □否 are empty.
    ``ticks``: “☑是 □否” is the option ticked (是)."""
    lines = entry.text.splitlines()
    kept = [line for line in lines if not _printed_hint(line)]
    text = "\n".join(kept).strip()
    return ticked(text) if ticks else text


def _printed_hint(line: str) -> bool:
    """A line the blank form printed, left as it was. A figure makes it written, except the
    year a form prints before its blank month and day (2025年  月  日)."""
    slot = read_slot(line) if line.strip() else None  # blank lines are the writer's own
    if slot is None:
        return False
    if _DIGIT.search(line):
        return slot.kind == "date" and not _MONTH_OR_DAY.search(line)
    return not (slot.kind == "options" and any(mark in line for mark in _TICKED))


def stranger_test(template: FormTemplate) -> Callable[[str], bool]:
    """Whether a text reads as a label the template does not know (not one of its parts'
    labels, such as 线上观看, nor one of its options)."""
    known = {loose_key(text) for spec in template.fields()
             for text in (*(p.label for p in spec.parts), *spec.options)}

    def is_stranger(text: str) -> bool:
        return reads_as_label(text) and loose_key(text) not in known

    return is_stranger


def _list_unknown(entry: Entry, result: FilledImport) -> None:
    """A label the form does not know, and what is written beside it: listed, not imported."""
    label = " ".join(entry.label.split())
    result.unmatched.append({"where": entry.where, "text": label[:200],
                             "reason": msg("没有对应的栏目")})
    text = filled_text(entry)
    if text:
        result.unmatched.append({"where": entry.where, "text": text[:200],
                                 "reason": msg("栏目“{label}”的内容，表单中没有这一栏",
                                               label=_short(label))})


def _short(text: str, size: int = 30) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[:size] + "…"


def _heading_values(template: FormTemplate, reading: Reading, by_key: dict[str, str],
                    result: FilledImport) -> None:
    """The edition or year in the title (第30届…) and a bare date line (the fill date)."""
    period = template.period_field
    if period and not by_key.get(period) and reading.title:
        spec = template.field(period)
        match = _EDITION.search(reading.title) if spec.type == "edition" else _YEAR.search(reading.title)
        if match:
            by_key[period] = match[0]
            result.matched.append({"label": msg("标题“{title}”", title=reading.title),
                                   "field": period, "where": ABOVE})
    date_key = template.date_field
    if date_key and reading.date_line and not by_key.get(date_key):
        by_key[date_key] = reading.date_line
        result.matched.append({"label": msg("标题下的日期"), "field": date_key, "where": ABOVE})
