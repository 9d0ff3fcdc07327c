"""The report's year, from its period as the template declares it (第30届 → 2024 when 第1届 = 1995).

Dates written without a year (4月15日-21日) take it; dates in another year (a 第30届 report
dated 2023) get a warning. A period whose year is after next year (第2024届 → 4018年) is an
error, and no date ever takes such a year.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from forms.issues import ERROR, WARNING, Issue
from forms.messages import msg
from forms.spec import LEGACY_YEAR_MIN, FieldSpec, FormTemplate
from forms.types import NO_CONTEXT, ParseContext, Parsed

DATE_TYPES = ("date", "date_range")


def period_context(template: FormTemplate, values: dict[str, Any],
                   given: ParseContext | None = None) -> ParseContext:
    """The parse context with the year of the report's period; ``given`` when it has none."""
    spec = template.role_field("period")
    number = values.get(spec.key) if spec is not None else None
    if isinstance(number, int) and not isinstance(number, bool):
        year = template.year_of_period(number)
        if year is not None and year <= latest_year():
            label = msg("{year}年", year=number) if template.is_year_period() else \
                msg("第{number}届（{year}年）", number=number, year=year)
            return ParseContext(year, label)
    return given or NO_CONTEXT


def date_keys(template: FormTemplate) -> list[str]:
    return [spec.key for spec in template.leaves() if spec.type in DATE_TYPES]


def year_issues(template: FormTemplate, spec: FieldSpec, value: Any,
                context: ParseContext) -> list[Issue]:
    """A warning when the activity dates fall outside the period's year, or the fill date
    before it (or more than a year after)."""
    if context.year is None or not context.period:
        return []
    if spec.key == template.roles.activity_period:
        allowed = {context.year}
    elif spec.key == template.roles.fill_date:
        allowed = {context.year, context.year + 1}
    else:
        return []
    days = [value] if isinstance(value, str) else \
        [value.get("start"), value.get("end")] if isinstance(value, dict) else []
    years = sorted({date.fromisoformat(d).year for d in days if isinstance(d, str)} - allowed)
    if not years:
        return []
    return [Issue(spec.key, spec.full_label or spec.label, WARNING, "year_mismatch",
                  msg("日期在{year}年，而本报表是{period}", year=years[0], period=context.period),
                  msg("请核对年份或届次"))]


def latest_year() -> int:
    """The latest year a report may be for: next year (a report is filled after its period)."""
    return date.today().year + 1


def period_problem(template: FormTemplate, spec: FieldSpec, parsed: Parsed) -> Parsed:
    """The period as parsed, or an error and no value when it is a year typed as the edition
    (第2024届 would put the report in 4018) or its year is after next year."""
    number = parsed.value
    if spec.type != "edition" or template.is_year_period() or not isinstance(number, int):
        return parsed
    year = template.year_of_period(number)
    if (year is None and number < LEGACY_YEAR_MIN) or (year is not None and year <= latest_year()):
        return parsed
    this_year = date.today().year
    now = template.period_of_year(this_year)
    first = template.roles.first_edition_year
    check = msg("请核对届次：{year}年是第{number}届", year=this_year, number=now) if now else \
        msg("请填写第几届，如“第30届”")
    if first and first <= number <= latest_year():
        message = msg("“{number}”像是年份，而不是届次", number=number)
        check = msg("{year}年是第{number}届，请填写届次", year=number,
                    number=template.period_of_year(number))
    elif number >= LEGACY_YEAR_MIN:
        message = msg("“{number}”像是年份，而不是届次", number=number)
    else:
        message = msg("第{number}届应在{year}年，晚于{latest}年", number=number, year=year,
                      latest=latest_year())
    return Parsed(None, (Issue(spec.key, spec.full_label or spec.label, ERROR, "edition_too_late",
                               message, check),))
