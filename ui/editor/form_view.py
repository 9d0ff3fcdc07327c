"""The form itself, generated from a template: one group per section, rows in paper order.

Half-width fields sit two to a row (label, input, label, input); full-width ones span.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QScrollArea, QVBoxLayout, QWidget

from forms.spec import FieldSpec, FormTemplate
from widgets import create_field_widget
from widgets.base import FieldWidget

COLUMNS = 4  # label, input, label, input
LABEL_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop


class FormView(QScrollArea):
    """A scrollable form of field widgets; ``widget_for(key)`` finds the one editing ``key``."""

    def __init__(self, template: FormTemplate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        self.setObjectName("form")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.fields: dict[str, FieldWidget] = {}  # by top-level field key, in form order
        self._by_key: dict[str, FieldWidget] = {}  # every value key (and compound key)
        self.groups: list[QGroupBox] = []
        page = QWidget(self)
        page.setObjectName("form-page")
        # A message line appearing grows the page; repaint only what moved, not all of it.
        page.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        column = QVBoxLayout(page)
        column.setContentsMargins(8, 8, 8, 8)
        column.setSpacing(10)
        for section in template.sections:
            group = QGroupBox(section.title, page)
            group.setObjectName(f"section:{section.id}")
            self._lay_out(group, section.fields)
            column.addWidget(group)
            self.groups.append(group)
        column.addStretch(1)
        self.setWidget(page)

    def _lay_out(self, group: QGroupBox, specs: tuple[FieldSpec, ...]) -> None:
        grid = QGridLayout(group)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        row, column = 0, 0
        for spec in specs:
            widget = create_field_widget(spec, group)
            self.fields[spec.key] = widget
            self._by_key[spec.key] = widget
            for key in [*widget.keys(), *(part.key for part in spec.parts)]:
                self._by_key[key] = widget
            label = widget.label_widget()
            label.setParent(group)
            label.setAlignment(LABEL_ALIGN)
            if spec.layout == "full":
                if column:
                    row, column = row + 1, 0
                grid.addWidget(label, row, 0)
                grid.addWidget(widget, row, 1, 1, COLUMNS - 1)
                row += 1
                continue
            grid.addWidget(label, row, column)
            grid.addWidget(widget, row, column + 1)
            column += 2
            if column >= COLUMNS:
                row, column = row + 1, 0

    def widgets(self) -> Iterator[FieldWidget]:
        yield from self.fields.values()

    def widget_for(self, key: str) -> FieldWidget | None:
        return self._by_key.get(key)

    def value_keys(self) -> Iterator[tuple[str, FieldWidget]]:
        """(value key, widget) for every key a widget edits, in form order."""
        for widget in self.fields.values():
            for key in widget.keys():
                yield key, widget

    def focus_key(self, key: str) -> bool:
        """Scroll to the input for ``key`` and focus it; False if no widget edits it."""
        widget = self.widget_for(key)
        if widget is None:
            return False
        keys = widget.keys()
        target = key if key in keys else keys[0] if keys else None
        if target is None:
            return False
        self.ensureWidgetVisible(widget, 40, 40)
        widget.focus_key(target)
        return True

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.fields.values():
            widget.set_read_only(read_only)
