"""Imported templates in the database: stored with their facts, versions only go up."""

from __future__ import annotations

import pytest

import storage
from storage import schema
from tests.storage.conftest import new_report

SOURCE = 'id = "no_tobacco_day_summary"\ntitle = "世界无烟日活动总结表"\nversion = 1\n'
FORM = "no_tobacco_day_summary"


def put(store, version: int = 1, source: str = SOURCE, **extra) -> bool:
    return storage.import_template(store, form_id=FORM, version=version, title="世界无烟日活动总结表",
                                   source=source, **extra)


def test_the_migration_adds_the_table_and_is_recorded(store):
    assert "0002_imported_templates" in schema.applied_names(store.db)
    assert "imported_templates" in schema.user_tables(store.db)


def test_import_stores_text_version_hash_and_time(store):
    assert put(store, source_name="无烟日.toml") is True
    stored = storage.get_imported_template(store, FORM)
    assert (stored.form_id, stored.version, stored.title, stored.source, stored.source_name) == (
        FORM, 1, "世界无烟日活动总结表", SOURCE, "无烟日.toml")
    assert stored.sha256 == storage.template_sha256(SOURCE) and len(stored.sha256) == 64
    assert stored.imported_at[:2] == "20"
    assert [t.form_id for t in storage.list_imported_templates(store)] == [FORM]


def test_the_same_text_again_changes_nothing(store):
    put(store)
    before = storage.get_imported_template(store, FORM)
    assert put(store) is False
    assert storage.get_imported_template(store, FORM) == before


def test_a_higher_version_replaces_the_stored_one(store):
    put(store)
    newer = SOURCE.replace("version = 1", "version = 2")
    assert put(store, 2, newer) is True
    assert storage.get_imported_template(store, FORM).version == 2
    assert len(storage.list_imported_templates(store)) == 1


def test_the_same_version_with_other_text_is_refused(store):
    put(store, 2, SOURCE + "# 2\n")
    with pytest.raises(storage.TemplateVersionError) as caught:
        put(store, 2, SOURCE + "# 2, changed\n")
    assert "version 改为 3" in caught.value.text()
    assert storage.get_imported_template(store, FORM).source == SOURCE + "# 2\n"


def test_an_older_version_is_refused(store):
    put(store, 2, SOURCE + "# 2\n")
    with pytest.raises(storage.TemplateVersionError) as caught:
        put(store, 1, SOURCE)
    assert "较旧的第1版" in caught.value.text()
    assert storage.get_imported_template(store, FORM).version == 2


def test_a_missing_template_is_a_clear_error(store):
    with pytest.raises(storage.TemplateNotFoundError) as caught:
        storage.get_imported_template(store, "nothing_here")
    assert "nothing_here" in caught.value.text()
    with pytest.raises(storage.TemplateNotFoundError):
        storage.delete_imported_template(store, "nothing_here")


def test_delete_without_reports(store):
    put(store)
    storage.delete_imported_template(store, FORM)
    assert storage.list_imported_templates(store) == []


def test_delete_is_refused_while_reports_use_the_form_even_in_the_trash(store):
    put(store)
    report_id = new_report(store, form_id=FORM, template_source=SOURCE)
    with pytest.raises(storage.TemplateInUseError) as caught:
        storage.delete_imported_template(store, FORM)
    assert "1 份报表" in caught.value.text()
    storage.trash_report(store, report_id)
    with pytest.raises(storage.TemplateInUseError) as caught:
        storage.delete_imported_template(store, FORM)
    assert "回收站" in caught.value.text()
    storage.purge_report(store, report_id)
    storage.delete_imported_template(store, FORM)


def test_reports_keep_their_snapshot_when_the_template_is_replaced(store):
    put(store)
    report_id = new_report(store, form_id=FORM, template_source=SOURCE)
    put(store, 2, SOURCE.replace("version = 1", "version = 2"))
    assert storage.get_report_template_source(store, report_id) == SOURCE


def test_report_counts_leave_out_the_trash(store):
    kept = new_report(store)
    new_report(store)
    storage.trash_report(store, new_report(store, form_id=FORM))
    assert storage.count_reports_by_form(store) == {"cancer_week_summary": 2}
    assert kept


def test_a_read_only_store_refuses_to_import(db_path, store):
    store.close()
    with storage.open_database(db_path, read_only=True) as view:
        with pytest.raises(storage.StorageError):
            put(view)
