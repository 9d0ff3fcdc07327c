"""Name lists with a count: a count input, one name per line, a 名单不全 flag and a note.

The raw text is composed canonically as ``1431家；甲、乙；等`` plus ``\\n\\n`` and the note
(``forms.name_cells.NameCell``), which is how the paper form writes it and how
``forms.lists`` reads it back; a pasted cell is split by the same code.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QCheckBox, QToolButton, QWidget

from forms.name_cells import NameCell, listed_names, looks_like_cell, split_cell
from forms.spec import FieldSpec
from widgets.base import FieldWidget, field_tooltip, translate
from widgets.field_style import set_read_only
from widgets.inputs import QuantityInput, hbox, stack
from widgets.look import role_label, set_shown
from widgets.plain import plain
from widgets.text import GrowingTextEdit

__all__ = ["NameCell", "NameListWidget", "looks_like_cell", "split_cell"]


class NamesEdit(GrowingTextEdit):
    """One name per line; a pasted cell of the old form goes to the owner to be split."""

    def __init__(self, owner: NameListWidget) -> None:
        super().__init__(min_lines=4, max_lines=12, parent=owner)
        self._owner = owner

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt API
        if source.hasText() and self._owner.paste_names(source.text()):
            return
        super().insertFromMimeData(source)


class NameListWidget(FieldWidget):
    """Count, names (one per line), 名单不全 (等) and an optional note, as one raw text."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._raw = ""
        self.count = QuantityInput(spec, spec.unit, self, pasting=True)
        self.count.edit.setPlaceholderText(translate("widgets", "数量"))
        self.count.edit.setAccessibleName(translate("widgets", "{label}：数量").format(
            label=spec.label))
        self.count.edit.setMaximumWidth(160)
        self.names = NamesEdit(self)
        hint = translate("widgets", "每行一个名称；也可以直接粘贴原表整格内容，例如：")
        self.names.setPlaceholderText(f"{hint}\n{spec.placeholder}" if spec.placeholder
                                      else translate("widgets", "每行一个名称"))
        self.names.setToolTip(field_tooltip(spec))
        self.names.setAccessibleName(translate("widgets", "{label}：名称").format(
            label=spec.label))
        self.partial = plain(QCheckBox, self, translate("widgets", "名单不全（末尾加“等”）"))
        self.listed = role_label("counter", self)
        self.note_button = plain(QToolButton, self)
        self.note_button.setText(translate("widgets", "补充说明…"))
        self.note_button.setAutoRaise(True)
        self.note_button.setToolTip(translate("widgets", "名单之后的说明文字（写在“等”之后）"))
        self._note: GrowingTextEdit | None = None
        footer = hbox()
        footer.addWidget(self.partial)
        footer.addWidget(self.note_button)
        footer.addStretch(1)
        footer.addWidget(self.listed)
        self._footer = footer
        self._add_slot(spec.key, container=self, frames=[self.count.edit, self.names],
                       focus=self.count.edit,
                       message_at=stack(self, self.count.box, self.names, footer, spacing=3),
                       reading=self.count.reading,
                       watch=[self.count.edit, self.names, self.partial])
        self.count.edit.textChanged.connect(self._user_changed)
        self.count.edit.paste_handler = self.paste_into_count
        self.count.edit.editingFinished.connect(self._tidy_count)
        self.names.textChanged.connect(self._user_changed)
        self.partial.toggled.connect(self._user_changed)
        self.note_button.clicked.connect(self.show_note)
        self._show_listed(0)  # (nothing yet: no need to count)

    @property
    def note(self) -> GrowingTextEdit:
        """The note after the list (hidden until there is one or 补充说明… is clicked)."""
        if self._note is None:
            note = GrowingTextEdit(min_lines=2, max_lines=6, parent=self)
            note.setPlaceholderText(translate("widgets", "补充说明（可选），如“同时，各地……”"))
            note.setAccessibleName(translate("widgets", "{label}：补充说明").format(
                label=self.spec.label))
            set_read_only(note, self._read_only)
            note.hide()
            lines = self.layout()
            lines.insertWidget(lines.indexOf(self._footer) + 1, note)
            self.watch_focus(note, self.spec.key)
            note.textChanged.connect(self._user_changed)
            self._note = note
        return self._note

    # -- contract ---------------------------------------------------------------------------

    def text(self, key: str) -> str:
        self._slot(key)
        return self._raw

    def _load(self, key: str, text: str) -> None:
        self._raw = text
        self._fill(split_cell(text))

    def _apply_read_only(self, read_only: bool) -> None:
        for box in (self.count.edit, self.names, self._note):
            if box is not None:
                set_read_only(box, read_only)
        self.partial.setEnabled(not read_only)
        self.note_button.setEnabled(not read_only)

    # -- the parts --------------------------------------------------------------------------

    def cell(self) -> NameCell:
        """What the controls hold now."""
        names = [line.strip() for line in self.names.toPlainText().split("\n") if line.strip()]
        note = self._note.toPlainText() if self._note is not None else ""
        return NameCell(self.count.edit.text(), names, self.partial.isChecked(), note)

    def show_note(self) -> None:
        self.note.show()
        self.note_button.hide()
        self.note.setFocus()

    def paste_names(self, text: str) -> bool:
        """Split a pasted list into the controls; False lets the text paste as it is.

        A whole cell (starting with a count) replaces everything; a list without a count
        goes in at the cursor, one name per line.
        """
        if self._read_only or not looks_like_cell(text):
            return False
        pasted = split_cell(text)
        with self.loading():
            if pasted.count:
                self._fill(pasted)
            else:
                cursor = self.names.textCursor()
                block = cursor.block().text()
                before = "\n" if block[: cursor.positionInBlock()].strip() else ""
                after = "\n" if block[cursor.positionInBlock():].strip() else ""
                cursor.insertText(before + "\n".join(pasted.names) + after)
                if pasted.partial:
                    self.partial.setChecked(True)
                if pasted.note:
                    self._set_note(pasted.note)
        self._user_changed()
        return True

    def paste_into_count(self, text: str) -> bool:
        """A whole cell pasted into the count box is split as in the names box; a count
        alone pastes as usual."""
        cell = split_cell(text)
        if not (cell.names or cell.partial or cell.note):
            return False
        return self.paste_names(text)

    def _tidy_count(self) -> None:
        """Names typed after the count (12家；甲、乙) move to the names box on leaving it."""
        if self._read_only or not split_cell(self.count.edit.text()).names:
            return
        with self.loading():
            self._fill(split_cell(self._raw))
        self._user_changed()

    def _fill(self, cell: NameCell) -> None:
        self.count.edit.setText(cell.count)
        self.count.edit.setCursorPosition(0)
        self.names.setPlainText("\n".join(cell.names))
        self.partial.setChecked(cell.partial)
        self._set_note(cell.note)
        self._update_listed()

    def _set_note(self, note: str) -> None:
        if not note and self._note is None:
            set_shown(self.note_button, True)
            return
        self.note.setPlainText(note)
        set_shown(self.note, bool(note))
        set_shown(self.note_button, not note)

    def _user_changed(self, *_args: object) -> None:
        if self._loading:  # (what loads updates 列出N个名称 once it is done)
            return
        self._update_listed()
        self._raw = self.cell().compose()
        self._changed(self.spec.key)

    def _update_listed(self) -> None:
        """列出N个名称, counted as the field's reading counts them (forms.lists)."""
        self._show_listed(len(listed_names(self.cell().compose())))

    def _show_listed(self, listed: int) -> None:
        self.listed.setText(translate("widgets", "列出{count}个名称").format(count=listed))
        self.listed.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
