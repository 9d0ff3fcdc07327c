"""A blank form (Word or Excel) to a draft template: its labels in paper order, types guessed.

The heading gives the title (and 第N届 the edition); a 盖章 mark makes its field the unit;
the 填表人 / 联系电话 / 填表日期 line gives the sign-off fields. A form that matches an existing
template on at least 90 % of its labels is that form, and the draft says so.
"""

from __future__ import annotations

import re

from forms.importing.draft import Draft, DraftField, DraftSection
from forms.importing.grid import Document, ImportRefused
from forms.importing.ids import make_id
from forms.importing.labels import (
    Guess,
    display_label,
    guess_type,
    has_stamp,
    loose_key,
    without_unit_note,
)
from forms.importing.layout import ABOVE, BELOW, Entry, read_entries
from forms.importing.matcher import LabelIndex
from forms.importing.placeholders import Slot, is_blank_label, read_slot
from forms.messages import msg
from forms.registry import TYPES
from forms.spec import FormTemplate

KNOWN_SHARE = 0.9
_EDITION = re.compile(r"第\s*(\d+|[零〇一二三四五六七八九十百]+)\s*届")
_YEAR = re.compile(r"^((?:19|20)\d{2})\s*年(?:度)?\s*")
_ATTACHMENT = re.compile(r"^附\s*[件表]\s*\d*[:：]?$")
_FILLED_BY = ("填表人", "填报人", "联系人", "经办人")
_FILL_DATE = ("填表日期", "填报日期", "报送日期")
MAIN_SECTION = "表格内容"
SIGNOFF_SECTION = "填报信息"
TITLE = msg("标题")  # where a field read from the heading was


def draft_from_document(document: Document,
                        templates: dict[str, FormTemplate] | None = None) -> Draft:
    """The draft template of a blank form; ImportRefused when it holds no table."""
    if not document.tables():
        raise ImportRefused(msg("“{name}”中没有表格。表单应是 Word 或 Excel 中的表格："
                                "请确认选对了文件，或把表单内容放进表格后再导入", name=document.name))
    reading = read_entries(document, is_blank_label)
    builder = _Builder(document)
    for entry in reading.entries:
        builder.add(entry)
    title = _title(document.lines_before()) or document.name.rsplit(".", 1)[0]
    draft = builder.finish(title, reading.date_line)
    if templates:
        draft.matches = known_form(draft, templates)
    return draft


def _title(lines: list[str]) -> str:
    for line in lines:
        text = " ".join(line.split())
        if _ATTACHMENT.match(text) or "：" in text or ":" in text or len(text) > 80:
            continue
        if read_slot(text) is None:
            return text
    return ""


