"""The form itself, generated from a template: one group per section, rows in paper order.

Half-width fields sit two to a row (label, input, label, input); full-width ones span.
Only the first screenful of fields is built at once; the rest follow a few at a time
while the event loop is idle and the form is shown (``built`` announces them), or at once
when one is asked for.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QGroupBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from forms.spec import FieldSpec, FormTemplate
from widgets import create_field_widget
from widgets.base import FieldWidget
from widgets.plain import plain_layout

COLUMNS = 4  # label, input, label, input
LABEL_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
FIRST_FIELDS = 8  # built with the form: about what its first screen shows
IDLE_FIELDS = 3  # built per turn of the event loop after that (a turn stays short)
POLISH_EVERY = 4  # fields built between deliveries of their widgets' polish requests (_build)
FRAME_EDGE = 8  # px inside a section's edge that its frame (rounded corners) may paint


class Section(QGroupBox):
    """A section's box. A message line appearing under a field grows its section: Qt
    repainted the whole section for it (and with it most of the screen, the worst part
    of such a keystroke); now only what moved is repainted (WA_StaticContents), and the
    edges of the frame where it grew, shrank or widened (``resizeEvent``). The sections
    below it move down: each fills its background (the page's colour, under its frame),
    so Qt copies its pixels down instead of painting it and everything in it again."""

    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(title, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setAutoFillBackground(True)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        old, new = event.oldSize(), event.size()
        if not old.isValid() or not self.isVisible():
            return
        width, height = max(old.width(), new.width()), max(old.height(), new.height())
        if old.height() != new.height():  # the bottom edge, where it was and where it is
            top = min(old.height(), new.height()) - FRAME_EDGE
            self.update(0, top, width, height - top)
        if old.width() != new.width():  # the right edge, likewise
            left = min(old.width(), new.width()) - FRAME_EDGE
            self.update(left, 0, width - left, height)


@dataclass(eq=False)
class _Grid:
    """Where the next field of a section goes."""

    group: QGroupBox
    layout: QGridLayout
    row: int = 0
    column: int = 0
    paused: bool = False  # hidden while a batch of its fields is added (see FormView._build)


class FormView(QScrollArea):
    """A scrollable form of field widgets; ``widget_for(key)`` finds the one editing ``key``."""

    built = Signal(list)  # field widgets just built, in form order (before they are shown)

    def __init__(self, template: FormTemplate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        self.setObjectName("form")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._fields: dict[str, FieldWidget] = {}  # by top-level field key, in form order
        self._by_key: dict[str, FieldWidget] = {}  # every value key (and compound key)
        self._read_only = False
        self._queue: deque[tuple[_Grid, FieldSpec]] = deque()
        self.groups: list[QGroupBox] = []
        self.hidden: set[str] = set()  # top-level fields whose show_if does not hold
        self._frozen = False  # every field built and gc.freeze()d (see _build)
        self._reshaped: set[QWidget | None] = set()  # sections to settle (see settling)
        self.page = page = QWidget(self)
        page.setObjectName("form-page")
        # A message line appearing grows the page; repaint only what moved, not all of it.
        page.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        column = QVBoxLayout(page)
        column.setContentsMargins(8, 8, 8, 8)
        column.setSpacing(10)
        for section in template.sections:
            group = Section(section.title, page)
            group.setObjectName(f"section:{section.id}")
            grid = _grid(group)
            self._queue.extend((grid, spec) for spec in section.fields)
            column.addWidget(group)
            self.groups.append(group)
        column.addStretch(1)
        self._build(FIRST_FIELDS)
        self.setWidget(page)
        self._idle = QTimer(self, singleShot=True, interval=0)
        self._idle.timeout.connect(self._build_more)
        if self._queue:
            self._idle.start()

    # --- building --------------------------------------------------------------------

    def _build(self, count: int, until: str | None = None) -> list[FieldWidget]:
        """Build the next ``count`` fields (or up to the one editing ``until``) in one batch.

        A widget added to a visible form is shown later by Qt, one at a time, and each
        showing lays out its section and the whole page again: for a large form that was
        most of the time it took to build. So a section is hidden while its fields are
        added (unless the cursor is in it) and shown once at the end, laid out once; the
        page is laid out once after the batch. ``built`` is emitted before that, so the
        values and states shown in the new fields are laid out with them, once (emitted
        after, a second layout of each field followed, with its values).

        Qt posts a polish request for every widget made, and each later event posted to a
        widget with one pending (a layout request, an update) is checked against the whole
        queue: thousands of such checks in a large batch. Delivering the polish requests
        every few fields keeps the queue short (the widgets are polished as they would be
        when shown).
        """
        made: list[FieldWidget] = []
        grids: list[_Grid] = []
        column = self.page.layout()
        column.setEnabled(False)
        focus = QApplication.focusWidget()
        collecting = gc.isenabled()
        gc.disable()  # thousands of objects that all stay: nothing to collect meanwhile
        try:
            while self._queue and len(made) < count and (until is None
                                                         or until not in self._by_key):
                grid, spec = self._queue.popleft()
                if grid not in grids:
                    grids.append(grid)
                    grid.paused = grid.group.isVisible() and not (
                        focus is not None and grid.group.isAncestorOf(focus))
                    if grid.paused:
                        grid.group.hide()
                    grid.layout.setEnabled(False)
                made.append(self._add(grid, spec))
                if len(made) % POLISH_EVERY == 0:
                    QCoreApplication.sendPostedEvents(None, QEvent.Type.PolishRequest)
            if made:
                self.built.emit(made)
        finally:
            for grid in grids:
                grid.layout.setEnabled(True)
                if grid.paused:
                    grid.group.show()  # laid out once, then every field shown
                    grid.paused = False
                else:
                    grid.layout.activate()
            column.setEnabled(True)
            if collecting:
                gc.enable()
        if not self._queue and not self._frozen:
            # The form's tens of thousands of objects live as long as it does: keep them
            # out of the garbage collector's full passes (each took 25-40 ms, a keystroke
            # that happened to start one stalled). Given back when the form is gone.
            gc.freeze()
            self._frozen = True
            self.destroyed.connect(lambda *_args: gc.unfreeze())
        return made

    def _build_more(self) -> None:
        if not self.isVisible():
            return  # (closed, or another page shown: built when shown again, or on demand)
        self._build(IDLE_FIELDS)
        if self._queue:
            self._idle.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._queue and not self._idle.isActive():
            self._idle.start()

    def is_built(self) -> bool:
        """True once every field has its widget."""
        return not self._queue

    def build_all(self) -> None:
        """Build every field not built yet (and announce them)."""
        self._build(len(self._queue))

    def _build_until(self, key: str) -> None:
        self._build(len(self._queue), until=key)

    def _add(self, grid: _Grid, spec: FieldSpec) -> FieldWidget:
        widget = create_field_widget(spec, grid.group)
        self._fields[spec.key] = widget
        self._by_key[spec.key] = widget
        for key in [*widget.keys(), *(part.key for part in spec.parts)]:
            self._by_key[key] = widget
        label = widget.label_widget()
        label.setParent(grid.group)
        label.setAlignment(LABEL_ALIGN)
        if self._read_only:
            widget.set_read_only(True)
        shown_now = grid.group.isVisible()  # (the cursor is in this section: see _build)
        if spec.key in self.hidden or shown_now:
            widget.hide()  # explicitly, or Qt would show each later, one by one
            label.hide()
        if spec.layout == "full":
            if grid.column:
                grid.row, grid.column = grid.row + 1, 0
            grid.layout.addWidget(label, grid.row, 0)
            grid.layout.addWidget(widget, grid.row, 1, 1, COLUMNS - 1)
            grid.row += 1
        else:
            grid.layout.addWidget(label, grid.row, grid.column)
            grid.layout.addWidget(widget, grid.row, grid.column + 1)
            grid.column += 2
            if grid.column >= COLUMNS:
                grid.row, grid.column = grid.row + 1, 0
        if shown_now and spec.key not in self.hidden:
            widget.show()  # now, while the layouts wait
            label.show()
        return widget

    # --- finding widgets -------------------------------------------------------------

    @property
    def fields(self) -> dict[str, FieldWidget]:
        """Every field widget by top-level key, in form order (building any not built yet)."""
        self.build_all()
        return self._fields

    def widgets(self) -> Iterator[FieldWidget]:
        yield from self.fields.values()

    def built_widgets(self) -> list[FieldWidget]:
        """The field widgets built so far, in form order."""
        return list(self._fields.values())

    def widget_for(self, key: str) -> FieldWidget | None:
        """The widget editing ``key`` (built now if it was not yet), or None."""
        if key not in self._by_key and self._queue:
            self._build_until(key)
        return self._by_key.get(key)

    def value_keys(self) -> Iterator[tuple[str, FieldWidget]]:
        """(value key, widget) for every key a widget edits, in form order."""
        self.build_all()
        yield from self.built_value_keys()

    def built_value_keys(self) -> Iterator[tuple[str, FieldWidget]]:
        """(value key, widget) for the widgets built so far, in form order."""
        for widget in list(self._fields.values()):
            for key in widget.keys():
                yield key, widget

    def focus_key(self, key: str) -> bool:
        """Scroll to the input for ``key`` and focus it; False if no widget edits it."""
        widget = self.widget_for(key)
        if widget is None:
            return False
        keys = widget.keys()
        target = key if key in keys else keys[0] if keys else None
        if target is None:
            return False
        self.widget().layout().activate()  # a field just built has its place only then
        self.ensureWidgetVisible(widget, 40, 40)
        widget.focus_key(target)
        return True

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for widget in self._fields.values():
            widget.set_read_only(read_only)

    @contextmanager
    def settling(self) -> Iterator[None]:
        """Message lines and rows shown or hidden meanwhile: the page laid out once, after.

        Qt lays out a shown widget's ancestors at once, while the page still has its old
        height: a message line appearing squeezed every other section for a moment, and
        each was laid out twice (half the layout of such a keystroke). So the page's
        layout waits; afterwards, if a section ``reshaped`` changed height, the page is
        grown first (or laid out) and the sections placed once.
        """
        column = self.page.layout()
        if not column.isEnabled():  # (within a batch being built: laid out after it)
            yield
            return
        column.setEnabled(False)
        try:
            yield
        finally:
            column.setEnabled(True)
            self._settle()

    def reshaped(self, widget: FieldWidget) -> None:
        """``widget`` showed or hid a line: its section may have changed height."""
        self._reshaped.add(widget.parentWidget())

    def _settle(self) -> None:
        changed = [group for group in self.groups if group in self._reshaped
                   and group.isVisible() and _height(group) != group.height()]
        self._reshaped.clear()
        if not changed:
            return  # (Qt lays out a section that kept its height, once)
        for group in changed:
            group.updateGeometry()
        page = self.page
        height = _height(page)
        if height > page.height():
            page.resize(page.width(), height)  # its layout runs now, at the new height
        else:
            page.layout().activate()  # (the scroll area shrinks the page afterwards)

    def set_applicable(self, key: str, applicable: bool) -> None:
        """Show or hide the field holding ``key`` (with its label): its show_if holds or not."""
        top = self.template.field(key).parent or key
        if (top not in self.hidden) == applicable:
            return
        if applicable:
            self.hidden.discard(top)
        else:
            self.hidden.add(top)
        widget = self._fields.get(top)  # (one not built yet is shown as it is built)
        if widget is not None:
            widget.setVisible(applicable)
            widget.label_widget().setVisible(applicable)
            self.reshaped(widget)

    def is_applicable(self, key: str) -> bool:
        return (self.template.field(key).parent or key) not in self.hidden


def _height(widget: QWidget) -> int:
    """The height ``widget``'s layout asks for at its width."""
    if widget.hasHeightForWidth():
        return widget.heightForWidth(widget.width())
    return widget.sizeHint().height()


def _grid(group: QGroupBox) -> _Grid:
    layout = plain_layout(QGridLayout, group)
    layout.setHorizontalSpacing(8)
    layout.setVerticalSpacing(6)
    layout.setColumnStretch(1, 1)
    layout.setColumnStretch(3, 1)
    return _Grid(group, layout)
