"""A template's unit synonyms: ``[unit_synonyms]`` "人" = ["名", "位"] — 名 and 位 mean 人.

Every count or name list whose units include 人 then reads "200名" as 200 人, with no
warning. The synonyms are the form's, not the app's: another form may count 名 apart.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from forms.messages import msg
from forms.quantity import COUNT_UNITS
from forms.spec import FieldSpec, Section
from forms.template_problems import Problems

SYNONYM_TYPES = ("count", "name_list")


def read_unit_synonyms(table: Any, problems: Problems) -> dict[str, str]:
    """{written: canonical} from the ``[unit_synonyms]`` table; problems named with their line."""
    if table is None:
        return {}
    lines = problems.lines
    line = lines.table("unit_synonyms", 0) or lines.key("unit_synonyms")
    if not isinstance(table, dict):
        problems.add(line, "unit_synonyms", msg('应为一个表，如 "人" = ["名", "位"]'))
        return {}
    found: dict[str, str] = {}
    for canonical, synonyms in table.items():
        at = lines.key(canonical, line) or line
        where = f"unit_synonyms.{canonical}"
        if canonical not in COUNT_UNITS:
            problems.add(at, where, msg("未知的单位“{unit}”", unit=canonical))
            continue
        if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
            problems.add(at, where, msg('应为单位的列表，如 ["名", "位"]'))
            continue
        for synonym in synonyms:
            if synonym not in COUNT_UNITS:
                problems.add(at, where, msg("未知的单位“{unit}”", unit=synonym))
            elif synonym == canonical or synonym in table:
                problems.add(at, where, msg("“{unit}”不能既是单位又是别名", unit=synonym))
            elif synonym in found and found[synonym] != canonical:
                problems.add(at, where, msg("“{unit}”已是“{other}”的别名", unit=synonym,
                                            other=found[synonym]))
            else:
                found[synonym] = canonical
    return found


def with_unit_synonyms(sections: tuple[Section, ...], synonyms: dict[str, str]
                       ) -> tuple[Section, ...]:
    """The sections with each count and name list knowing the synonyms of its own units."""
    if not synonyms:
        return sections
    return tuple(replace(section, fields=tuple(_field(f, synonyms) for f in section.fields))
                 for section in sections)


def _field(spec: FieldSpec, synonyms: dict[str, str]) -> FieldSpec:
    if spec.parts:
        return replace(spec, parts=tuple(_field(p, synonyms) for p in spec.parts))
    if spec.type not in SYNONYM_TYPES:
        return spec
    own = tuple((written, canonical) for written, canonical in synonyms.items()
                if canonical in spec.units)
    return replace(spec, unit_synonyms=own) if own else spec
