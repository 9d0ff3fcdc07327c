"""The main window: menus and shortcuts, new/copy/delete/trash, settings, other databases."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

import storage
from tests.ui.conftest import make_report
from tests.waiting import WAIT_MS
from ui.dialogs.new_report import NewReportDialog, NewReportRequest
from ui.dialogs.settings import SettingsDialog, SettingsResult
from ui.dialogs.trash import TrashDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

WEEK = "cancer_week_summary"


def answer_new_report(monkeypatch, request: NewReportRequest | None) -> list[dict]:
    """Patch the dialog's ask(); returns the list of what it was asked with."""
    calls: list[dict] = []

    def ask(parent, templates, unit, reports, defaults, *, copy_from=None, form_id=None):
        calls.append({"unit": unit, "reports": reports, "defaults": defaults, "form_id": form_id,
                      "copy_from": copy_from})
        return request

    monkeypatch.setattr(NewReportDialog, "ask", classmethod(lambda cls, *a, **k: ask(*a, **k)))
    return calls


def test_window_opens_with_menus_and_standard_shortcuts(window, store):
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "帮助(&H)"]
    shortcuts = {name: [s.toString() for s in getattr(window.commands, name).shortcuts()]
                 for name in ("new", "copy", "export_xlsx", "export_pdf", "package", "print",
                              "open_database", "settings", "quit", "undo", "redo")}
    assert shortcuts["new"] == ["Ctrl+N"]
    assert shortcuts["export_xlsx"] == ["Ctrl+E"]
    assert shortcuts["export_pdf"] == ["Ctrl+Shift+E"]
    assert shortcuts["print"] == ["Ctrl+P"]
    assert shortcuts["open_database"] == ["Ctrl+O"]
    assert shortcuts["settings"] == ["Ctrl+,"]
    assert shortcuts["quit"] == ["Ctrl+Q"]
    assert shortcuts["undo"] == ["Ctrl+Z"]
    assert shortcuts["redo"] == ["Ctrl+Y", "Ctrl+Shift+Z"]
    assert window.commands.delete.shortcut() == QKeySequence(QKeySequence.StandardKey.Delete)
    assert str(store.path) in window.db_label.text()
    assert not window.commands.export_xlsx.isEnabled()  # nothing selected yet


def test_new_report_through_the_dialog(window, store, monkeypatch):
    storage.update_settings(store.db, unit_name="成都市疾病预防控制中心")
    window.settings = storage.get_settings(store.db)
    calls = answer_new_report(monkeypatch, NewReportRequest(WEEK, 30, "成都市疾病预防控制中心"))
    report_id = window.new_report()
    assert calls[0]["unit"] == "成都市疾病预防控制中心"
    assert calls[0]["defaults"][WEEK] >= 30
    report = storage.get_report(store.db, report_id)
    assert (report.title, report.unit, report.period) == (
        "第30届全国肿瘤防治宣传周活动总结表", "成都市疾病预防控制中心", "第30届")
    assert window.report_list.current_report_id() == report_id
    assert window.current_report_id() == report_id  # loaded into the editor
    assert window.commands.export_pdf.isEnabled()


def test_new_report_offers_the_form_used_last(window, store, monkeypatch):
    calls = answer_new_report(monkeypatch, None)
    window.new_report()
    assert calls[-1]["form_id"] == WEEK  # no reports yet: the first form its template declares
    make_report(store, "association_award_summary", year="2023")
    make_report(store, WEEK, edition="第30届")
    window.new_report()
    assert calls[-1]["form_id"] == WEEK
    only_award = make_report(store, "association_award_summary", year="2024")
    window.new_report()
    assert calls[-1]["form_id"] == "association_award_summary"
    assert only_award


def test_new_report_from_a_values_file(window, store, monkeypatch, seed_values_path):
    answer_new_report(monkeypatch, NewReportRequest(WEEK, 31, "", values_path=seed_values_path))
    report_id = window.new_report()
    values = storage.get_values(store.db, report_id)
    assert values["unit_name"].raw == "四川省抗癌协会"
    assert values["edition"].raw == "第31届"  # the dialog's choice wins over the file's 第30届
    assert values["direct_beneficiaries"].raw == "46.21人"


def test_bad_values_file_shows_a_message(window, store, monkeypatch, tmp_path, messages):
    bad = tmp_path / "bad.json"
    bad.write_text("{不是 JSON", encoding="utf-8")
    answer_new_report(monkeypatch, NewReportRequest(WEEK, 30, "", values_path=bad))
    assert window.new_report() is None
    assert storage.list_reports(store.db) == []
    assert any("不是有效的 JSON" in text for text in messages.texts("warning"))


def test_cancelled_dialog_creates_nothing(window, store, monkeypatch):
    answer_new_report(monkeypatch, None)
    assert window.new_report() is None
    assert storage.list_reports(store.db) == []


