"""Undo for the form: one step per edit. Keystrokes in a row merge into one step; a pause of
PAUSE seconds or more, leaving the field, or a paste (any change that is not one character
typed or deleted) ends it, so every earlier value can be reached again.

Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) pressed anywhere in the editor go to the report's undo
stack, not to the focused line edit's own undo, and not to the window's 编辑 menu too:
``UndoKeys`` claims the keys (ShortcutOverride) before any window shortcut sees them.
Outside the editor the window's actions call ``ReportEditor.undo()``/``redo()``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

Apply = Callable[[str, str], None]  # (value key, text): show it in the widget and save it

FIELD_EDIT_ID = 1001
PAUSE = 1.0  # seconds without typing that end an undo step
clock = time.monotonic  # replaced in tests
_SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride
_KEY_PRESS = QEvent.Type.KeyPress
_CONTEXT_MENU = QEvent.Type.ContextMenu  # its 粘贴 pastes
_DROP = QEvent.Type.Drop


class FieldEdit(QUndoCommand):
    """The text of one value key went from ``old`` to ``new``.

    ``epoch`` separates runs of typing: edits merge only within the same epoch (the editor
    starts a new one when focus leaves a field, and after undo/redo), less than PAUSE
    seconds apart, and only when each is one character typed or deleted.
    """

    def __init__(self, apply: Apply, key: str, label: str, old: str, new: str,
                 epoch: int, *, pasted: bool = False) -> None:
        super().__init__(QCoreApplication.translate("ReportEditor", "修改“{label}”")
                         .format(label=label))
        self.apply = apply
        self.key = key
        self.old = old
        self.new = new
        self.epoch = epoch
        self.at = clock()  # when the step's last edit was made
        self.typed = not pasted and keystroke(old, new)  # False: a paste, a cut, a drop…
        self._pushed = False

    def id(self) -> int:
        return FIELD_EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, FieldEdit) or other.key != self.key \
                or other.epoch != self.epoch or not (self.typed and other.typed) \
                or other.at - self.at >= PAUSE:
            return False
        self.new = other.new
        self.at = other.at
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        if not self._pushed:  # the widget already shows it: pushing only records the edit
            self._pushed = True
            return
        self.apply(self.key, self.new)

    def undo(self) -> None:
        self.apply(self.key, self.old)


def keystroke(old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` with one character typed or deleted (what a key does).

    >>> keystroke("60", "603"), keystroke("603", "63"), keystroke("", "38万份")
    (True, True, False)
    """
    if abs(len(new) - len(old)) != 1:
        return False
    short, long = (old, new) if len(old) < len(new) else (new, old)
    low, high = 0, len(short)  # the longest common prefix, by halves (fast in a long text)
    while low < high:
        middle = (low + high + 1) // 2
        if long[:middle] == short[:middle]:
            low = middle
        else:
            high = middle - 1
    return long[low + 1:] == short[low:]


def undo_key(event: QKeyEvent) -> str | None:
    """"undo", "redo" or None for a key event."""
    if event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    if event.matches(QKeySequence.StandardKey.Redo):
        return "redo"
    control = Qt.KeyboardModifier.ControlModifier
    shift = Qt.KeyboardModifier.ShiftModifier
    modifiers = event.modifiers() & (control | shift | Qt.KeyboardModifier.AltModifier)
    if event.key() == Qt.Key.Key_Y and modifiers == control:
        return "redo"
    if event.key() == Qt.Key.Key_Z and modifiers == control | shift:
        return "redo"
    return None


def _in_a_cell(widget: QWidget) -> bool:
    """Whether ``widget`` edits a cell of a table (its parent is the table's viewport)."""
    parent = widget.parentWidget()
    return parent is not None and isinstance(parent.parentWidget(), QAbstractItemView)


class UndoKeys(QObject):
    """Event filter for the editor's inputs: undo/redo keys go to ``undo``/``redo``; while a
    paste (Ctrl+V, the context menu, a drop) is handled, ``pasting`` is True, so the edit it
    makes is an undo step of its own.

    A widget inside ``root`` is filtered from the first time it has the keyboard focus
    (keys, and the context menu opened by the click that focused it, go there): every
    event of a filtered widget passes through Python, and a large form has hundreds of
    inputs. A cell's editor in a table keeps its own keys, as before. Text dropped on an
    input never focused is not marked as a paste; it starts an undo step of its own all
    the same (the last step was another field's).
    """

    def __init__(self, undo: Callable[[], None], redo: Callable[[], None],
                 root: QWidget) -> None:
        super().__init__(root)
        self._actions = {"undo": undo, "redo": redo}
        self.pasting = False
        self._root = root
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is not None and self._root.isAncestorOf(now) and not _in_a_cell(now):
            now.installEventFilter(self)  # (again is no harm: one filter per object)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind != _SHORTCUT_OVERRIDE and kind != _KEY_PRESS:  # noqa: PLR1714 - hot path
            if (kind == _CONTEXT_MENU or kind == _DROP) and not self.pasting:  # noqa: PLR1714
                return self._as_paste(watched, event)
            return False
        name = undo_key(event)
        if name is None:
            if kind == _KEY_PRESS and not self.pasting \
                    and event.matches(QKeySequence.StandardKey.Paste):
                return self._as_paste(watched, event)
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # ours: no window shortcut fires, the key press comes to us
        else:
            self._actions[name]()
        return True

    def _as_paste(self, watched: QObject, event: QEvent) -> bool:
        """Let the widget handle the event now, with ``pasting`` set for what it edits."""
        self.pasting = True
        try:
            watched.event(event)
        finally:
            self.pasting = False
        return True
