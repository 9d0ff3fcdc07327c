"""The field types by name, and parsing a field's text with its type."""

from __future__ import annotations

from forms.dates import DateRangeType, DateType
from forms.lists import LinkListType, NameListType
from forms.spec import FieldSpec
from forms.types import (
    ChecklistType,
    ChoiceType,
    CountType,
    EditionType,
    FieldType,
    LongTextType,
    MoneyType,
    Parsed,
    PhoneType,
    TextType,
    YesNoType,
)

TYPES: dict[str, FieldType] = {
    t.name: t
    for t in (TextType(), LongTextType(), CountType(), MoneyType(), EditionType(), YesNoType(),
              ChoiceType(), ChecklistType(), PhoneType(), DateType(), DateRangeType(),
              NameListType(), LinkListType())
}
COMPOUND_TYPES = ("pair",)  # a row made of parts, each with its own type
QUANTITY_TYPES = ("count", "money")


def parse_field(spec: FieldSpec, text: str | None) -> Parsed:
    """Parse one leaf field's text; never raises.

    >>> from forms.spec import FieldSpec
    >>> parse_field(FieldSpec("n", "发放科普知识印刷品", "count", unit="份"), "38万份").value
    {'value': 380000, 'unit': '份', 'qualifier': None}
    """
    return TYPES[spec.type].parse(spec, text)
