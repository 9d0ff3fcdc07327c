"""The report as an Excel workbook: the paper form, a data sheet, and a metadata sheet."""

from __future__ import annotations

import io
import math
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from exports.atomic import atomic_path
from exports.layout import (
    cell_text,
    clean_text,
    explanation_texts,
    grid_rows,
    heading_date,
    issue_texts,
    line_count,
    signoff_entries,
    split_chunks,
)
from exports.meta import APP_VERSION, export_time, iso_time, printed_time, values_sha256
from exports.model import DRAFT_MARK, ReportData
from exports.unit_breakdown import add_breakdown_sheet
from exports.xlsx_cells import BODY_FONT, BORDER, FONT, LABEL_FILL, LABEL_FONT, set_text
from forms.registry import field_type

SHEET_DATA = "数据"
SHEET_META = "元数据"
COLUMN_WIDTHS = (16, 30, 16, 30)  # label, value, label, value
LINE_HEIGHT = 15.5  # points per line of 11 pt text, with room for other CJK fonts
MAX_LINES_PER_ROW = 20  # Excel rows are at most 409 pt high; longer texts continue below
META_VALUE_WIDTH = 72
DATA_COLUMNS = ("键", "栏目", "填写原文", "规范值", "单位", "限定", "结构化值（JSON）", "校验问题", "说明")
DATA_WIDTHS = (30, 28, 50, 18, 8, 6, 40, 40, 30)

DRAFT_FILL = PatternFill("solid", fgColor="FDE2E2")
DRAFT_FONT = Font(name=FONT, size=14, bold=True, color="C00000")


def _footer_text(text: str) -> str:
    """User text for a header/footer, where ``&`` starts a code."""
    return clean_text(text).replace("\n", " ").replace("&", "&&")[:80]


def _page_setup(ws: Worksheet, data: ReportData, when: datetime) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.left.text = _footer_text(data.unit)
    ws.oddFooter.right.text = f"导出时间 {printed_time(when)}"
    if data.marked_draft:
        ws.oddHeader.center.text = DRAFT_MARK
        ws.oddHeader.center.color = "C00000"
        ws.oddHeader.center.size = 14
        ws.oddHeader.center.font = f"{FONT},Bold"


def _banner(ws: Worksheet, row: int, text: str, columns: int, font: Font, fill=None) -> None:
    set_text(ws.cell(row, 1), text)
    if columns > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    cell = ws.cell(row, 1)
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if fill is not None:
        cell.fill = fill
    ws.row_dimensions[row].height = 26


def _box(ws: Worksheet, row: int, first: int, last: int, text: str, *, label: bool,
         rows: int = 1) -> None:
    """One bordered cell spanning ``first..last`` columns and ``rows`` rows."""
    cell = set_text(ws.cell(row, first), text)
    if last > first or rows > 1:
        ws.merge_cells(start_row=row, start_column=first, end_row=row + rows - 1, end_column=last)
    for r in range(row, row + rows):
        for c in range(first, last + 1):
            ws.cell(r, c).border = BORDER
            if label:
                ws.cell(r, c).fill = LABEL_FILL
    cell.font = LABEL_FONT if label else BODY_FONT
    many_lines = "\n" in text or len(text) > 12
    # a label over several rows stays at the top, where its value starts (rows may cross pages)
    top = rows > 1 if label else many_lines
    cell.alignment = Alignment(horizontal="center" if label else "left",
                               vertical="top" if top else "center", wrap_text=True)


def _width(first: int, last: int) -> float:
    return sum(COLUMN_WIDTHS[first - 1 : last]) - 1


def _grid(ws: Worksheet, data: ReportData, row: int) -> int:
    """The label/value grid; returns the next free row."""
    for fields in grid_rows(data.template, data.check.not_applicable):
        spans = [(1, 2, 4)] if len(fields) == 1 else [(1, 2, 2), (3, 4, 4)]
        chunks = [split_chunks(cell_text(data, spec), _width(first, last), MAX_LINES_PER_ROW)
                  for spec, (_, first, last) in zip(fields, spans, strict=True)]
        height = max(len(c) for c in chunks)
        for spec, (label_col, first, last), texts in zip(fields, spans, chunks, strict=True):
            _box(ws, row, label_col, label_col, spec.label, label=True, rows=height)
            texts = texts + [""] * (height - len(texts))
            for offset, text in enumerate(texts):
                _box(ws, row + offset, first, last, text, label=False)
        label_lines = max(line_count(spec.label, COLUMN_WIDTHS[0] - 1) for spec in fields)
        for offset in range(height):
            lines = math.ceil(label_lines / height)
            for texts, (_, first, last) in zip(chunks, spans, strict=True):
                if offset < len(texts):
                    lines = max(lines, line_count(texts[offset], _width(first, last)))
            ws.row_dimensions[row + offset].height = min(409, max(22, lines * LINE_HEIGHT + 6))
        row += height
    return row


