"""Dialogs shown at startup, before or while the database is opened, speak the language
chosen: the one last used (a file in the data folder) or the one in the file's settings."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication

import storage
from tests.ui.test_startup import started  # noqa: F401 - the fixture that runs main_window.run
from tests.waiting import WAIT_MS
from ui import main_window, startup

pytestmark = pytest.mark.gui

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def asked(monkeypatch) -> list[tuple[str, str, list[str]]]:
    """Every question at startup (title, text, buttons), answered with its last button."""
    shown: list[tuple[str, str, list[str]]] = []

    def ask(parent, title, text, choices, **kwargs):
        shown.append((title, text, choices))
        return len(choices) - 1

    monkeypatch.setattr("ui.open_store.ask_choice", ask)
    return shown


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_damaged_file_at_startup_is_explained_in_the_language_last_used(
        started, asked, tmp_path, language):  # noqa: F811 - the fixture imported above
    """The file cannot be read, so neither can its settings: the language file says."""
    path = tmp_path / "damaged.db"
    path.write_bytes(b"not a database at all " * 200)
    startup.keep_language(storage.data_dir(), language)
    assert main_window.run(path) == 1
    [(title, text, choices)] = asked
    if language == "zh_CN":
        assert (title, choices) == ("数据库文件已损坏", ["确定"])
        assert text.startswith(f"数据库文件“{path}”已损坏")
        return
    assert (title, choices) == ("Damaged Database File", ["OK"])
    assert text.startswith(f"The database file “{path}” is damaged or not a valid database (")
    assert "No usable automatic backup was found." in text
    assert not CJK.search(text), text
    assert path.read_bytes() == b"not a database at all " * 200


def test_a_locked_file_at_startup_is_explained_in_the_language_of_its_settings(
        started, asked, qtbot, tmp_path, monkeypatch):  # noqa: F811 - the fixture imported above
    """The list is shown from a peek at the file; its settings say English before the
    language file does (a first start in English)."""
    path = tmp_path / "locked.db"
    with storage.open_database(path, daily_backup=False) as store:
        storage.update_settings(store.db, language="en")

    def exec_() -> int:  # the event loop runs until the background open has asked
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, main_window.MainWindow) and w.isVisible()]
        qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
        for window in windows:
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_))
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: None))
    assert startup.last_language(storage.data_dir()) == "zh_CN"
    with storage.open_database(path, daily_backup=False):  # another Tianbao is writing
        main_window.run(path)
    [(title, text, choices)] = asked
    assert (title, choices) == ("Cannot Modify the Database", ["Open Read-Only", "Quit"])
    assert text == (f"The database file “{path}” is open in another Tianbao window or program. "
                    "To keep the data safe, only one window at a time may change it. Close the "
                    "other window first, or open it read-only to look at it.")
    assert startup.last_language(storage.data_dir()) == "en"  # for the next start