class _Builder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.taken: set[str] = set()
        self.order: list[DraftSection] = []  # in paper order
        self.head: DraftSection | None = None  # 表头: edition and fill date, first
        self.roles: dict[str, object] = {}
        self.problems: list[str] = []
        self.notes: list[str] = list(document.notes)
        self.labels: dict[str, str] = {}  # loose key -> where it was first seen

    def section(self, title: str) -> DraftSection:
        """The section a field goes in: a new one whenever the title changes (paper order)."""
        title = title or MAIN_SECTION
        if self.order and self.order[-1].title == title:
            return self.order[-1]
        fallback = "main" if title == MAIN_SECTION else "section"
        section = DraftSection(make_id(title, self.taken, fallback), title)
        self.order.append(section)
        return section

    def add(self, entry: Entry) -> None:
        if entry.pair_count == 0:
            return  # a group label: its name is the section of the fields beside it
        slots = [read_slot(c.text) for c in entry.values]
        if entry.inline is not None:
            inline_slot = read_slot(entry.inline)
            if inline_slot is None:
                self.notes.append(msg("{where}：“{text}”已有内容，不作为栏目", where=entry.where,
                                      text=f"{entry.label}：{entry.inline.strip()[:30]}"))
                return
            slots = [inline_slot]
        label = display_label(entry.label)
        if not label:
            return
        key = loose_key(entry.label)
        if key in self.labels:
            self.problems.append(msg("{where}：栏目“{label}”与{other}的栏目重名，已编号区分，请确认",
                                     where=entry.where, label=label, other=self.labels[key]))
        self.labels.setdefault(key, entry.where)
        if not entry.values and entry.inline is None and not _ends_with_colon(entry.label):
            self.problems.append(msg("{where}：栏目“{label}”旁边没有填写栏，已按文字栏目处理，请确认",
                                     where=entry.where, label=label))
        spec = self.field(entry, label, slots)
        signoff = entry.where == BELOW or key in _FILLED_BY + _FILL_DATE
        title = SIGNOFF_SECTION if signoff and entry.where == BELOW else entry.section
        self.section(title).fields.append(spec)
        self.assign_roles(entry, spec, key, slots, signoff)

    def field(self, entry: Entry, label: str, slots: list[Slot | None]) -> DraftField:
        guess = _with_slots(guess_type(entry.label), [s for s in slots if s is not None])
        if guess.scale_note:  # 宣传覆盖人群（万人）: a field of 人, and 46 must be written 46万人
            label = display_label(without_unit_note(entry.label)) or label
        spec = DraftField(make_id(label, self.taken), label, guess.type, guess.unit, guess.reason,
                          layout="full" if entry.pair_count == 1 and entry.inline is None else "half",
                          max_length=guess.max_length, accept_units=guess.accept_units,
                          where=entry.where, aggregate=guess.aggregate,
                          help=scale_help(guess.scale_note, guess.type))
        if guess.max_length and ("文字" in guess.reason or "左右" in guess.reason):
            spec.over_length = "warning"
        options = next((s.options for s in slots if s and s.kind == "options"), ())
        if spec.type == "choice":
            spec.options = [(make_id(o, set(), "option"), o) for o in options]
        parts = [s for s in slots if s and s.kind == "part"]
        if len(parts) >= 2 and len(parts) == len(slots):
            spec.type, spec.unit = "pair", None
            spec.reason = msg("分行填写：{parts}", parts="/".join(p.label for p in parts))
            taken: set[str] = set()
            for part in parts:
                part_guess = guess_type(part.label + f"（{part.unit}）")
                spec.parts.append(DraftField(make_id(part.label, taken), part.label, part_guess.type,
                                             part_guess.unit, part_guess.reason,
                                             accept_units=part_guess.accept_units))
        return spec

    def assign_roles(self, entry: Entry, spec: DraftField, key: str, slots: list[Slot | None],
                     signoff: bool) -> None:
        stamped = has_stamp(entry.label) or any(s and s.kind == "stamp" for s in slots)
        if stamped and "unit" not in self.roles and spec.type == "text":
            self.roles["unit"] = spec.id
            self.roles["stamp_label"] = "（盖章）"
            spec.reason = msg("盖章")
        elif key.endswith(("单位名称", "填报单位", "机构名称")) and "unit" not in self.roles \
                and spec.type == "text":
            self.roles["unit"] = spec.id
        if not signoff and entry.where != BELOW and spec.type != "phone":
            return
        if key in _FILLED_BY and spec.type == "text" and "filled_by" not in self.roles:
            self.roles["filled_by"] = spec.id
        elif spec.type == "phone" and "phone" not in self.roles and (signoff or "联系" in key):
            self.roles["phone"] = spec.id
        elif spec.type == "date" and "fill_date" not in self.roles:
            self.roles["fill_date"] = spec.id
        else:
            return
        if entry.where == BELOW or key in _FILLED_BY + _FILL_DATE:
            self.roles.setdefault("signoff", []).append(spec.id)  # type: ignore[union-attr]

    def finish(self, title: str, date_line: str) -> Draft:
        edition = None
        title_format = ""
        match = _EDITION.search(title)
        if match:
            from forms.quantity import parse_chinese_numeral

            raw = match[1]
            edition = int(raw) if raw.isdigit() else parse_chinese_numeral(raw)
            title_format = title.replace(match[0], "第{edition}届", 1)
            title = title.replace(match[0], "", 1).strip()
            period = DraftField(make_id("届次", self.taken), "届次", "edition", reason=match[0],
                                min=1, where=TITLE)
            self._head().fields.insert(0, period)
            self.roles["period"] = period.id
        elif (year := _YEAR.match(title)) and "year" in TYPES and "period" not in self.roles:
            # 2025年世界无烟日…: a yearly form, its year in the title.
            title_format = "{year}年" + title[year.end():]
            title = title[year.end():]
            period = DraftField(make_id("年度", self.taken), "年度", "year", reason=year[0],
                                where=TITLE)
            self._head().fields.insert(0, period)
            self.roles["period"] = period.id
        if date_line and "fill_date" not in self.roles:
            date = DraftField(make_id("填表日期", self.taken), "填表日期", "date",
                              reason=" ".join(date_line.split()), where=ABOVE)
            self._head().fields.append(date)
            self.roles["fill_date"] = date.id
        activity = next((f for s in self.order for f in s.fields if f.type == "date_range"), None)
        if activity is not None:
            self.roles["activity_period"] = activity.id
        sections = [s for s in [self.head, *self.order] if s is not None and s.fields]
        id_words = re.sub(r"^(?:19|20)\d{2}\s*年\s*(?:度)?", "", title) or title  # same id every year
        draft = Draft(make_id(id_words, set(), "form"), title, sections, title_format=title_format,
                      roles=self.roles, problems=self.problems, notes=self.notes, edition=edition,
                      source=self.document.name)
        if not any(True for _ in draft.fields()):
            raise ImportRefused(msg("“{name}”的表格中没有找到栏目名称：表格是空的，"
                                    "或者已经填好了（导入填好的表请用“导入报表”）",
                                    name=self.document.name))
        return draft

    def _head(self) -> DraftSection:
        if self.head is None:
            self.head = DraftSection(make_id("表头", self.taken, "heading"), "表头")
        return self.head


