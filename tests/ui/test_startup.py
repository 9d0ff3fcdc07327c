"""run(): fonts, log file, language from the settings, the database opened, the window shown."""

from __future__ import annotations

import gc
import logging
import os
import sys

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

import storage
from tests.waiting import WAIT_MS, WAIT_S
from ui import main_window, startup

pytestmark = pytest.mark.gui


@pytest.fixture
def started(monkeypatch, qapp):
    """Run ``main_window.run`` without blocking; yields what it showed, then cleans up."""
    shown: dict = {"windows": [], "translators": []}
    real_install = startup.install_translators

    def install(app, language, **kwargs):
        made = real_install(app, language, **kwargs)
        shown["translators"].extend(made)
        return made

    def exec_() -> int:
        shown["collecting"] = gc.isenabled()  # the garbage collector, in the event loop
        shown["windows"] = [w for w in QApplication.topLevelWidgets()
                            if isinstance(w, main_window.MainWindow) and w.isVisible()]
        shown["menus"] = [a.text() for a in shown["windows"][0].menuBar().actions()]
        for window in shown["windows"]:
            window.close()
        return 0

    monkeypatch.setattr(startup, "install_translators", install)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored afterwards
    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_))
    root_handlers = list(logging.getLogger().handlers)
    yield shown
    startup.remove_translators(qapp, shown["translators"])
    for handler in logging.getLogger().handlers:
        if handler not in root_handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()
    qapp.setApplicationDisplayName("")


def test_run_opens_the_window_on_the_given_database(started, tmp_path):
    path = tmp_path / "mine.db"
    assert main_window.run(path) == 0
    window = started["windows"][0]
    assert window.store.path == path
    assert started["collecting"]  # opened before the window: no reason to wait
    assert started["menus"] == ["文件(&F)", "编辑(&E)", "帮助(&H)"]
    assert "Tianbao Sans" in QFontDatabase.families()
    assert "Tianbao Sans" in QApplication.font().families()
    log_file = storage.data_dir() / startup.LOG_FILE_NAME
    assert log_file.is_file() and str(path) in log_file.read_text(encoding="utf-8")
    assert sys.excepthook is not sys.__excepthook__
    with storage.open_database(path, daily_backup=False) as again:  # closed on exit
        assert not again.read_only


def test_a_staged_start_logs_to_the_file_from_the_start(started, tmp_path):
    path = tmp_path / "staged.db"
    _database_with_reports(path, ["成都市疾控中心"])
    assert main_window.run(path) == 0
    window = started["windows"][0]
    # Attached before the first paint (the quick open), the full check not yet begun: it
    # waits for the paint, and the event loop never ran. Writes wait for that check.
    assert window.store is not None and not window.store.gate.done
    assert window.current_report_id() is None  # the last report opens after the paint too
    assert not started["collecting"]  # until the first paint
    assert gc.isenabled()
    log_file = storage.data_dir() / startup.LOG_FILE_NAME
    assert f"starting on {path}" in log_file.read_text(encoding="utf-8")


def test_run_asks_for_the_unit_on_a_fresh_database(started, tmp_path, monkeypatch):
    calls: list = []
    monkeypatch.setattr(main_window.MainWindow, "first_steps_soon",
                        lambda self: calls.append(self))
    assert main_window.run(tmp_path / "fresh.db") == 0
    assert calls == started["windows"]


def test_run_uses_the_language_in_the_settings(started, tmp_path):
    path = tmp_path / "english.db"
    with storage.open_database(path, daily_backup=False) as store:
        storage.update_settings(store.db, language="en")
    assert main_window.run(path) == 0
    assert started["menus"] == ["&File", "&Edit", "&Help"]


def _newer_database(path):
    """A file a newer Tianbao wrote (its schema version is beyond ours)."""
    import sqlite3

    with storage.open_database(path, daily_backup=False):
        pass
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()


