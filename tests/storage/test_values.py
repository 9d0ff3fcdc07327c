"""Values, history, explanations and settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import storage
from storage import common


def test_save_value_stores_raw_and_normalised_with_history(store, report_id):
    assert storage.save_value(store, report_id, "lecture_attendance.online", "线上观看245975人次",
                              {"value": 245975, "unit": "人次"}, user="王芳")
    value = storage.get_values(store, report_id)["lecture_attendance.online"]
    assert value.raw == "线上观看245975人次"
    assert value.normalised == {"value": 245975, "unit": "人次"}
    assert len(value.updated_at) == 19
    [entry] = storage.get_history(store, report_id)
    assert (entry.key, entry.old_raw, entry.new_raw, entry.user) == (
        "lecture_attendance.online", None, "线上观看245975人次", "王芳")


def test_unchanged_text_writes_no_history_and_returns_false(store, report_id):
    storage.save_value(store, report_id, "lectures", "603场", 603)
    before = storage.get_report(store, report_id).updated_at
    assert storage.save_value(store, report_id, "lectures", "603场", 603) is False
    assert len(storage.get_history(store, report_id)) == 1
    assert storage.get_report(store, report_id).updated_at == before


def test_changed_text_records_old_and_new_and_bumps_report(store, report_id):
    store.db.execute("UPDATE reports SET updated_at = '2000-01-01T00:00:00'")
    storage.save_value(store, report_id, "lectures", "603场", 603)
    storage.save_value(store, report_id, "lectures", "六百零三场", 603)
    storage.save_value(store, report_id, "lectures", "", None)
    history = storage.get_history(store, report_id, "lectures")
    assert [(h.old_raw, h.new_raw) for h in history] == [
        (None, "603场"), ("603场", "六百零三场"), ("六百零三场", "")]
    assert history[0].user == common.os_user() != ""
    assert storage.get_values(store, report_id)["lectures"].raw == ""
    assert storage.get_report(store, report_id).updated_at > "2000"


def test_only_normalised_changed_is_stored_without_history(store, report_id):
    storage.save_value(store, report_id, "n", "1万", 10000)
    assert storage.save_value(store, report_id, "n", "1万", {"value": 10000})
    assert storage.get_values(store, report_id)["n"].normalised == {"value": 10000}
    assert len(storage.get_history(store, report_id)) == 1


def test_empty_first_save_stores_nothing(store, report_id):
    assert storage.save_value(store, report_id, "blank", "") is False
    assert storage.get_values(store, report_id) == {}
    assert storage.get_history(store, report_id) == []


def test_history_filters_by_key_and_is_per_report(store, report_id):
    other = storage.copy_report(store, report_id)
    storage.save_value(store, report_id, "a", "1")
    storage.save_value(store, report_id, "b", "2")
    storage.save_value(store, other, "a", "9")
    assert [h.key for h in storage.get_history(store, report_id)] == ["a", "b"]
    assert [h.new_raw for h in storage.get_history(store, report_id, "b")] == ["2"]
    assert [h.new_raw for h in storage.get_history(store, other)] == ["9"]


def test_save_values_is_one_transaction_and_reports_changed_keys(store, report_id):
    storage.save_value(store, report_id, "same", "不变")
    changed = storage.save_values(store, report_id, {
        "same": "不变", "unit_name": ("四川省抗癌协会", "四川省抗癌协会"), "hospitals": "1431家"})
    assert changed == ["unit_name", "hospitals"]
    assert [h.key for h in storage.get_history(store, report_id)] == ["same", "unit_name",
                                                                       "hospitals"]
    with pytest.raises(TypeError):  # a bad item aborts the whole batch
        storage.save_values(store, report_id, {"x": "1", "y": (2, None)})
    assert "x" not in storage.get_values(store, report_id)


def test_values_keep_first_saved_order(store, report_id):
    for key in ("z", "a", "m"):
        storage.save_value(store, report_id, key, key)
    storage.save_value(store, report_id, "a", "again")
    assert list(storage.get_values(store, report_id)) == ["z", "a", "m"]


def test_missing_report(store):
    for call in (lambda: storage.save_value(store, 42, "k", "v"),
                 lambda: storage.save_values(store, 42, {"k": "v"}),
                 lambda: storage.get_values(store, 42),
                 lambda: storage.get_history(store, 42),
                 lambda: storage.set_explanation(store, 42, "k", "c", "t")):
        with pytest.raises(storage.ReportNotFoundError):
            call()


@pytest.mark.parametrize(("given", "stored"), [
    (None, None),
    ("成都", "成都"),
    (Decimal("603"), 603),
    (Decimal("1.5"), 1.5),
    (dt.date(2024, 4, 26), "2024-04-26"),
    ((1, 2), [1, 2]),
    ({"value": 10000, "unit": "份", "approx": True}, {"value": 10000, "unit": "份", "approx": True}),
    (storage.JsonText('{"already": "json"}'), {"already": "json"}),
])
def test_normalised_values_round_trip_as_json(store, report_id, given, stored):
    storage.save_value(store, report_id, "k", "原文", given)
    assert storage.get_values(store, report_id)["k"].normalised == stored


def test_explanations_set_change_delete(store, report_id):
    assert storage.set_explanation(store, report_id, "hospitals", "count_mismatch",
                                   "名单只列出部分医院")
    assert not storage.set_explanation(store, report_id, "hospitals", "count_mismatch",
                                       "名单只列出部分医院 ")
    storage.set_explanation(store, report_id, "lectures", "large", "全省合计")
    storage.set_explanation(store, report_id, "lectures", "large", "全省合计，已核实")
    assert storage.get_explanations(store, report_id) == {
        ("hospitals", "count_mismatch"): "名单只列出部分医院",
        ("lectures", "large"): "全省合计，已核实"}
    assert storage.set_explanation(store, report_id, "hospitals", "count_mismatch", "  ")
    assert storage.get_explanations(store, report_id) == {("lectures", "large"): "全省合计，已核实"}


def test_settings_defaults_update_and_persist(db_path):
    with storage.open_database(db_path, daily_backup=False) as store:
        settings = storage.get_settings(store)
        assert settings == storage.Settings()
        assert (settings.language, settings.attachment_max_mb) == ("zh_CN", 500)
        updated = storage.update_settings(store, unit_name="成都市疾控中心", phone="028-12345678",
                                          attachment_max_mb=50)
        assert updated.attachment_max_bytes == 50 * 1024 * 1024
        for bad in ({"colour": "red"}, {"attachment_max_mb": "50"}, {"attachment_max_mb": 0},
                    {"phone": 123}):
            with pytest.raises(ValueError):
                storage.update_settings(store, **bad)
    with storage.open_database(db_path, daily_backup=False) as store:
        settings = storage.get_settings(store)
        assert (settings.unit_name, settings.phone, settings.contact_person) == (
            "成都市疾控中心", "028-12345678", "")


def test_os_user_never_fails(monkeypatch):
    def broken():
        raise OSError("no user")

    common.os_user.cache_clear()
    monkeypatch.setattr(common.getpass, "getuser", broken)
    monkeypatch.setenv("USER", "fallback")
    monkeypatch.delenv("USERNAME", raising=False)
    try:
        assert common.os_user() == "fallback"
    finally:
        common.os_user.cache_clear()


def test_an_explanation_belongs_to_the_value_it_was_given_for(store, report_id):
    storage.save_value(store, report_id, "lectures", "603场")
    storage.set_explanation(store, report_id, "lectures", "large", "全省合计")
    assert storage.get_explanations(store, report_id) == {("lectures", "large"): "全省合计"}
    storage.save_value(store, report_id, "lectures", "6030场")
    # The value changed: the old explanation no longer explains it.
    assert storage.get_explanations(store, report_id) == {}
    record = storage.get_explanation_records(store, report_id)[("lectures", "large")]
    assert (record.text, record.value_raw, record.stale) == ("全省合计", "603场", True)
    # Confirming the same text again makes it the explanation of the new value.
    assert storage.set_explanation(store, report_id, "lectures", "large", "全省合计")
    assert storage.get_explanations(store, report_id) == {("lectures", "large"): "全省合计"}
    assert not storage.get_explanation_records(store, report_id)[("lectures", "large")].stale
    # Back to the value it was given for, an explanation holds again (it belongs to the value).
    storage.save_value(store, report_id, "lectures", "603场")
    assert storage.get_explanations(store, report_id) == {}
    storage.save_value(store, report_id, "lectures", "6030场")
    assert storage.get_explanations(store, report_id) == {("lectures", "large"): "全省合计"}


def test_explanations_of_another_report_are_untouched_by_a_save(store, report_id):
    from tests.storage.conftest import new_report

    other = new_report(store, title="另一份")
    for rid in (report_id, other):
        storage.save_value(store, rid, "lectures", "603场")
        storage.set_explanation(store, rid, "lectures", "large", "全省合计")
    storage.save_value(store, report_id, "lectures", "6030场")
    assert storage.get_explanations(store, other) == {("lectures", "large"): "全省合计"}
    assert storage.get_explanations(store, report_id) == {}


def test_explanations_given_before_the_upgrade_stay_valid(db_path):
    from sqlite_utils import Database

    from storage import schema
    from tests.storage.conftest import TEMPLATE

    db_path.parent.mkdir(parents=True)
    old = Database(db_path)
    schema.migrations.apply(old, stop_before=schema.KNOWN_MIGRATIONS[1])
    old.execute("PRAGMA user_version = 1")
    old.execute("INSERT INTO templates VALUES (1, 'f', 1, 'x', ?, 't')", [TEMPLATE])
    old.execute("INSERT INTO reports (id, form_id, form_version, template_id, created_at, "
                "updated_at) VALUES (1, 'f', 1, 1, 't', 't')")
    old.execute("INSERT INTO field_values (report_id, key, slot, raw, updated_at) "
                "VALUES (1, 'lectures', 1, '603场', 't')")
    old.execute("INSERT INTO explanations VALUES (1, 'lectures', 'large', '全省合计', 't')")
    old.conn.commit()
    old.close()
    with storage.open_database(db_path, daily_backup=False) as store:
        assert storage.get_explanations(store, 1) == {("lectures", "large"): "全省合计"}
        storage.save_value(store, 1, "lectures", "6030场")
        assert storage.get_explanations(store, 1) == {}
