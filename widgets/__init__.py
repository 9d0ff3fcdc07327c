"""Qt input widgets built from field specs; ``ui`` wires their signals to storage."""

from widgets.base import FieldWidget
from widgets.factory import WIDGETS, create_field_widget

__all__ = ["WIDGETS", "FieldWidget", "create_field_widget"]
