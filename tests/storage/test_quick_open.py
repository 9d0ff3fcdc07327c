"""The window's quick open: the store at once, the full check in the background, and not
one write before that check has passed (after a failed one, never)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import storage
from tests.storage.conftest import new_report
from tests.waiting import WAIT_S

ROOT = Path(__file__).resolve().parents[2]


def _healthy_file(path: Path) -> int:
    with storage.open_database(path, daily_backup=False) as store:
        report_id = new_report(store)
        storage.save_values(store, report_id, {f"f{i}": "成都市" * 400 for i in range(40)})
    return report_id


def _corrupt_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data) - 4096, 4096 * 3):
        data[offset:offset + 200] = os.urandom(200)
    path.write_bytes(bytes(data))


def test_the_store_comes_at_once_and_the_check_and_backup_follow(db_path):
    report_id = _healthy_file(db_path)
    store = storage.open_checking_later(db_path)
    try:
        assert storage.get_report(store, report_id).title  # reads do not wait
        assert not store.gate.done and storage.list_backups(db_path) == []
        assert storage.complete_open(store) is None
        assert store.gate.done and store.gate.error is None
        storage.update_settings(store, unit_name="成都市疾控中心")
        assert len(storage.list_backups(db_path)) == 1 and store.last_backup is not None
    finally:
        store.close()
    with storage.open_database(db_path, daily_backup=False) as again:  # lock released
        assert storage.get_settings(again).unit_name == "成都市疾控中心"


def test_a_write_waits_for_the_check(db_path):
    _healthy_file(db_path)
    store = storage.open_checking_later(db_path)
    writer = threading.Thread(target=storage.update_settings, args=(store,),
                              kwargs={"unit_name": "等检查"})
    writer.start()
    writer.join(timeout=0.3)
    assert writer.is_alive()  # waiting at the gate
    assert storage.get_settings(store).unit_name == ""
    storage.complete_open(store, daily_backup=False)
    writer.join(timeout=WAIT_S)
    assert not writer.is_alive() and storage.get_settings(store).unit_name == "等检查"
    store.close()


def test_a_write_waiting_for_the_check_of_a_closed_store_is_never_made(db_path):
    """Closing waits for work on other threads (``using``); a save waiting at the gate when
    the window closes must fail, not slip through as if the check had passed."""
    _healthy_file(db_path)
    store = storage.open_checking_later(db_path)
    failed: list[BaseException] = []

    def save() -> None:
        with store.using():
            try:
                storage.update_settings(store, unit_name="未检查")
            except storage.StorageError as exc:
                failed.append(exc)

    writer = threading.Thread(target=save)
    writer.start()
    closer = threading.Thread(target=store.close)
    closer.start()
    closer.join(timeout=0.2)
    assert closer.is_alive()  # close() waits for the save under way
    assert isinstance(storage.complete_open(store), storage.StoreClosedError)
    writer.join(timeout=WAIT_S)
    closer.join(timeout=WAIT_S)
    assert [type(exc) for exc in failed] == [storage.StoreClosedError]
    with storage.open_database(db_path, daily_backup=False) as again:
        assert storage.get_settings(again).unit_name == ""


def test_two_threads_use_the_store_at_once_and_closing_waits_for_both(db_path):
    _healthy_file(db_path)
    store = storage.open_database(db_path, daily_backup=False)
    inside = threading.Barrier(3, timeout=WAIT_S)  # both workers in using() together
    leave = threading.Event()
    counted: list[int] = []

    def work() -> None:
        with store.using() as still_open:
            assert still_open
            inside.wait()
            leave.wait(WAIT_S)
            counted.append(len(storage.list_reports(store)))

    workers = [threading.Thread(target=work) for _ in range(2)]
    for worker in workers:
        worker.start()
    inside.wait()
    closer = threading.Thread(target=store.close)
    closer.start()
    closer.join(timeout=0.2)
    assert closer.is_alive() and not counted
    leave.set()
    closer.join(timeout=WAIT_S)
    assert counted == [1, 1] and store.closed
    with store.using() as still_open:
        assert not still_open


def test_a_damaged_file_is_never_written(tmp_path):
    path = tmp_path / "tianbao.db"
    report_id = _healthy_file(path)
    _corrupt_pages(path)
    before = path.read_bytes()
    store = storage.open_checking_later(path)
    error = storage.complete_open(store)
    assert isinstance(error, storage.DamagedDatabaseError) and "损坏" in error.text()
    for write in (lambda: storage.update_settings(store, unit_name="x"),
                  lambda: storage.save_value(store, report_id, "f1", "x")):
        with pytest.raises(storage.DamagedDatabaseError):
            write()
    store.close()
    assert path.read_bytes() == before
    assert storage.list_backups(path) == []


@pytest.mark.parametrize("make", ["missing", "older", "rollback_journal", "read_only"])
def test_files_that_need_the_full_open(tmp_path, make):
    path = tmp_path / "tianbao.db"
    if make != "missing":
        _healthy_file(path)
    if make == "older":
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 1")
        conn.close()
    if make == "rollback_journal":  # e.g. a restored backup: switching mode writes
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        conn.close()
    if make == "read_only":
        if os.geteuid() == 0:
            pytest.skip("root writes anywhere")
        path.chmod(0o444)
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(storage.NeedsFullOpen):
        storage.open_checking_later(path)
    assert (path.read_bytes() if path.exists() else None) == before
    if make != "read_only":
        storage.open_database(path, daily_backup=False).close()  # the lock was released


def test_a_file_in_use_is_refused_as_ever(db_path):
    _healthy_file(db_path)
    with storage.open_database(db_path, daily_backup=False):
        with pytest.raises(storage.DatabaseLockedError):
            storage.open_checking_later(db_path)


def test_the_check_waits_only_so_long():
    gate = storage.CheckGate(Path("x.db"))
    with pytest.raises(storage.StorageError) as caught:
        gate.wait(timeout=0.01)
    assert "检查" in caught.value.text()
    gate.passed()
    gate.wait(timeout=0.01)


def test_the_quick_open_does_not_import_sqlite_utils(db_path):
    """The window takes the store before the slow import; .db makes it when first used."""
    _healthy_file(db_path)
    script = (
        "import sys\n"
        "from storage.store import open_checking_later\n"
        f"store = open_checking_later({str(db_path)!r})\n"
        "print('sqlite_utils' in sys.modules)\n"
        "store.db\n"
        "print('sqlite_utils' in sys.modules)\n"
        "store.close()\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.split() == ["False", "True"], done.stderr


def test_the_preview_is_read_through_the_quick_opens_connection(db_path):
    from storage.peek import peek_database

    report_id = _healthy_file(db_path)
    with storage.open_database(db_path, daily_backup=False) as store:
        storage.update_settings(store.db, unit_name="四川省抗癌协会")
    before = db_path.read_bytes()
    store = storage.open_checking_later(db_path)
    try:
        preview = store.preview()
        assert preview == peek_database(db_path)
        assert [r.id for r in preview.reports] == [report_id]
        assert preview.settings.unit_name == "四川省抗癌协会"
        assert storage.get_report(store, report_id).title  # the connection stays open
    finally:
        store.close()
    assert db_path.read_bytes() == before  # nothing written before the check
