"""First steps: the window title, the report shown again on reopening, other databases."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

import storage
from tests.ui.conftest import make_report
from tests.waiting import WAIT_MS
from ui import startup
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

WEEK = "cancer_week_summary"


def new_window(qtbot, store) -> MainWindow:
    window = MainWindow(store, storage.get_settings(store.db))
    qtbot.addWidget(window)
    return window


def test_title_names_the_program_once_after_the_report_and_file(window, store, qapp):
    qapp.setApplicationDisplayName("填报")  # as run() does: Qt appends it unless already there
    try:
        report_id = make_report(store, edition="第30届")
        assert window.windowTitle() == "tianbao.db — 填报"
        window.report_list.reload(select_id=report_id)
        title = window.windowTitle()
        assert title == "第30届全国肿瘤防治宣传周活动总结表 — tianbao.db — 填报"
        assert title.endswith(qapp.applicationDisplayName())  # so Qt adds nothing
        assert title.count("填报") == 1
    finally:
        qapp.setApplicationDisplayName("")


def test_title_follows_the_report_title(window, store):
    report_id = make_report(store, edition="第30届")
    window.report_list.reload(select_id=report_id)
    widget = window.editor.form.widget_for("edition")
    widget.edit.setText("第31届")
    window.editor.flush()
    QApplication.processEvents()
    assert window.windowTitle().startswith("第31届全国肿瘤防治宣传周活动总结表 — ")


def test_the_last_report_is_shown_again_on_reopening(qtbot, tmp_path):
    path = tmp_path / "again.db"
    with storage.open_database(path, daily_backup=False) as store:
        first, second, _third = (make_report(store, edition=f"第{n}届") for n in (28, 29, 30))
        window = new_window(qtbot, store)
        window.report_list.reload(select_id=second)
        assert window.current_report_id() == second
        window.close()
    with storage.open_database(path, daily_backup=False) as store:
        window = new_window(qtbot, store)
        assert window.report_list.current_report_id() == second
        assert window.current_report_id() == second
        window.close()
    assert first != second


def test_the_last_report_is_shown_again_after_a_staged_start(qtbot, tmp_path):
    from storage.peek import peek_database
    from ui.background_open import BackgroundOpen

    path = tmp_path / "staged.db"
    with storage.open_database(path, daily_backup=False) as store:
        ids = [make_report(store, edition=f"第{n}届") for n in (28, 29, 30)]
        storage.update_settings(store.db, last_report_id=ids[0])
    window = MainWindow(None, peek_database(path).settings, preview=peek_database(path),
                        form_titles=startup.quick_form_titles())
    qtbot.addWidget(window)
    assert window.report_list.current_report_id() == ids[0]
    opener = BackgroundOpen(path, parent=window)
    opener.finished.connect(window.finish_opening)
    with qtbot.waitSignal(opener.finished, timeout=WAIT_MS):
        opener.start()
    assert window.current_report_id() == ids[0]
    window.close()


def test_a_deleted_last_report_selects_nothing(qtbot, tmp_path):
    path = tmp_path / "gone.db"
    with storage.open_database(path, daily_backup=False) as store:
        report_id = make_report(store, edition="第30届")
        storage.update_settings(store.db, last_report_id=report_id)
        storage.trash_report(store.db, report_id)
        window = new_window(qtbot, store)
        assert window.report_list.current_report_id() is None
        assert window.current_report_id() is None
        window.close()


def test_other_database_selection_and_editor_agree(window, store, monkeypatch, tmp_path):
    here = [make_report(store, edition=f"第{n}届", unit_name="成都市疾控中心") for n in (29, 30)]
    window.report_list.reload(select_id=here[0])
    other_path = tmp_path / "other.db"
    with storage.open_database(other_path, daily_backup=False) as other:
        there = [make_report(other, edition=f"第{n}届", unit_name="德阳市疾控中心")
                 for n in (27, 28)]
    assert here[0] == there[0]  # the same id: the old selection must not carry over
    monkeypatch.setattr("ui.file_commands.ask_database_path", lambda parent, start: other_path)
    assert window.open_database()
    assert window.report_list.current_report_id() == window.current_report_id() is None

    window.report_list.reload(select_id=there[1])  # remembered in other.db
    monkeypatch.setattr("ui.file_commands.ask_database_path", lambda parent, start: store.path)
    assert window.open_database()  # back again: the report last shown here
    assert window.report_list.current_report_id() == window.current_report_id() == here[0]
    assert window.editor.session.report.unit == "成都市疾控中心"
    monkeypatch.setattr("ui.file_commands.ask_database_path", lambda parent, start: other_path)
    assert window.open_database()
    assert window.report_list.current_report_id() == window.current_report_id() == there[1]


def test_unit_details_are_asked_once_and_fill_every_new_report(window, store, unit_details):
    asked, answer = unit_details
    answer[0] = {"unit_name": "广元市利州区疾病预防控制中心", "contact_person": "李明",
                 "phone": "0839-3262222"}
    assert window.first_steps()
    assert len(asked) == 1
    settings = storage.get_settings(store.db)
    assert (settings.unit_name, settings.contact_person, settings.phone) == (
        "广元市利州区疾病预防控制中心", "李明", "0839-3262222")
    assert not window.first_steps()  # once
    assert len(asked) == 1
    for form_id in (WEEK, "association_award_summary"):
        report_id = make_report(store, form_id)
        texts = {value.raw for value in storage.get_values(store.db, report_id).values()}
        assert "广元市利州区疾病预防控制中心" in texts, form_id
        assert {"李明", "0839-3262222"} <= texts, form_id


def test_later_means_not_asked_again(window, store, unit_details):
    asked, _answer = unit_details
    assert not window.first_steps()  # 以后再说
    assert storage.get_settings(store.db).units_asked
    assert not window.first_steps()
    assert len(asked) == 1


def test_unit_details_dialog_gives_what_was_typed(qtbot):
    from ui.dialogs.unit_details import UnitDetailsDialog

    dialog = UnitDetailsDialog(storage.Settings(unit_name="旧名称"))
    qtbot.addWidget(dialog)
    assert dialog.unit_edit.text() == "旧名称"
    dialog.unit_edit.setText(" 广元市疾控中心 ")
    dialog.phone_edit.setText("0839-3262222")
    assert dialog.details() == {"unit_name": "广元市疾控中心", "contact_person": "",
                                "phone": "0839-3262222"}


def test_first_steps_run_once_the_window_is_up(window, qtbot, unit_details):
    asked, _answer = unit_details
    window.first_steps_soon()
    assert asked == []  # not before the event loop shows the window
    qtbot.waitUntil(lambda: len(asked) == 1)


def test_a_blank_report_marks_required_fields_neutrally(window, store, qtbot):
    from PySide6.QtCore import Qt

    from tests.ui.editor_helpers import state_of

    report_id = make_report(store, WEEK)
    window.report_list.reload(select_id=report_id)
    editor = window.editor
    required = [key for key, widget in editor.form.value_keys()
                if editor.session.template.field(key).required]
    assert len(required) >= 4
    for key in required:
        widget = editor.form.widget_for(key)
        assert widget.state(key) == "hint", key
        assert widget.message_text(key) == "必填", key
        assert state_of(widget, key) == "", key  # no red border
    editor.refresh_issues()
    assert editor.issues.model.counts()[0] >= len(required)  # the panel still counts them

    unit = editor.form.widget_for("unit_name")
    unit.edit.setFocus()
    qtbot.waitUntil(unit.edit.hasFocus)
    qtbot.keyClick(unit.edit, Qt.Key.Key_Tab)  # visited, left empty
    assert unit.state("unit_name") == "error"
    assert "必填项" in unit.message_text("unit_name")
    others = [key for key in required if key != "unit_name"]
    assert all(editor.form.widget_for(key).state(key) == "hint" for key in others)

    assert not editor.mark_complete()  # trying to complete shows them all
    assert all(editor.form.widget_for(key).state(key) == "error" for key in required)