def test_copy_as_new_report_starts_the_next_edition(window, store, monkeypatch):
    original = make_report(store, edition="第30届", unit_name="自贡市疾控中心", posters="8234张")
    window.report_list.reload(select_id=original)
    calls = answer_new_report(monkeypatch, NewReportRequest(WEEK, 31, "自贡市疾控中心",
                                                            copy_from=original))
    copy_id = window.copy_report()
    assert calls[0]["copy_from"] == original
    assert [r.period_number for r in calls[0]["reports"]] == [30]
    copied = storage.get_report(store.db, copy_id)
    assert copied.title == "第31届全国肿瘤防治宣传周活动总结表"
    assert storage.get_values(store.db, copy_id)["posters"].raw == "8234张"
    assert storage.get_report(store.db, original).period == "第30届"


def test_delete_to_trash_restore_and_purge(window, store, qtbot, messages):
    keep = make_report(store, edition="第29届")
    gone = make_report(store, edition="第30届")
    window.report_list.reload(select_id=gone)
    from PySide6.QtWidgets import QMessageBox

    messages.answer = QMessageBox.StandardButton.No
    assert not window.delete_report()
    assert len(storage.list_reports(store.db)) == 2
    messages.answer = QMessageBox.StandardButton.Yes
    assert window.delete_report()
    assert "回收站" in messages.texts("question")[-1]
    assert [r.id for r in storage.list_reports(store.db)] == [keep]
    assert window.current_report_id() is None

    trash = TrashDialog(store, window.form_titles, window)
    qtbot.addWidget(trash)
    assert trash.panel.select_report(gone)
    trash.restore_selected()
    assert {r.id for r in storage.list_reports(store.db)} == {keep, gone}
    assert trash.restored == [gone]

    storage.trash_report(store.db, gone)
    trash.panel.reload()
    trash.panel.select_report(gone)
    messages.answer = QMessageBox.StandardButton.No
    trash.purge_selected()
    assert [r.id for r in storage.list_reports(store.db, trashed=True)] == [gone]
    messages.answer = QMessageBox.StandardButton.Yes
    trash.purge_selected()
    assert "无法撤销" in messages.texts("question")[-1]
    assert storage.list_reports(store.db, trashed=True) == []
    with pytest.raises(storage.ReportNotFoundError):
        storage.get_report(store.db, gone)


def test_trash_run_reloads_and_selects_restored(window, store, monkeypatch):
    report_id = make_report(store, edition="第30届")
    storage.trash_report(store.db, report_id)
    window.report_list.reload()
    monkeypatch.setattr(TrashDialog, "run", classmethod(lambda cls, *a: [report_id]))
    storage.restore_report(store.db, report_id)
    window.show_trash()
    assert window.report_list.current_report_id() == report_id


def test_settings_are_saved_and_persist(window, store, monkeypatch, tmp_path, messages):
    changes = {"unit_name": "绵阳市疾病预防控制中心", "contact_person": "王芳", "phone": "0816-1234567",
               "export_folder": str(tmp_path), "language": "en", "attachment_max_mb": 100}
    monkeypatch.setattr(SettingsDialog, "ask",
                        classmethod(lambda cls, *a, **k: SettingsResult(changes)))
    window.show_settings()
    assert window.settings.unit_name == "绵阳市疾病预防控制中心"
    assert any("重新启动" in text for text in messages.texts("information"))
    path = store.path
    store.close()
    with storage.open_database(path, daily_backup=False) as again:
        saved = storage.get_settings(again.db)
    assert (saved.contact_person, saved.phone, saved.language, saved.attachment_max_mb) == (
        "王芳", "0816-1234567", "en", 100)


def test_settings_dialog_reports_only_changes(qtbot, store, tmp_path):
    settings = storage.get_settings(store.db)
    dialog = SettingsDialog(settings, store.path)
    qtbot.addWidget(dialog)
    assert dialog.changes() == {}
    assert str(store.path) in dialog.db_label.text()
    dialog.unit_edit.setText("  广元市疾控中心 ")
    dialog.attachment_spin.setValue(50)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    assert dialog.changes() == {"unit_name": "广元市疾控中心", "attachment_max_mb": 50,
                                "language": "en"}


def test_open_other_database_switches_the_store(window, store, monkeypatch, tmp_path):
    other_path = tmp_path / "other.db"
    with storage.open_database(other_path, daily_backup=False) as other:
        make_report(other, edition="第28届", unit_name="德阳市疾控中心")
    monkeypatch.setattr("ui.file_commands.ask_database_path", lambda parent, start: other_path)
    assert window.open_database()
    assert window.store.path == other_path
    assert [r.unit for r in window.report_list.model.rows()] == ["德阳市疾控中心"]
    assert "other.db" in window.windowTitle()


