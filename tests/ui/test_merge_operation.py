"""operations.merge_into_new_report: a normal report, its sources, one transaction, a backup."""

from __future__ import annotations

import io
import threading

import openpyxl
import pytest

import storage
from exports.merge import MergeCancelled
from exports.unit_breakdown import SHEET_TITLE, TOTAL_LABEL
from exports.xlsx import xlsx_bytes
from forms.validate import validate_report
from tests.exports.merge_helpers import A, B, C, copy_packages, files_snapshot, unit_packages
from tests.waiting import WAIT_S
from ui import operations


@pytest.fixture(scope="module")
def packages(tmp_path_factory, week_template):
    return unit_packages(tmp_path_factory, week_template)


def table_counts(store) -> dict[str, int]:
    return {name: store.db[name].count for name in ("reports", "field_values", "history",
                                                     "templates")}


def test_merge_makes_a_normal_report(store, packages, tmp_path, week_template):
    storage.update_settings(store.db, unit_name="四川省抗癌协会", contact_person="李四",
                            phone="028-86660000")
    folder = tmp_path / "收到"
    copy_packages(packages, folder)
    outcome = operations.merge_into_new_report(store, [folder])
    assert outcome.report_id is not None and outcome.rejected == []
    assert [p.name for p in outcome.merged] == sorted(p.name for p in packages.values())
    report = storage.get_report(store.db, outcome.report_id)
    assert report.title == "第30届全国肿瘤防治宣传周活动总结表（汇总）"
    assert report.unit == "四川省抗癌协会" and report.status == "draft" and report.year == 2024
    assert {s["unit"] for s in report.source_info["sources"]} == {A, B, C}
    data = operations.report_data(store, outcome.report_id)
    assert data.raw["unit_name"] == "四川省抗癌协会" and data.raw["filled_by"] == "李四"
    assert data.check.values["lectures"] == {"value": 40, "unit": "场", "qualifier": None}
    stored = storage.get_values(store.db, outcome.report_id)
    assert {k: v.normalised for k, v in stored.items() if v.normalised is not None} == \
        validate_report(week_template, data.raw).values
    backups = storage.list_backups(store.path)
    assert [b.reason for b in backups] == ["merge"]


def test_merged_report_exports_its_breakdown(store, packages):
    outcome = operations.merge_into_new_report(store, list(packages.values()), title="省汇总")
    data = operations.report_data(store, outcome.report_id)
    assert data.title == "省汇总" and len(data.sources) == 3
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(data)))[SHEET_TITLE]
    rows = list(sheet.iter_rows(values_only=True))
    header, total = rows[0], rows[4]
    assert total[1] == TOTAL_LABEL
    assert total[header.index("科普讲座（场）")] == 40
    assert total[header.index("费用减免（元）")] == data.check.values["fee_reduction"]["value"]


def test_the_merged_report_is_editable(store, packages):
    outcome = operations.merge_into_new_report(store, list(packages.values()))
    session = operations.open_session(store, outcome.report_id)
    operations.save_field(store, session, "lectures", "41场")
    assert storage.get_values(store.db, outcome.report_id)["lectures"].raw == "41场"


def test_a_failure_mid_merge_leaves_nothing(store, packages, monkeypatch, tmp_path):
    before = table_counts(store)

    def broken(*args, **kwargs):
        raise storage.DiskFullError(store.path)

    monkeypatch.setattr(storage.values, "save_values", broken)
    with pytest.raises(storage.DiskFullError):
        operations.merge_into_new_report(store, list(packages.values()))
    assert table_counts(store) == before
    assert storage.list_reports(store.db, trashed=None) == []


def test_nothing_mergeable_makes_no_report_and_no_backup(store, tmp_path):
    bad = tmp_path / "坏.zip"
    bad.write_bytes(b"PK\x03\x04")
    before = files_snapshot(tmp_path)
    outcome = operations.merge_into_new_report(store, [bad, tmp_path / "没有.zip"])
    assert outcome.report_id is None and outcome.merged == []
    assert [p.name for p, _ in outcome.rejected] == ["没有.zip", "坏.zip"]
    assert storage.list_reports(store.db, trashed=None) == []
    assert files_snapshot(tmp_path) == before  # not even a backup


def test_cancel_before_writing(store, packages):
    with pytest.raises(MergeCancelled):
        operations.merge_into_new_report(store, list(packages.values()), cancel=lambda: True)
    assert storage.list_reports(store.db, trashed=None) == []


class WatchedLock:
    """The connection's write lock, telling when another thread starts waiting for it."""

    def __init__(self, lock) -> None:
        self.lock = lock
        self.waited = threading.Event()

    def acquire(self, *args, **kwargs) -> bool:
        if threading.current_thread() is not threading.main_thread():
            self.waited.set()
        return self.lock.acquire(*args, **kwargs)

    def release(self) -> None:
        self.lock.release()

    __enter__ = acquire

    def __exit__(self, *exc_info) -> None:
        self.release()


def test_the_merge_writes_under_the_storage_write_lock(store, packages):
    """The editor's database thread shares the connection: the merge's transaction must
    wait for storage's write lock, never open on the connection beside a save."""
    from storage.common import write_lock

    lock = WatchedLock(write_lock(store.db))
    store.db._tianbao_write_lock = lock  # noqa: SLF001 - what write_lock() hands out
    outcome = {}
    lock.acquire()  # a save is under way on the editor's database thread
    try:
        worker = threading.Thread(target=lambda: outcome.update(
            done=operations.merge_into_new_report(store, list(packages.values()))))
        worker.start()
        assert lock.waited.wait(WAIT_S)  # the merge has come to write
        assert not store.db.conn.in_transaction
        assert worker.is_alive()  # waiting for the lock
    finally:
        lock.release()
    worker.join(WAIT_S)
    assert outcome["done"].report_id is not None
