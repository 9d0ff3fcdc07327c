"""Operations find the unit, the period, the person and the phone by role, never by field id."""

from __future__ import annotations

from datetime import date

import storage
from forms.loader import load_template_text
from tests.forms.test_roles import FORM
from ui import operations


def _settings(store):
    storage.update_settings(store.db, unit_name="自贡市疾控中心", contact_person="李四",
                            phone="0813-2101234")


def test_settings_fill_the_fields_with_those_roles(store):
    _settings(store)
    template = load_template_text(FORM)
    report_id = operations.create_report(store, template.id, template=template,
                                         raw={"edition": "第37届", "held": "2024年5月31日"})
    raw = {k: v.raw for k, v in storage.get_values(store.db, report_id).items()}
    assert (raw["org"], raw["reporter"], raw["tel"]) == ("自贡市疾控中心", "李四", "0813-2101234")
    report = storage.get_report(store.db, report_id)
    assert (report.title, report.unit, report.period, report.year) == (
        "第37届无烟日活动总结表", "自贡市疾控中心", "第37届", 2024)
    data = operations.report_data(store, report_id)
    assert (data.contact_person, data.phone) == ("李四", "0813-2101234")


def test_a_typed_person_wins_over_the_settings(store):
    _settings(store)
    template = load_template_text(FORM)
    report_id = operations.create_report(store, template.id, template=template,
                                         raw={"reporter": "王五"})
    assert storage.get_values(store.db, report_id)["reporter"].raw == "王五"
    assert operations.report_data(store, report_id).contact_person == "王五"


def test_the_report_list_follows_the_activity_period_role(store):
    template = load_template_text(FORM)
    report_id = operations.create_report(store, template.id, template=template)
    session = operations.open_session(store, report_id)
    session.template = template
    write = operations.prepare_field_write(session, ["org"])
    assert write.meta is not None
    session.validator.set("held", "2023年5月31日")
    write = operations.prepare_field_write(session, ["held"])
    assert write.meta["year"] == 2023
    session.validator.set("reporter", "张三")
    assert operations.prepare_field_write(session, ["reporter"]).meta is None


def test_default_edition_from_the_first_edition_year(store, templates):
    template = load_template_text(FORM)
    assert operations.default_period(store, template, date(2024, 5, 1)) == 37
    week = templates["cancer_week_summary"]
    assert operations.default_period(store, week, date(2024, 5, 1)) == 30
    award = templates["association_award_summary"]
    assert operations.default_period(store, award, date(2024, 5, 1)) == 2024