def scale_help(note: str, kind: str) -> str:
    """What to tell the person filling a field whose paper label counts in 万人 or 千元."""
    if not note:
        return ""
    if kind == "money":
        return msg("原表此栏以“{unit}”计：请换算为“元”或“万元”填写", unit=note)
    return msg("原表此栏以“{unit}”计：请连同单位一起填写，如“46{unit}”", unit=note)


def _ends_with_colon(label: str) -> bool:
    """“住所：” with nothing beside it: the value is written after the colon, in the cell."""
    return label.rstrip().endswith(("：", ":"))


def _with_slots(guess: Guess, slots: list[Slot]) -> Guess:
    """What the empty cell prints (年 月 日, 人, □是 □否) outweighs a guess from the label."""
    for slot in slots:
        if slot.kind in ("date", "date_range"):
            return Guess(slot.kind, reason="年 月 日" if slot.kind == "date" else "年 月 日 至 年 月 日")
        if slot.kind == "options":
            words = set(slot.options)
            if words <= {"是", "否"} or words <= {"有", "无"}:
                return Guess("yes_no", reason="□" + " □".join(slot.options))
            return Guess("choice", reason="□" + " □".join(slot.options))
        if slot.kind == "unit" and slot.unit:
            kind = "money" if slot.unit.endswith("元") else "count"
            if guess.type in ("count", "money") and guess.unit == slot.unit:
                return guess
            return Guess(kind, unit=slot.unit, reason=slot.unit)
    return guess


def known_form(draft: Draft, templates: dict[str, FormTemplate]) -> str | None:
    """The existing form whose labels cover at least 90 % of the draft's, if any."""
    labels = [f.label for f in draft.fields() if f.reason not in ("年 月 日",) and f.type != "edition"]
    if not labels:
        return None
    best, best_id = 0.0, None
    for template in templates.values():
        index = LabelIndex(template)
        share = sum(1 for label in labels if index.is_label(label)) / len(labels)
        if share > best:
            best, best_id = share, template.id
    return best_id if best >= KNOWN_SHARE else None
