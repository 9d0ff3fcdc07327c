"""The report as a PDF in the paper form's layout (reportlab platypus, embedded CJK fonts)."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from exports.atomic import ExportError, atomic_path
from exports.fonts import FontMissingError
from exports.layout import (
    cell_text,
    grid_rows,
    heading_date,
    human_size,
    line_count,
    print_text,
    signoff_entries,
    split_long_line,
)
from exports.linebreak import NO_LINE_START
from exports.meta import APP_VERSION, export_time, printed_time
from exports.model import DRAFT_MARK, ReportData
from exports.pdf_page import (
    FRAME_WIDTH,
    LABEL_SHADE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    FormParagraph,
    PageDecor,
    Styles,
    make_styles,
    markup,
    numbered_canvas,
)
from exports.pdf_sources import merged_sources
from forms.registry import field_type
from forms.spec import FieldSpec

LABEL_WIDTH = 80.0
HALF_WIDTH = (FRAME_WIDTH - 2 * LABEL_WIDTH) / 2
FULL_WIDTH = FRAME_WIDTH - LABEL_WIDTH
PADDING = 5.0
ROW_LINES = 6  # rows split only between rows, so long texts become several short rows
# A paragraph is measured whole each time it is split, so a long one is first cut (after
# punctuation where possible) into pieces of about this many lines: the time stays linear.
PIECE_LINES = 4 * ROW_LINES
LINE_CHARS_MAX = 300  # a sign-off or stamp line longer than this is shortened (the grid has it all)
PARAGRAPH_GAP = 5
STAMP_PADDING = 6  # a table cell's left and right padding (reportlab's default)
GRID_LINE = 0.6
BOX_LINE = 1.2
_BLANK_RUNS = re.compile(r"\n(?:[ \t\u3000]*\n)+")
_CLOSING = "".join(sorted(NO_LINE_START - set(",.;:?!)]}%")))  # Chinese ones only
_DANGLING = re.compile(rf"(?<=\S)\s*\n\s*(?=[{re.escape(_CLOSING)}])")


def tidy(text: str) -> str:
    """Printed text: trailing blanks dropped, runs of blank lines collapsed to one, and a
    line that starts with closing punctuation (a list pasted as "甲\n\n、乙") joined to the
    line before it, as no printed line may start with one."""
    lines = [line.rstrip() for line in print_text(text).split("\n")]
    joined = _DANGLING.sub("", "\n".join(lines))
    return _BLANK_RUNS.sub("\n\n", joined).strip("\n")


def _link_lines(data: ReportData, spec: FieldSpec) -> list[str] | None:
    """A link list as "name url" lines, when its type prints it with clickable links."""
    if spec.parts:
        return None
    links = field_type(spec).print_links(spec, print_text(data.raw.get(spec.key, "")),
                                          data.check.values.get(spec.key))
    return None if links is None else [f"{name} {url}".strip() for name, url in links]


def _paragraphs(text: str, styles: Styles, links: bool, piece_width: float) -> list:
    """One Paragraph per line (a very long line in pieces ``piece_width`` units wide); a
    blank line becomes a small gap before the next one."""
    flowables: list = []
    gap = False
    for line in text.split("\n"):
        if not line.strip():
            gap = bool(flowables)
            continue
        if gap:
            flowables.append(Spacer(1, PARAGRAPH_GAP))
        pieces = [line] if links else split_long_line(line, piece_width)
        flowables += [FormParagraph(_link_markup(piece) if links else markup(piece), styles.value)
                      for piece in pieces]
        gap = False
    return flowables or [FormParagraph("", styles.value)]


def shortened(text: str, limit: int = LINE_CHARS_MAX) -> str:
    """``text`` cut to ``limit`` characters with "…" (for one-line places on the page)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _link_markup(line: str) -> str:
    """"name url" with the URL clickable; user text stays escaped."""
    name, _, url = line.rpartition(" ")
    if not url.lower().startswith(("http://", "https://")):
        return markup(line)
    href = escape(url, {'"': "&quot;"})
    return f'{markup(name)} <a href="{href}" color="#1F3A93">{escape(url)}</a>'.strip()


def _split_rows(flowables: list, width: float, limit: float) -> list[list]:
    """Group flowables into row contents at most ``limit`` high, splitting paragraphs at line ends.

    A table row never splits across pages, so a long text becomes several short rows; splitting a
    Paragraph (rather than its text) keeps the lines flowing exactly as they would in one cell.
    """
    rows: list[list] = []
    current: list = []
    used = 0.0
    pending = list(flowables)
    while pending:
        item = pending.pop(0)
        _, height = item.wrap(width, limit)
        if used + height <= limit:
            current.append(item)
            used += height
            continue
        parts = item.split(width, limit - used) if isinstance(item, Paragraph) else []
        if len(parts) == 2:
            current.append(parts[0])
            pending.insert(0, parts[1])
        elif not current:
            current.append(item)  # cannot be split: it gets a row of its own
            rows.append(current)
            current, used = [], 0.0
            continue
        else:
            pending.insert(0, item)
        rows.append(current)
        current, used = [], 0.0
    if current:
        rows.append(current)
    return rows


def _field_chunks(data: ReportData, spec: FieldSpec, width: float, styles: Styles) -> list[list]:
    """A field's value as consecutive row contents, each at most ROW_LINES lines high."""
    links = _link_lines(data, spec)
    text = "\n".join(links) if links is not None else tidy(cell_text(data, spec))
    units = (width - 2 * PADDING) / (styles.value.fontSize / 2)
    flowables = _paragraphs(text, styles, links is not None, units * PIECE_LINES)
    if line_count(text, units * 0.9) < ROW_LINES:  # surely one row: skip measuring
        return [flowables]
    limit = ROW_LINES * styles.value.leading + 0.5
    return _split_rows(flowables, width - 2 * PADDING, limit)


class FormTable(Table):
    """A table whose part on each page is closed top and bottom.

    reportlab's "splitlast"/"splitfirst" styles only survive the first split of a table.
    """

    def split(self, availWidth: float, availHeight: float) -> list:  # noqa: N803 - reportlab's
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            parts[0].setStyle([("LINEBELOW", (0, -1), (-1, -1), BOX_LINE, "black")])
            parts[1].setStyle([("LINEABOVE", (0, 0), (-1, 0), BOX_LINE, "black")])
        return parts


def _grid(data: ReportData, styles: Styles) -> Table:
    """The bordered label/value grid in the paper form's layout."""
    rows: list[list[Any]] = []
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.regular),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("BOX", (0, 0), (-1, -1), BOX_LINE, "black"),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_SHADE),
        ("LINEAFTER", (0, 0), (0, -1), GRID_LINE, "black"),
    ]
    for fields in grid_rows(data.template, data.check.not_applicable):
        pair = len(fields) == 2
        width = HALF_WIDTH if pair else FULL_WIDTH
        chunks = [_field_chunks(data, spec, width, styles) for spec in fields]
        height = max(len(c) for c in chunks)
        first = len(rows)
        for offset in range(height):
            cells: list[Any] = []
            for spec, field_chunks in zip(fields, chunks, strict=True):
                label = FormParagraph(escape(print_text(spec.label)), styles.label) if offset == 0 else ""
                cells += [label, field_chunks[offset] if offset < len(field_chunks) else ""]
            rows.append(cells if pair else cells + ["", ""])
        last = len(rows) - 1
        commands.append(("LINEBELOW", (0, last), (-1, last), GRID_LINE, "black"))
        if height > 1:  # continuation rows read as one cell: no padding between them
            commands += [
                ("VALIGN", (0, first), (-1, last), "TOP"),
                ("BOTTOMPADDING", (0, first), (-1, last - 1), 0),
                ("TOPPADDING", (0, first + 1), (-1, last), 0),
            ]
        if pair:
            commands += [
                ("BACKGROUND", (2, first), (2, last), LABEL_SHADE),
                ("LINEBEFORE", (2, first), (2, last), GRID_LINE, "black"),
                ("LINEAFTER", (2, first), (2, last), GRID_LINE, "black"),
            ]
        else:
            commands += [("SPAN", (1, r), (3, r)) for r in range(first, last + 1)]
    if not rows:
        rows.append(["", "", "", ""])
    widths = [LABEL_WIDTH, HALF_WIDTH, LABEL_WIDTH, HALF_WIDTH]
    return FormTable(rows, colWidths=widths, style=TableStyle(commands), splitByRow=1, repeatRows=0)


