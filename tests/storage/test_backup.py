"""Backups: consistent copies, daily and on demand, rotation, one-call restore."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

import storage
from storage import backup
from tests.storage.conftest import new_report, snapshot


def _titles(path: Path) -> list[str]:
    with storage.open_database(path, read_only=True) as view:
        return sorted(r.title for r in storage.list_reports(view, trashed=None))


def test_backup_is_a_consistent_self_contained_copy(store, report_id, tmp_path):
    storage.save_value(store, report_id, "unit_name", "成都市疾控中心")
    calls = []
    dest = storage.backup_database(store, tmp_path / "copy" / "b.db",
                                   progress=lambda done, total: calls.append((done, total)))
    assert dest.is_file() and calls and calls[-1][0] == calls[-1][1]
    assert not Path(str(dest) + "-wal").exists()
    conn = sqlite3.connect(dest)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with storage.open_database(dest, read_only=True) as view:
        assert storage.get_values(view, report_id)["unit_name"].raw == "成都市疾控中心"
    assert [p.name for p in dest.parent.iterdir()] == ["b.db"]  # no temp left behind


def test_first_open_of_the_day_makes_one_daily_backup(db_path):
    with storage.open_database(db_path) as store:  # new file: nothing worth backing up
        assert store.last_backup is None
        new_report(store, title="今天")
    with storage.open_database(db_path) as store:
        made = store.last_backup
        assert made is not None and made.parent == db_path.parent / "backups"
        assert store.backup_error is None
    with storage.open_database(db_path) as store:
        assert store.last_backup is None  # already done today
    [info] = storage.list_backups(db_path)
    assert info.path == made and info.reason == "daily"
    assert info.created_at.date() == dt.date.today() and info.size > 0
    assert _titles(made) == ["今天"]


def test_backup_before_merge_always_happens_and_rotation_keeps_seven(store, report_id, db_path):
    made = [storage.auto_backup(store, reason="merge") for _ in range(9)]
    assert len(set(made)) == 9 and all(p.exists() for p in made[-7:])
    listed = storage.list_backups(db_path)
    assert [b.path for b in listed] == made[::-1][:storage.KEEP_BACKUPS]
    assert not any(p.exists() for p in made[:2])
    with pytest.raises(ValueError):
        storage.auto_backup(store, reason="../evil")


def test_read_only_store_makes_no_automatic_backups(store, db_path):
    store.close()
    with storage.open_database(db_path, read_only=True) as view:
        assert storage.auto_backup(view) is None
        with pytest.raises(storage.ReadOnlyError):
            storage.auto_backup(view, reason="merge")


def test_failed_daily_backup_does_not_stop_opening(db_path, monkeypatch):
    with storage.open_database(db_path) as store:
        new_report(store)

    def full(*args, **kwargs):
        raise storage.DiskFullError(db_path)

    monkeypatch.setattr(backup, "make_backup", full)
    with storage.open_database(db_path) as store:
        assert isinstance(store.backup_error, storage.DiskFullError)
        assert len(storage.list_reports(store)) == 1


def test_list_backups_ignores_other_files(db_path):
    folder = db_path.parent / "backups"
    folder.mkdir(parents=True)
    for name in ("tianbao-20240101-120000-daily.db", "tianbao-20240102-120000-merge.db",
                 "tianbao-20240102-120000-merge-2.db", "other-20240101-120000-daily.db",
                 "notes.txt", ".tianbao-20240103-120000-daily.db.tmp-7"):
        (folder / name).write_bytes(b"x")
    names = [b.path.name for b in storage.list_backups(db_path)]
    assert names == ["tianbao-20240102-120000-merge-2.db", "tianbao-20240102-120000-merge.db",
                     "tianbao-20240101-120000-daily.db"]


def test_restore_keeps_the_current_file_aside(db_path):
    with storage.open_database(db_path, daily_backup=False) as store:
        new_report(store, title="备份前")
        saved = storage.auto_backup(store, reason="manual")
        new_report(store, title="备份后")
    aside = storage.restore_backup(saved, db_path)
    assert aside is not None and aside.name.startswith("tianbao.db.before-restore-")
    assert _titles(db_path) == ["备份前"]
    assert _titles(aside) == ["备份前", "备份后"]  # nothing is ever lost
    assert saved.exists()


def test_restore_with_a_leftover_wal_moves_it_with_the_old_file(db_path):
    with storage.open_database(db_path, daily_backup=False) as store:
        new_report(store, title="旧")
        saved = storage.auto_backup(store, reason="manual")
    # A writer that crashed after its last commit: that commit lives only in the WAL.
    wal = db_path.with_name(db_path.name + "-wal")
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE reports SET title = '崩溃前的修改'")
    conn.commit()
    crashed = {path: path.read_bytes() for path in (db_path, wal)}
    conn.close()
    for path, content in crashed.items():
        path.write_bytes(content)
    assert wal.stat().st_size > 0
    aside = storage.restore_backup(saved, db_path)
    assert _titles(db_path) == ["旧"]  # the old WAL was not replayed onto the restored file
    assert _titles(aside) == ["崩溃前的修改"]  # and its commit is kept with the old file


class _OneSecond(dt.datetime):
    """A clock stuck in one second, as for two restores a moment apart."""

    @classmethod
    def now(cls, tz=None):
        return cls(2024, 4, 28, 10, 30, 0)


def test_two_restores_in_one_second_keep_both_old_files(db_path, monkeypatch):
    monkeypatch.setattr(backup.dt, "datetime", _OneSecond)
    with storage.open_database(db_path, daily_backup=False) as store:
        new_report(store, title="备份")
        saved = storage.auto_backup(store, reason="manual")
        new_report(store, title="第一次恢复前")
    first = storage.restore_backup(saved, db_path)
    with storage.open_database(db_path, daily_backup=False) as store:
        new_report(store, title="第二次恢复前")
    second = storage.restore_backup(saved, db_path)
    assert first != second
    assert _titles(first) == ["备份", "第一次恢复前"]  # never overwritten
    assert _titles(second) == ["备份", "第二次恢复前"]
    assert _titles(db_path) == ["备份"]


def test_a_restore_never_overwrites_a_file_in_the_way(db_path, monkeypatch):
    monkeypatch.setattr(backup.dt, "datetime", _OneSecond)
    with storage.open_database(db_path, daily_backup=False) as store:
        new_report(store, title="备份")
        saved = storage.auto_backup(store, reason="manual")
    taken = db_path.with_name("tianbao.db.before-restore-20240428-103000")
    taken.write_bytes(b"someone else's file")
    taken.with_name(taken.name + "-2-wal").write_bytes(b"in the way")
    aside = storage.restore_backup(saved, db_path)
    assert aside not in (taken, taken.with_name(taken.name + "-2"))
    assert taken.read_bytes() == b"someone else's file"
    assert _titles(aside) == ["备份"]


def test_a_stale_restore_temp_file_is_removed_on_the_next_start(db_path):
    with storage.open_database(db_path, daily_backup=False) as store:
        new_report(store)
    folder = db_path.parent
    stale = [folder / ".tianbao.db.restore-tmp", folder / ".tianbao.db.restore-tmp-journal"]
    others = [folder / "notes.restore-tmp", folder / ".other.db.restore-tmp",
              folder / ".tianbao.db.restore-tmp.keep"]
    for path in stale + others:
        path.write_bytes(b"x" * 100)
    with storage.open_database(db_path, daily_backup=False):
        pass
    assert not any(path.exists() for path in stale)
    assert all(path.exists() for path in others)  # never anything but our own


def test_restore_refuses_damaged_or_foreign_backups_and_changes_nothing(db_path, tmp_path):
    with storage.open_database(db_path, daily_backup=False) as store:
        new_report(store)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = snapshot(db_path.parent)
    for path in (bad, foreign, tmp_path / "missing.db"):
        with pytest.raises(storage.BackupInvalidError) as caught:
            storage.restore_backup(path, db_path)
        assert str(path) in caught.value.text()
    assert snapshot(db_path.parent) == before


def test_restore_is_refused_while_the_file_is_open(store, db_path):
    saved = storage.auto_backup(store, reason="manual")
    with pytest.raises(storage.DatabaseLockedError):
        storage.restore_backup(saved, db_path)


def test_restore_onto_a_damaged_file(db_path):
    with storage.open_database(db_path, daily_backup=False) as store:
        new_report(store, title="好的")
        saved = storage.auto_backup(store, reason="manual")
    damaged = b"\x00garbage" * 1000
    db_path.write_bytes(damaged)
    with pytest.raises(storage.DamagedDatabaseError):
        storage.open_database(db_path)
    aside = storage.restore_backup(saved, db_path)
    assert aside.read_bytes() == damaged
    assert _titles(db_path) == ["好的"]


def test_open_upgrades_old_file_after_backing_it_up(db_path, monkeypatch):
    with storage.open_database(db_path, daily_backup=False) as store:
        new_report(store, title="旧版本")

    from storage import schema

    @schema.migrations(name="9000_test_step")
    def _step(db):
        db.execute("ALTER TABLE reports ADD COLUMN test_extra TEXT")

    try:
        monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
        monkeypatch.setattr(schema, "KNOWN_MIGRATIONS", (*schema.KNOWN_MIGRATIONS,
                                                         "9000_test_step"))
        with storage.open_database(db_path, daily_backup=False) as store:
            assert "test_extra" in store.db["reports"].columns_dict
        [info] = storage.list_backups(db_path)
        assert info.reason == "upgrade"
        conn = sqlite3.connect(info.path)
        columns = [row[1] for row in conn.execute("PRAGMA table_info(reports)")]
        conn.close()
        assert "test_extra" not in columns
    finally:
        schema.migrations._migrations.pop()
