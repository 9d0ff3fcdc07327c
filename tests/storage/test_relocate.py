"""The data moves once from where earlier versions kept it (Windows %APPDATA%), losing nothing."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

import storage
from storage import relocate
from tests.storage.conftest import new_report


def _old_folder_with_data(tmp_path: Path) -> tuple[Path, list[str]]:
    """An old data folder as a crash left it: committed titles partly only in the -wal,
    a backup and a log file."""
    made = tmp_path / "made"
    with storage.open_database(made / "tianbao.db", daily_backup=False) as store:
        new_report(store, title="第一份")
        storage.auto_backup(store)
    conn = sqlite3.connect(made / "tianbao.db")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE reports SET title = '只在日志里'")
    conn.commit()
    old = tmp_path / "Roaming" / "Tianbao"
    shutil.copytree(made, old)  # with the connection still open: the -wal holds the update
    conn.close()
    assert (old / "tianbao.db-wal").stat().st_size > 0
    (old / "tianbao.log").write_text("log", encoding="utf-8")
    return old, ["只在日志里"]


def _titles(path: Path) -> list[str]:
    with storage.open_database(path, read_only=True) as store:
        return [r.title for r in storage.list_reports(store.db)]


def test_the_database_moves_with_its_log_backups_and_journal(tmp_path, monkeypatch):
    old, titles = _old_folder_with_data(tmp_path)
    new = tmp_path / "Local" / "Tianbao"
    moved: list[str] = []
    real = relocate._move
    monkeypatch.setattr(relocate, "_move", lambda s, t: moved.append(s.name) or real(s, t))
    move = storage.move_old_data_folder(new, old)
    # The -wal first: a move cut short then leaves no database without its journal.
    assert moved[:2] == ["tianbao.db-wal", "tianbao.db"]
    assert move is not None and move.error is None
    assert move.db_path == new / "tianbao.db"
    assert _titles(move.db_path) == titles
    assert (new / "tianbao.log").read_text(encoding="utf-8") == "log"
    assert len(storage.list_backups(move.db_path)) == 1
    assert not old.exists()
    assert storage.move_old_data_folder(new, old) is None  # once


def test_nothing_to_move(tmp_path):
    new, old = tmp_path / "new", tmp_path / "old"
    assert storage.move_old_data_folder(new, old) is None
    assert storage.move_old_data_folder(new, None) is None
    old.mkdir()
    (old / "notes.txt").write_text("x", encoding="utf-8")
    assert storage.move_old_data_folder(new, old) is None
    assert storage.move_old_data_folder(old, old) is None
    assert not new.exists()


def test_a_database_already_in_the_new_place_wins_and_the_old_is_left_alone(tmp_path):
    old, _ = _old_folder_with_data(tmp_path)
    new = tmp_path / "new"
    with storage.open_database(new / "tianbao.db", daily_backup=False):
        pass
    before = sorted(p.name for p in old.iterdir())
    assert storage.move_old_data_folder(new, old) is None
    assert sorted(p.name for p in old.iterdir()) == before


def test_a_database_in_use_stays_where_it_is(tmp_path):
    old, titles = _old_folder_with_data(tmp_path)
    new = tmp_path / "new"
    with storage.open_database(old / "tianbao.db", daily_backup=False):
        move = storage.move_old_data_folder(new, old)
    assert isinstance(move.error, storage.DatabaseLockedError)
    assert move.db_path == old / "tianbao.db"
    assert not (new / "tianbao.db").exists() and not (new / "tianbao.db-wal").exists()
    move = storage.move_old_data_folder(new, old)  # next start: moved
    assert move.error is None and _titles(move.db_path) == titles


def test_a_failed_move_puts_the_journal_back(tmp_path, monkeypatch):
    old, titles = _old_folder_with_data(tmp_path)
    new = tmp_path / "new"
    real = relocate._move

    def failing(source, target):
        if source.name == "tianbao.db":
            raise PermissionError(errno.EACCES, "Access is denied")
        real(source, target)

    monkeypatch.setattr(relocate, "_move", failing)
    move = storage.move_old_data_folder(new, old)
    assert move.error is not None and "Access is denied" in move.error.text()
    assert move.db_path == old / "tianbao.db"
    assert (old / "tianbao.db-wal").stat().st_size > 0 and not (new / "tianbao.db-wal").exists()
    assert _titles(move.db_path) == titles


def test_an_interrupted_move_is_finished_next_time(tmp_path):
    old, titles = _old_folder_with_data(tmp_path)
    new = tmp_path / "new"
    new.mkdir()
    os.replace(old / "tianbao.db-wal", new / "tianbao.db-wal")  # crashed after the first step
    move = storage.move_old_data_folder(new, old)
    assert move.error is None and _titles(move.db_path) == titles


def test_across_drives_each_file_is_copied_then_renamed(tmp_path, monkeypatch):
    old, titles = _old_folder_with_data(tmp_path)
    new = tmp_path / "other-drive"
    real = os.replace

    def replace(source, target):
        if Path(source).parent.parent != Path(target).parent.parent:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real(source, target)

    monkeypatch.setattr(relocate.os, "replace", replace)
    move = storage.move_old_data_folder(new, old)
    assert move.error is None and _titles(move.db_path) == titles
    assert len(storage.list_backups(move.db_path)) == 1
    assert not [p for p in new.rglob("*") if ".moving" in p.name]


def test_the_defaults_move_from_appdata_to_local_appdata(tmp_path, monkeypatch):
    old, titles = _old_folder_with_data(tmp_path)
    new = tmp_path / "Local" / "Tianbao"
    monkeypatch.setattr(relocate, "old_data_dir", lambda: old)
    monkeypatch.setattr(relocate, "data_dir", lambda: new)
    move = storage.move_old_data_folder()
    assert (move.old, move.new) == (old, new) and _titles(move.db_path) == titles


@pytest.mark.skipif(os.name == "nt", reason="no old place elsewhere")
def test_off_windows_nothing_ever_moves():
    assert storage.move_old_data_folder() is None
