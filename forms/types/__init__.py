"""Field types: one class per type (or family), each owning its parsing, reading, received-value
check, merging, comparison and export formatting. ``forms.registry`` lists them by name.

The date types live in ``forms.dates`` and the list types in ``forms.lists``, beside the
parsing they share; the rest are here, a module per family.
"""

from forms.types.base import (
    MAX_INPUT,
    MAX_LISTED,
    NO_CONTEXT,
    DataCells,
    FieldType,
    ParseContext,
    Parsed,
    char_count,
    chars_text,
    clean_text,
    listing,
    problem,
)
from forms.types.choices import ChecklistType, ChoiceType, YesNoType, match_option
from forms.types.numbers import (
    CountType,
    DecimalType,
    MoneyType,
    QuantityType,
    check_range,
    describe,
    quantity_value,
)
from forms.types.periods import EditionType, YearType
from forms.types.text import LongTextType, PhoneType, TextType

__all__ = [
    "MAX_INPUT", "MAX_LISTED", "NO_CONTEXT", "ChecklistType", "ChoiceType", "CountType", "DecimalType",
    "DataCells", "EditionType", "FieldType", "LongTextType", "MoneyType", "ParseContext",
    "Parsed", "PhoneType", "QuantityType", "TextType", "YearType", "YesNoType", "char_count", "chars_text",
    "check_range", "clean_text", "describe", "listing", "match_option", "problem",
    "quantity_value",
]
