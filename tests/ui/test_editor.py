"""The form editor: built from the template, validates as you type, autosaves, undoes."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

import storage
from tests.ui.editor_helpers import WEEK, enter, enter_all, line_edit, message_of, state_of
from tests.waiting import WAIT_MS, WAIT_S
from ui import operations
from ui.editor import ReportEditor

pytestmark = pytest.mark.gui


@pytest.fixture
def report_id(store):
    return operations.create_report(store, WEEK)


def test_form_follows_the_template(editor, store, report_id, week_template):
    editor.load_report(report_id)
    assert [g.title() for g in editor.form.groups] == [s.title for s in week_template.sections]
    assert list(editor.form.fields) == [spec.key for spec in week_template.fields()]
    heading = editor.form.groups[0].layout()
    edition, fill_date = (editor.form.fields[k] for k in ("edition", "fill_date"))
    # two half-width fields share a row: label, input, label, input
    assert heading.getItemPosition(heading.indexOf(edition))[:2] == (0, 1)
    assert heading.getItemPosition(heading.indexOf(fill_date))[:2] == (0, 3)
    assert "届次" in heading.itemAtPosition(0, 0).widget().text()
    basic = editor.form.groups[1].layout()
    unit = editor.form.fields["unit_name"]
    assert basic.getItemPosition(basic.indexOf(unit)) == (0, 1, 1, 3)  # full width spans
    assert editor.current_report_id() == report_id
    assert editor.header.title_label.text() == week_template.title


def test_seed_values_typed_in_show_error_and_reading(editor, qtbot, report_id, seed_000_raw):
    editor.load_report(report_id)
    enter_all(editor, seed_000_raw)
    direct = editor.form.widget_for("direct_beneficiaries")
    # the field shows its own state at once, before any timer
    assert direct.text("direct_beneficiaries") == "46.21人"
    assert state_of(direct, "direct_beneficiaries") == "error"
    assert "整数" in message_of(direct, "direct_beneficiaries")
    printed = editor.form.widget_for("printed_materials")
    assert printed.input.reading.text() == "= 380,000 份"
    # the issues panel follows after a short pause
    model = editor.issues.model
    qtbot.waitUntil(lambda: any(i.field == "direct_beneficiaries" for i in model.issues()))
    codes = {(i.field, i.code, i.severity) for i in model.issues()}
    assert ("direct_beneficiaries", "fractional_count", "error") in codes
    assert ("media_reads", "not_a_number", "error") in codes
    assert editor.tabs.tabText(0).startswith("问题（")
    assert not editor.complete_action.isEnabled()


def test_copy_paste_warning_on_media_reads(editor, qtbot, store, seed_000_raw):
    report_id = operations.create_report(store, WEEK, raw=seed_000_raw)  # as from a values file
    editor.load_report(report_id)
    reads = editor.form.widget_for("media_reads")
    assert state_of(reads, "media_reads") == "error"  # not a number, and a copy
    assert "复制粘贴" in message_of(reads, "media_reads")
    assert ("media_reads", "duplicate_text", "warning") in {
        (i.field, i.code, i.severity) for i in editor.issues.model.issues()}


def test_copy_paste_warning_when_typed_through_the_widgets(editor, report_id, seed_000_raw):
    editor.load_report(report_id)
    enter_all(editor, seed_000_raw)
    reads = editor.form.widget_for("media_reads")
    assert "复制粘贴" in message_of(reads, "media_reads")


def test_fixing_a_field_clears_its_state_and_the_panel(editor, qtbot, report_id):
    editor.load_report(report_id)
    direct = editor.form.widget_for("direct_beneficiaries")
    with qtbot.waitSignal(editor.issues_changed, timeout=WAIT_MS):
        enter(direct, "direct_beneficiaries", "46.21人")
    assert state_of(direct, "direct_beneficiaries") == "error"
    enter(direct, "direct_beneficiaries", "46.21万人")
    assert state_of(direct, "direct_beneficiaries") == ""
    assert direct.input.reading.text() == "= 462,100 人"
    qtbot.waitUntil(lambda: not any(i.field == "direct_beneficiaries"
                                    for i in editor.issues.model.issues()))


def test_issues_panel_passes_the_model_tester(editor, qtmodeltester, report_id, seed_000_raw):
    editor.load_report(report_id)
    enter_all(editor, seed_000_raw)
    editor.refresh_issues()
    assert editor.issues.model.rowCount() >= 4
    qtmodeltester.check(editor.issues.model)


def test_clicking_an_issue_goes_to_its_field(editor, qtbot, report_id):
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.load_report(report_id)
    enter(editor.form.widget_for("media_reads"), "media_reads", "很多")
    editor.refresh_issues()
    model = editor.issues.model
    row = next(n for n, i in enumerate(model.issues()) if i.field == "media_reads")
    view = editor.issues.view
    rect = view.visualRect(model.index(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: line_edit(editor, "media_reads").hasFocus())
    assert not editor.form.visibleRegion().isEmpty()


def test_autosave_within_half_a_second_and_after_reopening(qtbot, tmp_path):
    path = tmp_path / "autosave.db"
    store = storage.open_database(path, daily_backup=False)
    report_id = operations.create_report(store, WEEK)
    editor = ReportEditor(store)
    qtbot.addWidget(editor)
    editor.load_report(report_id)
    assert editor.saver.delay_ms <= 500
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS) as saved:
        enter(editor.form.widget_for("lectures"), "lectures", "603场")
        enter(editor.form.widget_for("unit_name"), "unit_name", "四川省抗癌协会")
    assert len(saved.args[0]) == 8  # hh:mm:ss
    assert editor.header.save_label.text().startswith("已保存 ")
    assert not editor.saver.has_pending()
    editor.close()
    store.close()  # as if the app had been closed

    store = storage.open_database(path, daily_backup=False)
    try:
        values = storage.get_values(store.db, report_id)
        assert values["lectures"].raw == "603场"
        assert values["lectures"].normalised["value"] == 603
        assert storage.get_report(store.db, report_id).unit == "四川省抗癌协会"
        again = ReportEditor(store)
        qtbot.addWidget(again)
        again.load_report(report_id)
        assert line_edit(again, "lectures").text() == "603场"
    finally:
        store.close()


def test_heading_change_refreshes_the_report_row(editor, qtbot, store, report_id):
    editor.load_report(report_id)
    with qtbot.waitSignal(editor.report_changed, timeout=WAIT_MS) as changed:
        enter(editor.form.widget_for("edition"), "edition", "第31届")
    assert changed.args == [report_id]
    assert storage.get_report(store.db, report_id).title.startswith("第31届")
    assert editor.header.title_label.text().startswith("第31届")


def test_flush_saves_pending_edits_at_once(editor, store, report_id):
    editor.load_report(report_id)
    pair = editor.form.widget_for("lecture_attendance.online")
    enter(pair, "lecture_attendance.online", "245975人次")
    editor.flush()  # e.g. before switching reports: no waiting for the timer
    assert storage.get_values(store.db, report_id)["lecture_attendance.online"].raw \
        == "245975人次"


def test_leaving_a_field_saves_it(editor, qtbot, store, report_id):
    editor.load_report(report_id)
    widget = editor.form.widget_for("lectures")
    enter(widget, "lectures", "12场")
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        widget.focus_left.emit("lectures")
        assert not editor.saver._timer.isActive()  # noqa: SLF001 - no debounce wait
    assert storage.get_values(store.db, report_id)["lectures"].raw == "12场"


def test_undo_and_redo_by_keyboard(editor, qtbot, store, report_id):
    editor.activateWindow()
    editor.load_report(report_id)
    edit = line_edit(editor, "lectures")
    edit.setFocus()
    for char in "603":  # one keystroke at a time: merged into one undo step
        edit.insert(char)
    enter(editor.form.widget_for("symposia"), "symposia", "5场")
    stack = editor.undo_group.activeStack()
    assert stack.count() == 2
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert line_edit(editor, "symposia").text() == ""
    assert edit.text() == "603"
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == ""
    assert editor.session.validator.raw["lectures"] == ""
    editor.undo()  # nothing left: no-op
    qtbot.keyClick(edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == "603"
    editor.redo()
    assert line_edit(editor, "symposia").text() == "5场"
    editor.flush()
    values = storage.get_values(store.db, report_id)
    assert (values["lectures"].raw, values["symposia"].raw) == ("603", "5场")


def test_undo_goes_through_validation_and_autosave(editor, qtbot, store, report_id):
    editor.load_report(report_id)
    direct = editor.form.widget_for("direct_beneficiaries")
    enter(direct, "direct_beneficiaries", "46.21万人")
    editor._focus_left("direct_beneficiaries")  # noqa: SLF001 - a new typing run
    enter(direct, "direct_beneficiaries", "46.21人")
    assert state_of(direct, "direct_beneficiaries") == "error"
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        editor.undo()
    assert direct.text("direct_beneficiaries") == "46.21万人"
    assert state_of(direct, "direct_beneficiaries") == ""
    assert storage.get_values(store.db, report_id)["direct_beneficiaries"].raw == "46.21万人"


def test_each_report_keeps_its_own_undo_history(editor, store, report_id):
    other = operations.create_report(store, WEEK)
    editor.load_report(report_id)
    enter(editor.form.widget_for("lectures"), "lectures", "1场")
    editor.load_report(other)
    assert not editor.undo_group.activeStack().canUndo()
    editor.undo()
    assert storage.get_values(store.db, report_id)["lectures"].raw == "1场"
    editor.load_report(report_id)
    editor.undo()
    assert line_edit(editor, "lectures").text() == ""


def test_a_failed_save_keeps_the_text_shows_why_and_retries(editor, qtbot, store, report_id,
                                                            monkeypatch):
    real = storage.save_values
    failures = []

    def full_disk_once(*args, **kwargs):
        if not failures:
            failures.append(1)
            raise storage.DiskFullError(store.path)
        return real(*args, **kwargs)

    monkeypatch.setattr(storage, "save_values", full_disk_once)
    editor.saver.retry_ms = 100
    editor.load_report(report_id)
    messages = []
    editor.status_message.connect(messages.append)
    widget = editor.form.widget_for("lectures")
    enter(widget, "lectures", "603场")
    qtbot.waitUntil(editor.header.error_banner.isVisible, timeout=WAIT_MS)
    assert "磁盘空间已满" in editor.header.error_banner.text()
    assert any("未能保存" in m for m in messages)
    assert widget.text("lectures") == "603场"
    assert "lectures" in editor.saver.pending
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        pass  # the retry
    assert not editor.header.error_banner.isVisible()
    assert storage.get_values(store.db, report_id)["lectures"].raw == "603场"


def test_flush_raises_while_saving_fails_and_keeps_the_edit(editor, store, report_id,
                                                            monkeypatch):
    def locked(*args, **kwargs):
        raise storage.DatabaseLockedError(store.path)

    editor.load_report(report_id)
    monkeypatch.setattr(storage, "save_values", locked)
    enter(editor.form.widget_for("lectures"), "lectures", "7场")
    with pytest.raises(storage.DatabaseLockedError):
        editor.flush()
    assert "lectures" in editor.saver.pending
    assert editor.header.error_banner.isVisible()
    monkeypatch.undo()
    editor.flush()
    assert storage.get_values(store.db, report_id)["lectures"].raw == "7场"
    assert not editor.saver.has_pending()


def test_flush_waits_for_a_save_in_flight_and_the_edits_after_it(editor, qtbot, store,
                                                                 report_id, monkeypatch):
    real = storage.save_values
    gate = threading.Event()
    calls = []

    def slow(*args, **kwargs):
        calls.append(dict(args[2]))
        gate.wait(WAIT_S)  # the disk is slow: the first save is still running
        return real(*args, **kwargs)

    monkeypatch.setattr(storage, "save_values", slow)
    editor.load_report(report_id)
    enter(editor.form.widget_for("lectures"), "lectures", "1场")
    editor.saver.save_soon()
    qtbot.waitUntil(lambda: bool(calls), timeout=WAIT_MS)
    enter(editor.form.widget_for("symposia"), "symposia", "2场")
    editor.saver.save_soon()  # asked while the first is in flight
    gate.set()
    editor.flush()
    values = storage.get_values(store.db, report_id)
    assert (values["lectures"].raw, values["symposia"].raw) == ("1场", "2场")
    assert not editor.saver.has_pending()


def test_read_only_database_makes_the_form_read_only(editor, report_id):
    editor.set_read_only(True)
    editor.load_report(report_id)
    assert line_edit(editor, "lectures").isReadOnly()
    assert editor.header.state_banner.isVisible()
    assert not editor.complete_action.isEnabled()
    assert not editor.attachments.add_button.isEnabled()


def test_clear_shows_no_report(editor, report_id):
    editor.load_report(report_id)
    editor.clear()
    assert editor.current_report_id() is None
    assert editor.pages.currentIndex() == 0
    editor.undo()  # harmless without a report


def test_flush_leaves_the_database_thread_idle(editor, report_id, monkeypatch):
    """A save of the unit queues the unit's history; a flush (before the store closes, on
    quitting) waits for it too, or the thread would query a closed database."""
    started = threading.Event()
    real = operations.unit_history

    def slow_history(*args, **kwargs):
        started.set()
        threading.Event().wait(0.3)  # a large database: the history takes a while
        return real(*args, **kwargs)

    monkeypatch.setattr(operations, "unit_history", slow_history)
    editor.load_report(report_id)
    enter(editor.form.widget_for("unit_name"), "unit_name", "广元市疾病预防控制中心")
    editor.flush()
    assert started.is_set()
    assert not editor.worker.busy()
