"""The sheets of a merged report's workbook: 分单位明细 (one row per unit with its status, a
total row, which units sent drafts) and 各单位附件 (each unit's attachments with their hash).

exports.xlsx calls ``add_breakdown_sheet`` when the report has sources (it was merged).
Every number is a real numeric cell; an approximate one shows 约 through its number format.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from exports.layout import clean_text
from exports.merge_values import column_total, numeric_fields, unit_quantity
from exports.model import ReportData, status_label
from exports.xlsx_cells import BODY_FONT, BORDER, LABEL_FILL, LABEL_FONT, set_text
from forms.quantity import APPROX, AT_LEAST
from forms.registry import field_type
from forms.spec import FieldSpec

SHEET_TITLE = "分单位明细"
ATTACHMENTS_TITLE = "各单位附件"
STATUS_HEADER = "状态"
FIRST_NUMBER = 4  # 序号, 单位, 状态, then the numbers
_DRAFT_FONT = Font(name=BODY_FONT.name, size=BODY_FONT.size, bold=True, color="C00000")
TOTAL_LABEL = "合计"
REPORT_LABEL = "报表中的值"  # shown only when the report was edited after the merge
_TOTAL_FILL = PatternFill("solid", fgColor="FFF2CC")
_PREFIX = {APPROX: '"约"', AT_LEAST: '"至少"'}
AGGREGATE_NOTES = {"mean": "平均", "min": "最小", "max": "最大", "none": "不合计"}


def number_format(quantity: dict[str, Any]) -> str:
    """#,##0 (or with decimals), prefixed with 约 / 至少 for a qualified number."""
    value = quantity["value"]
    digits = "#,##0" if float(value).is_integer() else "#,##0.00"
    return _PREFIX.get(quantity.get("qualifier") or "", "") + digits


def _text(cell: Any, text: Any, font: Font = BODY_FONT) -> None:
    set_text(cell, text)
    cell.font = font


def _number(cell: Any, quantity: dict[str, Any] | None, font: Font = BODY_FONT) -> None:
    cell.font = font
    cell.border = BORDER
    if quantity is None:
        return
    cell.value = quantity["value"]
    cell.number_format = number_format(quantity)


def _report_number(spec: Any, value: Any) -> dict[str, Any] | None:
    quantity = unit_quantity(spec, value)
    if quantity is not None and quantity.get("listed"):
        return None  # a count made from the names listed: not a figure the report gives
    return quantity


def column_header(spec: FieldSpec) -> str:
    """科普讲座（场）; 平均每场人数（人，平均）: the unit, and how the 合计 row combines it."""
    kind = field_type(spec)
    notes = [kind.column_unit(spec) or "", AGGREGATE_NOTES.get(kind.aggregate(spec), "")]
    notes = [note for note in notes if note]
    label = spec.full_label or spec.label
    return f"{label}（{'，'.join(notes)}）" if notes else label


def add_breakdown_sheet(workbook: Workbook, data: ReportData) -> None:
    """Add 分单位明细: units down, numeric fields across, 合计 equal to the merged values."""
    sources = [s for s in data.sources or () if isinstance(s, dict)]
    ws = workbook.create_sheet(SHEET_TITLE)
    specs = numeric_fields(data.template)
    headers = (["序号", "单位", STATUS_HEADER] + [column_header(spec) for spec in specs]
               + ["导出时间", "来源文件"])
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(1, col)
        _text(cell, header, LABEL_FONT)
        cell.fill = LABEL_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = {1: 6, 2: 28, 3: 8}.get(col, 14)
    ws.row_dimensions[1].height = 60
    last = len(headers)
    for row, source in enumerate(sources, start=2):
        ws.cell(row, 1).value = row - 1
        ws.cell(row, 1).border = BORDER
        _text(ws.cell(row, 2), clean_text(str(source.get("unit", ""))))
        draft = source.get("status") != "complete"
        _text(ws.cell(row, 3), status_label(source.get("status")), _DRAFT_FONT if draft else BODY_FONT)
        numbers = source.get("values") or {}
        for col, spec in enumerate(specs, start=FIRST_NUMBER):
            _number(ws.cell(row, col), numbers.get(spec.key))
        _text(ws.cell(row, last - 1), str(source.get("exported_at") or ""))
        _text(ws.cell(row, last), str(source.get("file") or ""))
        for col in (2, 3, last - 1, last):
            ws.cell(row, col).border = BORDER
    row = len(sources) + 2
    totals = [column_total(spec, ((s.get("values") or {}).get(spec.key) for s in sources))
              for spec in specs]
    _summary_row(ws, row, TOTAL_LABEL, totals, last)
    current = [_report_number(spec, data.check.values.get(spec.key)) for spec in specs]
    notes = []
    if any(_differs(a, b) for a, b in zip(totals, current, strict=True)):
        row += 1
        _summary_row(ws, row, REPORT_LABEL, current, last)
        notes.append("注：合并后报表中的数值已被修改，与各单位合计不同。")
    drafts = data.draft_units()
    if drafts:
        notes.append(drafts_note(drafts))
    for offset, note in enumerate(notes, start=1):
        _text(ws.cell(row + offset, 2), note, _DRAFT_FONT if note.startswith("注意") else BODY_FONT)
    ws.freeze_panes = "D2"
    _attachments_sheet(workbook, data)


def drafts_note(units: list[str]) -> str:
    """The line that says which units sent drafts (the PDF prints it too)."""
    return (f"注意：{len(units)} 个单位报送的是草稿（尚未标记为完成）："
            f"{'、'.join(clean_text(u) for u in units)}。")


def _attachments_sheet(workbook: Workbook, data: ReportData) -> None:
    """各单位附件: each attachment a unit sent, by unit and file name, with its SHA-256."""
    ws = workbook.create_sheet(ATTACHMENTS_TITLE)
    headers = ("序号", "单位", "文件名", "大小（字节）", "SHA-256")
    for col, (header, width) in enumerate(zip(headers, (6, 28, 36, 14, 70), strict=True), start=1):
        cell = ws.cell(1, col)
        _text(cell, header, LABEL_FONT)
        cell.fill = LABEL_FILL
        cell.border = BORDER
        ws.column_dimensions[cell.column_letter].width = width
    attachments = data.unit_attachments()
    for row, (unit, attachment) in enumerate(attachments, start=2):
        ws.cell(row, 1).value = row - 1
        _text(ws.cell(row, 2), unit)
        _text(ws.cell(row, 3), attachment.get("name", ""))
        ws.cell(row, 4).value = attachment.get("size")
        _text(ws.cell(row, 5), attachment.get("sha256", ""))
        for col in range(1, 6):
            ws.cell(row, col).border = BORDER
    if not attachments:
        _text(ws.cell(2, 2), "各单位均未报送附件。")
    ws.freeze_panes = "A2"


def _summary_row(ws: Any, row: int, label: str, quantities: list[dict[str, Any] | None],
                 last: int) -> None:
    _text(ws.cell(row, 2), label, LABEL_FONT)
    for col in range(1, last + 1):
        ws.cell(row, col).fill = _TOTAL_FILL
        ws.cell(row, col).border = BORDER
    for col, quantity in enumerate(quantities, start=FIRST_NUMBER):
        _number(ws.cell(row, col), quantity, LABEL_FONT)


def _differs(total: dict[str, Any] | None, current: dict[str, Any] | None) -> bool:
    if total is None or current is None:
        return (total is None) != (current is None)
    return total["value"] != current["value"] or \
        (total.get("qualifier") or None) != (current.get("qualifier") or None)