def test_run_gives_up_cleanly_on_a_newer_database(started, tmp_path, monkeypatch):
    path = tmp_path / "newer.db"
    _newer_database(path)
    asked: list[str] = []
    monkeypatch.setattr("ui.open_store.ask_choice",
                        lambda parent, title, text, choices, **k: asked.append(text) or 0)
    assert main_window.run(path) == 1
    assert "更新版本" in asked[0]


# --- staged startup: the list from storage.peek first, the store attached after the check ----

def _database_with_reports(path, units):
    from tests.ui.conftest import make_report

    with storage.open_database(path, daily_backup=False) as store:
        ids = []
        for unit in units:
            report_id = make_report(store)
            storage.update_report(store.db, report_id, unit=unit)
            ids.append(report_id)
    return ids


def _staged_window(qtbot, path):
    from storage.peek import peek_database

    peek = peek_database(path)
    assert peek is not None
    window = main_window.MainWindow(None, peek.settings, preview=peek,
                                    form_titles=startup.quick_form_titles())
    qtbot.addWidget(window)
    window.show()
    return window


def _open_in_background(qtbot, window, path, quick=False):
    """As ``run`` does: with ``quick``, the quick open attached at once and the worker's
    check awaited (unless the quick open declines); else the worker's full open."""
    from ui.background_open import BackgroundOpen, open_quickly

    store = None
    if quick:
        store, _declined = open_quickly(path)
        if store is not None:
            window.attach(store, checking=True)
    opener = BackgroundOpen(path, store=store, parent=window)
    opener.finished.connect(window.finish_opening)
    opener.checked.connect(window.finish_checking)
    checked: list = []
    opener.checked.connect(checked.append)
    if store is None:
        with qtbot.waitSignal(opener.finished, timeout=WAIT_MS):
            opener.start()
    else:
        opener.start()
        qtbot.waitUntil(lambda: bool(checked), timeout=WAIT_MS)
    return opener


@pytest.fixture(params=[False, True], ids=["full", "quick"])
def quick(request):
    return request.param


def test_peek_knows_the_current_schema_version():
    from storage import peek

    assert peek.SCHEMA_VERSION == storage.SCHEMA_VERSION


def test_peek_leaves_new_and_empty_files_to_the_full_open(tmp_path):
    from storage.peek import peek_database

    assert peek_database(tmp_path / "new.db") is None
    (tmp_path / "empty.db").write_bytes(b"")
    assert peek_database(tmp_path / "empty.db") is None
    (tmp_path / "text.db").write_text("not a database" * 20)
    assert peek_database(tmp_path / "text.db") is None


def test_staged_window_shows_the_real_list_then_attaches_the_store(qtbot, tmp_path, quick):
    path = tmp_path / "staged.db"
    ids = _database_with_reports(path, ["成都市疾控中心", "德阳市疾控中心"])
    before = path.read_bytes()
    window = _staged_window(qtbot, path)
    rows = window.report_list.model.rows()
    assert sorted(r.unit for r in rows) == ["德阳市疾控中心", "成都市疾控中心"]
    assert window.report_list.model.data(window.report_list.model.index(0, 0)) == "全国肿瘤防治宣传周活动总结表"
    assert window.store is None and window.statusBar().currentMessage() == "正在检查数据库…"
    assert not window.commands.new.isEnabled() and window.commands.quit.isEnabled()
    assert path.read_bytes() == before  # the peek wrote nothing
    window.report_list.select_report(ids[1])  # clicked before the store is ready: queued
    assert window.current_report_id() is None
    opener = _open_in_background(qtbot, window, path, quick)
    assert opener.result.checking == quick  # quick: attached before the full check
    assert window.store is not None and not window.store.read_only
    assert window.current_report_id() == ids[1]
    assert window.commands.new.isEnabled() and window.commands.delete.isEnabled()
    assert window.statusBar().currentMessage() != "正在检查数据库…"
    assert [r.id for r in window.report_list.model.rows()] == [r.id for r in rows]
    from ui.warm_up import WarmUp

    assert len(window.findChildren(WarmUp)) == 1  # either way, once, for the first report


