"""Count and money fields: a line edit, its unit, and how the app read the number."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from forms.spec import FieldSpec
from widgets.base import FieldWidget, make_message_label
from widgets.inputs import QuantityInput, vbox


class CountWidget(FieldWidget):
    """``[ 38万 ] 份  = 380,000 份``; the raw text is exactly what was typed."""

    default_unit: str | None = None

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.input = QuantityInput(spec, spec.unit or self.default_unit, self)
        self.edit = self.input.edit
        message = make_message_label(self)
        layout = vbox(self, spacing=2)
        layout.addWidget(self.input)
        layout.addWidget(message)
        layout.addStretch(1)  # extra height goes below, never into the inputs
        self._add_slot(spec.key, container=self, frames=[self.edit], focus=self.edit,
                       message=message, reading=self.input.reading)
        self.edit.textChanged.connect(lambda _text: self._changed(spec.key))

    def text(self, key: str) -> str:
        self._slot(key)
        return self.edit.text()

    def _load(self, key: str, text: str) -> None:
        self.edit.setText(text)
        self.edit.setCursorPosition(0)  # show the start of a long text

    def _apply_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class MoneyWidget(CountWidget):
    """Same as a count, in 元 unless the template says otherwise."""

    default_unit = "元"
