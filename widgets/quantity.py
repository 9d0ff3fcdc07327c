"""Count and money fields: a line edit, its unit, and how the app read the number."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from forms.spec import FieldSpec
from widgets.inputs import LineFieldWidget, QuantityInput


class CountWidget(LineFieldWidget):
    """``[ 38万 ] 份  = 380,000 份``; the raw text is exactly what was typed."""

    default_unit: str | None = None

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.input = QuantityInput(spec, spec.unit or self.default_unit, self, boxed=False)
        self.edit = self.input.edit
        self._finish(self.input.row, self.input.reading)


class MoneyWidget(CountWidget):
    """Same as a count, in 元 unless the template says otherwise."""

    default_unit = "元"
