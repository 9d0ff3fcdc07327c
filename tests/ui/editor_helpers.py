"""Helpers for the form editor tests: put text into a field the way a user would."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit

from widgets.base import FieldWidget
from widgets.link_list import LinkListWidget
from widgets.name_list import NameListWidget
from widgets.pair import PairWidget

WEEK = "cancer_week_summary"


def enter(widget: FieldWidget, key: str, text: str) -> None:
    """Set ``text`` through the field's own input control (lists are pasted, as from the
    old form); never keyClicks, which cannot type Chinese."""
    if isinstance(widget, PairWidget):
        widget.edits[key].setText(text)
    elif isinstance(widget, NameListWidget):
        QGuiApplication.clipboard().setText(text)
        widget.names.selectAll()
        widget.names.paste()
    elif isinstance(widget, LinkListWidget):
        QGuiApplication.clipboard().setText(text)
        widget.paste_button.click()
    elif isinstance(widget.edit, QPlainTextEdit):
        widget.edit.setPlainText(text)
    else:
        widget.edit.setText(text)


def enter_all(editor, raw: dict[str, str]) -> None:
    for key, text in raw.items():
        widget = editor.form.widget_for(key)
        assert widget is not None, key
        enter(widget, key, text)


def line_edit(editor, key: str):
    """The QLineEdit of a simple one-line field."""
    return editor.form.widget_for(key).edit


def state_of(widget: FieldWidget, key: str) -> str:
    """The state shown on the field's input: "error", "warning" or ""."""
    return widget._slots[key].frames[0].property("state") or ""  # noqa: SLF001


def message_of(widget: FieldWidget, key: str) -> str:
    label = widget._slots[key].message  # noqa: SLF001
    return label.text() if not label.isHidden() else ""
