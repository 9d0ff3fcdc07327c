"""The field types by name, and parsing a field's text with its type.

Adding a type: write its class (a module of ``forms/types/``, or the family module it belongs
to) and add an instance to ``TYPES`` below. docs/templates.md says what the class owns.
"""

from __future__ import annotations

from forms.dates import DateRangeType, DateType
from forms.lists import LinkListType, NameListType
from forms.messages import msg
from forms.spec import FieldSpec
from forms.types import (
    ChecklistType,
    ChoiceType,
    CountType,
    DecimalType,
    EditionType,
    FieldType,
    LongTextType,
    MoneyType,
    ParseContext,
    Parsed,
    PhoneType,
    TextType,
    YearType,
    YesNoType,
)

TYPES: dict[str, FieldType] = {
    t.name: t
    for t in (TextType(), LongTextType(), CountType(), DecimalType(), MoneyType(), EditionType(), YearType(),
              YesNoType(), ChoiceType(), ChecklistType(), PhoneType(), DateType(),
              DateRangeType(), NameListType(), LinkListType())
}
COMPOUND_TYPES = ("pair",)  # a row made of parts, each with its own type
COMPOUND_WIDGET = "pair"
COMPOUND_TITLES = {"pair": msg("分项（线下/线上）")}
QUANTITY_TYPES = ("count", "money")
_FALLBACK = TextType()  # a type this version does not know is read as text


def field_type(spec: FieldSpec) -> FieldType:
    """The type object of a leaf field (``text`` for a name this version does not know)."""
    return TYPES.get(spec.type, _FALLBACK)


def type_title(kind: str) -> str:
    """A field type's name shown to people (a message); the name itself for an unknown one."""
    found = TYPES.get(kind)
    return found.title if found is not None else COMPOUND_TITLES.get(kind, kind)


def widget_kind(spec: FieldSpec) -> str:
    """The kind of widget that edits ``spec`` (widgets/factory.py maps kinds to classes)."""
    return COMPOUND_WIDGET if spec.parts else field_type(spec).widget


def parse_field(spec: FieldSpec, text: str | None, context: ParseContext | None = None) -> Parsed:
    """Parse one leaf field's text; never raises.

    >>> from forms.spec import FieldSpec
    >>> parse_field(FieldSpec("n", "发放科普知识印刷品", "count", unit="份"), "38万份").value
    {'value': 380000, 'unit': '份', 'qualifier': None}
    """
    return field_type(spec).parse(spec, text, context)
