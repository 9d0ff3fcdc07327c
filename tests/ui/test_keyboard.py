"""Without the mouse: create, fill, complete and export a report with Tab, Enter and the
shortcuts. Chinese text goes in through the focused input's insert(), never keyClicks."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

import storage
from ui import export_actions

pytestmark = pytest.mark.gui

WEEK = "cancer_week_summary"
# What the clerk types, by field: enough for a report without errors.
# A field with several inputs (count, then names) takes one text per input, Tab between.
TYPED: dict[str, list[str]] = {
    "fill_date": ["2024年4月28日"],
    "unit_name": ["广元市利州区疾病预防控制中心"],
    "activity_time": ["2024年4月15-21日"],
    "activity_place": ["广元市"],
    "hospitals": ["2家", "广元市中心医院\n利州区人民医院"],
    "lectures": ["12场"],
    "posters": ["300张"],
    "overall_summary": ["4月15日至21日，全区开展义诊和科普讲座，发放宣传资料300张。"],
}
CTRL = Qt.KeyboardModifier.ControlModifier


def press_in_dialog(qtbot, act) -> None:
    """Run ``act(dialog)`` on the next modal dialog, once it is shown (as a person would)."""
    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, attempt)
            return
        try:
            act(dialog)
        finally:
            if dialog.isVisible():  # the act failed: never leave a test blocked
                dialog.reject()

    QTimer.singleShot(0, attempt)


def field_of_focus(editor) -> str | None:
    """The value key whose input has the keyboard focus."""
    focus = QApplication.focusWidget()
    for key, widget in editor.form.value_keys():
        if focus is not None and (widget is focus or widget.isAncestorOf(focus)):
            return key
    return None


def type_into(widget, text: str) -> None:
    if isinstance(widget, QLineEdit):
        widget.selectAll()
        widget.insert(text)
    elif isinstance(widget, QPlainTextEdit):
        widget.insertPlainText(text)
    else:
        raise AssertionError(f"cannot type into {widget!r}")


def test_create_fill_complete_and_export_with_the_keyboard(window, store, qtbot, monkeypatch,
                                                           tmp_path):
    storage.update_settings(store.db, contact_person="李明", phone="0839-3262222")
    window.settings = storage.get_settings(store.db)
    saved = tmp_path / "报表.xlsx"
    monkeypatch.setattr(export_actions, "ask_save_path", lambda *args: saved)
    monkeypatch.setattr(export_actions, "ask_open_folder", lambda parent, path: False)
    window.activateWindow()
    window.report_list.view.setFocus()
    qtbot.waitUntil(window.report_list.view.hasFocus)

    # Ctrl+N; in the 新建报表 dialog, the arrow keys pick the form and Enter creates it.
    def choose_form(dialog) -> None:
        combo = dialog.form_combo
        for _ in range(combo.count()):
            if combo.currentData() == WEEK:
                break
            qtbot.keyClick(combo, Qt.Key.Key_Down)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    press_in_dialog(qtbot, choose_form)
    qtbot.keyClick(window.report_list.view, Qt.Key.Key_N, CTRL)
    report_id = window.current_report_id()
    assert report_id is not None
    editor = window.editor
    window.activateWindow()  # as the system does when a dialog closes (offscreen does not)
    qtbot.waitUntil(lambda: field_of_focus(editor) is not None)
    assert field_of_focus(editor) == next(iter(editor.form.value_keys()))[0]  # ready to type

    # Tab from field to field, typing where the form needs it.
    todo = {key: list(texts) for key, texts in TYPED.items()}
    for _ in range(120):
        key = field_of_focus(editor)
        if key in todo:
            type_into(QApplication.focusWidget(), todo[key].pop(0))
            if not todo[key]:
                del todo[key]
        if not todo:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert todo == {}, "Tab never reached these fields"
    editor.refresh_issues()
    assert editor.issues.model.counts()[0] == 0, editor.issues.model.issues()

    # Ctrl+Enter: 标记为完成; a warning asks for a line of explanation, then Enter.
    def explain(dialog) -> None:
        for edit in dialog.findChildren(QLineEdit):
            edit.setFocus()
            edit.insert("已核对")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    if editor.issues.model.counts()[1]:
        press_in_dialog(qtbot, explain)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert storage.get_report(store.db, report_id).status == storage.COMPLETE

    # Ctrl+E: export the table.
    window.activateWindow()  # again as the system does after a dialog
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    assert saved.is_file()
    sheet = openpyxl.load_workbook(saved, data_only=True).active
    cells = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}
    assert "广元市利州区疾病预防控制中心" in cells
    assert any("李明" in text for text in cells)  # filled in from the settings
