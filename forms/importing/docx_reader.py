"""Word (.docx) to the neutral grid: paragraphs and tables in order, merged cells once each.

Walks the document XML that python-docx parsed instead of ``table.rows[i].cells``: that API
repeats a merged cell once per grid column and costs a full table scan per row.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from forms.importing.grid import Cell, Document, ImportRefused, Line, Progress, Table
from forms.messages import msg, plural

MAX_COLUMNS = 100
MAX_ROWS = 20_000
_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
       "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
# Text-bearing pieces of a paragraph in document order; mc:Fallback repeats mc:Choice.
_PIECES = etree.XPath(
    ".//w:t[not(ancestor::mc:Fallback)] | .//w:tab[parent::w:r][not(ancestor::mc:Fallback)]"
    " | .//w:br[not(ancestor::mc:Fallback)] | .//w:cr[not(ancestor::mc:Fallback)]"
    " | .//w:sym[not(ancestor::mc:Fallback)]", namespaces=_NS)
_IMAGES = etree.XPath(".//w:drawing[not(ancestor::mc:Fallback)] | .//w:pict[not(ancestor::mc:Fallback)]",
                      namespaces=_NS)
_T, _TAB, _BR, _CR, _SYM = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:sym")
_P, _TBL, _SDT, _SDT_CONTENT, _TR, _TC = (qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent"),
                                          qn("w:tr"), qn("w:tc"))
_VAL = qn("w:val")
# Wingdings/Symbol check boxes as Word inserts them with Insert › Symbol.
_SYMBOLS = {"F0FE": "☑", "F078": "☒", "F0FD": "☒", "F0A8": "□", "F06F": "□", "F0A3": "□",
            "F052": "☑", "F0FC": "✓", "F050": "✓"}


def read_docx(path: Path, progress: Progress | None = None) -> Document:
    """Every paragraph and table of the body, in order; ImportRefused if it cannot be read."""
    path = Path(path)
    body = _body(path)
    rows = len(body.findall(f".//{_TR}"))
    if rows > MAX_ROWS:
        raise ImportRefused(msg("“{name}”的表格共有 {rows} 行，超过 {limit} 行的上限，"
                                "不像是一张表单。请只保留需要导入的表格", name=path.name,
                                rows=f"{rows:,}", limit=f"{MAX_ROWS:,}"))
    reader = _Reader(progress, rows)
    try:
        reader.blocks_of(body)
    except RecursionError:
        raise _too_deep(path) from None
    if progress:
        progress(reader.total_rows, reader.total_rows)
    document = Document(reader.blocks, name=path.name, kind="docx", notes=reader.notes)
    if reader.images:
        document.notes.append(plural("表格中有 {n} 张图片，图片不会导入（可在报表中作为附件添加）",
                                     n=reader.images))
    return document


def _body(path: Path) -> Any:
    try:
        return docx.Document(str(path)).element.body
    except ValueError:
        pass  # a template (.dotx) or macro document (.docm): same XML, other content type
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc):
            raise _too_deep(path) from None
        raise _damaged(path, exc) from None
    except (KeyError, zipfile.BadZipFile, OSError) as exc:
        raise _damaged(path, exc) from None
    try:
        with zipfile.ZipFile(path) as archive:
            root = parse_xml(archive.read("word/document.xml"))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError) as exc:
        raise _damaged(path, exc) from None
    found = root.find(qn("w:body"))
    if found is None:
        raise _damaged(path, msg("没有正文"))
    return found


def _too_deep(path: Path) -> ImportRefused:
    return ImportRefused(msg("“{name}”中的表格嵌套过深，无法读取。"
                             "请在 Word 中把表格改为不嵌套的普通表格后再导入", name=path.name))


def _damaged(path: Path, exc: object) -> ImportRefused:
    return ImportRefused(msg("“{name}”已损坏，无法读取（{error}）。请在 Word 中打开并另存为 .docx 后再导入",
                             name=path.name, error=exc if isinstance(exc, str) else str(exc)))


def paragraph_text(p: Any) -> str:
    parts = []
    for piece in _PIECES(p):
        tag = piece.tag
        if tag == _T:
            parts.append(piece.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _SYM:
            parts.append(_SYMBOLS.get((piece.get(qn("w:char")) or "").upper(), ""))
        else:
            parts.append("\n")
    return "".join(parts)


class _Reader:
    def __init__(self, progress: Progress | None, total_rows: int) -> None:
        self.blocks: list[Line | Table] = []
        self.notes: list[str] = []
        self.images = 0
        self.progress = progress
        self.total_rows = total_rows
        self.rows_done = 0
        self.tables = 0

    def blocks_of(self, parent: Any) -> None:
        for child in parent:
            if child.tag == _P:
                self.blocks.append(Line(paragraph_text(child)))
            elif child.tag == _TBL:
                self.table(child, nested=False)
            elif child.tag in (_SDT, _SDT_CONTENT) or child.tag.endswith("}customXml"):
                target = child.find(_SDT_CONTENT) if child.tag == _SDT else child
                if target is not None:
                    self.blocks_of(target)

    def table(self, tbl: Any, nested: bool, heading: str = "") -> None:
        """Append the table; a table nested in a cell comes right after the row holding it
        (the rest of the table after it), so its fields keep their place on the paper."""
        self.tables += 1
        table = Table([], 0, place=msg("第{number}个表格", number=self.tables), nested=nested,
                      heading=heading)
        open_cells: dict[int, Cell] = {}  # grid column -> cell a vertical merge may continue
        holders: list[tuple[int, Cell, Any]] = []  # (row, cell holding it, nested table)
        for r, tr in enumerate(tbl.iterchildren(_TR)):
            row: list[Cell] = []
            col = _grid_skip(tr, "gridBefore")
            for tc in tr.iterchildren(_TC):
                span = max(1, min(_int(tc, "w:tcPr/w:gridSpan"), MAX_COLUMNS))
                merge = _merge(tc, "w:vMerge")
                hmerge = _merge(tc, "w:hMerge")
                inner: list[Any] = []
                if merge == "continue" and col in open_cells:
                    holder = open_cells[col]
                    holder.rowspan = r - holder.row + 1
                    self._extra_text(holder, tc, inner)
                elif hmerge == "continue" and row:
                    holder = row[-1]
                    holder.colspan += span
                    self._extra_text(holder, tc, inner)
                else:
                    holder = Cell(self._cell_text(tc, inner), r, col, colspan=span,
                                  images=len(_IMAGES(tc)))
                    self.images += holder.images
                    row.append(holder)
                    for c in range(col, col + span):
                        open_cells[c] = holder
                holders += [(r, holder, found) for found in inner]
                col += span
                if col >= MAX_COLUMNS:
                    break
            table.rows.append(row)
            table.width = max(table.width, col)
            self.rows_done += 1
            if self.progress and self.rows_done % 50 == 0:
                self.progress(self.rows_done, self.total_rows)
        self._place_nested(table, holders)

    def _place_nested(self, table: Table, holders: list[tuple[int, Cell, Any]]) -> None:
        start = 0
        for r in sorted({r for r, _, _ in holders}):
            self.blocks.append(_rows_of(table, start, r + 1))
            for _, holder, found in (h for h in holders if h[0] == r):
                holder.nested += 1
                label = _label_before(table.rows[holder.row], holder)
                inner = msg("第{number}个表格", number=self.tables + 1)
                if label:
                    self.notes.append(msg("{place}第{row}行“{label}”一格中有嵌套的表格（{inner}），"
                                          "其中的栏目按纸上的位置读入，归在“{label}”之下，请核对",
                                          place=table.place, row=r + 1, label=label, inner=inner))
                else:
                    self.notes.append(msg("{place}第{row}行有嵌套的表格（{inner}），"
                                          "其中的栏目按纸上的位置读入，请核对",
                                          place=table.place, row=r + 1, inner=inner))
                self.table(found, nested=True, heading=label)
            start = r + 1
        if start == 0 or start < len(table.rows):
            self.blocks.append(_rows_of(table, start, len(table.rows)))

    def _cell_text(self, tc: Any, inner: list[Any]) -> str:
        lines: list[str] = []
        self._collect(tc, lines, inner)
        text = "\n".join(lines)
        return text.strip("\n") if text.strip() else ""

    def _extra_text(self, cell: Cell, tc: Any, inner: list[Any]) -> None:
        """A merged-away square that still holds text (hand-edited files): keep it, never drop it."""
        extra = self._cell_text(tc, inner)
        if extra.strip():
            cell.text = f"{cell.text}\n{extra}" if cell.text.strip() else extra

    def _collect(self, parent: Any, lines: list[str], inner: list[Any]) -> None:
        for child in parent:
            if child.tag == _P:
                lines.append(paragraph_text(child))
            elif child.tag == _TBL:
                inner.append(child)
            elif child.tag in (_SDT, _SDT_CONTENT) or child.tag.endswith("}customXml"):
                target = child.find(_SDT_CONTENT) if child.tag == _SDT else child
                if target is not None:
                    self._collect(target, lines, inner)


def _rows_of(table: Table, start: int, end: int) -> Table:
    """Rows start..end of a table as a table of their own (merges cut at its edges)."""
    if (start, end) == (0, len(table.rows)):
        return table
    part = Table(table.rows[start:end], table.width, place=table.place, nested=table.nested,
                 heading=table.heading, row_offset=start)
    for cell in part.cells():
        cell.row -= start
        cell.rowspan = max(1, min(cell.rowspan, end - start - cell.row))
    return part


def _label_before(row: list[Cell], holder: Cell) -> str:
    """The label a nested table answers: the text of the cell left of the one holding it, or
    the holder's own text when it is the first on its row (LibreOffice puts it there)."""
    before = [c for c in row if c.col < holder.col and c.text.strip()]
    if before:
        return " ".join(before[-1].text.split())
    return " ".join(holder.text.split())


def _w(path: str) -> str:
    """'w:tcPr/w:gridSpan' in Clark notation for ElementTree's find()."""
    return "/".join(qn(step) for step in path.split("/"))


def _int(element: Any, path: str) -> int:
    found = element.find(_w(path))
    try:
        return int(found.get(_VAL)) if found is not None else 1
    except (TypeError, ValueError):
        return 1


def _grid_skip(tr: Any, name: str) -> int:
    found = tr.find(_w(f"w:trPr/w:{name}"))
    try:
        return max(0, min(int(found.get(_VAL)), MAX_COLUMNS)) if found is not None else 0
    except (TypeError, ValueError):
        return 0


def _merge(tc: Any, name: str) -> str | None:
    """"restart", "continue" or None for a cell's vMerge/hMerge."""
    found = tc.find(_w(f"w:tcPr/{name}"))
    if found is None:
        return None
    return found.get(_VAL) or "continue"
