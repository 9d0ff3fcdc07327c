"""The neutral model every reader produces: lines of text and tables of cells, in document order.

A merged cell appears once, at its top-left grid position, with its spans; the positions it
covers are not repeated (python-docx and openpyxl both hand them back once per grid square).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

Progress = Callable[[int, int], None]  # (done, total); readers call it as they go


class ImportRefused(Exception):
    """A file that cannot be imported, with a Chinese message saying why and what to do."""

    def text(self) -> str:
        return self.args[0] if self.args and isinstance(self.args[0], str) else str(self)


@dataclass(slots=True)
class Cell:
    text: str
    row: int  # grid row within its table, 0-based
    col: int  # first grid column, 0-based
    rowspan: int = 1
    colspan: int = 1
    images: int = 0
    nested: int = 0  # tables inside it (read as tables of their own, right after its row)

    @property
    def end_col(self) -> int:
        return self.col + self.colspan

    def covers(self, row: int, col: int) -> bool:
        return self.row <= row < self.row + self.rowspan and self.col <= col < self.end_col


@dataclass(slots=True)
class Table:
    """Rows of distinct cells, left to right; a row may be empty when merges cover it."""

    rows: list[list[Cell]]
    width: int
    place: str = ""  # where it sits, for messages: "第1个表格" or "工作表“Sheet1”"
    nested: bool = False  # found inside a cell of another table
    row_offset: int = 0  # rows of the same table before this part (a table split around another)
    heading: str = ""  # nested: the label beside the cell holding it, its fields' section
    _index: dict[tuple[int, int], Cell] = field(default_factory=dict, repr=False)

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering a grid position (merged cells cover several)."""
        if not self._index:
            for cell in self.cells():
                for r in range(cell.row, cell.row + cell.rowspan):
                    for c in range(cell.col, cell.end_col):
                        self._index[r, c] = cell
        return self._index.get((row, col))


@dataclass(slots=True)
class Line:
    """A paragraph outside every table: a title, a date, a sign-off line."""

    text: str


Block = Line | Table


@dataclass(slots=True)
class Document:
    blocks: list[Block]
    name: str = ""  # file name, for messages
    kind: str = ""  # "docx" or "xlsx"
    notes: list[str] = field(default_factory=list)  # things read but not used, in Chinese

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def lines_before(self) -> list[str]:
        """The non-empty lines above the first table: title, date, unit."""
        lines = []
        for block in self.blocks:
            if isinstance(block, Table):
                break
            if block.text.strip():
                lines.append(block.text.strip())
        return lines

    def lines_after(self) -> list[str]:
        """The non-empty lines below the last table: the sign-off line and notes."""
        lines: list[str] = []
        for block in reversed(self.blocks):
            if isinstance(block, Table):
                break
            if block.text.strip():
                lines.append(block.text.strip())
        return lines[::-1]
