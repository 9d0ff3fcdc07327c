"""The PDF's page furniture: paragraph styles, and the footer and draft mark drawn on every page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _handleBulletWidth, _processed_frags

from exports.fonts import register_fonts
from exports.layout import print_text
from exports.linebreak import join_lines, split_frags, split_text

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 22 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
LABEL_SHADE = colors.HexColor("#EDEDED")
DRAFT_RED = colors.HexColor("#C00000")
RULE_GREY = colors.HexColor("#808080")


@dataclass(frozen=True)
class Styles:
    regular: str
    bold: str
    title: ParagraphStyle
    subtitle: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    small: ParagraphStyle
    heading: ParagraphStyle
    signoff: ParagraphStyle
    draft: ParagraphStyle


def make_styles() -> Styles:
    """Register the CJK fonts (once) and build the paragraph styles."""
    regular, bold = register_fonts()
    base = {"fontName": regular, "wordWrap": "CJK", "allowWidows": 1, "allowOrphans": 1}
    return Styles(
        regular=regular,
        bold=bold,
        title=ParagraphStyle("title", **{**base, "fontName": bold}, fontSize=18, leading=26,
                             alignment=TA_CENTER, spaceAfter=4),
        subtitle=ParagraphStyle("subtitle", **base, fontSize=10.5, leading=16, alignment=TA_RIGHT,
                                spaceAfter=4),
        label=ParagraphStyle("label", **{**base, "fontName": bold}, fontSize=10, leading=14,
                             alignment=TA_CENTER),
        value=ParagraphStyle("value", **base, fontSize=10, leading=15, alignment=TA_LEFT),
        small=ParagraphStyle("small", **base, fontSize=8.5, leading=12),
        heading=ParagraphStyle("heading", **{**base, "fontName": bold}, fontSize=12, leading=18,
                               spaceBefore=14, spaceAfter=6),
        signoff=ParagraphStyle("signoff", **base, fontSize=10.5, leading=16),
        draft=ParagraphStyle("draft", **{**base, "fontName": bold}, fontSize=12, leading=16,
                             alignment=TA_CENTER, textColor=DRAFT_RED),
    )


class FormParagraph(Paragraph):
    """A Paragraph that breaks lines by the Chinese rules (``exports.linebreak``) and keeps
    its line breaks per width: a table wraps each cell several times."""

    _wrapped: tuple | None = None

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 - reportlab's names
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        style, frags = self.style, self.frags
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        split_part = hasattr(self, "blPara") and getattr(self, "_splitpara", 0)
        if len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not style.endDots:
            frag = frags[0]  # one font: plain lines, as reportlab makes them
            if split_part:
                return frag.clone(kind=0, lines=self.blPara.lines)
            text = frag.text if hasattr(frag, "text") else "".join(getattr(frag, "words", []))
            return split_text(frag, text, maxWidths)
        if not frags:
            return super().breakLinesCJK(maxWidths)
        if split_part:
            return self.blPara  # the first part of a split: its lines are already broken
        leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return split_frags(frags, maxWidths, leading not in ("", "off"))

    def _get_split_blParaFunc(self) -> Any:  # noqa: N802 - reportlab's name
        """How a split rejoins its lines: reportlab's puts a space between them, which
        Chinese lines must not get (它会印成“各级 癌症”)."""
        if self.blPara.kind == 1 and not _processed_frags(self.frags):
            return join_lines
        return super()._get_split_blParaFunc()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        cached = self._wrapped
        if cached is not None and cached[0] == availWidth:
            _, self.width, self.height, self.blPara, self._wrapWidths = cached
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, self.width, self.height, self.blPara, self._wrapWidths)
        return size


def markup(text: str) -> str:
    """User text as Paragraph markup: escaped, so < > & print literally; newlines kept."""
    return escape(print_text(text)).replace("\n", "<br/>")


@dataclass(frozen=True)
class PageDecor:
    """What every page carries besides the flow: footer texts and, for drafts, the mark."""

    regular: str
    bold: str
    unit: str
    exported: str
    draft_mark: str = ""

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        y = MARGIN_BOTTOM - 10 * mm
        canvas.setStrokeColor(RULE_GREY)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, y + 10, PAGE_WIDTH - MARGIN_X, y + 10)
        canvas.setFillColor(colors.black)
        canvas.setFont(self.regular, 9)
        canvas.drawCentredString(PAGE_WIDTH / 2, y, f"第 {page} 页 共 {total} 页")
        unit = print_text(self.unit).replace("\n", " ")
        if unit:
            if len(unit) > 24:
                unit = unit[:23] + "…"
            canvas.drawString(MARGIN_X, y, unit)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, y, f"导出时间：{self.exported}")
        if self.draft_mark:
            self._draw_draft(canvas)
        canvas.restoreState()

    def _draw_draft(self, canvas: Canvas) -> None:
        canvas.setFillColor(DRAFT_RED)
        canvas.setFont(self.bold, 11)
        canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 12 * mm, f"【{self.draft_mark}】")
        canvas.setFillAlpha(0.10)
        canvas.setFont(self.bold, 54)
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(40)
        canvas.drawCentredString(0, -18, self.draft_mark)


def numbered_canvas(decor: PageDecor) -> type[Canvas]:
    """A canvas class that holds pages back until the end, to print "第 x 页 共 y 页"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                decor.draw(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas
