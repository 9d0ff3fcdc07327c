"""From the grid to labelled entries: which cell is a label, and which cells hold its value.

One walk serves both imports. A *blank* form's labels are its non-empty cells; a *filled*
form's labels are the cells that match a template's labels. Each label takes the value cells
to its right up to the next label; a value cell with no label to its left belongs to the
entry whose value (or, for a label with nothing beside it, whose label) sits above it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from forms.importing.grid import Cell, Document, Table
from forms.messages import msg

IsLabel = Callable[[str], bool]
_CJK = "\u3400-\u9fff"
# 填表人：张三    联系电话：138…: a label is a run without blanks or colons, with Chinese in it.
# Bounded, so a long text without colons is scanned in linear time.
_SEGMENT = re.compile(r"(?:^|(?<=[\s；;。]))([^\s：:；;。]{1,60})[ \t\u3000]*[：:]")
_HAS_CJK = re.compile(f"[{_CJK}]")
_DATE_LINE = re.compile(r"^(?:\d{4}|[\s_]*)\s*年[\s_]*(?:\d{1,2})?[\s_]*月[\s_]*(?:\d{1,2})?[\s_]*日$")
ABOVE = msg("表格上方")  # where a line outside the table is
BELOW = msg("表格下方")


@dataclass
class Entry:
    label: str  # as printed, notes and all
    values: list[Cell] = field(default_factory=list)
    inline: str | None = None  # the value written after "label：" in the same text
    where: str = ""  # for messages: 第1个表格第3行
    section: str = ""  # the group label or section row above it
    pair_count: int = 1  # label/value pairs on its row, for the layout
    label_cell: Cell | None = None
    known: bool = True  # False: a label the form does not know (listed, not imported)

    @property
    def text(self) -> str:
        if self.inline is not None:
            return self.inline.strip()
        text, row = "", None
        for cell in self.values:  # cells side by side on one line, rows on lines of their own
            if cell.text.strip():
                text += ("" if row is None else " " if cell.row == row else "\n") + cell.text
                row = cell.row
        return text.strip()


@dataclass
class Reading:
    entries: list[Entry]
    leftovers: list[tuple[str, str]]  # (where, text) of cells nothing claimed
    title: str = ""
    date_line: str = ""  # a bare date above the table (the fill date on many forms)
    sections: list[str] = field(default_factory=list)


def segments(text: str, is_label: IsLabel) -> list[tuple[str, str]] | None:
    """A text made of "label：value" pieces, split at labels accepted by ``is_label``.

    None when no accepted label starts the text (text before the first label is not allowed).
    """
    found = [m for m in _SEGMENT.finditer(text) if _HAS_CJK.search(m[1]) and is_label(m[1])]
    if not found or text[: found[0].start()].strip():
        return None
    pieces = []
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        pieces.append((match[1], text[match.end():end]))
    return pieces


def read_entries(document: Document, is_label: IsLabel,
                 is_stranger: IsLabel = lambda _text: False) -> Reading:
    """Every labelled entry of the document, in paper order, and the cells left over.

    ``is_stranger``: whether a text not accepted by ``is_label`` still reads as a label (one
    the form does not know), so that it and its value are listed instead of being taken as
    more of the value before it.
    """
    reading = Reading([], [])
    before = document.lines_before()
    for line in before:
        _read_line(line, is_label, reading, ABOVE, heading=True)
    section = ""
    for table in document.tables():
        if table.heading:  # a table in a cell: its fields go under the label beside that cell
            _read_table(table, is_label, reading, " ".join(table.heading.split()), is_stranger)
        else:
            section = _read_table(table, is_label, reading, section, is_stranger)
    for line in document.lines_after():
        _read_line(line, is_label, reading, BELOW, heading=False)
    return reading


def _read_line(line: str, is_label: IsLabel, reading: Reading, where: str, heading: bool) -> None:
    pieces = segments(line, is_label)
    if pieces:
        for label, value in pieces:
            reading.entries.append(Entry(label, inline=value, where=where))
    elif heading and _DATE_LINE.match(re.sub(r"\s", "", line) or "-") and not reading.date_line:
        reading.date_line = line.strip()
    elif heading and not reading.title and len(line) <= 80 and (":" not in line and "：" not in line):
        reading.title = " ".join(line.split())
    elif line.strip():
        reading.leftovers.append((where, line.strip()))


def _read_table(table: Table, is_label: IsLabel, reading: Reading, base: str,
                is_stranger: IsLabel) -> str:
    """Entries of one table; returns the section in force at its end (a heading row's)."""
    # grid column -> (entry whose value column it is, whether its label heads the column)
    owners: dict[int, tuple[Entry, bool]] = {}
    group: tuple[str, int] | None = None  # a group label's name and the row it ends before
    heading: Entry | None = None  # a lone full-width label: a heading unless values follow
    for r, row in enumerate(table.rows):
        if group is not None and r >= group[1]:
            group = None
        section = group[0] if group else base
        where = msg("{place}第{row}行", place=table.place, row=r + 1 + table.row_offset)
        row_entries: list[Entry] = []
        current: Entry | None = None
        stranger = False  # an unrecognised text earlier in the row
        claimed: dict[int, tuple[Entry, bool]] = {}
        for index, cell in enumerate(row):
            text = cell.text.strip()
            pieces = segments(cell.text, is_label) if text else None
            if pieces and not (len(pieces) == 1 and is_label(cell.text)):
                inner = section
                if current is not None and not current.values:  # 组织管理 | 会员总数：… 住所：…
                    current.pair_count = 0
                    row_entries.remove(current)
                    inner = " ".join(current.label.split())
                for label, value in pieces:
                    entry = Entry(label, inline=value, where=where, section=inner,
                                  label_cell=cell)
                    reading.entries.append(entry)
                current = None
                continue
            known = bool(text) and is_label(cell.text)
            # A label the form does not know, beside a known one's value or where no label
            # above owns the cell: an entry of its own, listed, never glued to a field.
            unknown = bool(text) and not known and is_stranger(cell.text) and (
                current is not None and bool(current.values) and index + 1 < len(row)
                or current is None and _owner_above(owners, cell, headed_only=stranger) is None
                and not _heading_row(row, cell, table))
            if known or unknown:
                stranger = unknown
                current = Entry(cell.text, where=where, section=section, label_cell=cell,
                                known=known)
                reading.entries.append(current)
                row_entries.append(current)
                continue
            # A column headed by a known label keeps its values, even beside an unknown one.
            owner = _owner_above(owners, cell, headed_only=True) \
                if current is not None and not current.known else None
            if owner is None:
                owner = (current, False) if current is not None else \
                    _owner_above(owners, cell, headed_only=stranger)
            if owner is not None:
                owner[0].values.append(cell)
                for c in range(cell.col, cell.end_col):
                    claimed[c] = owner
            elif text:
                if _heading_row(row, cell, table):
                    base = section = text  # a heading row across the table
                    reading.sections.append(section)
                else:
                    reading.leftovers.append((where, text))
                    stranger = True
        if heading is not None and not heading.values:
            # The full-width label above had nothing under it: it heads a section.
            heading.pair_count = 0
            base = section = " ".join(heading.label.split())
            reading.sections.append(section)
            for entry in reading.entries[reading.entries.index(heading) + 1:]:
                entry.section = section if not group else entry.section
        heading = None
        labelled = [e for e in row_entries if e.values]
        for entry in row_entries:
            entry.pair_count = max(1, len(labelled))
            cell = entry.label_cell
            if (cell is not None and cell.nested or any(c.nested for c in entry.values)) \
                    and not any(c.text.strip() for c in entry.values):
                entry.pair_count = 0  # its cell holds a table: the label heads that table's fields
                reading.sections.append(" ".join(entry.label.split()))
            elif not entry.values and cell is not None and cell.rowspan > 1 and len(row_entries) > 1:
                entry.pair_count = 0  # a group label beside sub-labels: a section, not a field
                group = (" ".join(cell.text.split()), r + cell.rowspan)
                for later in row_entries[row_entries.index(entry) + 1:]:
                    later.section = group[0]
            elif not entry.values and cell is not None:
                for c in range(cell.col, cell.end_col):  # its values may be in the rows below
                    claimed.setdefault(c, (entry, True))
                if len(row) == 1 and cell.colspan >= max(1, table.width - 1) \
                        and len(cell.text) <= 30 and not cell.text.rstrip().endswith(("：", ":")):
                    heading = entry  # “住所：” takes its value after the colon: not a heading
        # A column keeps its owner while a cell above still covers it (vertical merges).
        for col, owner in list(owners.items()):
            above = table.cell_at(r, col)
            if col not in claimed and above is not None and above.row + above.rowspan > r + 1:
                claimed[col] = owner
        owners = claimed
    return base


def _heading_row(row: list[Cell], cell: Cell, table: Table) -> bool:
    """A row of one short text across the table: a section heading."""
    return len(row) == 1 and cell.colspan >= max(1, table.width - 1) and len(cell.text) <= 30


def _owner_above(owners: dict[int, tuple[Entry, bool]], cell: Cell,
                 headed_only: bool) -> tuple[Entry, bool] | None:
    """The one entry owning the columns above the cell. Once an unrecognised text stands to
    the left in the row, only a label heading its column (a column-style table) still owns it:
    a value beside an unknown label is not more of the value above it."""
    found = {id(owners[c][0]): owners[c] for c in range(cell.col, cell.end_col)
             if c in owners and (owners[c][1] or not headed_only)}
    return next(iter(found.values())) if len(found) == 1 else None
