"""Form templates as plain data: a template has sections, sections have fields, fields may have parts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


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
    options: tuple[str, ...] = ()
    parts: tuple[FieldSpec, ...] = ()
    parent: str | None = None

    @property
    def is_compound(self) -> bool:
        return bool(self.parts)

    @property
    def units(self) -> tuple[str, ...]:
        return ((self.unit,) if self.unit else ()) + self.accept_units


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A declarative cross-field rule, e.g. ``direct <= expected``."""

    kind: str
    fields: tuple[str, ...]
    severity: str = "warning"
    min_length: int = 0
    message: str = ""


@dataclass(frozen=True, slots=True)
class FormTemplate:
    id: str
    title: str
    version: int
    sections: tuple[Section, ...]
    rules: tuple[RuleSpec, ...] = ()
    title_format: str = ""  # e.g. 第{edition}届全国肿瘤防治宣传周活动总结表
    unit_field: str | None = None
    period_field: str | None = None
    date_field: str | None = None
    signoff: tuple[str, ...] = ()  # fields printed in the sign-off block, not the grid
    stamp_label: str = ""
    source: str = field(default="", repr=False, compare=False)
    path: str = field(default="", compare=False)
    index: dict[str, FieldSpec] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for spec in self.fields():
            self.index[spec.key] = spec
            for part in spec.parts:
                self.index[part.key] = part

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
        """The printed title, with the edition filled in when known."""
        edition = (values or {}).get(self.period_field or "")
        if self.title_format and edition not in (None, ""):
            return self.title_format.format(edition=edition)
        return self.title

