"""Small building blocks: a line edit whose paste can be taken over, a quantity input row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from forms.spec import FieldSpec
from forms.types import MAX_INPUT
from widgets.base import FieldWidget, field_tooltip, translate
from widgets.field_style import set_read_only, style_input
from widgets.look import make_reading_label
from widgets.plain import plain, plain_layout

PasteHandler = Callable[[str], bool]  # pasted text → True when it took care of it
Row = list[tuple[QWidget, int]]  # the widgets of a row, left to right, with their stretch


class PasteLineEdit(QLineEdit):
    """A QLineEdit whose paste (Ctrl+V or context menu) may be handled by its owner.

    The handler gets the clipboard text; returning False falls back to the normal paste.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paste_handler: PasteHandler | None = None
        self.setMaxLength(MAX_INPUT)  # never cut a loaded text (Qt's default is 32767)

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        if self.isReadOnly() or self.paste_handler is None or not self.paste_handler(text):
            super().paste()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt API
        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() == "edit-paste":  # route through paste() above
                ours = QAction(action.text(), menu)
                ours.setShortcut(action.shortcut())
                ours.setEnabled(action.isEnabled())
                ours.triggered.connect(self.paste)
                menu.insertAction(action, ours)
                menu.removeAction(action)
        menu.exec(event.globalPos())
        menu.deleteLater()


class NoWheelComboBox(QComboBox):
    """A combo box that ignores the mouse wheel unless focused, so scrolling the form is safe."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class QuantityInput:
    """[line edit] unit  = 380,000 份 — one count or money entry, laid out by ``box`` (for
    the owner to place; or by the owner from ``row``, without a box); ``reading_below`` puts
    the reading under the input (where the row is narrow, as in a pair of parts). Layouts,
    not a widget: a form has hundreds."""

    def __init__(self, spec: FieldSpec, unit: str | None, parent: QWidget, *,
                 reading_below: bool = False, pasting: bool = False, boxed: bool = True
                 ) -> None:
        self.edit = field_line_edit(parent, spec, pasting=pasting)
        self.edit.setMinimumWidth(110)
        self.edit.setMaximumWidth(200)  # a figure is short: the room goes to its reading
        self.unit = plain(QLabel, parent, unit or "")
        self.unit.setProperty("role", "unit")
        if not unit:
            self.unit.hide()
        self.reading = make_reading_label(parent, below=reading_below)
        self.row: Row = [(self.edit, 2), (self.unit, 0), (self.reading, 3)]
        if not boxed:
            return
        if reading_below:
            row = hbox()
            row.addWidget(self.edit, 1)
            row.addWidget(self.unit)
            self.box: QBoxLayout = vbox(spacing=1)
            self.box.addLayout(row)
            self.box.addWidget(self.reading)
            return
        self.box = hbox()
        for widget, stretch in self.row:
            self.box.addWidget(widget, stretch)


def hbox(parent: QWidget | None = None, spacing: int = 6) -> QHBoxLayout:
    layout = plain_layout(QHBoxLayout, parent)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return layout


def vbox(parent: QWidget | None = None, spacing: int = 4) -> QVBoxLayout:
    layout = plain_layout(QVBoxLayout, parent)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return layout


def row_grid(parent: QWidget, row: Row) -> QGridLayout:
    """``row`` across the top of one grid, with room below for what goes under it: laid out
    as a row inside a column (stack) would be, with one layout instead of two."""
    grid = plain_layout(QGridLayout, parent)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(6)
    grid.setVerticalSpacing(2)
    for column, (widget, stretch) in enumerate(row):
        grid.addWidget(widget, 0, column)
        grid.setColumnStretch(column, stretch)
    grid.setRowStretch(2, 1)  # extra height goes below everything, never into the inputs
    return grid


def stack(parent: QWidget, *items: QWidget | QLayout, spacing: int = 2) -> QVBoxLayout:
    """A field's parts top to bottom (its message last); extra height goes below them all,
    never into the inputs."""
    layout = vbox(parent, spacing=spacing)
    for item in items:
        if isinstance(item, QWidget):
            layout.addWidget(item)
        else:
            layout.addLayout(item)
    layout.addStretch(1)
    return layout



def field_line_edit(parent: QWidget, spec: FieldSpec, *, pasting: bool = False) -> QLineEdit:
    """A field's line edit. A PasteLineEdit only where the owner takes pastes over: Qt asks
    Python about every event of a Python subclass, and a form has hundreds of these."""
    if pasting:
        edit = PasteLineEdit(parent)
    else:
        edit = plain(QLineEdit, parent)
        edit.setMaxLength(MAX_INPUT)  # as PasteLineEdit does
    describe_input(edit, spec)
    return edit


def describe_input(edit: QLineEdit | QPlainTextEdit, spec: FieldSpec) -> None:
    """A field's input: its look (first, before anything measures it), and what the template
    says of the field: placeholder, help, accessible name."""
    style_input(edit)
    if spec.placeholder:
        placeholder = spec.placeholder
    elif spec.is_calculated:
        placeholder = translate("widgets", "自动计算")
    elif spec.example:
        placeholder = translate("widgets", "例如：{example}").format(example=spec.example)
    else:
        placeholder = ""
    edit.setPlaceholderText(placeholder)
    edit.setToolTip(field_tooltip(spec))
    edit.setAccessibleName(spec.full_label or spec.label)


class LineFieldWidget(FieldWidget):
    """A field typed into one line edit, ``self.edit``, with its message below.

    Subclasses build the row holding ``self.edit`` and then call ``_finish``.
    """

    edit: QLineEdit

    def _finish(self, row: Row | QLayout, reading: QLabel | None) -> None:
        """Lay the row out with the message line under it: a row of widgets (with their
        stretch) in one grid, else ``row`` as it is in a column."""
        key = self.spec.key
        if isinstance(row, list):
            grid = row_grid(self, row)
            columns = grid.columnCount()
            place = lambda label: grid.addWidget(label, 1, 0, 1, columns)  # noqa: E731
        else:
            place = stack(self, row)
        self._add_slot(key, container=self, frames=[self.edit], focus=self.edit,
                       message_at=place, reading=reading)
        self.edit.textChanged.connect(lambda _text: self._changed(key))

    def text(self, key: str) -> str:
        self._slot(key)
        return self.edit.text()

    def _load(self, key: str, text: str) -> None:
        self.edit.setText(text)
        self.edit.setCursorPosition(0)  # show the start of a long text

    def _apply_read_only(self, read_only: bool) -> None:
        set_read_only(self.edit, read_only)
