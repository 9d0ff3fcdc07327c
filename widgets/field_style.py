"""The inputs' look without style sheets: a rounded box in the state's colours.

Drawn by a proxy of the application's style that the field widgets set on their inputs;
everything else (arrows, hints, scroll bars) stays the platform's. A style sheet looked the
same, but Qt matches every rule of a sheet against every child of a styled widget, on every
polish, and restyles on every change of state: for a form of 300 fields that was about a
third of the time it took to build. Colours and sizes are those of the sheet this replaced:
border 1px #b9bec6, radius 3px, white; line edits padded 3px 5px, combo boxes 2px 5px, the
frame around radio buttons and check boxes 2px 6px; focus #3b78d8; read-only #f4f5f7 with
#444444 text; warning #d99a00 on #fffaeb; error #d32f2f on #fff5f5.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

BORDER = QColor("#b9bec6")
FOCUS = QColor("#3b78d8")
WHITE = QColor("#ffffff")
READ_ONLY = QColor("#f4f5f7")
READ_ONLY_TEXT = QColor("#444444")
STATE_COLOURS = {  # state -> (border, background)
    "warning": (QColor("#d99a00"), QColor("#fffaeb")),
    "error": (QColor("#d32f2f"), QColor("#fff5f5")),
}
LINE_PADDING = (5, 3)  # horizontal, vertical (inside the 1px border)
COMBO_PADDING = (5, 2)
CHOICES_PADDING = (6, 2)
ARROW = 18  # a combo box's drop-down arrow: its width
RADIUS = 3.0
OURS = "field-input"  # dynamic property marking the inputs this style draws

_PE = QStyle.PrimitiveElement
_CE = QStyle.ControlElement
_CC = QStyle.ComplexControl
_CT = QStyle.ContentsType
_SE = QStyle.SubElement
_SC = QStyle.SubControl


def _state(widget: QWidget | None) -> str:
    return (widget.property("state") or "") if widget is not None else ""


def _read_only(widget: QWidget | None) -> bool:
    return isinstance(widget, QLineEdit | QPlainTextEdit) and widget.isReadOnly()


def colours(widget: QWidget | None, focused: bool) -> tuple[QColor, QColor]:
    """(border, background) of an input: focus and read-only win over the state, as the
    style sheet's more specific rules did."""
    border, background = STATE_COLOURS.get(_state(widget), (BORDER, WHITE))
    if focused:
        border = FOCUS
    if _read_only(widget):
        background = READ_ONLY
    return border, background


_boxes: dict[tuple[int, int, int, int, float], QPixmap] = {}  # filled boxes, by size and colours
KEPT_BOXES = 64  # a form's inputs come in a few sizes
CORNER = 4  # px of a frame's corner copied from a drawn box (a radius of 3 and its blur)