def _signoff(data: ReportData, styles: Styles) -> list:
    """填表人 / 联系电话 / 日期 in a line, then the unit and the stamp area."""
    bold = styles.bold
    entries = [FormParagraph(f'<font name="{bold}">{escape(label)}：</font>'
                             f'{markup(shortened(text))}', styles.signoff)
               for label, text in signoff_entries(data)]
    flowables: list = [Spacer(1, 10)]
    if entries:
        flowables.append(Table([entries], colWidths=[FRAME_WIDTH / len(entries)] * len(entries),
                               style=[("FONTNAME", (0, 0), (-1, -1), styles.regular),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                      ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    stamp = data.template.stamp_label
    if stamp:
        unit = data.unit or data.raw.get(data.template.unit_field or "", "")
        label = f"填报单位{stamp}："
        unit = print_text(shortened(unit)).replace("\n", " ")
        text = f'<font name="{bold}">{escape(label)}</font>{markup(unit)}'
        width = _stamp_width(label, unit, styles)
        flowables.append(Table([["", FormParagraph(text, styles.signoff)]],
                               colWidths=[FRAME_WIDTH - width, width],
                               style=[("FONTNAME", (0, 0), (-1, -1), styles.regular),
                                      ("TOPPADDING", (0, 0), (-1, -1), 12),
                                      ("BOTTOMPADDING", (0, 0), (-1, -1), 48)]))
    return [KeepTogether(flowables)]


def _stamp_width(label: str, unit: str, styles: Styles) -> float:
    """Room for "填报单位（盖章）：" and the unit's name on one line, at the right half of the
    page or more (a long name takes what it needs, up to the whole width, then wraps)."""
    size = styles.signoff.fontSize
    needed = (stringWidth(label, styles.bold, size) + stringWidth(unit, styles.regular, size)
              + 2 * STAMP_PADDING + size)  # a character to spare
    return min(FRAME_WIDTH, max(FRAME_WIDTH * 0.5, needed))


def _attachments(data: ReportData, styles: Styles) -> list:
    """The closing list of attachments: name, size, short SHA-256."""
    count = len(data.attachments)
    if not count:
        return [FormParagraph("附件：无", styles.signoff)]
    header = [FormParagraph(f'<font name="{styles.bold}">{t}</font>', styles.small)
              for t in ("序号", "文件名", "大小", "SHA-256（前16位）")]
    rows = [header] + [
        [FormParagraph(str(n), styles.small), FormParagraph(markup(att.file_name), styles.small),
         FormParagraph(human_size(att.size), styles.small),
         FormParagraph(escape(att.sha256[:16]), styles.small)]
        for n, att in enumerate(data.attachments, start=1)
    ]
    table = Table(rows, colWidths=[34, FRAME_WIDTH - 34 - 70 - 118, 70, 118], repeatRows=1,
                  style=[("FONTNAME", (0, 0), (-1, -1), styles.regular),
                         ("GRID", (0, 0), (-1, -1), GRID_LINE, "black"),
                         ("BACKGROUND", (0, 0), (-1, 0), LABEL_SHADE),
                         ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    return [FormParagraph(f"附件清单（共 {count} 个）", styles.heading), table]


def story(data: ReportData, styles: Styles) -> list:
    """Every flowable of the document, top to bottom."""
    flowables: list = [FormParagraph(markup(data.heading), styles.title)]
    date = heading_date(data)
    flowables.append(FormParagraph(f"填表日期：{markup(shortened(date))}" if date else "",
                                   styles.subtitle))
    flowables.append(_grid(data, styles))
    flowables += _signoff(data, styles)
    flowables += _attachments(data, styles)
    flowables += merged_sources(data, styles)
    return flowables


def build_pdf(data: ReportData, target: str | Path | BinaryIO, *,
              exported_at: datetime | None = None) -> None:
    """Lay out the report and write the PDF to ``target`` (a path or a binary stream)."""
    try:
        styles = make_styles()
    except FontMissingError as exc:
        raise ExportError(exc.text()) from exc
    when = export_time(exported_at)
    decor = PageDecor(styles.regular, styles.bold, data.unit, printed_time(when),
                      DRAFT_MARK if data.marked_draft else "")
    doc = SimpleDocTemplate(
        target if not isinstance(target, Path) else str(target),
        pagesize=A4,
        leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=print_text(data.heading), author=print_text(data.unit),
        subject=print_text(data.title), creator=f"填报 Tianbao {APP_VERSION}",
        initialFontName=styles.regular, initialFontSize=10, pageCompression=1, lang="zh-CN",
    )
    doc.build(story(data, styles), canvasmaker=numbered_canvas(decor))


def pdf_bytes(data: ReportData, *, exported_at: datetime | None = None) -> bytes:
    buffer = io.BytesIO()
    build_pdf(data, buffer, exported_at=exported_at)
    return buffer.getvalue()


def write_pdf(data: ReportData, path: Path | str, *, exported_at: datetime | None = None) -> Path:
    """Write the report's PDF to ``path`` (atomically); raises ExportError on failure."""
    path = Path(path)
    with atomic_path(path) as tmp:
        build_pdf(data, tmp, exported_at=exported_at)
    return path
