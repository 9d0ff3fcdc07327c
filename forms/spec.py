"""Form templates as plain data: a template has sections, sections have fields, fields may have parts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

LEGACY_YEAR_MIN = 1900  # an edition field whose minimum is a year holds years (old templates)


@dataclass(frozen=True, slots=True)
class Option:
    """One answer of a choice or checklist: ``code`` is stored, ``label`` is shown."""

    code: str
    label: str


@dataclass(frozen=True, slots=True)
class Condition:
    """``show_if``: the field applies only while ``field`` holds one of ``values`` (parsed)."""

    field: str
    values: tuple[Any, ...]
    texts: tuple[str, ...] = ()  # as written in the template, for messages

    def holds(self, value: Any) -> bool:
        if value is None:
            return False
        if isinstance(value, list):  # a checklist: any of the values ticked
            return any(item in self.values for item in value)
        if isinstance(value, dict) and "value" in value:  # a quantity: its number
            value = value["value"]
        return value in self.values


@dataclass(frozen=True, slots=True)
class Calculation:
    """``calculate``: the field is worked out from other fields (today: their sum)."""

    op: str
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One row (or one part of a compound row) of a paper form."""

    id: str
    label: str
    type: str
    key: str = ""  # "field" or "field.part": the key values are stored under
    full_label: str = ""  # label with its parent's, for messages: 科普讲座的人数（线上观看）
    unit: str | None = None
    accept_units: tuple[str, ...] = ()
    required: bool = False
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    over_length: str = "error"  # severity when max_length is exceeded
    help: str = ""
    placeholder: str = ""
    approx_allowed: bool = True
    layout: str = "half"  # "half" or "full", as on the paper form
    options: tuple[str, ...] = ()  # the labels shown, in order
    parts: tuple[FieldSpec, ...] = ()
    parent: str | None = None
    codes: tuple[str, ...] = ()  # the stored code of each option; empty: codes are the labels
    aggregate: str = ""  # how the merge combines units: sum, min, max, mean, none ("" = default)
    show_if: Condition | None = None
    calculate: Calculation | None = None
    example: str = ""
    pattern: str = ""  # a regular expression the whole text must match (text fields)
    pattern_message: str = ""  # what to say when it does not
    unit_synonyms: tuple[tuple[str, str], ...] = ()  # (written, meant): 名 means 人

    @property
    def is_compound(self) -> bool:
        return bool(self.parts)

    @property
    def is_calculated(self) -> bool:
        return self.calculate is not None

    @property
    def units(self) -> tuple[str, ...]:
        return ((self.unit,) if self.unit else ()) + self.accept_units

    def meant_unit(self, written: str | None) -> str | None:
        """The unit a written one stands for in this form (名 → 人 when declared)."""
        return next((meant for w, meant in self.unit_synonyms if w == written), written)

    @property
    def option_codes(self) -> tuple[str, ...]:
        return self.codes or self.options

    @property
    def choices(self) -> tuple[Option, ...]:
        return tuple(Option(c, label) for c, label in zip(self.option_codes, self.options,
                                                          strict=True))

    def option_label(self, code: str) -> str:
        """The label shown for a stored code (the code itself if the template lost it)."""
        codes = self.option_codes
        return self.options[codes.index(code)] if code in codes else code


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True, slots=True)
class Term:
    """One operand of a declared comparison: ``sign`` × (a field's value or a number)."""

    sign: int
    key: str | None = None
    number: float | None = None


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A declarative cross-field rule, e.g. ``direct_beneficiaries <= expected_beneficiaries``."""

    kind: str
    fields: tuple[str, ...]
    severity: str = "warning"
    min_length: int = 0
    message: str = ""
    expression: str = ""  # kind "compare": the comparison as written
    left: tuple[Term, ...] = ()
    op: str = ""
    right: tuple[Term, ...] = ()


@dataclass(frozen=True, slots=True)
class Roles:
    """What the app needs to know of a form, by the fields that play each part."""

    unit: str | None = None  # the reporting unit (填报单位)
    period: str | None = None  # the edition or year
    fill_date: str | None = None
    activity_period: str | None = None  # when the activity took place (a date or range)
    filled_by: str | None = None
    phone: str | None = None
    signoff: tuple[str, ...] = ()  # printed in the sign-off block, not the grid
    stamp_label: str = ""
    first_edition_year: int | None = None  # the year of edition 1 (第1届 = 1995)

    def meta_keys(self) -> set[str]:
        """Fields whose change moves the report list's title, unit, period or year."""
        return {k for k in (self.unit, self.period, self.fill_date, self.activity_period) if k}


_PLACEHOLDERS = ("{edition}", "{period}", "{year}")


