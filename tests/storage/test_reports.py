"""Reports: metadata, status, listing, trash, purge, copy, template snapshots."""

from __future__ import annotations

import pytest

import storage
from tests.storage.conftest import TEMPLATE, new_report


def test_create_and_get_report(store):
    rid = new_report(store, unit="成都市疾病预防控制中心", period="第30届", year=2024)
    report = storage.get_report(store, rid)
    assert report.form_id == "cancer_week_summary" and report.form_version == 1
    assert report.title == "第30届全国肿瘤防治宣传周活动总结表"
    assert (report.unit, report.period, report.year) == ("成都市疾病预防控制中心", "第30届", 2024)
    assert report.status == storage.DRAFT and not report.trashed
    assert report.source_info is None
    assert len(report.created_at) == 19 and report.created_at[10] == "T"  # local, to the second
    assert report.updated_at == report.created_at


def test_template_snapshot_is_kept_and_deduplicated(store):
    first = new_report(store)
    second = new_report(store)
    changed = new_report(store, template_source=TEMPLATE + "# 新版说明\n")
    assert storage.get_report_template_source(store, first) == TEMPLATE
    assert storage.get_report_template_source(store, changed).endswith("# 新版说明\n")
    ids = {storage.get_report(store, rid).template_id for rid in (first, second, changed)}
    assert len(ids) == 2
    again = storage.save_template_snapshot(store, "cancer_week_summary", 1, TEMPLATE)
    assert again == storage.get_report(store, first).template_id


def test_missing_report_gives_chinese_error(store):
    for call in (lambda: storage.get_report(store, 999),
                 lambda: storage.get_report_template_source(store, 999),
                 lambda: storage.update_report(store, 999, title="x"),
                 lambda: storage.set_status(store, 999, "complete"),
                 lambda: storage.trash_report(store, 999),
                 lambda: storage.purge_report(store, 999),
                 lambda: storage.copy_report(store, 999)):
        with pytest.raises(storage.ReportNotFoundError) as caught:
            call()
        assert "999" in caught.value.text() and "报表" in caught.value.text()


def test_update_report_metadata_and_source_info(store, report_id):
    storage.update_report(store, report_id, title="2025年总结", unit="四川省抗癌协会",
                          period="2025", year=2025,
                          source_info={"unit_name": {"from": "a.tbpkg", "report": 3}})
    report = storage.get_report(store, report_id)
    assert (report.title, report.unit, report.period, report.year) == (
        "2025年总结", "四川省抗癌协会", "2025", 2025)
    assert report.source_info == {"unit_name": {"from": "a.tbpkg", "report": 3}}
    with pytest.raises(ValueError):
        storage.update_report(store, report_id, status="complete")


def test_update_report_with_same_values_writes_nothing(store, report_id):
    store.db.execute("UPDATE reports SET updated_at = '2000-01-01T00:00:00'")
    report = storage.get_report(store, report_id)
    assert not storage.update_report(store, report_id, title=report.title, unit=report.unit,
                                     year=report.year, source_info=None)
    assert storage.get_report(store, report_id).updated_at == "2000-01-01T00:00:00"
    assert storage.update_report(store, report_id, year=2025)
    assert storage.get_report(store, report_id).updated_at > "2000"


def test_status_and_trash_are_separate(store, report_id):
    storage.set_status(store, report_id, storage.COMPLETE)
    storage.trash_report(store, report_id)
    report = storage.get_report(store, report_id)
    assert report.trashed and report.status == "complete"
    assert storage.list_reports(store) == []
    assert [r.id for r in storage.list_reports(store, trashed=True)] == [report_id]
    storage.restore_report(store, report_id)
    report = storage.get_report(store, report_id)
    assert not report.trashed and report.status == "complete"
    with pytest.raises(ValueError):
        storage.set_status(store, report_id, "trashed")


