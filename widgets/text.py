"""Text fields: one line (a short one for phones, editions, years) and long text with a live
character counter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

from forms.spec import FieldSpec
from forms.types import char_count
from widgets.base import FieldWidget, translate
from widgets.field_style import set_read_only, style_input
from widgets.inputs import LineFieldWidget, describe_input, field_line_edit, hbox, stack
from widgets.look import ERROR, WARNING, make_reading_label, role_label, set_state


class TextWidget(LineFieldWidget):
    """A QLineEdit; the app's reading (a normalised phone number, 第30届) shows beside it."""

    short = False  # a few characters (a phone, an edition, a year): no need for the full width

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = field_line_edit(self, spec)
        if self.short:
            self.edit.setMaximumWidth(320)
        reading = make_reading_label(self)
        if not self.short:
            self._finish([(self.edit, 1), (reading, 0)], reading)
            return
        row = hbox()  # (a grid would add spacing before the stretch that keeps it short)
        row.addWidget(self.edit, 1)
        row.addWidget(reading)
        row.addStretch(1)
        self._finish(row, reading)


class ShortTextWidget(TextWidget):
    short = True


class GrowingTextEdit(QPlainTextEdit):
    """A QPlainTextEdit that grows with its text between ``min_lines`` and ``max_lines``."""

    def __init__(self, min_lines: int = 4, max_lines: int = 16,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style_input(self)  # before _fit measures the frame
        self.min_lines = min_lines
        self.max_lines = max_lines
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._lines = 0
        self._measured: tuple[str | None, list[int]] = (None, [])  # font key, widths
        self.document().contentsChanged.connect(self._contents_changed)
        self._fit()

    def _contents_changed(self) -> None:
        self._measured = (None, [])
        self._fit()

    def _fit(self) -> None:
        # QPlainTextEdit lays out only what is visible, so wrapped lines are estimated from
        # each paragraph's width; the loop stops once the maximum is reached.
        # Measured against the width left by a scroll bar, with a line to spare for wrapping
        # at word boundaries, so that a text that fits never shows a scroll bar.
        scroll_bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        width = max(40, self.viewport().width() - scroll_bar
                    - 2 * int(self.document().documentMargin()))
        metrics = self.fontMetrics()
        lines = wrapped = 0
        for advance in self._advances(metrics):
            block_lines = -(-advance // width)
            wrapped += block_lines > 1
            lines += max(1, block_lines)
            if lines >= self.max_lines:
                break
        lines += 1 if wrapped else 0
        lines = max(self.min_lines, min(self.max_lines, lines))
        if lines == self._lines:
            return
        self._lines = lines
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin())
        self.setFixedHeight(lines * metrics.lineSpacing() + frame + 4)

    def _advances(self, metrics: QFontMetrics) -> list[int]:
        """Each paragraph's width on one line, up to the most that can be shown: measured
        once per change of the text or font (a resize measures nothing again)."""
        key = self.font().key()
        if self._measured[0] != key:
            advances = []
            block = self.document().firstBlock()
            while block.isValid() and len(advances) < self.max_lines:
                advances.append(metrics.horizontalAdvance(block.text()))
                block = block.next()
            self._measured = (key, advances)
        return self._measured[1]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()


class LongTextWidget(FieldWidget):
    """A growing text box with "523/1000字" under it, amber/red once over the limit."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = GrowingTextEdit(parent=self)
        describe_input(self.edit, spec)
        self.counter = role_label("counter", self)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        footer = hbox()
        footer.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignTop)
        stack(self, self.edit, footer)
        self._add_slot(spec.key, container=self, frames=[self.edit], focus=self.edit,
                       message_at=lambda label: footer.insertWidget(0, label, 1))
        self.edit.textChanged.connect(self._text_changed)
        self._update_counter()

    def text(self, key: str) -> str:
        self._slot(key)
        return self.edit.toPlainText()

    def _load(self, key: str, text: str) -> None:
        self.edit.setPlainText(text)
        self._update_counter()

    def _apply_read_only(self, read_only: bool) -> None:
        set_read_only(self.edit, read_only)

    def _text_changed(self) -> None:
        self._update_counter()
        self._changed(self.spec.key)

    def _update_counter(self) -> None:
        count = char_count(self.edit.toPlainText())
        limit = self.spec.max_length
        if limit:
            self.counter.setText(translate("widgets", "{count}/{limit}字").format(
                count=count, limit=limit))
            over = count > limit
            set_state(self.counter,
                      (ERROR if self.spec.over_length == ERROR else WARNING) if over else "")
        else:
            self.counter.setText(translate("widgets", "{count}字").format(count=count))
