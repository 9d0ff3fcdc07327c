"""Combining the units' values field by field, and writing the text that forms reads back.

Each combiner takes the field and the units' values, and returns the merged value and the
raw text that forms re-parses to that same value (``validate_report`` on the raw gives the
values back), so the merged report is an ordinary, editable report.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from forms.quantity import APPROX, AT_LEAST, QUALIFIER_LABELS, json_number
from forms.spec import FieldSpec, FormTemplate

QUANTITY_TYPES = ("count", "money")
NUMERIC_TYPES = ("count", "money", "name_list")  # columns of the 分单位明细 sheet
_QUALIFIERS = (None, APPROX, AT_LEAST)
_NAME_BREAKS = str.maketrans({c: " " for c in "、；;,，\n\r"})

UnitValues = list[tuple[str, Any]]  # (unit name, that unit's value), units with a value only
Combined = tuple[str, Any] | None  # (raw text, value), or None to leave the field empty


# --- shapes --------------------------------------------------------------------------------

def _number_ok(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value) and abs(value) < 1e15)


def _quantity_problem(value: Any) -> str | None:
    if not isinstance(value, dict) or not _number_ok(value.get("value")):
        return "应为数量"
    if value.get("unit") is not None and not isinstance(value["unit"], str):
        return "单位不正确"
    if value.get("qualifier") not in _QUALIFIERS:
        return "限定词不正确"
    return None


def _iso_date(text: Any) -> bool:
    try:
        return isinstance(text, str) and date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _strings(items: Any) -> bool:
    return isinstance(items, list) and all(isinstance(i, str) for i in items)


def value_problem(spec: FieldSpec, value: Any) -> str | None:
    """Why a received value does not have the shape of ``spec``'s type (None when it does)."""
    kind = spec.type
    if kind in QUANTITY_TYPES:
        return _quantity_problem(value)
    if kind == "name_list":
        if not isinstance(value, dict) or not _strings(value.get("names")):
            return "应为名单"
        if value.get("count") is not None and _quantity_problem(value["count"]):
            return "名单的数量不正确"
        if not isinstance(value.get("partial", False), bool) or \
                not isinstance(value.get("note", ""), str):
            return "名单格式不正确"
        return None
    if kind == "link_list":
        ok = isinstance(value, list) and all(
            isinstance(v, dict) and isinstance(v.get("url"), str) and isinstance(v.get("name", ""), str)
            for v in value)
        return None if ok else "应为链接列表"
    if kind == "date":
        return None if _iso_date(value) else "应为日期"
    if kind == "date_range":
        ok = isinstance(value, dict) and _iso_date(value.get("start")) and \
            _iso_date(value.get("end")) and value["start"] <= value["end"]
        return None if ok else "应为日期范围"
    if kind == "edition":
        return None if isinstance(value, int) and not isinstance(value, bool) and value > 0 \
            else "应为正整数"
    if kind == "yes_no":
        return None if isinstance(value, bool) else "应为是或否"
    if kind == "checklist":
        return None if _strings(value) and set(value) <= set(spec.options) else "选项不正确"
    if kind == "choice":
        return None if value in spec.options else "选项不正确"
    return None if isinstance(value, str) else "应为文字"


# --- quantities ----------------------------------------------------------------------------

def merged_qualifier(qualifiers: Iterable[str | None]) -> str | None:
    """Any qualified part makes the sum qualified: 至少 if every qualified part was 至少, else 约."""
    present = [q for q in qualifiers if q]
    if not present:
        return None
    return AT_LEAST if all(q == AT_LEAST for q in present) else APPROX


def sum_quantities(quantities: Iterable[dict[str, Any] | None],
                   default_unit: str | None = None) -> dict[str, Any] | None:
    """The sum of count/money values: exact decimal sum, common unit, merged qualifier."""
    given = [q for q in quantities if q is not None]
    if not given:
        return None
    total = sum((Decimal(str(q["value"])) for q in given), Decimal(0))
    units = list(dict.fromkeys(q.get("unit") for q in given))
    unit = units[0] if len(units) == 1 else default_unit or units[0]
    return {"value": json_number(total), "unit": unit,
            "qualifier": merged_qualifier(q.get("qualifier") for q in given)}


