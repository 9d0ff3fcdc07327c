"""Closed answers: yes/no radio buttons, a choice combo box, a checklist of options.

Each keeps the raw text it was loaded with until the user changes it, so a text such as
"已报送" (read as 是) survives a load and save untouched.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QCheckBox,
    QLabel,
    QRadioButton,
    QToolButton,
    QWidget,
)

from forms.registry import parse_field
from forms.spec import FieldSpec
from widgets.base import FieldWidget, field_tooltip, translate
from widgets.field_style import ChoicesFrame, style_input
from widgets.inputs import NoWheelComboBox, hbox, stack, vbox
from widgets.look import make_reading_label, set_shown
from widgets.plain import plain

YES = "是"
NO = "否"
CHECKLIST_SEPARATOR = "；"


class _ClosedAnswer(FieldWidget):
    """Shared raw-text bookkeeping: ``_raw`` until the user touches the controls.

    Subclasses set ``_original_at`` to (layout, control): "原填写：…" goes right after the
    control, made the first time a text the controls cannot show is loaded.
    """

    _original_at: tuple[QBoxLayout, QWidget]

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._raw = ""
        self._original: QLabel | None = None

    @property
    def original(self) -> QLabel:
        """What was written, shown when the controls could not read any of it."""
        if self._original is None:
            self._original = make_reading_label(self)
            self._original.hide()
            layout, control = self._original_at
            layout.insertWidget(layout.indexOf(control) + 1, self._original)
        return self._original

    def text(self, key: str) -> str:
        self._slot(key)
        return self._raw

    def _compose(self) -> str:
        raise NotImplementedError

    def _user_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._raw = self._compose()
        if self._original is not None:
            self._original.hide()
        self._changed(self.spec.key)

    def _show_original(self, understood: bool) -> None:
        """Say what was written when the controls could not read any of it."""
        shown = bool(self._raw.strip()) and not understood
        if not shown and self._original is None:
            return
        text = " ".join(self._raw.split())
        self.original.setText(translate("widgets", "原填写：{text}").format(
            text=text[:80] + ("……" if len(text) > 80 else "")) if shown else "")
        set_shown(self.original, shown)


class YesNoWidget(_ClosedAnswer):
    """是 / 否 radio buttons and a clear button; raw text "是", "否" or ""."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.frame = ChoicesFrame(self)
        self.yes = plain(QRadioButton, self.frame, translate("widgets", "是"))
        self.no = plain(QRadioButton, self.frame, translate("widgets", "否"))  # one box: exclusive
        self.clear_button = plain(QToolButton, self.frame)
        self.clear_button.setText(translate("widgets", "清除"))
        self.clear_button.setToolTip(translate("widgets", "清除选择，留空"))
        self.clear_button.setAutoRaise(True)
        row = hbox(self.frame, spacing=14)
        row.addWidget(self.yes)
        row.addWidget(self.no)
        row.addWidget(self.clear_button)
        self.frame.setToolTip(field_tooltip(spec))
        outer = hbox()
        outer.addWidget(self.frame)
        outer.addStretch(1)
        self._original_at = (outer, self.frame)
        self._add_slot(spec.key, container=self, frames=[self.frame], focus=self.yes,
                       message_at=stack(self, outer),
                       watch=[self.yes, self.no, self.clear_button])
        self.yes.clicked.connect(self._user_changed)
        self.no.clicked.connect(self._user_changed)
        self.clear_button.clicked.connect(self.clear)
        self._update_clear()

    def clear(self) -> None:
        """Untick both (the user's "leave it empty")."""
        if self._read_only:
            return
        self._set_checked(None)
        self._user_changed()

    def _compose(self) -> str:
        return YES if self.yes.isChecked() else NO if self.no.isChecked() else ""

    def _user_changed(self, *args: object) -> None:
        super()._user_changed(*args)
        self._update_clear()

    def _set_checked(self, button: QAbstractButton | None) -> None:
        for other in (self.yes, self.no):  # an exclusive button cannot untick the last one
            other.setAutoExclusive(False)
        for other in (self.yes, self.no):
            other.setChecked(other is button)
        for other in (self.yes, self.no):
            other.setAutoExclusive(True)

    def _load(self, key: str, text: str) -> None:
        self._raw = text
        value = parse_field(self.spec, text).value if text.strip() else None
        self._set_checked(self.yes if value is True else self.no if value is False else None)
        self._show_original(value is not None)
        self._update_clear()

    def _update_clear(self) -> None:
        self.clear_button.setEnabled(not self._read_only and bool(self._raw))

    def _apply_read_only(self, read_only: bool) -> None:
        self.yes.setEnabled(not read_only)
        self.no.setEnabled(not read_only)
        self._update_clear()


class ChoiceWidget(_ClosedAnswer):
    """A combo box: an empty entry, then the template's options; raw = the option text."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = NoWheelComboBox(self)
        style_input(self.combo)
        self.combo.addItem("")
        self.combo.addItems(list(spec.options))
        self.combo.setToolTip(field_tooltip(spec))
        self.combo.setAccessibleName(spec.full_label or spec.label)
        self.combo.setMinimumContentsLength(8)
        row = hbox()
        row.addWidget(self.combo)
        row.addStretch(1)
        self._original_at = (row, self.combo)
        self._add_slot(spec.key, container=self, frames=[self.combo], focus=self.combo,
                       message_at=stack(self, row))
        self.combo.currentIndexChanged.connect(self._user_changed)

    def _compose(self) -> str:
        return self.combo.currentText()

    def _load(self, key: str, text: str) -> None:
        self._raw = text
        options = 1 + len(self.spec.options)
        while self.combo.count() > options:  # drop an earlier loaded non-option
            self.combo.removeItem(options)
        index = self.combo.findText(text)
        if index < 0 and text.strip():  # a code or an option's number: its option
            code = parse_field(self.spec, text).value
            if code in self.spec.option_codes:
                index = 1 + self.spec.option_codes.index(code)
        if index < 0:  # not an option: keep it visible and selected, so nothing is lost
            self.combo.addItem(text)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def _apply_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)


class ChecklistWidget(_ClosedAnswer):
    """One check box per option; raw = the ticked options joined with "；"."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.frame = ChoicesFrame(self)
        self.frame.setToolTip(field_tooltip(spec))
        column = vbox(self.frame, spacing=2)
        self.boxes: list[QCheckBox] = []
        for option in spec.options:
            box = plain(QCheckBox, self.frame, option)
            column.addWidget(box)
            box.toggled.connect(self._user_changed)
            self.boxes.append(box)
        first = self.boxes[0] if self.boxes else self.frame
        lines = stack(self, self.frame)
        self._original_at = (lines, self.frame)
        self._add_slot(spec.key, container=self, frames=[self.frame], focus=first,
                       message_at=lines, watch=list(self.boxes))

    def _compose(self) -> str:
        return CHECKLIST_SEPARATOR.join(option for option, box in zip(self.spec.options, self.boxes,
                                                                      strict=True)
                                        if box.isChecked())

    def _load(self, key: str, text: str) -> None:
        self._raw = text
        value = parse_field(self.spec, text).value if text.strip() else None
        chosen = set(value) if isinstance(value, list) else set()
        for code, box in zip(self.spec.option_codes, self.boxes, strict=True):
            box.setChecked(code in chosen)
        self._show_original(isinstance(value, list))

    def _apply_read_only(self, read_only: bool) -> None:
        for box in self.boxes:
            box.setEnabled(not read_only)
