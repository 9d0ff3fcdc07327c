"""Building the right widget for a field spec."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from forms.spec import FieldSpec
from widgets.base import FieldWidget
from widgets.choices import ChecklistWidget, ChoiceWidget, YesNoWidget
from widgets.dates import DateRangeWidget, DateWidget
from widgets.link_list import LinkListWidget
from widgets.name_list import NameListWidget
from widgets.pair import PairWidget
from widgets.quantity import CountWidget, MoneyWidget
from widgets.text import LongTextWidget, TextWidget

WIDGETS: dict[str, type[FieldWidget]] = {
    "text": TextWidget,
    "phone": TextWidget,
    "edition": TextWidget,
    "long_text": LongTextWidget,
    "count": CountWidget,
    "money": MoneyWidget,
    "date": DateWidget,
    "date_range": DateRangeWidget,
    "yes_no": YesNoWidget,
    "choice": ChoiceWidget,
    "checklist": ChecklistWidget,
    "name_list": NameListWidget,
    "link_list": LinkListWidget,
    "pair": PairWidget,
}


def create_field_widget(spec: FieldSpec, parent: QWidget | None = None) -> FieldWidget:
    """The editor for ``spec``: a compound spec gets one input per part.

    An unknown type falls back to a plain line edit, so a newer template stays editable.
    """
    if spec.parts:
        return PairWidget(spec, parent)
    return WIDGETS.get(spec.type, TextWidget)(spec, parent)