def test_staged_start_on_a_damaged_file_offers_the_damaged_dialog(qtbot, tmp_path, monkeypatch,
                                                                  quick):
    path = tmp_path / "damaged.db"
    _database_with_reports(path, ["成都市疾控中心"])
    window = _staged_window(qtbot, path)
    # Damage a page after the peek (e.g. a bad sector the list did not touch).
    import sqlite3

    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'history'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[(root - 1) * page:(root - 1) * page + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    damaged = path.read_bytes()
    asked: list[str] = []
    monkeypatch.setattr("ui.open_store.ask_choice",
                        lambda parent, title, text, choices, **k: asked.append(title) or 0)
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(exits.append))
    opener = _open_in_background(qtbot, window, path, quick)
    assert opener.result.checking == quick  # quick: attached, then refused by the check
    assert asked == ["数据库文件已损坏"]
    assert exits == [1] and window.store is None and not window.isVisible()
    assert path.read_bytes() == damaged  # nothing written


def test_staged_start_on_a_locked_file_offers_read_only(qtbot, tmp_path, monkeypatch, quick):
    path = tmp_path / "locked.db"
    ids = _database_with_reports(path, ["成都市疾控中心"])
    asked: list[str] = []
    monkeypatch.setattr("ui.open_store.ask_choice",
                        lambda parent, title, text, choices, **k: asked.append(choices[0]) or 0)
    with storage.open_database(path, daily_backup=False):  # another Tianbao is writing
        window = _staged_window(qtbot, path)
        _open_in_background(qtbot, window, path, quick)
        assert asked == ["以只读方式打开"]
        assert window.store is not None and window.store.read_only
        assert [r.id for r in window.report_list.model.rows()] == ids
        assert not window.commands.new.isEnabled()
        window.close()


def test_quick_form_titles_match_the_loaded_templates(templates):
    from ui import startup

    assert startup.quick_form_titles() == {form_id: t.title for form_id, t in templates.items()}


