"""Link lists: a table of 名称 / 链接 rows; the raw text is one "名称 URL" per line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from forms.issues import Issue
from forms.lists import split_links
from forms.messages import say
from forms.spec import FieldSpec
from widgets.base import FieldWidget, field_tooltip, translate
from widgets.field_style import style_input
from widgets.inputs import PasteLineEdit, hbox, stack
from widgets.look import make_reading_label, set_shown
from widgets.plain import plain

NAME, URL = 0, 1
_BAD = {"error": QColor("#fde2e2"), "warning": QColor("#fff1cc")}


def compose_links(rows: list[tuple[str, str]]) -> str:
    """One "名称 URL" line per non-empty row (what ``forms.lists.split_links`` reads back)."""
    lines = (f"{name.strip()} {url.strip()}".strip() for name, url in rows)
    return "\n".join(line for line in lines if line)


def rows_from_text(text: str) -> list[tuple[str, str]]:
    """A pasted run of names and URLs (or a stored raw text) as table rows."""
    links, orphans = split_links(text)
    return [(link["name"], link["url"]) for link in links] + [(name, "") for name in orphans]


class _CellDelegate(QStyledItemDelegate):
    """Cell editors that report every keystroke and hand a multi-line paste to the table."""

    def __init__(self, owner: LinkListWidget) -> None:
        super().__init__(owner)
        self._owner = owner

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex) -> QWidget:
        editor = PasteLineEdit(parent)
        editor.setStyleSheet("QLineEdit { border: none; padding: 0px 2px; }")
        where = QPersistentModelIndex(index)
        editor.paste_handler = lambda text: self._owner.paste_into_editor(editor, text)
        editor.textEdited.connect(lambda text: self._owner.cell_typed(where, text))
        return editor


class LinksTable(QTableWidget):
    """Ctrl+V anywhere in the table pastes links as rows."""

    def __init__(self, owner: LinkListWidget) -> None:
        super().__init__(0, 2, owner)
        style_input(self)  # before _fit measures the frame
        self._owner = owner

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.matches(QKeySequence.StandardKey.Paste) and not self._owner.is_read_only():
            self._owner.paste_text(QGuiApplication.clipboard().text())
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) \
                and self.state() != QAbstractItemView.State.EditingState \
                and not self._owner.is_read_only():
            self._owner.clear_selected_cells()
            event.accept()
            return
        super().keyPressEvent(event)


class LinkListWidget(FieldWidget):
    """名称 / 链接 table with add, remove and paste; bad URLs are tinted from the issues."""

    min_rows = 3
    max_rows = 12

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._raw = ""
        self.table = LinksTable(self)
        self.table.setHorizontalHeaderLabels([translate("widgets", "名称"),
                                              translate("widgets", "链接")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(URL, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(NAME, 200)
        self.table.setWordWrap(False)
        self.table.setItemDelegate(_CellDelegate(self))
        self.table.setToolTip(field_tooltip(spec))
        self.table.setAccessibleName(spec.full_label or spec.label)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._edit_triggers = self.table.editTriggers()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 10)
        self.add_button = plain(QPushButton, self, translate("widgets", "添加一行"))
        self.remove_button = plain(QPushButton, self, translate("widgets", "删除所选行"))
        self.paste_button = plain(QPushButton, self, translate("widgets", "粘贴链接"))
        self.paste_button.setToolTip(translate(
            "widgets", "把剪贴板里的媒体名称和链接（可多行）逐条加入表格"))
        self.hint = make_reading_label(self)
        self.hint.setWordWrap(True)
        hint = translate("widgets", "每行一条：媒体名称和链接。可以直接粘贴原表整格内容（Ctrl+V）。")
        self.hint.setText(f"{hint}\n{spec.placeholder}" if spec.placeholder else hint)
        reading = make_reading_label(self)
        buttons = hbox()
        for button in (self.add_button, self.remove_button, self.paste_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(reading)
        self._add_slot(spec.key, container=self, frames=[self.table], focus=self.table,
                       message_at=stack(self, self.table, self.hint, buttons, spacing=3),
                       reading=reading, watch=[self.table])
        self.table.itemChanged.connect(self._user_changed)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected_rows)
        self.paste_button.clicked.connect(
            lambda: self.paste_text(QGuiApplication.clipboard().text()))
        self._fit()

    # -- contract ---------------------------------------------------------------------------

    def text(self, key: str) -> str:
        self._slot(key)
        return self._raw

    def _load(self, key: str, text: str) -> None:
        self._raw = text
        self.set_rows(rows_from_text(text))

    def _apply_read_only(self, read_only: bool) -> None:
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only
                                   else self._edit_triggers)
        for button in (self.add_button, self.remove_button, self.paste_button):
            button.setEnabled(not read_only)

    def _issues_changed(self, key: str, issues: list[Issue]) -> None:
        """Tint each row whose URL an issue names (messages end with the URL)."""
        with self.loading():
            for row in range(self.table.rowCount()):
                item = self.table.item(row, URL)
                if item is None:
                    continue
                url = item.text().strip()[:200]
                hits = [i for i in issues if url and i.message.endswith(url)]
                severity = "error" if any(i.is_error for i in hits) else \
                    "warning" if hits else ""
                item.setBackground(QBrush(_BAD[severity]) if severity else QBrush())
                item.setToolTip("\n".join(say(i.message) for i in hits))

    # -- rows -------------------------------------------------------------------------------

    def rows(self) -> list[tuple[str, str]]:
        return [(self._cell(row, NAME), self._cell(row, URL))
                for row in range(self.table.rowCount())]

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        with self.loading():
            self.table.setRowCount(0)
            self._append(rows)

    def add_row(self) -> None:
        if self._read_only:
            return
        with self.loading():
            self._append([("", "")])
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, NAME)
        self.table.editItem(self.table.item(row, NAME))

    def remove_selected_rows(self) -> None:
        if self._read_only:
            return
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        with self.loading():
            for row in rows:
                self.table.removeRow(row)
        self._fit()
        self._user_changed()

    def clear_selected_cells(self) -> None:
        with self.loading():
            for item in self.table.selectedItems():
                item.setText("")
        self._user_changed()

    def paste_text(self, text: str) -> bool:
        """Add the links in ``text`` as rows (after the filled ones); plain text goes in the cell."""
        if self._read_only or not text.strip():
            return False
        rows = rows_from_text(text)
        if not any(url for _name, url in rows):
            item = self.table.currentItem()
            if item is None:
                return False
            item.setText(" ".join(text.split()))  # itemChanged emits
            return True
        with self.loading():
            while self.table.rowCount() and not any(self.rows()[-1]):
                self.table.removeRow(self.table.rowCount() - 1)
            self._append(rows)
        self._user_changed()
        return True

    def paste_into_editor(self, editor: PasteLineEdit, text: str) -> bool:
        """A cell editor got a paste: a run of links becomes rows, anything else stays put."""
        if "\n" not in text.strip() and len(rows_from_text(text)) <= 1:
            return False
        delegate = self.table.itemDelegate()
        delegate.commitData.emit(editor)
        delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        return self.paste_text(text)

    def cell_typed(self, where: QPersistentModelIndex, text: str) -> None:
        """Every keystroke in a cell editor: emit the raw text as it would be with it."""
        if self._loading or self._read_only or not where.isValid():
            return
        rows = self.rows()
        name, url = rows[where.row()]
        rows[where.row()] = (text, url) if where.column() == NAME else (name, text)
        self._raw = compose_links(rows)
        self._changed(self.spec.key)

    # -- helpers ----------------------------------------------------------------------------

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _append(self, rows: list[tuple[str, str]]) -> None:
        start = self.table.rowCount()
        self.table.setRowCount(start + len(rows))
        for offset, (name, url) in enumerate(rows):
            self.table.setItem(start + offset, NAME, QTableWidgetItem(name))
            self.table.setItem(start + offset, URL, QTableWidgetItem(url))
        self._fit()

    def _user_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._raw = compose_links(self.rows())
        self._changed(self.spec.key)

    def _fit(self) -> None:
        """Grow with the rows, up to ``max_rows``; then the table scrolls."""
        rows = max(self.min_rows, min(self.max_rows, self.table.rowCount()))
        height = (self.table.horizontalHeader().sizeHint().height()
                  + rows * self.table.verticalHeader().defaultSectionSize()
                  + 2 * self.table.frameWidth() + 2)
        self.table.setFixedHeight(height)
        set_shown(self.hint, self.table.rowCount() == 0)
