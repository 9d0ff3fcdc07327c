"""A template's roles: which field is the unit, the period, the fill date, the sign-off…

New templates declare them in ``[roles]``; templates written before it (every report's stored
snapshot) name some at the top level (``unit_field``, ``period_field``, ``date_field``,
``signoff``, ``stamp_label``) and the rest are inferred from the field types, as the app
always treated them.
"""

from __future__ import annotations

from typing import Any

from forms.messages import Msg, msg
from forms.registry import COMPOUND_TYPES, TYPES
from forms.spec import Roles
from forms.template_problems import TEXTS, Problems

# role -> (the field types it may point at, what to call them in a message)
FIELD_ROLES: dict[str, tuple[tuple[str, ...], Msg]] = {
    "unit": (("text", "choice"), msg("文字（text）或选择（choice）")),
    "period": (("edition", "year"), msg("届次（edition）或年份（year）")),
    "fill_date": (("date",), msg("日期（date）")),
    "activity_period": (("date", "date_range"), msg("日期（date）或日期范围（date_range）")),
    "filled_by": (("text",), msg("文字（text）")),
    "phone": (("phone", "text"), msg("电话（phone）或文字（text）")),
}
ROLE_KEYS: dict[str, Any] = {**dict.fromkeys(FIELD_ROLES, str), "signoff": TEXTS,
                             "stamp_label": str, "first_edition_year": int}
LEGACY_KEYS = {"unit_field": "unit", "period_field": "period", "date_field": "fill_date",
               "signoff": "signoff", "stamp_label": "stamp_label"}


def read_roles(data: dict[str, Any], types: dict[str, str], problems: Problems) -> Roles:
    """The roles of a template (already checked for key types at the top level)."""
    lines = problems.lines
    table = data.get("roles")
    legacy = table is None
    line = None if legacy else lines.table("roles", 0) or lines.key("roles")
    declared: dict[str, Any] = {}
    if table is not None:
        problems.check_keys(line, "[roles]", table, ROLE_KEYS, set())
    if isinstance(table, dict):
        bad = problems.check_types(line, "[roles]", table, ROLE_KEYS,
                                   {"stamp_label": 50, **dict.fromkeys(FIELD_ROLES, 100)})
        declared = {k: v for k, v in table.items() if k in ROLE_KEYS and k not in bad}
    for old, role in LEGACY_KEYS.items():
        if old not in data:
            continue
        if role in declared:
            problems.add(lines.key(old), old,
                         msg("与 [roles] 中的 {role} 重复，请只保留 [roles] 中的写法", role=role))
        else:
            declared[role] = data[old]
    old_names = {role: old for old, role in LEGACY_KEYS.items()}

    def where(role: str) -> str:
        return old_names.get(role, role) if legacy else msg("角色 {role}", role=role)

    def at(role: str) -> int | None:
        if legacy:
            return lines.key(old_names.get(role, role))
        return lines.key(role, line) or line

    for role, (allowed, name) in FIELD_ROLES.items():
        key = declared.get(role)
        if key is None:
            continue
        if key not in types:
            problems.add(at(role), where(role), msg("引用了不存在的字段“{key}”", key=key))
            declared.pop(role)
        elif types[key] not in allowed and (types[key] in TYPES or types[key] in COMPOUND_TYPES):
            # (a field of an unknown type is named once, for its type)
            problems.add(at(role), where(role), msg("应指向{kind}类型的字段，而“{key}”是 {type}",
                                                    kind=name, key=key, type=types[key]))
            declared.pop(role)
    signoff = []
    for key in declared.get("signoff", ()):
        if key not in types:
            problems.add(at("signoff"), where("signoff"), msg("引用了不存在的字段“{key}”", key=key))
        else:
            signoff.append(key)
    first_year = declared.get("first_edition_year")
    if first_year is not None and not 1000 <= first_year <= 2200:
        problems.add(at("first_edition_year"), where("first_edition_year"),
                     msg("first_edition_year 应为第1届所在的年份，如 1995"))
        first_year = None
    if legacy:
        _infer(declared, signoff, types)
    return Roles(
        unit=declared.get("unit"), period=declared.get("period"),
        fill_date=declared.get("fill_date"), activity_period=declared.get("activity_period"),
        filled_by=declared.get("filled_by"), phone=declared.get("phone"),
        signoff=tuple(signoff), stamp_label=str(declared.get("stamp_label", "")),
        first_edition_year=first_year,
    )


def _infer(declared: dict[str, Any], signoff: list[str], types: dict[str, str]) -> None:
    """The roles an old template left implicit, by type, as the app always found them:
    the sign-off's text field is the person, its phone field the phone; the form's date
    range is when the activity took place."""
    for role, wanted in (("filled_by", "text"), ("phone", "phone")):
        found = next((k for k in signoff if types.get(k) == wanted), None)
        if found is not None:
            declared.setdefault(role, found)
    ranges = [k for k, t in types.items() if t == "date_range"]
    if ranges:
        declared.setdefault("activity_period", ranges[0])
