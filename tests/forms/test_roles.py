"""Roles, not ids: [roles], the old top-level keys of stored snapshots, and the report's year."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms.loader import check_template_text, load_template_text
from forms.validate import expand_values, validate_report

LEGACY = Path(__file__).resolve().parent.parent / "fixtures" / "legacy"

FORM = '''id = "quit_day"
title = "无烟日活动总结表"
version = 1
title_format = "第{edition}届无烟日活动总结表"

[roles]
unit = "org"
period = "edition"
first_edition_year = 1988
fill_date = "filled_on"
activity_period = "held"
filled_by = "reporter"
phone = "tel"
signoff = ["reporter", "tel", "filled_on"]
stamp_label = "（公章）"

[[sections]]
id = "main"
title = "基本情况"

[[sections.fields]]
id = "org"
label = "单位"
type = "text"

[[sections.fields]]
id = "edition"
label = "届次"
type = "edition"

[[sections.fields]]
id = "held"
label = "活动时间"
type = "date_range"

[[sections.fields]]
id = "filled_on"
label = "填表日期"
type = "date"

[[sections.fields]]
id = "reporter"
label = "填表人"
type = "text"

[[sections.fields]]
id = "tel"
label = "电话"
type = "phone"
'''


def legacy(name: str):
    path = LEGACY / f"{name}_v1.toml"
    return load_template_text(path.read_text(encoding="utf-8"), str(path))


def test_roles_are_read_from_the_roles_table():
    template = load_template_text(FORM)
    roles = template.roles
    assert (roles.unit, roles.period, roles.fill_date, roles.activity_period) == (
        "org", "edition", "filled_on", "held")
    assert (roles.filled_by, roles.phone, roles.signoff, roles.stamp_label) == (
        "reporter", "tel", ("reporter", "tel", "filled_on"), "（公章）")
    assert roles.first_edition_year == 1988
    # the old names still answer, for code written before [roles]
    assert (template.unit_field, template.period_field, template.date_field) == (
        "org", "edition", "filled_on")
    assert roles.meta_keys() == {"org", "edition", "filled_on", "held"}


def test_edition_to_year_and_back():
    template = load_template_text(FORM)
    assert template.year_of_period(37) == 2024 and template.period_of_year(2024) == 37
    assert template.period_text(37) == "第37届"
    assert template.year_of({"edition": 37, "filled_on": "2025-01-02"}) == 2024
    assert template.year_of({"filled_on": "2025-01-02"}) == 2025
    assert template.year_of({"held": {"start": "2023-05-31", "end": "2023-06-02"}}) == 2023
    assert template.year_of({}) is None
    assert template.heading({"edition": 37}) == "第37届无烟日活动总结表"


@pytest.mark.parametrize(("change", "where", "message"), [
    (('unit = "org"', 'unit = "organisation"'), "角色 unit", "引用了不存在的字段“organisation”"),
    (('period = "edition"', 'period = "org"'), "角色 period",
     "应指向届次（edition）或年份（year）类型的字段，而“org”是 text"),
    (('signoff = ["reporter", "tel", "filled_on"]', 'signoff = ["reporter", "fax"]'),
     "角色 signoff", "引用了不存在的字段“fax”"),
    (('stamp_label = "（公章）"', 'stamp_label = "（公章）"\nseal = "x"'), "[roles]", "未知的键：seal"),
    (('first_edition_year = 1988', 'first_edition_year = 88'), "角色 first_edition_year",
     "first_edition_year 应为第1届所在的年份，如 1995"),
    (('version = 1', 'version = 1\nunit_field = "org"'), "unit_field",
     "与 [roles] 中的 unit 重复，请只保留 [roles] 中的写法"),
])
def test_role_mistakes_are_named(change, where, message):
    old, new = change
    text = FORM.replace(old, new, 1)
    check = check_template_text(text)
    assert [(p.where, p.message) for p in check.problems] == [(where, message)]
    line = next(n for n, t in enumerate(text.splitlines(), 1) if new.splitlines()[-1] in t)
    assert check.problems[0].line == line


def test_old_snapshots_load_with_the_roles_the_app_always_used():
    week = legacy("cancer_week_summary")
    assert week.version == 1 and week.roles.unit == "unit_name"
    assert (week.roles.period, week.roles.fill_date, week.roles.activity_period) == (
        "edition", "fill_date", "activity_time")
    assert (week.roles.filled_by, week.roles.phone) == ("filled_by", "contact_phone")
    assert week.roles.signoff == ("filled_by", "contact_phone", "fill_date")
    assert week.roles.stamp_label == "（盖章）" and week.roles.first_edition_year is None
    award = legacy("association_award_summary")
    assert (award.roles.unit, award.roles.period, award.roles.activity_period) == (
        "association_name", "year", None)
    assert award.period_text(2023) == "2023" and week.period_text(30) == "第30届"


def test_old_snapshots_validate_the_seeds_exactly_like_todays_forms(
        templates, seed_000, seed_004):
    for form_id, seed in (("cancer_week_summary", seed_000),
                          ("association_award_summary", seed_004)):
        old, new = legacy(form_id), templates[form_id]
        old_check = validate_report(old, expand_values(old, seed)[0])
        new_check = validate_report(new, expand_values(new, seed)[0])
        assert old_check.values == new_check.values
        assert old_check.issues == new_check.issues


def test_the_report_year_of_old_snapshots_is_what_it_always_was():
    week, award = legacy("cancer_week_summary"), legacy("association_award_summary")
    values = {"edition": 30, "fill_date": "2024-04-28",
              "activity_time": {"start": "2024-04-15", "end": "2024-04-26"}}
    assert week.year_of(values) == 2024
    assert week.year_of({"edition": 30}) is None  # no first-edition year in the old snapshot
    # the old 年度 was an edition field: the fill date came first, then the number itself
    assert award.year_of({"year": 2023, "fill_date": "2024-01-05"}) == 2024
    assert award.year_of({"year": 2023}) == 2023
