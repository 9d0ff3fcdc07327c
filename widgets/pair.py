"""A compound row of counts (线下参与 / 线上观看): one quantity input per part."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from forms.pairs import cell_texts, split_compound, total_only
from forms.quantity import TOTAL_WORDS
from forms.spec import FieldSpec
from widgets.base import FieldWidget, field_tooltip
from widgets.field_style import set_read_only
from widgets.inputs import PasteLineEdit, QuantityInput, hbox, vbox
from widgets.plain import plain


class PairWidget(FieldWidget):
    """Each part is its own key ("field.part"); pasting a whole old cell fills every part."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edits: dict[str, PasteLineEdit] = {}
        layout = vbox(self, spacing=4)
        label_width = max((self.fontMetrics().horizontalAdvance(p.label) for p in spec.parts),
                          default=0)
        for part in spec.parts:
            box = plain(QWidget, self)
            column = vbox(box, spacing=2)
            row = hbox()
            name = plain(QLabel, box, part.label)
            name.setMinimumWidth(label_width + 4)
            name.setToolTip(field_tooltip(part, spec))
            quantity = QuantityInput(part, part.unit, box, reading_below=True, pasting=True)
            quantity.edit.setToolTip(field_tooltip(part, spec))
            name.setBuddy(quantity.edit)
            name.setFixedHeight(quantity.edit.sizeHint().height())  # level with the input,
            row.addWidget(name, 0, Qt.AlignmentFlag.AlignTop)  # its reading below
            row.addLayout(quantity.box, 1)
            column.addLayout(row)
            layout.addWidget(box)
            edit = quantity.edit
            edit.paste_handler = lambda text, key=part.key: self.paste_cell(text, key)
            edit.textChanged.connect(lambda _text, key=part.key: self._changed(key))
            self.edits[part.key] = edit
            self._add_slot(part.key, container=box, frames=[edit], focus=edit,
                           message_at=column, reading=quantity.reading)
        layout.addStretch(1)

    def text(self, key: str) -> str:
        self._slot(key)
        return self.edits[key].text()

    def _load(self, key: str, text: str) -> None:
        self.edits[key].setText(text)
        self.edits[key].setCursorPosition(0)  # show the start of a long text

    def _apply_read_only(self, read_only: bool) -> None:
        for part in self.spec.parts:
            set_read_only(self.edits[part.key], read_only or part.is_calculated)

    def paste_cell(self, text: str, target: str) -> bool:
        """Split a pasted whole cell ("线下参与210546人\\n线上观看245975人次") across the parts.

        Plain numbers paste normally into ``target``; a total alone (共5000人次) is kept
        with the parts' figures, to be checked against their sum. Returns whether the paste
        was taken.
        """
        labelled = any(p.label[:2] in text for p in self.spec.parts if len(p.label) >= 2)
        total = text.strip().startswith(TOTAL_WORDS)
        if self._read_only or not (labelled or total or "\n" in text.strip()):
            return False
        pieces = split_compound(self.spec, text)
        if total_only(self.spec, pieces):
            current = {key: edit.text() for key, edit in self.edits.items()}
            pieces = {key: piece for key, piece in cell_texts(self.spec, text, current).items()
                      if piece != current[key]}
        if not pieces:
            return False
        with self.loading():
            for key, piece in pieces.items():
                self.edits[key].setText(piece)
        for key in pieces:
            self._changed(key)
        return True
