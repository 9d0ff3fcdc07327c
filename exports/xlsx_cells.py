"""The cell styles and the safe text writer that every sheet we write shares."""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Border, Font, PatternFill, Side

from exports.layout import clean_text

FONT = "宋体"
MAX_CELL_CHARS = 32767

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
LABEL_FILL = PatternFill("solid", fgColor="E7E6E6")
BODY_FONT = Font(name=FONT, size=11)
LABEL_FONT = Font(name=FONT, size=11, bold=True)


def set_text(cell: Cell, text: Any) -> Cell:
    """Write user text as a string cell, never a formula, without characters XLSX forbids."""
    text = ILLEGAL_CHARACTERS_RE.sub("", clean_text(text))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    cell.value = text
    cell.data_type = "s"
    return cell