def plain_number(value: int | float) -> str:
    """1234567 -> '1234567'; 46.21 -> '46.21' (no separators: forms reads it back exactly)."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def quantity_text(quantity: dict[str, Any]) -> str:
    """约1234567人, 至少30场, 1300000元."""
    label = QUALIFIER_LABELS.get(quantity.get("qualifier") or "", "")
    return f"{label}{plain_number(quantity['value'])}{quantity.get('unit') or ''}"


def list_count(value: dict[str, Any]) -> dict[str, Any] | None:
    """A name list's count as summed: the count written, else the names listed (至少 if 等).

    A count made from the names is marked ``listed``: it only adds to a total when some
    other unit wrote a count (lists nobody counted stay without a count).
    """
    if value.get("count") is not None:
        return value["count"]
    names = value.get("names") or []
    if not names:
        return None
    return {"value": len(names), "unit": None,
            "qualifier": AT_LEAST if value.get("partial") else None, "listed": True}


def sum_list_counts(quantities: Iterable[dict[str, Any] | None],
                    default_unit: str | None = None) -> dict[str, Any] | None:
    """The total of a name-list column: None when no unit wrote a count."""
    given = [q for q in quantities if q is not None]
    if all(q.get("listed") for q in given):
        return None
    return sum_quantities(given, default_unit)


def column_total(spec: FieldSpec, quantities: Iterable[dict[str, Any] | None]
                 ) -> dict[str, Any] | None:
    """The merged number of one numeric column, from the units' numbers."""
    if spec.type == "name_list":
        return sum_list_counts(quantities, spec.unit)
    total = sum_quantities(quantities, "元" if spec.type == "money" else spec.unit)
    if total is not None and spec.type == "money":
        total["unit"] = "元"
    return total


def unit_quantity(spec: FieldSpec, value: Any) -> dict[str, Any] | None:
    """The number a unit contributes to a numeric column (None for other field types)."""
    if value is None:
        return None
    if spec.type in QUANTITY_TYPES:
        return {"value": value["value"], "unit": value.get("unit"),
                "qualifier": value.get("qualifier")}
    if spec.type == "name_list":
        quantity = list_count(value)
        if quantity is not None and quantity.get("unit") is None:
            quantity = {**quantity, "unit": spec.unit}
        return quantity
    return None


# --- one combiner per field type ---------------------------------------------------------

def _quantity(spec: FieldSpec, units: UnitValues) -> Combined:
    total = column_total(spec, (unit_quantity(spec, v) for _, v in units))
    return None if total is None else (quantity_text(total), total)


def _name_list(spec: FieldSpec, units: UnitValues) -> Combined:
    names = list(dict.fromkeys(n.translate(_NAME_BREAKS).strip() for _, v in units
                               for n in v.get("names") or ()))
    names = [n for n in names if n]
    partial = any(v.get("partial") for _, v in units)
    notes = [f"【{unit}】{v['note'].strip()}" for unit, v in units if (v.get("note") or "").strip()]
    count = column_total(spec, (unit_quantity(spec, v) for _, v in units))
    if count is None and not names and not partial:
        return None
    pieces = [quantity_text(count)] if count is not None else []
    listing = "、".join(names)
    if listing:
        pieces.append(listing)
    if partial or notes:
        pieces.append("等")
        partial = True
    raw = "；".join(pieces)
    if not partial and names and names[-1].endswith("等"):
        raw += "；"  # 乙等 at the very end would read as 乙 + 等
    note = "\n".join(notes)
    if note:
        raw += "\n" + note
    return raw, {"count": count, "names": names, "partial": partial, "note": note}


def _link_list(spec: FieldSpec, units: UnitValues) -> Combined:
    links: dict[str, dict[str, str]] = {}
    for _, value in units:
        for link in value:
            links.setdefault(link["url"], {"name": link.get("name", ""), "url": link["url"]})
    if not links:
        return None
    merged = list(links.values())
    raw = "\n".join(f"{link['name']} {link['url']}".strip() for link in merged)
    return raw, merged


