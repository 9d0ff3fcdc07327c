"""Undo steps: one per edit. A pause of a second or more, leaving the field, or a paste ends
a step, so every earlier value can be reached again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.ui.editor_helpers import WEEK, line_edit
from ui import operations
from ui.editor import undo

pytestmark = pytest.mark.gui


class Clock:
    """Seconds as the undo stack sees them; the test moves them on."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(undo, "clock", fake, raising=False)
    return fake


@pytest.fixture
def lectures(editor, store):
    editor.load_report(operations.create_report(store, WEEK))
    return line_edit(editor, "lectures")


def paste(qtbot, edit, text: str, *, replace: bool = False) -> None:
    """Ctrl+V, as a person pastes: in the input that has the focus (select all first to
    replace the text)."""
    QGuiApplication.clipboard().setText(text)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    if replace:
        edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def type_in(edit, text: str, clock: Clock, gap: float = 0.1) -> None:
    for char in text:
        clock.now += gap
        edit.insert(char)


def undo_all(editor, edit) -> list[str]:
    """The field's text after each undo, until nothing is left to undo."""
    seen = []
    stack = editor.undo_group.activeStack()
    while stack.canUndo():
        editor.undo()
        seen.append(edit.text())
    return seen


def test_quick_typing_is_one_step(editor, lectures, clock):
    type_in(lectures, "603场", clock)
    assert undo_all(editor, lectures) == [""]


def test_a_pause_of_a_second_ends_a_step(editor, lectures, clock):
    type_in(lectures, "60", clock)
    clock.now += 1.0
    type_in(lectures, "3场", clock)
    clock.now += 0.85
    type_in(lectures, "次", clock)  # 0.95 s later: the same step
    assert undo_all(editor, lectures) == ["60", ""]  # 60 | 3场次


def test_two_pastes_into_one_field_are_two_steps(editor, lectures, clock, qtbot):
    paste(qtbot, lectures, "38万份")
    clock.now += 0.1
    paste(qtbot, lectures, "40万份", replace=True)
    clock.now += 0.1
    type_in(lectures, "。", clock)  # typing right after a paste is a step of its own too
    assert undo_all(editor, lectures) == ["40万份", "38万份", ""]


def test_a_paste_ends_the_typing_before_it(editor, lectures, clock, qtbot):
    type_in(lectures, "12", clock)
    clock.now += 0.1
    paste(qtbot, lectures, "0")  # one character, yet a paste
    assert undo_all(editor, lectures) == ["12", ""]


def test_leaving_the_field_ends_a_step(editor, lectures, clock):
    type_in(lectures, "12", clock)
    editor._focus_left("lectures")  # noqa: SLF001 - what the widget's focus_left does
    type_in(lectures, "场", clock)
    assert undo_all(editor, lectures) == ["12", ""]


def test_every_earlier_value_comes_back_and_redo_returns(editor, lectures, clock, qtbot):
    for text in ("1场", "12场", "120场"):  # each differs from the last by one character
        paste(qtbot, lectures, text, replace=True)
        clock.now += 0.1
    assert undo_all(editor, lectures) == ["12场", "1场", ""]
    for expected in ("1场", "12场", "120场"):
        editor.redo()
        assert lectures.text() == expected
    assert editor.session.validator.raw["lectures"] == "120场"


def test_pastes_into_a_long_text_are_steps_too(editor, store, clock, qtbot):
    editor.load_report(operations.create_report(store, WEEK))
    box = editor.form.widget_for("overall_summary").edit
    for text in ("第一段。", "第二段。"):
        QGuiApplication.clipboard().setText(text)
        qtbot.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        clock.now += 0.1
    seen = []
    while editor.undo_group.activeStack().canUndo():
        editor.undo()
        seen.append(box.toPlainText())
    assert seen == ["第一段。", ""]
