"""A draft as template TOML text, in the template language of docs/templates.md.

The text is what gets checked and stored, exactly like a template written by hand, so a
draft can never hold anything a hand-written template could not.
"""

from __future__ import annotations

import json
from typing import Any

from forms.importing.draft import Draft, DraftField

_ROLE_ORDER = ("unit", "period", "first_edition_year", "fill_date", "activity_period", "filled_by",
               "phone", "signoff", "stamp_label")


def toml_value(value: Any) -> str:
    """A TOML literal: strings as JSON strings (a valid TOML basic string), lists, numbers."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value), ensure_ascii=False)


def _lines(table: dict[str, Any]) -> list[str]:
    return [f"{key} = {toml_value(value)}" for key, value in table.items()
            if value not in (None, "", [], ())]


def field_table(spec: DraftField) -> dict[str, Any]:
    data: dict[str, Any] = {"id": spec.id, "label": spec.label, "type": spec.type}
    if spec.type not in ("pair",):
        data["unit"] = spec.unit
        data["accept_units"] = [u for u in spec.accept_units if u != spec.unit]
    data["required"] = spec.required or None
    data["aggregate"] = spec.aggregate
    data["min"], data["max"] = spec.min, spec.max
    data["max_length"] = spec.max_length
    if spec.max_length and spec.over_length:
        data["over_length"] = spec.over_length
    if spec.options:
        if all(code == label for code, label in spec.options):
            data["options"] = [label for _code, label in spec.options]
        else:
            data["options"] = [{"code": code, "label": label} for code, label in spec.options]
    if spec.layout != "half":
        data["layout"] = spec.layout
    data["help"] = spec.help
    # Written only once the template language has them (the XLSForm reader reports them
    # by row otherwise): show_if = { field, equals }, calculate = { sum = [...] }, pattern.
    if spec.show_if:
        data["show_if"] = {"field": spec.show_if[0], "equals": spec.show_if[1]}
    if spec.calculate:
        data["calculate"] = {"sum": list(spec.calculate)}
    if spec.pattern:
        data["pattern"] = spec.pattern
        data["pattern_message"] = spec.pattern_message
    return data


PEOPLE_SYNONYMS = {"人": ["名", "位"]}  # 85名 in a field of 人 is 85 人, with no warning


def unit_synonyms(draft: Draft) -> dict[str, list[str]]:
    """The draft's [unit_synonyms]: as set, or 名/位 for 人 when a count or list counts 人."""
    if draft.unit_synonyms is not None:
        return draft.unit_synonyms
    leaves = [leaf for spec in draft.fields() for leaf in (spec.parts or [spec])]
    counts_people = any(leaf.type in ("count", "name_list") and leaf.unit == "人" for leaf in leaves)
    return dict(PEOPLE_SYNONYMS) if counts_people else {}


def draft_toml(draft: Draft) -> str:
    """The draft's template text; loading it gives the draft back."""
    out = [f"# {draft.title} — 由“{draft.source}”导入的草稿，请核对每个字段的类型和单位。"]
    head: dict[str, Any] = {"id": draft.id, "title": draft.title, "version": draft.version,
                            "title_format": draft.title_format}
    out += _lines(head)
    roles = {name: draft.roles.get(name) for name in _ROLE_ORDER}
    if any(value for value in roles.values()):
        out += ["", "[roles]", *_lines(roles)]
    synonyms = unit_synonyms(draft)
    if synonyms:
        out += ["", "[unit_synonyms]",
                *(f"{toml_value(unit)} = {toml_value(words)}" for unit, words in synonyms.items())]
    for section in draft.sections:
        out += ["", "[[sections]]", *_lines({"id": section.id, "title": section.title})]
        for spec in section.fields:
            out += ["", "[[sections.fields]]", *_lines(field_table(spec))]
            for part in spec.parts:
                out += ["", "[[sections.fields.parts]]", *_lines(field_table(part))]
    for rule in draft.rules:
        out += ["", "[[rules]]", *_lines(rule)]
    return "\n".join(out) + "\n"
