"""FieldWidget: what every field editor offers the form editor (raw text, signals, issue display).

A field widget edits the raw text of one or more value keys. It never decides what is wrong:
the editor validates with ``forms`` and hands the issues back through ``show_state``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QBoxLayout, QLabel, QScrollArea, QWidget

from forms.issues import Issue
from forms.messages import say
from forms.spec import FieldSpec
from widgets.field_style import style_input
from widgets.look import (
    ERROR,
    HINT,
    WARNING,
    field_label,
    make_message_label,
    set_shown,
    set_state,
)
from widgets.plain import plain

translate = QCoreApplication.translate

REQUIRED_MARK = '<span style="color:#d32f2f">*</span>'


def field_tooltip(spec: FieldSpec, parent: FieldSpec | None = None) -> str:
    """What hovering over a field shows: its help, then an example (the template's
    ``example``, else its placeholder). A part without help of its own takes its parent's."""
    help_text = spec.help or (parent.help if parent is not None else "")
    example = spec.example or spec.placeholder
    if example and example not in help_text:
        example = translate("widgets", "例如：{example}").format(example=example)
        return f"{help_text}\n{example}" if help_text else example
    return help_text


def issue_text(issue: Issue) -> str:
    """Message and suggestion in the interface's language, without the field label (the
    label is right beside it)."""
    message = say(issue.message)
    if not issue.suggestion:
        return message
    joiner = " " if message[-1:] in "？?。！!；;." else translate("widgets", "；")
    return f"{message}{joiner}{say(issue.suggestion)}"


def state_of(issues: list[Issue]) -> str:
    if any(issue.is_error for issue in issues):
        return ERROR
    return WARNING if issues else ""


@dataclass(eq=False)
class _Slot:
    """The widgets that show one key's input and state."""

    container: QWidget  # focus inside it counts as "still in this input"
    frames: list[QWidget]  # get the red/amber border
    focus: QWidget
    place: QBoxLayout | Callable[[QLabel], None]  # where the message line goes (_add_slot)
    reading: QLabel | None = None
    shown: tuple[str, str, str] = ("", "", "")  # state, message, display
    issues: list[Issue] = field(default_factory=list)
    made: QLabel | None = None  # the message line, once there was something to say

    @property
    def message(self) -> QLabel:
        """The message line(s) under the input, made the first time there is one."""
        if self.made is None:
            label = make_message_label(self.container)
            place = self.place
            if isinstance(place, QBoxLayout):
                last = place.itemAt(place.count() - 1)
                place.insertWidget(place.count() - 1 if last and last.spacerItem() else -1, label)
            else:
                place(label)
            self.made = label
        return self.made


