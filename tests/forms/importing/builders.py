"""Forms generated the way the province lays them out, as Word and Excel files.

A layout is a list of rows over a grid; in a row, "<" merges a square into the cell on its
left and "^" into the cell above. A text starting with "=" is a value: "=单位名称" is the value
of that label (empty in a blank form), "=科普讲座的人数#1" its first line only.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
from docx.shared import Pt
from openpyxl.styles import Alignment, Border, Side

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
SUMMARY_LABEL = "整体活动总结\n\n（文字1000字、照片及视频资料请务必单独发送）"

WEEK_ROWS = [
    ["单位名称", "=单位名称", "<", "<"],
    ["活动具体时间", "=活动具体时间", "活动地点", "=活动地点"],
    ["参与活动的医院数量/名称", "=参与活动的医院数量/名称", "<", "<"],
    ["参与活动的各类抗癌组织数量/名称", "=参与活动的各类抗癌组织数量/名称", "<", "<"],
    ["科普讲座", "=科普讲座", "科普讲座的人数", "=科普讲座的人数#1"],
    ["^", "^", "^", "=科普讲座的人数#2"],
    ["学术研讨", "=学术研讨", "参与研讨的人数", "=参与研讨的人数#1"],
    ["^", "^", "^", "=参与研讨的人数#2"],
    ["义诊咨询", "=义诊咨询", "接受义诊咨询的人数", "=接受义诊咨询的人数#1"],
    ["^", "^", "^", "=接受义诊咨询的人数#2"],
    ["张贴海报宣传画", "=张贴海报宣传画", "发放科普知识印刷品", "=发放科普知识印刷品"],
    ["科普图片展览", "=科普图片展览", "抗癌科普知识问答", "=抗癌科普知识问答"],
    ["费用减免", "=费用减免", "参与专家和医护人员", "=参与专家和医护人员"],
    ["直接受益人数", "=直接受益人数", "预计受益人数", "=预计受益人数"],
    ["媒体报道数量/名称", "=媒体报道数量/名称", "<", "<"],
    ["媒体访谈数量/名称", "=媒体访谈数量/名称", "<", "<"],
    ["主要媒体报道链接", "=主要媒体报道链接", "<", "<"],
    ["媒体阅读总数", "=媒体阅读总数", "<", "<"],
    ["其他特色活动数量/名称/形式/内容", "=其他特色活动数量/名称/形式/内容", "<", "<"],
    [SUMMARY_LABEL, "=整体活动总结", "<", "<"],
]
BLANK_PARTS = {"科普讲座的人数": ("线下参与        人", "线上观看        人次"),
               "参与研讨的人数": ("线下参与        人", "线上观看        人次"),
               "接受义诊咨询的人数": ("线下问诊        人", "线上问诊        人")}

NO_SMOKING_ROWS = [
    ["单位名称（盖章）", "=", "<", "<"],
    ["活动时间", "=", "活动地点", "="],
    ["是否开展线上宣传", "□是  □否", "线上宣传观看人次", "="],
    ["宣传资料（份）", "=", "张贴海报（张）", "="],
    ["参与志愿者人数", "=", "经费投入（万元）", "="],
    ["参与活动的控烟机构数量/名称", "=", "<", "<"],
    ["媒体报道链接", "=", "<", "<"],
    ["活动总结（不超过800字）", "=", "<", "<"],
]


def seed_000() -> dict[str, str]:
    return json.loads((FIXTURES / "seed_000_values.json").read_text(encoding="utf-8"))


def cell_texts(rows: list[list[str]], values: dict[str, str] | None,
               blank_parts: dict[str, tuple[str, str]] | None = None) -> list[list[str]]:
    """The layout with each "=label" replaced by its text (blank form: "" or the part hints)."""
    filled = []
    for row in rows:
        out = []
        for text in row:
            if not text.startswith("="):
                out.append(text)
                continue
            label, _, line = text[1:].partition("#")
            if values is None:
                hints = (blank_parts or {}).get(label)
                out.append(hints[int(line) - 1] if hints and line else "")
                continue
            value = values.get(label, "")
            if line:
                lines = [x.strip() for x in value.split("\n") if x.strip()]
                value = lines[int(line) - 1] if len(lines) >= int(line) else ""
            out.append(value)
        filled.append(out)
    return filled


def week_texts(values: dict[str, str] | None) -> tuple[list[str], list[list[str]], list[str]]:
    """Lines above, table cells and lines below of the 宣传周 form, blank or filled."""
    title = f"{values['届次'] if values else '第31届'}全国肿瘤防治宣传周活动总结表"
    date_line = values.get("填表日期", "") if values else "       年    月    日"
    rows = cell_texts(WEEK_ROWS, values, BLANK_PARTS)
    return [title, date_line], rows, ["填表人：              联系电话："]


def write_docx(path: Path, above: list[str], rows: list[list[str]], below: list[str],
               width: int = 4, split_at: int | None = None) -> Path:
    """The lines, the table and the lines under it; ``split_at``: a second table from that
    row on, after a page break (as a table that runs over a page is often retyped)."""
    document = docx.Document()
    for number, line in enumerate(above):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line)
        if number == 0:
            run.bold, run.font.size = True, Pt(16)
    parts = [rows] if split_at is None else [rows[:split_at], rows[split_at:]]
    for number, part in enumerate(parts):
        if number:
            document.add_page_break()
        table = document.add_table(rows=len(part), cols=width)
        table.style = "Table Grid"
        add_rows(table, part)
    for line in below:
        document.add_paragraph(line)
    document.save(path)
    return path


def add_rows(table, rows: list[list[str]]) -> None:
    """Write each cell's text (one paragraph per line), then merge the "<" and "^" squares.

    Texts go in while the grid is still whole, straight through the row elements:
    ``table.cell()`` rescans the whole table on every call.
    """
    from docx.table import _Cell

    for r, tr in enumerate(table._tbl.tr_lst):
        for c, tc in enumerate(tr.tc_lst):
            text = rows[r][c]
            if text not in ("<", "^"):
                set_cell_text(_Cell(tc, table), text)
    for (r, c), (r2, c2) in _merges(rows).items():
        table.cell(r, c).merge(table.cell(r2, c2))


def set_cell_text(cell, text: str) -> None:
    lines = text.split("\n")
    for paragraph in cell.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def write_xlsx(path: Path, above: list[str], rows: list[list[str]], below: list[str],
               width: int = 4) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "总结表"
    thin = Side(style="thin")
    r = 1
    for line in above:
        sheet.cell(r, 1, line)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
    top = r
    for row in rows:
        for c, text in enumerate(row, start=1):
            cell = sheet.cell(r, c)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if text not in ("<", "^") and text:
                cell.value = text
                cell.data_type = "s"  # never a formula, even if it starts with "="
        r += 1
    for (r0, c0), (r1, c1) in _merges(rows).items():
        sheet.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1,
                          end_column=c1 + 1)
    for line in below:
        sheet.cell(r, 1, line)
        r += 1
    book.save(path)
    return path


def _merges(rows: list[list[str]]) -> dict[tuple[int, int], tuple[int, int]]:
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text in ("<", "^"):
                source = (r, c - 1) if text == "<" else (r - 1, c)
                anchors[r, c] = anchors.get(source, source)
                top_left = anchors[r, c]
                far = spans.get(top_left, top_left)
                spans[top_left] = (max(far[0], r), max(far[1], c))
    return spans


def week_docx(path: Path, values: dict[str, str] | None = None) -> Path:
    return write_docx(path, *week_texts(values))


def week_xlsx(path: Path, values: dict[str, str] | None = None) -> Path:
    return write_xlsx(path, *week_texts(values))


def no_smoking_docx(path: Path) -> Path:
    rows = cell_texts(NO_SMOKING_ROWS, None)
    return write_docx(path, ["附件2", "2025年世界无烟日宣传活动总结表"], rows,
                      ["填表人：           联系电话：            填表日期：    年  月  日"])


def noise_png(width: int, height: int, seed: int = 1) -> bytes:
    """A valid PNG of random pixels: it does not compress, like a photo."""
    import random
    import struct
    import zlib

    rng = random.Random(seed)
    raw = b"".join(b"\x00" + rng.randbytes(width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 1))
            + chunk(b"IEND", b""))


def long_week_docx(path: Path, extra_rows: int = 1000, photo_pixels: int = 0) -> Path:
    """The filled 宣传周 form followed by ``extra_rows`` rows of a 明细 table (and a photo)."""
    import io

    above, rows, below = week_texts(seed_000())
    rows = rows + [[f"第{n}项活动", f"{n % 50 + 1}场", "情况说明", "活动按计划开展，" * 8]
                   for n in range(extra_rows)]
    write_docx(path, above, rows, below)
    if photo_pixels:
        document = docx.Document(str(path))
        cell = document.tables[0].cell(len(rows) - 1, 3)
        cell.paragraphs[0].add_run().add_picture(io.BytesIO(noise_png(photo_pixels, photo_pixels)))
        document.save(path)
    return path
