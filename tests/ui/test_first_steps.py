"""First steps: the window title, the report shown again on reopening, other databases."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

import storage
from tests.ui.conftest import make_report
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
    from ui.open_store import BackgroundOpen

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
    with qtbot.waitSignal(opener.finished, timeout=20000):
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