@dataclass(frozen=True, slots=True)
class FormTemplate:
    id: str
    title: str
    version: int
    sections: tuple[Section, ...]
    rules: tuple[RuleSpec, ...] = ()
    title_format: str = ""  # e.g. 第{edition}届全国肿瘤防治宣传周活动总结表
    roles: Roles = Roles()
    order: int | None = None  # place in the list of forms (small first); the first is the default
    source: str = field(default="", repr=False, compare=False)
    path: str = field(default="", compare=False)
    index: dict[str, FieldSpec] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for spec in self.fields():
            self.index[spec.key] = spec
            for part in spec.parts:
                self.index[part.key] = part

    # Old names of the roles, kept for callers written before [roles].
    @property
    def unit_field(self) -> str | None:
        return self.roles.unit

    @property
    def period_field(self) -> str | None:
        return self.roles.period

    @property
    def date_field(self) -> str | None:
        return self.roles.fill_date

    @property
    def signoff(self) -> tuple[str, ...]:
        return self.roles.signoff

    @property
    def stamp_label(self) -> str:
        return self.roles.stamp_label

    def fields(self) -> Iterator[FieldSpec]:
        """Top-level fields in paper-form order."""
        for section in self.sections:
            yield from section.fields

    def leaves(self) -> Iterator[FieldSpec]:
        """Every field that holds a value: simple fields and the parts of compound ones."""
        for spec in self.fields():
            if spec.parts:
                yield from spec.parts
            else:
                yield spec

    def field(self, key: str) -> FieldSpec:
        """The field or part stored under ``key``; KeyError if there is none."""
        return self.index[key]

    def has(self, key: str) -> bool:
        return key in self.index

    def role_field(self, role: str) -> FieldSpec | None:
        """The field playing ``role`` (a name of ``Roles``), if the template has one."""
        key = getattr(self.roles, role, None)
        return self.index.get(key) if isinstance(key, str) else None

    def resolve_key(self, name: str) -> str | None:
        """A field id, part key or printed label to the key it is stored under."""
        name = name.strip()
        if self.has(name):
            return name
        for spec in self.fields():
            if name in (spec.label, spec.full_label):
                return spec.key
            for part in spec.parts:
                if name in (part.full_label, f"{spec.label}.{part.label}"):
                    return part.key
        return None

    def heading(self, values: dict[str, object] | None = None) -> str:
        """The printed title, with the edition (or year) filled in when known."""
        period = (values or {}).get(self.roles.period or "")
        if not self.title_format or period in (None, ""):
            return self.title
        text = self.title_format
        for placeholder in _PLACEHOLDERS:
            text = text.replace(placeholder, str(period))
        return text

    def period_in_title(self) -> bool:
        """The period is printed in the title, so not again in the grid."""
        return bool(self.roles.period) and any(p in self.title_format for p in _PLACEHOLDERS)

    def is_year_period(self) -> bool:
        """The period field holds a year (a year field, or an old edition field of years)."""
        spec = self.role_field("period")
        if spec is None:
            return False
        return spec.type == "year" or (spec.min or 0) >= LEGACY_YEAR_MIN

    def period_text(self, number: int) -> str:
        """The period as a person writes it and the report list shows it: 第30届 or 2024."""
        return str(number) if self.is_year_period() else f"第{number}届"

    def year_of_period(self, number: int) -> int | None:
        """The year of an edition or year number, when the template says how to tell."""
        if self.is_year_period():
            return number
        if self.roles.first_edition_year:
            return self.roles.first_edition_year + number - 1
        return None

    def period_of_year(self, year: int) -> int | None:
        """The edition (or year) held in ``year``: the inverse of ``year_of_period``."""
        if self.is_year_period():
            return year
        if self.roles.first_edition_year:
            return year - self.roles.first_edition_year + 1
        return None

    def year_of(self, values: dict[str, Any]) -> int | None:
        """The report's year: from its year or edition, else the fill date or activity dates."""
        spec = self.role_field("period")
        period = values.get(spec.key) if spec is not None else None
        if isinstance(period, int) and not isinstance(period, bool) and spec is not None \
                and (spec.type == "year" or self.roles.first_edition_year):
            return self.year_of_period(period)
        for role in ("fill_date", "activity_period"):
            year = _year_in(values.get(getattr(self.roles, role) or ""))
            if year is not None:
                return year
        if isinstance(period, int) and 1900 < period < 2200:  # an old edition field of years
            return period
        return None


def _year_in(value: Any) -> int | None:
    text = value.get("start") if isinstance(value, dict) else value
    if isinstance(text, str) and re.match(r"\d{4}-", text):
        try:
            return date.fromisoformat(text[:10]).year
        except ValueError:
            return None
    return None