def _long_text(spec: FieldSpec, units: UnitValues) -> Combined:
    blocks = [f"【{unit}】\n{text.strip()}" for unit, text in units if text.strip()]
    if not blocks:
        return None
    text = "\n\n".join(blocks)
    return text, text


def _text(spec: FieldSpec, units: UnitValues) -> Combined:
    distinct = list(dict.fromkeys(v.strip() for _, v in units if v.strip()))
    if not distinct:
        return None
    text = "、".join(distinct)
    return text, text


def _date(spec: FieldSpec, units: UnitValues) -> Combined:
    latest = max(v for _, v in units)
    return _date_text(latest), latest


def _date_text(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"


def _date_range(spec: FieldSpec, units: UnitValues) -> Combined:
    start = min(v["start"] for _, v in units)
    end = max(v["end"] for _, v in units)
    raw = _date_text(start) if start == end else f"{_date_text(start)}至{_date_text(end)}"
    return raw, {"start": start, "end": end}


def _checklist(spec: FieldSpec, units: UnitValues) -> Combined:
    chosen = {item for _, v in units for item in v}
    merged = [option for option in spec.options if option in chosen]
    return ("；".join(merged) if merged else "无"), merged


def _same(texts: Callable[[Any], str]) -> Callable[[FieldSpec, UnitValues], Combined]:
    """Kept only when every unit gave the same value; otherwise left for the person."""

    def combine(spec: FieldSpec, units: UnitValues) -> Combined:
        values = {repr(v) for _, v in units}
        if len(values) != 1:
            return None
        value = units[0][1]
        return texts(value), value

    return combine


COMBINERS: dict[str, Callable[[FieldSpec, UnitValues], Combined]] = {
    "count": _quantity, "money": _quantity, "name_list": _name_list, "link_list": _link_list,
    "long_text": _long_text, "text": _text, "date": _date, "date_range": _date_range,
    "checklist": _checklist, "yes_no": _same(lambda v: "是" if v else "否"),
    "choice": _same(str), "phone": _same(str),
}


def _edition(template: FormTemplate, units: UnitValues) -> Combined:
    """The most common edition or year (the first one given on a tie)."""
    number = Counter(v for _, v in units).most_common(1)[0][0]
    return (f"第{number}届" if template.title_format else str(number)), number


def combine(template: FormTemplate, units: list[tuple[str, dict[str, Any]]], *,
            unit_name: str | None = None) -> tuple[dict[str, str], dict[str, Any]]:
    """Merged raw texts and values of every field, from each unit's (name, values).

    The unit field becomes ``unit_name`` (or is left empty); the sign-off fields (填表人,
    电话, 日期) are left for the person filling in the summary, except the date.
    """
    raw: dict[str, str] = {}
    values: dict[str, Any] = {}
    skipped = {key for key in template.signoff if template.field(key).type != "date"}
    for spec in template.leaves():
        key = spec.key
        if key == template.unit_field:
            if unit_name and unit_name.strip():
                raw[key] = values[key] = unit_name.strip()
            continue
        if key in skipped:
            continue
        given = [(unit, v[key]) for unit, v in units if v.get(key) is not None]
        if not given:
            continue
        if spec.type == "edition":
            result = _edition(template, given)
        else:
            result = COMBINERS.get(spec.type, _same(str))(spec, given)
        if result is not None:
            raw[key], values[key] = result
    return raw, values


def numeric_fields(template: FormTemplate) -> list[FieldSpec]:
    """The fields and parts that hold a number, in form order (name lists by their count)."""
    return [spec for spec in template.leaves() if spec.type in NUMERIC_TYPES]


def unit_numbers(template: FormTemplate, values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """One unit's numbers, as remembered in the merged report's sources."""
    numbers = {}
    for spec in numeric_fields(template):
        quantity = unit_quantity(spec, values.get(spec.key))
        if quantity is not None:
            numbers[spec.key] = quantity
    return numbers
