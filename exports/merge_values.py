"""Combining the units' values field by field, and writing the text that forms reads back.

Each field's type merges its own values (``FieldType.merge``, aggregated as the template
says): the merged value and the raw text that forms re-parses to that same value
(``validate_report`` on the raw gives the values back), so the merged report is an ordinary,
editable report. Here is only what concerns the whole form: the unit, the sign-off, fields
that do not apply, and calculated totals.
"""

from __future__ import annotations

from typing import Any

from forms.registry import field_type
from forms.spec import FieldSpec, FormTemplate
from forms.types.base import UnitValues
from forms.types.numbers import (
    merged_qualifier,
    plain_number,
    quantity_text,
    sum_quantities,
)
from forms.validate import Validator, applicable_keys

__all__ = ["UnitValues", "column_total", "combine", "merged_qualifier", "numeric_fields",
           "plain_number", "quantity_text", "sum_quantities", "unit_numbers", "unit_quantity",
           "value_problem"]


def value_problem(spec: FieldSpec, value: Any) -> str | None:
    """Why a received value does not have the shape of ``spec``'s type (None when it does)."""
    return field_type(spec).value_problem(spec, value)


def unit_quantity(spec: FieldSpec, value: Any) -> dict[str, Any] | None:
    """The number a unit contributes to a numeric column (None for other field types)."""
    return None if value is None else field_type(spec).number(spec, value)


def column_total(spec: FieldSpec, quantities: Any) -> dict[str, Any] | None:
    """The merged number of one numeric column, from the units' numbers."""
    return field_type(spec).total(spec, list(quantities))


def combine(template: FormTemplate, units: list[tuple[str, dict[str, Any]]], *,
            unit_name: str | None = None) -> tuple[dict[str, str], dict[str, Any]]:
    """Merged raw texts and values of every field, from each unit's (name, values).

    The unit field becomes ``unit_name`` (or is left empty); the sign-off fields (填表人,
    电话, 日期) are left for the person filling in the summary, except the date. A unit's
    value of a field that does not apply in its report is left out; calculated fields are
    worked out again from the merged parts.
    """
    raw: dict[str, str] = {}
    values: dict[str, Any] = {}
    roles = template.roles
    skipped = set(roles.signoff) - {roles.fill_date}
    applying = [(unit, applicable_keys(template, v)) for unit, v in units]
    for spec in template.leaves():
        key = spec.key
        if key == roles.unit:
            if unit_name and unit_name.strip():
                raw[key] = values[key] = unit_name.strip()
            continue
        if key in skipped or spec.is_calculated:
            continue
        given: UnitValues = [(unit, v[key]) for (unit, v), (_, keys) in zip(units, applying,
                                                                          strict=True)
                             if v.get(key) is not None and key in keys]
        if not given:
            continue
        result = field_type(spec).merge(spec, given)
        if result is not None:
            raw[key], values[key] = result
    if any(spec.is_calculated for spec in template.leaves()):
        _calculate(template, raw, values)
    return raw, values


def _calculate(template: FormTemplate, raw: dict[str, str], values: dict[str, Any]) -> None:
    """Calculated fields from the merged parts, as the report will show them."""
    validator = Validator(template, raw)
    for spec in template.leaves():
        if spec.is_calculated and validator.raw.get(spec.key):
            raw[spec.key] = validator.raw[spec.key]
            value = validator.parsed[spec.key].value
            if value is not None:
                values[spec.key] = value


def numeric_fields(template: FormTemplate) -> list[FieldSpec]:
    """The fields and parts that hold a number, in form order (name lists by their count)."""
    return [spec for spec in template.leaves() if field_type(spec).numeric]


def unit_numbers(template: FormTemplate, values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """One unit's numbers, as remembered in the merged report's sources."""
    numbers = {}
    keys = applicable_keys(template, values)
    for spec in numeric_fields(template):
        quantity = unit_quantity(spec, values.get(spec.key)) if spec.key in keys else None
        if quantity is not None:
            numbers[spec.key] = quantity
    return numbers
