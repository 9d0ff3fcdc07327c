"""A draft template: the fields read from a blank form or an XLSForm, before anyone saves it.

Each field carries the reason for its guessed type (the word of the label that decided it),
so the review can show why, and the person can correct it before the template is stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DraftField:
    id: str
    label: str
    type: str
    unit: str | None = None
    reason: str = ""
    layout: str = "half"
    max_length: int | None = None
    over_length: str = ""  # "warning" for 字数 that is a guide (文字1000字), not a hard limit
    accept_units: tuple[str, ...] = ()
    options: list[tuple[str, str]] = field(default_factory=list)  # (code, label)
    parts: list[DraftField] = field(default_factory=list)
    required: bool = False
    help: str = ""
    min: float | None = None
    max: float | None = None
    show_if: tuple[str, str] | None = None  # (field id, value): shown only when it holds
    calculate: list[str] = field(default_factory=list)  # the ids it is the sum of
    pattern: str = ""  # a regular expression the whole text must match
    pattern_message: str = ""
    aggregate: str = ""  # how a merge combines units ("" = the type's default)
    where: str = ""  # the row or cell it came from, for messages

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "label": self.label, "type": self.type,
                                "unit": self.unit, "reason": self.reason}
        if self.max_length:
            data["max_length"] = self.max_length
        if self.aggregate:
            data["aggregate"] = self.aggregate
        if self.options:
            data["options"] = [{"code": c, "label": label} for c, label in self.options]
        if self.parts:
            data["parts"] = [part.to_json() for part in self.parts]
        return data


@dataclass
class DraftSection:
    id: str
    title: str
    fields: list[DraftField] = field(default_factory=list)


@dataclass
class Draft:
    id: str
    title: str
    sections: list[DraftSection]
    version: int = 1
    title_format: str = ""  # 第{edition}届… when the heading carries an edition
    roles: dict[str, Any] = field(default_factory=dict)
    rules: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # in Chinese, each naming its row
    notes: list[str] = field(default_factory=list)
    matches: str | None = None  # an existing form this one is (≥ 90 % of the labels)
    edition: int | None = None  # read from the heading: 第31届 → 31
    source: str = ""  # the file it was read from
    # [unit_synonyms]; None: 名 and 位 mean 人 wherever a field counts 人
    unit_synonyms: dict[str, list[str]] | None = None

    def fields(self) -> Iterator[DraftField]:
        for section in self.sections:
            yield from section.fields

    def field(self, field_id: str) -> DraftField | None:
        return next((f for f in self.fields() if f.id == field_id), None)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title,
                "fields": [f.to_json() for f in self.fields()],
                "matches": self.matches, "edition": self.edition, "roles": self.roles,
                "problems": self.problems, "notes": self.notes}