class FieldWidget(QWidget):
    """Base of every field editor: raw text per key in, ``edited``/``focus_left`` out.

    Subclasses create their inputs, call ``_add_slot`` once per key, implement
    ``text``/``_load``/``_apply_read_only`` and call ``_changed(key)`` on every change.
    """

    edited = Signal(str, str)  # key, raw text: every user change
    focus_left = Signal(str)  # key: focus left that input

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._slots: dict[str, _Slot] = {}
        self._watched: dict[QObject, str] = {}
        self._last: dict[str, str] = {}  # last raw text loaded or emitted, per key
        self._loading = 0
        self._read_only = False
        self._label: QLabel | None = None

    # -- the contract ---------------------------------------------------------------------

    def keys(self) -> list[str]:
        """The value keys this widget edits."""
        return list(self._slots)

    def text(self, key: str) -> str:
        """The current raw text for ``key``."""
        raise NotImplementedError

    def set_text(self, key: str, text: str) -> None:
        """Load ``text`` (from storage or undo) without emitting ``edited``."""
        self._slot(key)
        text = "" if text is None else str(text)
        with self.loading():
            self._load(key, text)
        self._last[key] = self.text(key)

    def show_state(self, key: str, issues: list[Issue], display: str = "", *,
                   required_pending: bool = False) -> None:
        """Show the issues found in ``key`` (border + message) and how its text was read.

        ``required_pending``: the field is required and still empty, but the person has
        not been in it yet: a neutral "必填" instead of an error.
        """
        slot = self._slot(key)
        issues = list(issues)
        message = "\n".join(issue_text(i) for i in issues)
        state = state_of(issues)
        if required_pending and not issues:
            message, state = translate("widgets", "必填"), HINT
        shown = (state, message, say(display))
        if shown == slot.shown:
            return
        state, message, display = shown
        if state != slot.shown[0]:
            for widget in slot.frames:
                set_state(widget, "" if state == HINT else state)
            if state or slot.made is not None:
                set_state(slot.message, state)
        if message != slot.shown[1]:
            slot.message.setText(message)
            set_shown(slot.message, bool(message))
        if slot.reading is not None and display != slot.shown[2]:
            slot.reading.setText(display)
        slot.shown = shown
        slot.issues = issues
        self._issues_changed(key, issues)

    def state(self, key: str) -> str:
        """"error", "warning", "hint" (必填, not yet visited) or "" as last shown."""
        return self._slot(key).shown[0]

    def message_text(self, key: str) -> str:
        """The message line(s) shown under the input."""
        return self._slot(key).shown[1]

    def display_text(self, key: str) -> str:
        """The reading shown beside the input ("" for types without one)."""
        reading = self._slot(key).reading
        return reading.text() if reading is not None else ""

    def reading_label(self, key: str) -> QLabel | None:
        """The label that shows the reading of ``key`` (None for types without one)."""
        return self._slot(key).reading

    def set_read_only(self, read_only: bool) -> None:
        """Read-only because of the report; a calculated field is read-only anyway."""
        self._read_only = read_only
        self._apply_read_only(read_only or self.spec.is_calculated)

    def is_read_only(self) -> bool:
        return self._read_only

    def focus_key(self, key: str) -> None:
        """Focus the input for ``key`` and scroll it into view (issue panel → field)."""
        slot = self._slot(key)
        parent = self.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea) and parent.widget() is not None \
                    and parent.widget().isAncestorOf(slot.container):
                parent.ensureWidgetVisible(slot.container, 40, 40)
                break
            parent = parent.parentWidget()
        slot.focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def label_widget(self) -> QLabel:
        """The field's printed label (red * when required), for the editor to lay out."""
        if self._label is None:
            if self.spec.required:
                label = plain(QLabel)
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setText(f"{html.escape(self.spec.label)} {REQUIRED_MARK}")
                label.setWordWrap(True)
            else:
                label = field_label(self.spec.label, self.font())
            label.setToolTip(field_tooltip(self.spec))
            label.setObjectName(f"label:{self.spec.key}")
            if self._slots:
                label.setBuddy(next(iter(self._slots.values())).focus)
            self._label = label
        return self._label

    # -- for subclasses -------------------------------------------------------------------

    def _load(self, key: str, text: str) -> None:
        raise NotImplementedError

    def _apply_read_only(self, read_only: bool) -> None:
        raise NotImplementedError

    def _issues_changed(self, key: str, issues: list[Issue]) -> None:
        """Hook: a widget that can point at the bad part (a table row) does it here."""

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Changes made inside are programmatic: no ``edited``."""
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1

    def _changed(self, key: str) -> None:
        """An input of ``key`` changed: emit ``edited`` if it was the user and the text moved."""
        if self._loading:
            return
        text = self.text(key)
        if self._last.get(key) == text:
            return
        self._last[key] = text
        self.edited.emit(key, text)

    def _add_slot(self, key: str, *, container: QWidget, frames: list[QWidget], focus: QWidget,
                  message_at: QBoxLayout | Callable[[QLabel], None],
                  reading: QLabel | None = None,
                  watch: list[QWidget] | None = None) -> None:
        """Register the widgets of one key; ``watch`` are the inputs whose focus-out counts.

        ``frames`` get the inputs' look and show the state. The message line is made the
        first time there is one, and goes last in ``message_at`` (before a trailing
        stretch), or where ``message_at(label)`` puts it.
        """
        self._slots[key] = _Slot(container, frames, focus, message_at, reading)
        self._last[key] = ""
        for widget in watch if watch is not None else [focus]:
            self.watch_focus(widget, key)
        if len(self._slots) == 1:
            self.setFocusProxy(focus)
        for widget in frames:
            widget.setProperty("state", "")
            widget.setObjectName(widget.objectName() or f"input:{key}")
            style_input(widget)

    def watch_focus(self, widget: QWidget, key: str) -> None:
        """Emit ``focus_left(key)`` when the focus leaves ``widget`` for outside the key's input."""
        self._watched[widget] = key
        _follow_focus()

    def _slot(self, key: str) -> _Slot:
        try:
            return self._slots[key]
        except KeyError:
            raise KeyError(f"{type(self).__name__} for {self.spec.key!r} has no key {key!r}") \
                from None

    def _focus_moved(self, old: QWidget, now: QWidget | None) -> None:
        key = self._watched.get(old)
        if key is None:
            return
        container = self._slots[key].container
        if now is None or not (now is container or container.isAncestorOf(now)):
            self.focus_left.emit(key)


_followed: list[QApplication] = []  # the application whose focusChanged is connected


def _follow_focus() -> None:
    """Listen to the application's focus changes, once (not an event filter per input: every
    event of every input would pass through Python)."""
    app = QApplication.instance()
    if app is None or app in _followed:
        return
    app.focusChanged.connect(_focus_changed)
    _followed[:] = [app]


def _focus_changed(old: QWidget | None, now: QWidget | None) -> None:
    """The focus moved: the field widget holding the input that lost it may say so."""
    widget = old
    while widget is not None and not isinstance(widget, FieldWidget):
        widget = widget.parentWidget()
    if widget is not None:
        widget._focus_moved(old, now)  # noqa: SLF001 - its own module
