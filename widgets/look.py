"""The small labels around an input (messages, readings, counters) and the states shown.

Inputs are drawn by ``widgets.field_style``; labels take their colour from their palette.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from widgets.field_style import paint_colours, palette_with
from widgets.plain import plain

ERROR = "error"
WARNING = "warning"
HINT = "hint"  # a neutral note under the input, e.g. 必填 before the field was visited

GREY = "#6b7280"
LABEL_COLOURS = {  # (role, state) -> text colour; a missing pair keeps the palette's own
    ("message", ERROR): "#c62828",
    ("message", WARNING): "#8a5a00",
    ("message", HINT): GREY,
    ("reading", ""): GREY,
    ("counter", ""): GREY,
    ("counter", WARNING): "#b26a00",
    ("counter", ERROR): "#c62828",
}


def set_state(widget: QWidget, state: str) -> None:
    """Set the dynamic ``state`` property and recolour, only when it changes."""
    if (widget.property("state") or "") == state:
        return
    widget.setProperty("state", state)
    if isinstance(widget, QLabel):
        _colour(widget, widget.property("role"), state)
    else:
        paint_colours(widget)
        widget.update()


_label_palettes: dict[tuple[str | None, str], QPalette] = {}  # (role, state) -> its palette


def _colour(label: QLabel, role: str | None, state: str) -> None:
    """Colour a message, reading or counter label for its ``role`` and ``state``."""
    palette = _label_palettes.get((role, state))
    if palette is None:
        colour = LABEL_COLOURS.get((role, state))
        if colour is None:  # (a message without a state is hidden)
            return
        palette = palette_with((QPalette.ColorRole.WindowText, QColor(colour)))
        _label_palettes[role, state] = palette
    label.setPalette(palette)


def set_shown(widget: QWidget, shown: bool) -> None:
    """Show or hide ``widget`` only if that changes anything: Qt takes showing a widget that
    was never hidden as news, and lays out its section and the page again."""
    if widget.isHidden() == shown:
        widget.setVisible(shown)


def role_label(role: str, parent: QWidget | None = None, label_class: type[QLabel] = QLabel
               ) -> QLabel:
    """A QLabel with a ``role`` ("message", "reading", "counter", "unit") and its colour."""
    label = plain(QLabel, parent) if label_class is QLabel else label_class(parent)
    label.setProperty("role", role)
    label.setProperty("state", "")
    _colour(label, role, "")
    return label


def field_label(text: str, font: QFont, parent: QWidget | None = None) -> QLabel:
    """A field's printed label in plain text (word-wrapped), sized as the same label in rich
    text (the red * of a required field needs rich text): a long label takes a block about
    as wide as it is tall, not one long line.

    Most labels stay on one line, and there QLabel's own size is the same: such a label is
    Qt's own QLabel (made by Qt: a Python subclass costs more to make, lay out and paint
    than measuring it does). A longer one is a FieldLabel.
    """
    text = " ".join(text.split())  # spaces as rich text shows them
    label = plain(QLabel, parent, text) if _one_line_alike(text, font) \
        else FieldLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _one_line_alike(text: str, font: QFont) -> bool:
    """True when rich text keeps ``text`` on one line (narrower than adjustSize's second
    width: see label_sizes) and so does a plain QLabel (narrower than a quarter of the 80
    average characters it tries first), with a few pixels to spare: a fallback font's
    taller line only widens the first, and the exact layout may be a pixel wider than
    measured here."""
    key = font.key()
    if key not in _one_line_widths:
        metrics = QFontMetrics(font)
        widest = metrics.horizontalAdvance("x") * 80
        rich = math.isqrt(5 * metrics.height() * widest // 3)
        _one_line_widths[key] = (metrics, min(rich, 20 * metrics.averageCharWidth()) - 4)
    metrics, limit = _one_line_widths[key]
    return metrics.horizontalAdvance(text) < limit


_one_line_widths: dict[str, tuple[QFontMetrics, int]] = {}  # font key -> (metrics, limit)


class FieldLabel(QLabel):
    """A field's label too long for one line (see field_label), in plain text and sized as
    rich text sizes it (``label_sizes``): rich text is laid out as a document, several
    times slower, and a form has hundreds of labels."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)  # (field_label gives it its text and format)
        self._sizes: tuple[str, QSize, QSize] = ("", QSize(), QSize())  # font, hint, minimum

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self._measured()[1])

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self._measured()[2])

    def _measured(self) -> tuple[str, QSize, QSize]:
        font = self.font()
        if self._sizes[0] != font.key():
            self._sizes = (font.key(), *label_sizes(self.text(), font))
        return self._sizes


