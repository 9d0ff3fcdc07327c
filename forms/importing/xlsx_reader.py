"""Excel (.xlsx) to the neutral grid: each visible sheet's rows, merged ranges once each.

Read with ``data_only=True``: a formula cell gives the value Excel saved with the file; a
formula is never evaluated, and one saved without its value is named in the notes, not guessed.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from forms.importing.grid import Cell, Document, ImportRefused, Line, Progress, Table
from forms.messages import msg, plural
from forms.types.base import listing

MAX_COLUMNS = 100
MAX_ROWS = 20_000
MAX_MERGED_CELLS = 200_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')
# <c r="B5" ...><f>SUM(B1:B4)</f></c> or with an empty <v/>: a formula saved without its value.
_FORMULA_WITHOUT_VALUE = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"[^>]*>\s*<f[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>')


def read_xlsx(path: Path, progress: Progress | None = None) -> Document:
    path = Path(path)
    missing, largest = _prescan(path)
    if largest > MAX_MERGED_CELLS:
        # openpyxl visits every square of a merged range: a sheet-wide merge would never end.
        raise ImportRefused(msg("“{name}”中有一个合并了 {count} 个单元格的区域，不像是一张表单。"
                                "请在 Excel 中取消这个合并后再导入", name=path.name,
                                count=f"{largest:,}"))
    try:  # a file object: openpyxl then judges by content, not by the extension
        with path.open("rb") as handle:
            book = openpyxl.load_workbook(io.BytesIO(handle.read()), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        raise ImportRefused(msg("“{name}”已损坏或不是有效的 Excel 工作簿（{error}）。"
                                "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入", name=path.name,
                                error=type(exc).__name__)) from None
    blocks: list[Line | Table] = []
    notes: list[str] = []
    sheets = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    hidden = [ws.title for ws in book.worksheets if ws.sheet_state != "visible"]
    if hidden:
        notes.append(msg("隐藏的工作表未读取：{sheets}", sheets=hidden))
    total = sum(min(ws.max_row, MAX_ROWS) for ws in sheets)
    done = 0
    for ws in sheets:
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            notes.append(msg("工作表“{sheet}”超过 {rows} 行或 {columns} 列，只读取了前面的部分",
                             sheet=ws.title, rows=MAX_ROWS, columns=MAX_COLUMNS))
        blocks += _sheet_blocks(ws, notes)
        done += min(ws.max_row, MAX_ROWS)
        if progress:
            progress(done, total)
    if missing:
        notes.append(msg("以下单元格是公式，但文件中没有保存计算结果，未导入：{cells}。"
                         "请在 Excel 中打开该文件并保存后再导入", cells=listing(missing, 20)))
    book.close()
    return Document(blocks, name=path.name, kind="xlsx", notes=notes)


def cell_text(value: Any, number_format: str = "General") -> str:
    """A cell's value as the person would read it on screen."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return f"{value.year}年{value.month}月{value.day}日"
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float):
        if "%" in number_format:
            return f"{value * 100:.10g}%"
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    return str(value)


def _sheet_blocks(ws: Any, notes: list[str]) -> list[Line | Table]:
    width = min(ws.max_column, MAX_COLUMNS)
    height = min(ws.max_row, MAX_ROWS)
    merged: dict[tuple[int, int], tuple[int, int]] = {}  # top-left -> (rowspan, colspan)
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        top, left = rng.min_row, rng.min_col
        if top > height or left > width:
            continue
        bottom, right = min(rng.max_row, height), min(rng.max_col, width)
        merged[top, left] = (bottom - top + 1, right - left + 1)
        covered.update((r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)
                       if (r, c) != (top, left))
    images: dict[tuple[int, int], int] = {}
    for image in getattr(ws, "_images", []):
        anchor = getattr(getattr(image.anchor, "_from", None), "row", None)
        if anchor is not None:
            spot = (anchor + 1, image.anchor._from.col + 1)
            images[spot] = images.get(spot, 0) + 1
    if images:
        notes.append(plural("工作表“{sheet}”中有 {n} 张图片，图片不会导入", sheet=ws.title,
                            n=sum(images.values())))
    rows: list[tuple[int, list[Cell], bool]] = []  # sheet row (0-based), cells, bordered
    for r, values in enumerate(ws.iter_rows(min_row=1, max_row=height, max_col=width), start=1):
        cells: list[Cell] = []
        bordered = False
        for c, xl_cell in enumerate(values, start=1):
            if (r, c) in covered:
                continue
            rowspan, colspan = merged.get((r, c), (1, 1))
            text = cell_text(xl_cell.value, xl_cell.number_format or "General").strip()
            edged = _has_border(xl_cell)
            bordered = bordered or edged
            if text or edged or (r, c) in merged:  # an empty bordered cell is a value slot
                cells.append(Cell(text, r - 1, c - 1, rowspan, colspan, images.get((r, c), 0)))
        rows.append((r - 1, cells, bordered))
    return _split_lines(rows, width, ws.title)


def _has_border(xl_cell: Any) -> bool:
    border = xl_cell.border
    return any(getattr(side, "style", None) for side in (border.left, border.right, border.top,
                                                          border.bottom))


def _split_lines(rows: list[tuple[int, list[Cell], bool]], width: int,
                 title: str) -> list[Line | Table]:
    """Rows with one text outside the bordered table become lines (title, sign-off); the rest a table."""
    any_border = any(bordered for _, _, bordered in rows)

    def is_table_row(cells: list[Cell], bordered: bool) -> bool:
        texts = [c for c in cells if c.text]
        if any_border:
            return bordered
        return len(cells) >= 2 or bool(cells) and cells[0].colspan < width and len(texts) != 1

    flags = [is_table_row(cells, bordered) for _, cells, bordered in rows]
    if True in flags:  # a lone text between table rows is a row of the table (a section title)
        first, last = flags.index(True), len(flags) - 1 - flags[::-1].index(True)
        flags[first:last + 1] = [True] * (last - first + 1)
    blocks: list[Line | Table] = []
    table: Table | None = None
    offset = 0
    for (sheet_row, cells, _bordered), in_table in zip(rows, flags, strict=True):
        if in_table:
            if table is None:
                table = Table([], width, place=msg("工作表“{sheet}”", sheet=title))
                blocks.append(table)
                offset = sheet_row
            for cell in cells:
                cell.row -= offset
            table.rows.append(cells)
        else:
            table = None
            text = "    ".join(c.text for c in cells if c.text)
            blocks.append(Line(text))
    return blocks


def _prescan(path: Path) -> tuple[list[str], int]:
    """Before openpyxl: formula cells saved without a result, and the largest merged area."""
    found: list[str] = []
    largest = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if not (name.startswith("xl/worksheets/sheet") and name.endswith(".xml")):
                    continue
                xml = archive.read(name)
                found += [m.decode() for m in _FORMULA_WITHOUT_VALUE.findall(xml)]
                for first, last in _MERGE.findall(xml):
                    largest = max(largest, _area(first.decode(), last.decode()))
    except (zipfile.BadZipFile, OSError, KeyError):
        return [], 0
    return found, largest


def _area(first: str, last: str) -> int:
    (c1, r1), (c2, r2) = coordinate_from_string(first), coordinate_from_string(last)
    return (abs(r2 - r1) + 1) * (abs(column_index_from_string(c2) - column_index_from_string(c1)) + 1)
