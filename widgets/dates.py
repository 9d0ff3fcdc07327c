"""Date and date-range fields: free text, plus a calendar button that writes the text for you."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from forms.registry import parse_field
from forms.spec import FieldSpec
from widgets.base import translate
from widgets.inputs import LineFieldWidget, field_line_edit, hbox, vbox
from widgets.look import make_reading_label
from widgets.plain import plain


def format_date(day: QDate) -> str:
    """2024年4月28日"""
    return f"{day.year()}年{day.month()}月{day.day()}日"


def format_range(start: QDate, end: QDate) -> str:
    """2024年4月15日至26日, 2024年4月15日至5月3日, or 2024年12月28日至2025年1月3日."""
    if end < start:
        start, end = end, start
    head = format_date(start)
    if start == end:
        return head
    if start.year() != end.year():
        return f"{head}至{format_date(end)}"
    if start.month() != end.month():
        return f"{head}至{end.month()}月{end.day()}日"
    return f"{head}至{end.day()}日"


def _qdate(iso: object) -> QDate | None:
    if not isinstance(iso, str):
        return None
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return None
    return QDate(day.year, day.month, day.day)


_icons: dict[int, QIcon] = {}  # drawn once per size (a form may have dozens of dates)


def calendar_icon(size: int = 16) -> QIcon:
    """A small drawn calendar, so the button needs no icon file or emoji font."""
    if size not in _icons:
        _icons[size] = _draw_calendar(size)
    return _icons[size]


def _draw_calendar(size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#4b5563"), 1.2))
    body = QRect(1, 2, size - 3, size - 4)
    painter.drawRoundedRect(body, 2, 2)
    painter.fillRect(QRect(2, 3, size - 4, 3), QColor("#d32f2f"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#4b5563"))
    step = (size - 6) / 3
    for row in range(2):
        for col in range(3):
            painter.drawRect(QRect(int(3 + col * step), int(8 + row * 3), 2, 2))
    painter.end()
    return QIcon(pixmap)


def _calendar(parent: QWidget) -> QCalendarWidget:
    calendar = QCalendarWidget(parent)
    calendar.setGridVisible(True)
    calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
    return calendar


class _Popup(QFrame):
    """A frameless popup that closes on a click outside."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)

    def open_below(self, anchor: QWidget) -> None:
        self.adjustSize()
        pos = anchor.mapToGlobal(QPoint(0, anchor.height()))
        screen = anchor.screen().availableGeometry()
        pos.setX(max(screen.left(), min(pos.x(), screen.right() - self.width())))
        if pos.y() + self.height() > screen.bottom():
            pos.setY(anchor.mapToGlobal(QPoint(0, 0)).y() - self.height())
        self.move(pos)
        self.show()


class DatePopup(_Popup):
    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.calendar = _calendar(self)
        vbox(self).addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def _pick(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(day)


class RangePopup(_Popup):
    """Two calendars (start, end), a preview of the text, and OK/Cancel."""

    picked = Signal(QDate, QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.start = _calendar(self)
        self.end = _calendar(self)
        self.preview = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("widgets", "确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("widgets", "取消"))
        grid = QGridLayout(self)
        grid.addWidget(QLabel(translate("widgets", "开始日期"), self), 0, 0)
        grid.addWidget(QLabel(translate("widgets", "结束日期"), self), 0, 1)
        grid.addWidget(self.start, 1, 0)
        grid.addWidget(self.end, 1, 1)
        grid.addWidget(self.preview, 2, 0)
        grid.addWidget(buttons, 2, 1)
        self.start.selectionChanged.connect(self._start_moved)
        self.end.selectionChanged.connect(self._update_preview)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.hide)

    def set_range(self, start: QDate, end: QDate) -> None:
        self.start.setSelectedDate(start)
        self.end.setSelectedDate(max(start, end))
        self._update_preview()

    def accept(self) -> None:
        self.hide()
        self.picked.emit(self.start.selectedDate(), self.end.selectedDate())

    def _start_moved(self) -> None:
        start = self.start.selectedDate()
        if self.end.selectedDate() < start:
            self.end.setSelectedDate(start)
            self.end.setCurrentPage(start.year(), start.month())
        self._update_preview()

    def _update_preview(self) -> None:
        self.preview.setText(format_range(self.start.selectedDate(), self.end.selectedDate()))


class DateWidget(LineFieldWidget):
    """Free text ("2024年4月28日", "2024-04-28") with a calendar that writes 2024年4月28日."""

    reading_below = False  # a range's reading is long: it goes under the input, wrapped

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = field_line_edit(self, spec)
        self.edit.setMaximumWidth(320)
        self.button = plain(QToolButton, self)
        self.button.setIcon(calendar_icon())
        self.button.setToolTip(translate("widgets", "从日历中选择"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.open_picker)
        reading = make_reading_label(self, below=self.reading_below)
        if self.reading_below:
            row = hbox()
            row.addWidget(self.edit, 3)
            row.addWidget(self.button)
            row.addStretch(1)
            lines = vbox(spacing=1)
            lines.addLayout(row)
            lines.addWidget(reading)
            self._finish(lines, reading)
        else:
            self._finish([(self.edit, 3), (self.button, 0), (reading, 2)], reading)
        self.popup: QFrame | None = None

    def _apply_read_only(self, read_only: bool) -> None:
        super()._apply_read_only(read_only)
        self.button.setEnabled(not read_only)

    def _parsed(self) -> object:
        return parse_field(self.spec, self.edit.text()).value

    def open_picker(self) -> None:
        if self.popup is None:
            popup = DatePopup(self)
            popup.picked.connect(self.pick_date)
            self.popup = popup
        day = _qdate(self._parsed())
        if day is not None:
            self.popup.calendar.setSelectedDate(day)
        self.popup.open_below(self.edit)
        self.popup.calendar.setFocus()

    def pick_date(self, day: QDate) -> None:
        """Write the picked date as text, as if typed."""
        if self._read_only:
            return
        self.edit.setText(format_date(day))
        self.edit.setFocus()


class DateRangeWidget(DateWidget):
    """Free text ("2024年4月15-26日") with a start/end picker writing 2024年4月15日至26日."""

    reading_below = True

    def _parsed_range(self) -> tuple[QDate, QDate] | None:
        value = self._parsed()
        if not isinstance(value, dict):
            return None
        start, end = _qdate(value.get("start")), _qdate(value.get("end"))
        return (start, end) if start is not None and end is not None else None

    def open_picker(self) -> None:
        if self.popup is None:
            popup = RangePopup(self)
            popup.picked.connect(self.pick_range)
            self.popup = popup
        current = self._parsed_range()
        if current is not None:
            self.popup.set_range(*current)
        else:
            today = QDate.currentDate()
            self.popup.set_range(today, today)
        self.popup.open_below(self.edit)
        self.popup.start.setFocus()

    def pick_range(self, start: QDate, end: QDate) -> None:
        if self._read_only:
            return
        self.edit.setText(format_range(start, end))
        self.edit.setFocus()
