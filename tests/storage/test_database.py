"""Opening the file: settings, schema, one writer, read-only views, refusing bad files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import storage
from storage import schema
from tests.storage.conftest import new_report, snapshot, unprivileged

REPO = Path(__file__).resolve().parents[2]


def test_new_file_in_missing_folder_gets_durable_settings_and_schema(db_path):
    with storage.open_database(db_path) as store:
        assert db_path.is_file()
        assert store.path == db_path and not store.read_only
        db = store.db
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA user_version").fetchone()[0] == storage.SCHEMA_VERSION
        assert {"reports", "field_values", "history", "attachments", "report_search"} <= set(
            db.table_names())
        assert schema.migrations.pending(db) == []


def test_reopen_keeps_data_and_applies_nothing_twice(db_path):
    with storage.open_database(db_path, daily_backup=False) as store:
        rid = new_report(store)
        storage.save_value(store, rid, "unit_name", "四川省抗癌协会")
    with storage.open_database(db_path, daily_backup=False) as store:
        assert storage.get_values(store, rid)["unit_name"].raw == "四川省抗癌协会"
        applied = store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert applied == storage.SCHEMA_VERSION


def test_second_writer_in_same_process_is_refused_until_first_closes(db_path):
    first = storage.open_database(db_path, daily_backup=False)
    with pytest.raises(storage.DatabaseLockedError) as caught:
        storage.open_database(db_path, daily_backup=False)
    assert str(db_path) in caught.value.text()
    assert "只读" in caught.value.text()
    first.close()
    storage.open_database(db_path, daily_backup=False).close()


LOCK_HOLDER = """
import sys, time
sys.path.insert(0, {repo!r})
import storage
store = storage.open_database({path!r}, daily_backup=False)
print("open", flush=True)
sys.stdin.readline()
"""


def _holder(db_path: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER.format(repo=str(REPO), path=str(db_path))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    return proc


def test_file_open_in_another_process_is_refused_then_read_only_view_works(db_path):
    with storage.open_database(db_path, daily_backup=False) as store:
        new_report(store, title="另一个窗口")
    proc = _holder(db_path)
    try:
        with pytest.raises(storage.DatabaseLockedError) as caught:
            storage.open_database(db_path)
        assert str(db_path) in caught.value.text()
        with storage.open_database(db_path, read_only=True) as view:
            assert view.read_only
            assert [r.title for r in storage.list_reports(view)] == ["另一个窗口"]
            with pytest.raises(storage.ReadOnlyError):
                new_report(view)
    finally:
        proc.communicate("\n")


def test_killed_writer_releases_its_lock(db_path):
    proc = _holder(db_path)
    proc.kill()
    proc.wait()
    storage.open_database(db_path, daily_backup=False).close()


def test_read_only_view_refuses_every_kind_of_write(store, report_id, db_path):
    store.close()
    with storage.open_database(db_path, read_only=True) as view:
        for write in (
            lambda: storage.save_value(view, report_id, "unit_name", "x"),
            lambda: storage.update_report(view, report_id, title="x"),
            lambda: storage.trash_report(view, report_id),
            lambda: storage.update_settings(view, unit_name="x"),
        ):
            with pytest.raises(storage.ReadOnlyError) as caught:
                write()
            assert "只读" in caught.value.text()
        assert storage.get_report(view, report_id).title.startswith("第30届")


def test_read_only_open_of_missing_file_is_refused_without_creating_it(tmp_path):
    path = tmp_path / "nothing.db"
    with pytest.raises(storage.DatabaseNotFoundError) as caught:
        storage.open_database(path, read_only=True)
    assert str(path) in caught.value.text()
    assert list(tmp_path.iterdir()) == []


def _healthy_file(path: Path) -> None:
    with storage.open_database(path, daily_backup=False) as store:
        rid = new_report(store)
        storage.save_values(store, rid, {f"f{i}": "成都市" * 400 for i in range(40)})


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def _not_sqlite(path: Path) -> None:
    path.write_text("单位名称,活动地点\n四川省抗癌协会,四川省\n", encoding="utf-8")


def _truncated_at_page(path: Path) -> None:
    _healthy_file(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 // 4096 * 4096])


def _truncated_mid_page(path: Path) -> None:
    _healthy_file(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def _tiny(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00\x10\x00")


def _corrupt_pages(path: Path) -> None:
    _healthy_file(path)
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data) - 4096, 4096 * 3):
        data[offset:offset + 200] = os.urandom(200)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_random_bytes, _not_sqlite, _truncated_at_page,
                                    _truncated_mid_page, _tiny, _corrupt_pages])
@pytest.mark.parametrize("read_only", [False, True])
def test_damaged_file_is_refused_and_left_untouched(tmp_path, damage, read_only):
    path = tmp_path / "tianbao.db"
    damage(path)
    before = snapshot(tmp_path)
    with pytest.raises(storage.DamagedDatabaseError) as caught:
        storage.open_database(path, read_only=read_only)
    message = caught.value.text()
    assert str(path) in message and "损坏" in message and "备份" in message
    assert snapshot(tmp_path) == before  # same bytes, and no -wal/-shm/backup created


def test_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三')")
    conn.commit()
    conn.close()
    before = snapshot(tmp_path)
    with pytest.raises(storage.NotTianbaoDatabaseError) as caught:
        storage.open_database(path)
    assert str(path) in caught.value.text() and "不是填报数据库" in caught.value.text()
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("how", ["user_version", "unknown_migration", "same_number_other_step"])
def test_file_from_newer_app_is_refused_unaltered(db_path, how):
    with storage.open_database(db_path, daily_backup=False) as store:
        new_report(store)
        if how == "user_version":
            store.db.execute(f"PRAGMA user_version = {storage.SCHEMA_VERSION + 1}")
        elif how == "unknown_migration":
            store.db["_sqlite_migrations"].insert(
                {"migration_set": "tianbao", "name": "9999_future", "applied_at": "x"})
        else:  # a step this version does not know, under a number it does
            store.db.execute("UPDATE _sqlite_migrations SET name = ? "
                             "WHERE name = ?", [schema.KNOWN_MIGRATIONS[-1][:5] + "elsewhere",
                                                 schema.KNOWN_MIGRATIONS[-1]])
    before = snapshot(db_path.parent)
    for read_only in (False, True):
        with pytest.raises(storage.NewerSchemaError) as caught:
            storage.open_database(db_path, read_only=read_only)
        text = caught.value.text()
        assert str(db_path) in text and "更新版本" in text
        # never "数据格式版本 2，本软件支持到 2": a message must say what is wrong
        assert f"{storage.SCHEMA_VERSION}，本软件支持到 {storage.SCHEMA_VERSION}" not in text
        if how == "same_number_other_step":
            assert "不认识" in text
    assert snapshot(db_path.parent) == before


def test_only_a_missing_file_becomes_a_new_database(tmp_path):
    path = tmp_path / "new.db"
    with storage.open_database(path) as store:
        assert storage.list_reports(store) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db", "new.db.lock"]


def _empty_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("make", [Path.touch, _empty_sqlite], ids=["zero_bytes", "no_tables"])
def test_an_empty_or_tableless_file_is_refused_and_left_alone(tmp_path, make):
    path = tmp_path / "given.db"
    make(path)
    before = snapshot(tmp_path)
    for read_only in (False, True):
        with pytest.raises(storage.DamagedDatabaseError) as caught:
            storage.open_database(path, read_only=read_only)
        assert str(path) in caught.value.text() and "未被修改" in caught.value.text()
    assert snapshot(tmp_path) == before


def test_a_new_database_killed_while_being_made_leaves_no_file_in_the_way(tmp_path, monkeypatch):
    path = tmp_path / "tianbao.db"

    def killed(db):
        raise KeyboardInterrupt  # as if the process died while creating the tables

    monkeypatch.setattr(schema, "migrate", killed)
    with pytest.raises(KeyboardInterrupt):
        storage.open_database(path)
    monkeypatch.undo()
    assert not path.exists()
    with storage.open_database(path) as store:
        assert storage.list_reports(store) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tianbao.db", "tianbao.db.lock"]


def test_orphan_wal_without_its_database_is_refused(tmp_path):
    path = tmp_path / "tianbao.db"
    (tmp_path / "tianbao.db-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(100))
    with pytest.raises(storage.DamagedDatabaseError) as caught:
        storage.open_database(path)
    assert "-wal" in caught.value.text()
    assert not path.exists()


def test_directory_path_is_refused(tmp_path):
    with pytest.raises(storage.DamagedDatabaseError) as caught:
        storage.open_database(tmp_path)
    assert str(tmp_path) in caught.value.text()


@pytest.fixture
def shared_tmp():
    """A folder an unprivileged user can enter (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="tianbao-perm-"))
    folder.chmod(0o777)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o777)
    subprocess.run(["rm", "-rf", str(folder)], check=True)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_folder_gives_clear_error_and_read_only_view_still_works(shared_tmp):
    folder = shared_tmp / "readonly"
    folder.mkdir()
    path = folder / "tianbao.db"
    _healthy_file(path)
    for leftover in folder.glob("*.lock"):
        leftover.unlink()
    folder.chmod(0o555)
    path.chmod(0o444)
    before = snapshot(folder)
    with unprivileged():
        with pytest.raises(storage.DatabaseUnwritableError) as caught:
            storage.open_database(path)
        assert str(path) in caught.value.text() and "只读" in caught.value.text()
        with storage.open_database(path, read_only=True) as view:
            assert len(storage.list_reports(view)) == 1
        with pytest.raises(storage.DatabaseUnwritableError):
            storage.open_database(folder / "sub" / "new.db")
    assert snapshot(folder) == before


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_file_in_writable_folder_gives_clear_error(shared_tmp):
    path = shared_tmp / "tianbao.db"
    _healthy_file(path)
    path.chmod(0o444)
    before = path.read_bytes()
    with unprivileged():
        with pytest.raises(storage.DatabaseUnwritableError) as caught:
            storage.open_database(path)
    assert str(path) in caught.value.text()
    assert path.read_bytes() == before


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("read_only", [False, True])
def test_unreadable_file_gives_clear_error(shared_tmp, read_only):
    path = shared_tmp / "tianbao.db"
    _healthy_file(path)
    path.chmod(0)
    with unprivileged():
        with pytest.raises(storage.DatabaseUnreadableError) as caught:
            storage.open_database(path, read_only=read_only)
    assert str(path) in caught.value.text() and "权限" in caught.value.text()


def test_disk_full_is_reported_and_the_save_rolled_back(store, report_id):
    storage.save_value(store, report_id, "small", "1")
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(storage.DiskFullError) as caught:
        storage.save_value(store, report_id, "big", "成都" * 100_000)
    assert "磁盘空间已满" in caught.value.text()
    store.db.execute("PRAGMA max_page_count = 1073741823")
    assert "big" not in storage.get_values(store, report_id)
    assert storage.save_value(store, report_id, "small", "2")


def test_integrity_check_runs_on_open(db_path, monkeypatch):
    _healthy_file(db_path)
    seen = []
    real = storage.checks.integrity_problem

    def spy(conn):
        seen.append(True)
        return real(conn)

    monkeypatch.setattr(storage.checks, "integrity_problem", spy)
    storage.open_database(db_path, daily_backup=False).close()
    assert seen