def label_sizes(text: str, font: QFont) -> tuple[QSize, QSize]:
    """(size hint, minimum size) of a word-wrapped label of ``text``.

    The hint is the block rich text takes, worked out as QTextDocument.adjustSize does,
    with one text layout instead of a document: lay the text out 80 "x" wide, then
    sqrt(5/3 · height · width) wide (narrower still if that is too tall), and take the
    widest line. A text that stays on one line there is as wide as that line. The minimum
    is QLabel's own: its widest word, one line high.
    """
    layout = QTextLayout(text, font)
    layout.setTextOption(WORD_WRAP)
    widest = QFontMetrics(font).horizontalAdvance("x") * 80
    height, wide, line = _lay_out(layout, widest)
    root = math.isqrt(int(5 * height * widest / 3))
    width = min(root, widest)
    if height > line or wide >= width - 2:  # (else it stays on one line, as wide as it is)
        height, wide, _line = _lay_out(layout, width)
        if root * 3 < 5 * height:
            width = min(math.isqrt(int(2 * height * width)), widest)
            height, wide, _line = _lay_out(layout, width)
        height, _wide, _line = _lay_out(layout, wide)  # at the widest line's width
    narrowest = _lay_out(layout, 0)[1]  # a word per line
    return (QSize(math.ceil(wide), math.ceil(height)),
            QSize(math.ceil(narrowest), min(math.ceil(line), math.ceil(height))))


WORD_WRAP = QTextOption()
WORD_WRAP.setWrapMode(QTextOption.WrapMode.WordWrap)


def _lay_out(layout: QTextLayout, width: float) -> tuple[float, float, float]:
    """(height, widest line, first line's height) of ``layout`` in lines ``width`` wide."""
    layout.beginLayout()
    height = widest = first = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        height += line.height()
        widest = max(widest, line.naturalTextWidth())
        first = first or line.height()
    layout.endLayout()
    return height, widest, first


class MessageLabel(QLabel):
    """Selectable with the mouse (a message quotes what was typed) from the first time the
    mouse is over it: a selectable label lays its text out as a document, several times
    slower, and a message that changes with each keystroke must be cheap. Either way it
    wraps to the same height."""

    def enterEvent(self, event: QEnterEvent) -> None:  # noqa: N802 - Qt API
        if not self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        super().enterEvent(event)


def make_message_label(parent: QWidget | None = None) -> QLabel:
    """The red/amber line(s) under an input; hidden while there is nothing to say."""
    label = role_label("message", parent, MessageLabel)
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote user text
    label.setWordWrap(True)
    # It wraps to the field's width and never widens it: else each message typed into
    # being would move the columns of the whole section, and repaint all of it.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.hide()
    return label


class ReadingLabel(QLabel):
    """A one-line label that never clips: what does not fit ends in "…", and the tooltip
    always holds the whole text. With ``setWordWrap(True)`` it wraps like any QLabel."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().minimumSizeHint()
        if self.wordWrap():
            return hint
        ellipsis = self.fontMetrics().horizontalAdvance("…") * 3
        margins = self.contentsMargins()
        return QSize(min(hint.width(), ellipsis + margins.left() + margins.right()),
                     hint.height())

    def shown_text(self) -> str:
        """The text as painted: whole, or cut with "…" to the label's width."""
        if self.wordWrap():
            return self.text()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             self.contentsRect().width())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        if self.wordWrap() or self.textFormat() != Qt.TextFormat.PlainText:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()),
                                  self.palette(), self.isEnabled(), self.shown_text(),
                                  self.foregroundRole())
        painter.end()


def make_reading_label(parent: QWidget | None = None, *, below: bool = False) -> ReadingLabel:
    """The small grey 'how the app read it' label, e.g. "= 380,000 份".

    Beside an input it takes the room left and elides what does not fit (never pushing the
    input around as one types); ``below`` an input it wraps instead, so it is always read
    whole, and keeps a line's height while empty so the form does not jump.
    """
    label = role_label("reading", parent, ReadingLabel)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
    label.setFont(font)
    if below:
        label.setWordWrap(True)
        label.setMinimumHeight(label.fontMetrics().height())
    else:
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    return label