def test_list_orders_by_update_and_filters(store):
    old = new_report(store, title="旧", year=2023)
    new = new_report(store, title="新", year=2024, form_id="association_award_summary")
    storage.set_status(store, new, "complete")
    store.db.execute("UPDATE reports SET updated_at = '2024-01-01T00:00:00'")  # an hour ago
    storage.save_value(store, old, "unit_name", "改过")
    assert [r.id for r in storage.list_reports(store)] == [old, new]
    assert [r.id for r in storage.list_reports(store, year=2024)] == [new]
    assert [r.id for r in storage.list_reports(store, status="draft")] == [old]
    assert [r.id for r in storage.list_reports(store, form_id="association_award_summary")] == [new]
    storage.trash_report(store, old)
    assert [r.id for r in storage.list_reports(store, trashed=None)] == [old, new]
    summary = storage.list_reports(store, trashed=True)[0]
    assert summary.title == "旧" and summary.trashed


def test_purge_deletes_everything_of_that_report_only(store, tmp_path):
    keep = new_report(store, title="保留")
    gone = new_report(store, title="删除")
    for rid in (keep, gone):
        storage.save_value(store, rid, "unit_name", "成都")
        storage.set_explanation(store, rid, "unit_name", "odd", "说明")
        file = tmp_path / f"{rid}.txt"
        file.write_text("附件内容")
        storage.add_attachment(store, rid, file)
    storage.purge_report(store, gone)
    with pytest.raises(storage.ReportNotFoundError):
        storage.get_report(store, gone)
    db = store.db
    for table in ("field_values", "explanations", "attachments", "history"):
        assert db.execute(f"SELECT count(*) FROM {table} WHERE report_id = ?",
                          [gone]).fetchone()[0] == 0
        assert db.execute(f"SELECT count(*) FROM {table} WHERE report_id = ?",
                          [keep]).fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0] == 1
    storage.flush_search_index(store)
    assert [r.id for r in storage.search_reports(store, "成都")] == [keep]
    assert storage.get_history(store, keep)


def test_copy_makes_a_fresh_draft_with_values_but_no_explanations(store, report_id, tmp_path):
    storage.save_values(store, report_id, {"unit_name": ("成都市疾控中心", "成都市疾控中心"),
                                           "lectures": ("603场", {"value": 603, "unit": "场"})})
    storage.set_explanation(store, report_id, "lectures", "large", "确实这么多")
    storage.set_status(store, report_id, "complete")
    file = tmp_path / "photo.jpg"
    file.write_bytes(b"\xff\xd8jpeg")
    storage.add_attachment(store, report_id, file)

    copy = storage.copy_report(store, report_id, period="第31届", year=2025)
    report = storage.get_report(store, copy)
    original = storage.get_report(store, report_id)
    assert report.title == original.title + "（副本）"
    assert (report.period, report.year, report.unit) == ("第31届", 2025, original.unit)
    assert report.status == "draft" and report.template_id == original.template_id
    values = storage.get_values(store, copy)
    assert values["lectures"].normalised == {"value": 603, "unit": "场"}
    assert list(values) == ["unit_name", "lectures"]
    # An explanation belongs to one report: the copy (maybe for another unit) asks again.
    assert storage.get_explanations(store, copy) == {}
    assert storage.get_explanation_records(store, copy) == {}
    assert storage.get_explanations(store, report_id) == {("lectures", "large"): "确实这么多"}
    assert storage.list_attachments(store, copy) == []
    history = storage.get_history(store, copy)
    assert [(h.key, h.old_raw, h.new_raw) for h in history] == [
        ("unit_name", None, "成都市疾控中心"), ("lectures", None, "603场")]
    assert all(h.note == f"复制自报告 #{report_id}" for h in history)
    # Later edits extend the copy's history, not the original's.
    storage.save_value(store, copy, "lectures", "700场")
    assert storage.get_history(store, copy)[-1].old_raw == "603场"
    assert len(storage.get_history(store, report_id)) == 2
    assert storage.copy_report(store, report_id, title="2025") != copy
