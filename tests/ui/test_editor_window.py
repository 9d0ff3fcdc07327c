"""The form editor inside the main window: status bar, switching reports, undo keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

import storage
from tests.ui.conftest import make_report
from tests.ui.editor_helpers import enter, line_edit
from tests.waiting import WAIT_MS
from ui.editor import ReportEditor

pytestmark = pytest.mark.gui


def open_report(window, qtbot, report_id: int) -> ReportEditor:
    window.report_list.reload(select_id=report_id)
    qtbot.waitUntil(lambda: window.current_report_id() == report_id, timeout=WAIT_MS)
    assert isinstance(window.editor, ReportEditor)
    return window.editor


def test_saved_time_shows_in_the_status_bar(window, qtbot, store):
    editor = open_report(window, qtbot, make_report(store))
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        enter(editor.form.widget_for("lectures"), "lectures", "603场")
    assert window.statusBar().currentMessage().startswith("已保存 ")


def test_switching_reports_saves_the_pending_edit_first(window, qtbot, store):
    first, second = make_report(store), make_report(store)
    editor = open_report(window, qtbot, first)
    enter(editor.form.widget_for("lectures"), "lectures", "42场")
    open_report(window, qtbot, second)  # before the autosave timer fired
    assert storage.get_values(store.db, first)["lectures"].raw == "42场"
    assert line_edit(editor, "lectures").text() == ""


def test_ctrl_z_in_a_field_undoes_exactly_one_step(window, qtbot, store):
    editor = open_report(window, qtbot, make_report(store))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    enter(editor.form.widget_for("lectures"), "lectures", "1场")
    editor._focus_left("lectures")  # noqa: SLF001 - a new typing run
    enter(editor.form.widget_for("symposia"), "symposia", "2场")
    edit = line_edit(editor, "symposia")
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    stack = editor.undo_group.activeStack()
    assert stack.index() == 2
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stack.index() == 1  # the window's 撤销 did not fire as well
    assert line_edit(editor, "lectures").text() == "1场"
    window.commands.undo.trigger()  # 编辑 → 撤销 reaches the same stack
    assert stack.index() == 0
    assert line_edit(editor, "lectures").text() == ""
    window.commands.redo.trigger()
    assert line_edit(editor, "lectures").text() == "1场"
