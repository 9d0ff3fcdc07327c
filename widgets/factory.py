"""Building the right widget for a field spec: its type names a widget kind, and each kind
has one widget class here. A new type reuses a kind; a new kind is one widget module and one
line below."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from forms.registry import widget_kind
from forms.spec import FieldSpec
from widgets.base import FieldWidget
from widgets.choices import ChecklistWidget, ChoiceWidget, YesNoWidget
from widgets.dates import DateRangeWidget, DateWidget
from widgets.link_list import LinkListWidget
from widgets.name_list import NameListWidget
from widgets.pair import PairWidget
from widgets.quantity import CountWidget, MoneyWidget
from widgets.text import LongTextWidget, ShortTextWidget, TextWidget

WIDGETS: dict[str, type[FieldWidget]] = {  # widget kind -> class
    "line": TextWidget,
    "short_line": ShortTextWidget,
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


def widget_class(spec: FieldSpec) -> type[FieldWidget]:
    """The widget class for ``spec`` (a plain line edit for a kind this version lacks)."""
    return WIDGETS.get(widget_kind(spec), TextWidget)


def create_field_widget(spec: FieldSpec, parent: QWidget | None = None) -> FieldWidget:
    """The editor for ``spec``: a compound spec gets one input per part.

    An unknown type falls back to a plain line edit, so a newer template stays editable.
    """
    widget = widget_class(spec)(spec, parent)
    if any(leaf.is_calculated for leaf in spec.parts or (spec,)):
        widget.set_read_only(False)  # a calculated total is never typed into
    return widget