def draw_box(painter: QPainter, rect: QRect, border: QColor, background: QColor | None) -> None:
    """A 1px rounded box, filled with ``background`` unless None.

    A filled box is drawn once per size and colours and copied after that: drawing a
    rounded outline with antialiasing is slow, and every input on screen has one, so a
    message that moves the form down would spend most of its repaint here.
    """
    if background is None:
        draw_frame(painter, rect, border)
        return
    ratio = painter.device().devicePixelRatioF()
    key = (rect.width(), rect.height(), border.rgba(), background.rgba(), ratio)
    pixmap = _boxes.get(key)
    if pixmap is None:
        pixmap = QPixmap(round(rect.width() * ratio), round(rect.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        box = QPainter(pixmap)
        _paint_box(box, QRect(0, 0, rect.width(), rect.height()), border, background)
        box.end()
        _keep(key, pixmap)
    painter.drawPixmap(rect.topLeft(), pixmap)


def draw_frame(painter: QPainter, rect: QRect, border: QColor) -> None:
    """A 1px rounded outline (a text box's or table's: large, and its inside is drawn by the
    widget): its corners copied from a small drawn box, its sides lines."""
    c = CORNER
    if rect.width() <= 2 * c or rect.height() <= 2 * c:
        _paint_box(painter, rect, border, None)
        return
    ratio = painter.device().devicePixelRatioF()
    key = (2 * c + 1, 2 * c + 1, border.rgba(), 0, ratio)
    corners = _boxes.get(key)
    if corners is None:
        corners = QPixmap(round((2 * c + 1) * ratio), round((2 * c + 1) * ratio))
        corners.setDevicePixelRatio(ratio)
        corners.fill(Qt.GlobalColor.transparent)
        box = QPainter(corners)
        _paint_box(box, QRect(0, 0, 2 * c + 1, 2 * c + 1), border, None)
        box.end()
        _keep(key, corners)
    x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    side = corners.width() - c * ratio  # where the right and bottom corners start
    for dx, dy, sx, sy in ((0, 0, 0, 0), (w - c, 0, side, 0), (0, h - c, 0, side),
                           (w - c, h - c, side, side)):
        painter.drawPixmap(QRectF(x + dx, y + dy, c, c), corners,
                           QRectF(sx, sy, c * ratio, c * ratio))
    painter.fillRect(QRect(x + c, y, w - 2 * c, 1), border)
    painter.fillRect(QRect(x + c, y + h - 1, w - 2 * c, 1), border)
    painter.fillRect(QRect(x, y + c, 1, h - 2 * c), border)
    painter.fillRect(QRect(x + w - 1, y + c, 1, h - 2 * c), border)


def _keep(key: tuple[int, int, int, int, float], pixmap: QPixmap) -> None:
    if len(_boxes) >= KEPT_BOXES:
        del _boxes[next(iter(_boxes))]  # the oldest
    _boxes[key] = pixmap


def _paint_box(painter: QPainter, rect: QRect, border: QColor, background: QColor | None) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(border, 1))
    painter.setBrush(background if background is not None else Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
    painter.restore()


_OWN_PALETTE = Qt.WidgetAttribute.WA_SetPalette
_BASE = QPalette.ColorRole.Base
_TEXT = QPalette.ColorRole.Text
_palettes: dict[tuple[tuple[QPalette.ColorRole, str], ...], QPalette] = {}


def palette_with(*colours: tuple[QPalette.ColorRole, QColor]) -> QPalette:
    """A palette that sets only these roles (the rest is inherited), made once: setting a
    palette built anew is slow, and hundreds of labels and inputs take one."""
    key = tuple((role, colour.name()) for role, colour in colours)
    if key not in _palettes:
        palette = QPalette()
        for role, colour in colours:
            palette.setColor(role, colour)
        _palettes[key] = palette
    return _palettes[key]


def paint_colours(widget: QWidget) -> None:
    """Palette colours for what the widget paints itself: a text box's or table's inside
    (its viewport) and a read-only text's colour. Call after the state or read-only flag
    changed; nothing is done when the colours are right already (at once for a line edit
    or combo box that is not read-only and was never given colours: most inputs)."""
    scrolls = isinstance(widget, QAbstractScrollArea)
    if not (scrolls or _read_only(widget) or widget.testAttribute(_OWN_PALETTE)):
        return  # (it has the application's colours, as it should)
    colours_wanted: list[tuple[QPalette.ColorRole, QColor]] = []
    if scrolls:
        colours_wanted.append((_BASE, colours(widget, False)[1]))
    if _read_only(widget):
        colours_wanted.append((_TEXT, READ_ONLY_TEXT))
    current = widget.palette()
    text = READ_ONLY_TEXT if _read_only(widget) else QApplication.palette(widget).color(_TEXT)
    if current.color(_TEXT) == text and all(current.color(role) == colour
                                            for role, colour in colours_wanted):
        return
    widget.setPalette(palette_with(*colours_wanted))


class FieldStyle(QProxyStyle):
    """The application's style, except the boxes of the inputs it is set on (style_input).

    Every call for a styled widget passes through Python here, so only what differs is
    overridden (no pixelMetric: Qt asks for metrics thousands of times while laying out),
    and kept cheap.
    """

    def drawPrimitive(self, element: _PE, option: QStyleOption, painter: QPainter,  # noqa: N802
                      widget: QWidget | None = None) -> None:
        if element == _PE.PE_PanelLineEdit and isinstance(widget, QLineEdit):
            focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
            draw_box(painter, option.rect, *colours(widget, focused))
            return
        super().drawPrimitive(element, option, painter, widget)

    def drawControl(self, element: _CE, option: QStyleOption, painter: QPainter,  # noqa: N802
                    widget: QWidget | None = None) -> None:
        if element == _CE.CE_ShapedFrame and isinstance(widget, QAbstractScrollArea):
            border, _background = colours(widget, widget.hasFocus())
            draw_frame(painter, option.rect, border)
            return
        super().drawControl(element, option, painter, widget)

    def drawComplexControl(self, control: _CC, option: QStyleOptionComplex,  # noqa: N802
                           painter: QPainter, widget: QWidget | None = None) -> None:
        if control == _CC.CC_ComboBox and isinstance(widget, QComboBox):
            focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
            draw_box(painter, option.rect, *colours(widget, focused))
            arrow = QStyleOption(option)
            arrow.rect = self.subControlRect(control, option, _SC.SC_ComboBoxArrow, widget)
            super().drawPrimitive(_PE.PE_IndicatorArrowDown, arrow, painter, widget)
            return
        super().drawComplexControl(control, option, painter, widget)

    def subElementRect(self, element: _SE, option: QStyleOption,  # noqa: N802
                       widget: QWidget | None = None) -> QRect:
        if element == _SE.SE_LineEditContents and isinstance(widget, QLineEdit):
            x, y = LINE_PADDING
            return option.rect.adjusted(1 + x, 1 + y, -1 - x, -1 - y)
        return super().subElementRect(element, option, widget)

    def subControlRect(self, control: _CC, option: QStyleOptionComplex,  # noqa: N802
                       sub: _SC, widget: QWidget | None = None) -> QRect:
        if control == _CC.CC_ComboBox and isinstance(widget, QComboBox):
            rect = option.rect.adjusted(1, 1, -1, -1)
            arrow = ARROW
            if sub == _SC.SC_ComboBoxArrow:
                return QRect(rect.right() - arrow + 1, rect.top(), arrow, rect.height())
            if sub == _SC.SC_ComboBoxEditField:
                x, y = COMBO_PADDING
                return rect.adjusted(x, y, -arrow, -y)
            return rect
        return super().subControlRect(control, option, sub, widget)

    def sizeFromContents(self, kind: _CT, option: QStyleOption, size: QSize,  # noqa: N802
                         widget: QWidget | None = None) -> QSize:
        if kind == _CT.CT_LineEdit and isinstance(widget, QLineEdit):
            x, y = LINE_PADDING
            return size + QSize(2 + 2 * x, 2 + 2 * y)
        if kind == _CT.CT_ComboBox and isinstance(widget, QComboBox):
            x, y = COMBO_PADDING
            return size + QSize(2 + 2 * x + ARROW, 2 + 2 * y)
        return super().sizeFromContents(kind, option, size, widget)


_style: list[FieldStyle] = []  # the one instance (a style must outlive its widgets)


def field_style() -> FieldStyle:
    if not _style:
        base = QStyleFactory.create(QApplication.style().name())
        _style.append(FieldStyle(base))
    return _style[0]


def style_input(widget: QWidget) -> None:
    """Give an input the fields' look (border, focus colour, read-only and state colours)."""
    if isinstance(widget, ChoicesFrame) or widget.property(OURS):
        return  # it paints itself, or it has the style already
    widget.setProperty(OURS, True)
    widget.setStyle(field_style())
    if isinstance(widget, QFrame):  # a text box or a table: a 1px frame, drawn as a box
        widget.setFrameShape(QFrame.Shape.Box)
        widget.setFrameShadow(QFrame.Shadow.Plain)
        widget.setLineWidth(1)
    paint_colours(widget)


def set_read_only(widget: QLineEdit | QPlainTextEdit, read_only: bool) -> None:
    """Make an input read-only or not, in the matching colours."""
    widget.setReadOnly(read_only)
    paint_colours(widget)


class ChoicesFrame(QFrame):
    """The box around radio buttons or check boxes. It keeps its colours whatever the state
    (as under the style sheet, whose rule for it outranked the states'): the message under
    it says what is wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "choices")
        x, y = CHOICES_PADDING
        self.setContentsMargins(1 + x, 1 + y, 1 + x, 1 + y)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        draw_box(painter, self.rect(), BORDER, WHITE)
        painter.end()