def _signoff(ws: Worksheet, data: ReportData, row: int) -> int:
    """填表人 / 联系电话 / 日期 in pairs, then the stamp line; returns the next free row."""
    row += 1
    entries = signoff_entries(data)
    for index, (label, text) in enumerate(entries):
        r, col = row + index // 2, 1 + 2 * (index % 2)
        set_text(ws.cell(r, col), f"{label}：").font = LABEL_FONT
        ws.cell(r, col).alignment = Alignment(horizontal="right", vertical="center")
        set_text(ws.cell(r, col + 1), text).font = BODY_FONT
        ws.cell(r, col + 1).alignment = Alignment(horizontal="left", vertical="center")
        ws.row_dimensions[r].height = 24
    row += (len(entries) + 1) // 2
    if data.template.stamp_label:
        unit = data.unit or data.raw.get(data.template.unit_field or "", "")
        set_text(ws.cell(row, 3), f"填报单位{data.template.stamp_label}：").font = LABEL_FONT
        ws.cell(row, 3).alignment = Alignment(horizontal="right", vertical="top")
        set_text(ws.cell(row, 4), unit).font = BODY_FONT
        ws.cell(row, 4).alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        ws.row_dimensions[row].height = 64  # room for the seal
        row += 1
    return row


def _form_sheet(ws: Worksheet, data: ReportData, when: datetime) -> None:
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        ws.column_dimensions[chr(64 + index)].width = width
    row = 1
    if data.marked_draft:
        _banner(ws, row, DRAFT_MARK, 4, DRAFT_FONT, DRAFT_FILL)
        row += 1
    _banner(ws, row, data.heading, 4, Font(name=FONT, size=18, bold=True))
    ws.row_dimensions[row].height = 40
    ws.print_title_rows = f"{row}:{row}"  # the draft mark repeats in the page header instead
    row += 1
    date = heading_date(data)
    if date:
        set_text(ws.cell(row, 1), f"填表日期：{date}").font = BODY_FONT
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        ws.cell(row, 1).alignment = Alignment(horizontal="right", vertical="center")
        ws.row_dimensions[row].height = 22
        row += 1
    row = _grid(ws, data, row)
    _signoff(ws, data, row)
    _page_setup(ws, data, when)
    ws.sheet_view.showGridLines = False


def _data_sheet(ws: Worksheet, data: ReportData, when: datetime) -> None:
    columns = len(DATA_COLUMNS)
    if data.marked_draft:
        _banner(ws, 1, DRAFT_MARK, columns, DRAFT_FONT, DRAFT_FILL)
    else:
        _banner(ws, 1, f"{data.heading}（数据）", columns, LABEL_FONT)
    for col, (name, width) in enumerate(zip(DATA_COLUMNS, DATA_WIDTHS, strict=True), start=1):
        set_text(ws.cell(2, col), name).font = LABEL_FONT
        ws.cell(2, col).fill = LABEL_FILL
        ws.cell(2, col).border = BORDER
        ws.column_dimensions[ws.cell(2, col).column_letter].width = width
    row = 3
    for spec in data.template.leaves():
        if spec.key in data.check.not_applicable:
            continue  # its show_if does not hold: kept in the report, not exported
        cells = field_type(spec).data_cells(spec, data.check.values.get(spec.key))
        texts = [spec.key, spec.full_label or spec.label, data.raw.get(spec.key, "")]
        for col, text in enumerate(texts, start=1):
            set_text(ws.cell(row, col), text)
        cell = ws.cell(row, 4)
        if isinstance(cells.value, str):
            set_text(cell, cells.value)
        else:
            cell.value = cells.value
            if cells.number_format:
                cell.number_format = cells.number_format
        set_text(ws.cell(row, 5), cells.unit)
        set_text(ws.cell(row, 6), cells.qualifier)
        set_text(ws.cell(row, 7), cells.structured)
        set_text(ws.cell(row, 8), "\n".join(issue_texts(data, spec.key)))
        set_text(ws.cell(row, 9), "\n".join(explanation_texts(data, spec.key)))
        for col in range(1, columns + 1):
            ws.cell(row, col).alignment = Alignment(vertical="top")  # one line per field
        row += 1
    ws.freeze_panes = "C3"
    ws.auto_filter.ref = f"A2:{ws.cell(2, columns).column_letter}{max(row - 1, 2)}"
    _page_setup(ws, data, when)
    ws.page_setup.orientation = "landscape"


def metadata_rows(data: ReportData, when: datetime) -> list[tuple[str, str, Any]]:
    """(key, label, value) rows of the 元数据 sheet."""
    template = data.template
    return [
        ("form_id", "表单编号", template.id),
        ("form_version", "表单版本", template.version),
        ("form_title", "表单名称", template.title),
        ("app_version", "软件版本", APP_VERSION),
        ("report_id", "报表编号", data.report_id if data.report_id is not None else ""),
        ("title", "报表标题", data.title),
        ("unit", "填报单位", data.unit),
        ("period", "届次/年度", data.period),
        ("status", "状态", DRAFT_MARK if data.marked_draft else
         "已通过校验，已完成" if data.status == "complete" else "已通过校验，尚未标记为完成（草稿）"),
        ("errors", "错误数", len(data.check.errors)),
        ("warnings", "警告数", len(data.check.warnings)),
        ("attachments", "附件数", len(data.attachments)),
        ("exported_at", "导出时间", iso_time(when)),
        ("values_sha256", "数值哈希（SHA-256）", values_sha256(data.check.values)),
        ("hash_method", "哈希算法",
         "SHA-256(UTF-8(json.dumps(values, ensure_ascii=False, sort_keys=True, "
         "separators=(',', ':'))))"),
    ]


def _meta_sheet(ws: Worksheet, data: ReportData, when: datetime) -> None:
    if data.marked_draft:
        _banner(ws, 1, DRAFT_MARK, 3, DRAFT_FONT, DRAFT_FILL)
    else:
        _banner(ws, 1, f"{data.heading}（元数据）", 3, LABEL_FONT)
    for col, (name, width) in enumerate((("键", 16), ("项目", 20), ("值", META_VALUE_WIDTH)),
                                        start=1):
        set_text(ws.cell(2, col), name).font = LABEL_FONT
        ws.cell(2, col).fill = LABEL_FILL
        ws.column_dimensions[ws.cell(2, col).column_letter].width = width
    for row, (key, label, value) in enumerate(metadata_rows(data, when), start=3):
        set_text(ws.cell(row, 1), key)
        set_text(ws.cell(row, 2), label)
        if isinstance(value, str):
            set_text(ws.cell(row, 3), value)
        else:
            ws.cell(row, 3).value = value
        ws.cell(row, 3).alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        lines = line_count(str(value), META_VALUE_WIDTH - 2)
        ws.row_dimensions[row].height = max(18, lines * LINE_HEIGHT + 4)
    _page_setup(ws, data, when)


def sheet_title(text: str) -> str:
    """A worksheet name Excel accepts (≤ 31 characters, none of []:*?/\\)."""
    cleaned = "".join(c for c in clean_text(text) if c not in "[]:*?/\\'\n\t").strip()
    return cleaned[:31] or "总结表"


def build_workbook(data: ReportData, *, exported_at: datetime | None = None) -> Workbook:
    """The whole workbook in memory."""
    when = export_time(exported_at)
    workbook = Workbook()
    form = workbook.active
    form.title = sheet_title(data.template.title)
    _form_sheet(form, data, when)
    _data_sheet(workbook.create_sheet(SHEET_DATA), data, when)
    _meta_sheet(workbook.create_sheet(SHEET_META), data, when)
    if data.sources:
        add_breakdown_sheet(workbook, data)
    workbook.properties.title = clean_text(data.heading)[:200]
    workbook.properties.creator = f"填报 Tianbao {APP_VERSION}"
    return workbook


def xlsx_bytes(data: ReportData, *, exported_at: datetime | None = None) -> bytes:
    buffer = io.BytesIO()
    build_workbook(data, exported_at=exported_at).save(buffer)
    return buffer.getvalue()


def write_xlsx(data: ReportData, path: Path | str, *, exported_at: datetime | None = None) -> Path:
    """Write the report's workbook to ``path`` (atomically); raises ExportError on failure."""
    path = Path(path)
    # Built in memory and written in one go: a zip written straight to a full disk is left
    # half-closed, and its clean-up prints "Exception ignored in ZipFile.__del__".
    content = xlsx_bytes(data, exported_at=exported_at)
    with atomic_path(path) as tmp:
        tmp.write_bytes(content)
    return path