def test_read_only_window_disables_writing(qtbot, store):
    read_only = storage.open_database(store.path, read_only=True)
    win = MainWindow(read_only, storage.get_settings(read_only.db))
    qtbot.addWidget(win)
    assert "只读" in win.windowTitle()
    for action in (win.commands.new, win.commands.delete, win.commands.merge):
        assert not action.isEnabled()
    assert win.commands.settings.isEnabled()


def test_about_names_the_database(window, store, messages):
    window.about()
    assert str(store.path) in messages.texts("about")[0]


def test_closing_the_window_releases_the_database(window, store):
    window.close()
    with storage.open_database(store.path, daily_backup=False) as again:  # lock was released
        assert again.read_only is False


def test_delete_key_trashes_only_from_the_list(window, store, qtbot):
    from PySide6.QtCore import Qt

    report_id = make_report(store, edition="第30届")
    window.report_list.reload(select_id=report_id)
    window.report_list.search_edit.setFocus()
    qtbot.keyClick(window.report_list.search_edit, Qt.Key.Key_Delete)
    assert [r.id for r in storage.list_reports(store.db)] == [report_id]
    window.report_list.view.setFocus()
    qtbot.waitUntil(window.report_list.view.hasFocus)
    qtbot.keyClick(window.report_list.view, Qt.Key.Key_Delete)
    assert storage.list_reports(store.db) == []


def test_about_shows_the_export_version_and_escapes_the_path(tmp_path, qtbot, messages):
    from html import escape

    from exports.meta import APP_VERSION

    odd = tmp_path / "a&b<c>"
    odd.mkdir()
    with storage.open_database(odd / "t.db", daily_backup=False) as store:
        window = MainWindow(store, storage.get_settings(store.db))
        qtbot.addWidget(window)
        window.about()
        text = messages.texts("about")[0]
    assert APP_VERSION in text and escape(str(odd / "t.db")) in text


def test_delete_shortcut_stays_with_the_report_list(window):
    from PySide6.QtCore import Qt

    assert window.commands.delete.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    assert window.commands.delete in window.report_list.view.actions()


def test_a_removed_attachment_is_in_the_trash_and_comes_back(window, store, qtbot, tmp_path,
                                                             messages, monkeypatch):
    """The removal says 回收站; the trash shows the attachment, restores it into the report
    open in the editor, or deletes it for good."""
    report_id = make_report(store, edition="第30届")
    photo, sheet = tmp_path / "现场照片.png", tmp_path / "签到表.pdf"
    photo.write_bytes(b"\x89PNG" + bytes(100))
    sheet.write_bytes(b"%PDF-1.4" + bytes(100))
    ids = [storage.add_attachment(store.db, report_id, path) for path in (photo, sheet)]
    window.report_list.reload(select_id=report_id)
    window.show_report(report_id)
    panel = window.editor.attachments
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=WAIT_MS)
    for row in range(2):
        panel.list.item(row).setSelected(True)
    panel.remove_button.click()
    assert "回收站" in messages.texts("question")[-1]
    assert panel.list.count() == 0

    trash = TrashDialog(store, window.form_titles, window)
    qtbot.addWidget(trash)
    trash.show_attachments()
    assert trash.attachments.count() == 2
    assert trash.tabs.tabText(1) == "附件（2）" and trash.empty_label.isHidden()
    rows = [trash.attachments.tree.topLevelItem(r).text(0) for r in range(2)]
    assert sorted(rows) == ["现场照片.png", "签到表.pdf"]
    assert trash.attachments.select(ids[0])
    trash.restore_button.click()
    assert [a.id for a in storage.list_attachments(store.db, report_id)] == [ids[0]]
    assert trash.attachments.count() == 1

    from PySide6.QtWidgets import QMessageBox

    assert trash.attachments.select(ids[1])
    messages.answer = QMessageBox.StandardButton.Yes
    trash.purge_button.click()
    assert "无法撤销" in messages.texts("question")[-1]
    with pytest.raises(storage.AttachmentNotFoundError):
        storage.get_attachment(store.db, ids[1])
    assert trash.attachments.count() == 0 and not trash.empty_label.isHidden()

    monkeypatch.setattr(TrashDialog, "run", classmethod(lambda cls, *a, **k: []))
    window.show_trash()  # the editor's list shows what came back
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT_MS)


def test_a_fresh_database_starts_the_new_report_dialog_on_the_declared_first_form(window, qtbot,
                                                                                 monkeypatch):
    shown: list[str] = []

    def ask(cls, parent, templates, unit, reports, defaults, **kwargs):
        dialog = NewReportDialog(templates, unit, reports, defaults, parent, **kwargs)
        qtbot.addWidget(dialog)
        shown.extend(dialog.form_combo.itemData(i) for i in range(dialog.form_combo.count()))
        shown.insert(0, dialog.request().form_id)
        return None

    monkeypatch.setattr(NewReportDialog, "ask", classmethod(ask))
    window.new_report()
    assert shown == [WEEK, WEEK, "association_award_summary"]  # chosen, then the list in order
