"""The closing pages of a merged report's PDF: which units went in, with what status, and
every attachment each unit sent, by unit and file name, with its SHA-256."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Table

from exports.layout import human_size
from exports.model import ReportData, status_label
from exports.pdf_page import DRAFT_RED, FRAME_WIDTH, LABEL_SHADE, FormParagraph, Styles, markup
from exports.unit_breakdown import drafts_note

GRID_LINE = 0.6
UNITS_WIDTHS = (34, FRAME_WIDTH - 34 - 56 - 120, 56, 120)  # 序号, 单位, 状态, 导出时间
# 单位, 文件名 with its SHA-256 below it (the whole hash on one line at 7 pt), 大小
HASH_SIZE = 7
FILES_WIDTHS = (110, FRAME_WIDTH - 110 - 52, 52)


def _table(header: tuple[str, ...], rows: list[list], widths: tuple[float, ...],
           styles: Styles) -> Table:
    heads = [FormParagraph(f'<font name="{styles.bold}">{escape(text)}</font>', styles.small)
             for text in header]
    return Table([heads, *rows], colWidths=list(widths), repeatRows=1,
                 style=[("FONTNAME", (0, 0), (-1, -1), styles.regular),
                        ("GRID", (0, 0), (-1, -1), GRID_LINE, "black"),
                        ("BACKGROUND", (0, 0), (-1, 0), LABEL_SHADE),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])


def merged_sources(data: ReportData, styles: Styles) -> list:
    """The 汇总来源 and 各单位附件 sections (nothing for a report that was not merged)."""
    sources = data.source_list()
    if not sources:
        return []

    def cell(text: object) -> FormParagraph:
        return FormParagraph(markup(str(text or "")), styles.small)

    units = [[cell(n), cell(s.get("unit")), cell(status_label(s.get("status"))),
              cell(str(s.get("exported_at") or "").replace("T", " ")[:19])]
             for n, s in enumerate(sources, start=1)]
    flowables: list = [
        FormParagraph(f"汇总来源（共 {len(sources)} 个单位）", styles.heading),
        _table(("序号", "单位", "状态", "导出时间"), units, UNITS_WIDTHS, styles),
    ]
    drafts = data.draft_units()
    if drafts:
        warning = styles.signoff.clone("drafts", textColor=DRAFT_RED, spaceBefore=6)
        flowables.append(FormParagraph(markup(drafts_note(drafts)), warning))
    attachments = data.unit_attachments()
    flowables.append(FormParagraph(f"各单位附件（共 {len(attachments)} 个）", styles.heading))
    if not attachments:
        return [*flowables, FormParagraph("各单位均未报送附件。", styles.signoff)]
    rows = [[cell(unit), _file_cell(item, styles), cell(human_size(int(item.get("size") or 0)))]
            for unit, item in attachments]
    return [*flowables, _table(("单位", "文件名 / SHA-256", "大小"), rows, FILES_WIDTHS, styles)]


def _file_cell(item: dict, styles: Styles) -> FormParagraph:
    digest = escape(str(item.get("sha256", "")))
    return FormParagraph(f'{markup(str(item.get("name") or ""))}<br/>'
                         f'<font size="{HASH_SIZE}" color="#404040">{digest}</font>', styles.small)