def test_quick_form_titles_skip_files_without_plain_id_and_title(tmp_path):
    from ui import startup

    (tmp_path / "a.toml").write_text('id = "a"\ntitle = "甲表 \\u4e59"\n[[sections]]\n'
                                     'title = "not this"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('id = "b"\n', encoding="utf-8")
    (tmp_path / "c.toml").write_bytes(b"\xff\xfe broken")
    assert startup.quick_form_titles(tmp_path) == {"a": "甲表 乙"}


def test_staged_window_scopes_the_delete_shortcut_at_once_and_sorts_with_the_stored_list(
        qtbot, tmp_path, quick):
    from PySide6.QtCore import Qt

    path = tmp_path / "staged.db"
    _database_with_reports(path, ["成都市疾控中心"])
    window = _staged_window(qtbot, path)
    assert window.commands.delete.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    assert not window.report_list.view.isSortingEnabled()  # not before the first paint
    _open_in_background(qtbot, window, path, quick)
    assert window.report_list.view.isSortingEnabled()


def test_the_data_moved_from_the_old_place_is_announced(started, tmp_path, monkeypatch, messages):
    from storage import relocate

    old = tmp_path / "Roaming" / "Tianbao"
    with storage.open_database(old / "tianbao.db", daily_backup=False) as store:
        storage.update_settings(store.db, unit_name="旧位置的单位")
    monkeypatch.setattr(relocate, "old_data_dir", lambda: old)
    assert main_window.run(None) == 0
    window = started["windows"][0]
    assert window.db_path == storage.default_db_path()
    assert window.settings.unit_name == "旧位置的单位"
    assert [str(old) in text for text in messages.texts("information")] == [True]
    messages.shown.clear()
    assert main_window.run(None) == 0
    assert messages.texts() == []


def test_dialogs_before_the_settings_speak_the_language_last_used(started, tmp_path,
                                                                 monkeypatch):
    """A newer file cannot be read, so its settings neither: the language last used is."""

    english = tmp_path / "english.db"
    with storage.open_database(english, daily_backup=False) as store:
        storage.update_settings(store.db, language="en")
    assert main_window.run(english) == 0
    assert startup.last_language(storage.data_dir()) == "en"
    newer = tmp_path / "newer.db"
    _newer_database(newer)
    asked: list[tuple[str, list[str]]] = []
    monkeypatch.setattr("ui.open_store.ask_choice", lambda parent, title, text, choices, **k:
                        asked.append((title, choices)) or 0)
    assert main_window.run(newer) == 1
    assert asked == [("A Newer Tianbao Is Needed", ["OK"])]


def test_the_language_file_is_read_with_care(tmp_path):
    assert startup.last_language(tmp_path) == "zh_CN"
    (tmp_path / startup.LANGUAGE_FILE_NAME).write_text("klingon", encoding="utf-8")
    assert startup.last_language(tmp_path) == "zh_CN"
    startup.keep_language(tmp_path / "new", "en")
    assert startup.last_language(tmp_path / "new") == "en"


def test_the_smoke_test_variable_closes_the_window_once_it_is_ready(qtbot, store, monkeypatch,
                                                                   caplog):
    window = main_window.MainWindow(store, storage.get_settings(store.db))
    qtbot.addWidget(window)
    window.show()
    startup.quit_when_ready(window, {})
    startup.quit_when_ready(window, {startup.SMOKE_QUIT_ENV: "10"})
    with caplog.at_level(logging.INFO, logger="tianbao"):
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    assert "smoke test: window ready" in caplog.text


def test_the_window_has_the_icon(started, tmp_path):
    assert main_window.run(tmp_path / "icon.db") == 0
    assert not QApplication.windowIcon().isNull()
    assert startup.ICON_FILE.is_file()


def test_the_start_removes_what_killed_exports_left(qtbot, tmp_path):
    import time

    from exports.parts import host_tag

    path = tmp_path / "tianbao.db"
    folder = tmp_path / "导出"
    folder.mkdir()
    with storage.open_database(path, daily_backup=False) as store:
        storage.update_settings(store.db, export_folder=str(folder))
    stale = folder / f".~tianbao-{host_tag()}-999999999-0123abcd.part"
    stale.write_bytes(b"PK\x03\x04" + bytes(1000))
    hour_ago = time.time() - 7200
    os.utime(stale, (hour_ago, hour_ago))
    kept = folder / ".~lock.总结.xlsx#"
    kept.write_bytes(b"x")
    from ui.background_open import BackgroundOpen

    opener = BackgroundOpen(path)
    opener.start()
    opened = opener.wait(WAIT_S)
    try:
        qtbot.waitUntil(lambda: not stale.exists(), timeout=WAIT_MS)
        assert kept.exists()
    finally:
        opened.store.close()


def test_a_quick_start_takes_the_forms_settings_and_backup_after_the_check(qtbot, tmp_path):
    path = tmp_path / "quick.db"
    ids = _database_with_reports(path, ["成都市疾控中心"])
    with storage.open_database(path, daily_backup=False) as store:
        storage.update_settings(store.db, unit_name="四川省抗癌协会")
    window = _staged_window(qtbot, path)
    opener = _open_in_background(qtbot, window, path, quick=True)
    assert opener.result.checking  # the store came before its check
    assert window.store.gate.done and window.store.gate.error is None
    assert "cancer_week_summary" in window.templates
    assert window.settings.unit_name == "四川省抗癌协会"
    assert [r.id for r in window.report_list.model.rows()] == ids
    assert len(storage.list_backups(path)) == 1
    window.report_list.select_report(ids[0])
    window.editor.form.widget_for("unit_name")  # the report is open and editable
    window.close()


def test_what_the_worker_brings_after_the_window_closed_is_ignored(qtbot, tmp_path, messages):
    """The check's result can arrive (queued) after the person quit: nothing is shown."""
    path = tmp_path / "quit.db"
    _database_with_reports(path, ["成都市疾控中心"])
    window = _staged_window(qtbot, path)
    opener = _open_in_background(qtbot, window, path, quick=True)
    window.close()
    assert window.store.closed
    window.finish_checking(opener.result)  # delivered late
    assert messages.shown == [] and not window.isVisible()
    opener.wait(timeout=WAIT_S)
    with storage.open_database(path, daily_backup=False):  # the lock was released
        pass


def test_a_staged_start_attaches_before_the_paint_then_checks_and_opens_the_last_report(
        qapp, tmp_path, monkeypatch):
    """The real start, event loop and all: the quick-opened store is attached before the
    window is shown; after the first paint come the bold face, the last report and the
    full check (which writes the forms, settings and backup)."""
    path = tmp_path / "last.db"
    ids = _database_with_reports(path, ["成都市疾控中心", "德阳市疾控中心"])
    with storage.open_database(path, daily_backup=False) as store:
        storage.update_settings(store.db, last_report_id=ids[0])
    from PySide6.QtGui import QIcon

    qapp.setWindowIcon(QIcon())  # as at a real start (another test may have set it)
    seen: dict = {}
    attach, show, finish = (main_window.MainWindow.attach, main_window.MainWindow.show,
                            main_window.MainWindow.finish_checking)

    def shown(self):
        seen["attached before show"] = self.store is not None
        seen["icon before paint"] = not QApplication.windowIcon().isNull()
        seen["report before paint"] = self.current_report_id()
        show(self)

    def checked(self, opened):
        finish(self, opened)
        seen["checked"] = (self.store.gate.done, self.store.gate.error)
        seen["report"] = self.current_report_id()
        seen["bold"] = "Bold" in QFontDatabase.styles("Tianbao Sans")
        seen["icon"] = not QApplication.windowIcon().isNull()
        from ui.warm_up import WarmUp

        seen["warm-up"] = self.findChild(WarmUp) is not None  # for the first report opened
        self.close()

    monkeypatch.setattr(main_window.MainWindow, "show", shown)
    monkeypatch.setattr(main_window.MainWindow, "finish_checking", checked)

    def attached(self, *args, **kwargs):
        seen.setdefault("attach", kwargs)
        attach(self, *args, **kwargs)

    monkeypatch.setattr(main_window.MainWindow, "attach", attached)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root_handlers = list(logging.getLogger().handlers)
    try:
        assert main_window.run(path) == 0
    finally:
        for handler in logging.getLogger().handlers:
            if handler not in root_handlers:
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert seen["attached before show"] and seen["report before paint"] is None
    assert not seen["icon before paint"]
    assert seen["attach"] == {"checking": True, "open_report": False}
    assert seen["checked"] == (True, None)
    assert seen["report"] == ids[0] and seen["bold"] and seen["icon"] and seen["warm-up"]
    assert len(storage.list_backups(path)) == 1  # the daily backup, after the check


def test_a_start_on_a_locked_file_leaves_it_to_the_full_open(started, tmp_path, monkeypatch):
    """Another Tianbao holds the file: the quick open declines (nothing attached before
    the paint), and the worker's full open explains it after the paint."""
    path = tmp_path / "locked.db"
    _database_with_reports(path, ["成都市疾控中心"])
    with storage.open_database(path, daily_backup=False):
        assert main_window.run(path) == 0
        assert started["windows"][0].store is None
    log_file = storage.data_dir() / startup.LOG_FILE_NAME
    assert "quick open declined (DatabaseLockedError)" in log_file.read_text(encoding="utf-8")
