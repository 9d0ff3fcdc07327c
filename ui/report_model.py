"""The report list's rows and table model, over storage's report summaries."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QStandardItemModel

# Roles as plain numbers: touching PySide6's Qt namespace costs ~40 ms the first time, and
# nothing in the list needs it before the window is first painted.
DISPLAY_ROLE, TOOLTIP_ROLE, ID_ROLE = 0, 3, 256  # Qt.DisplayRole, ToolTipRole, UserRole
DESCENDING = 1  # Qt.SortOrder.DescendingOrder


Index = QModelIndex | QPersistentModelIndex


def _order_value(order: Any) -> int:
    return int(getattr(order, "value", order))


class ReportRow(NamedTuple):
    """What one line of the list shows, taken from a storage summary or report.

    A named tuple: as quick to build as a plain class (the list makes 1,000 before the
    window's first paint), and no dataclass to make at startup (~1 ms)."""

    id: int
    form_id: str
    title: str
    unit: str
    period: str
    year: int | None
    status: str
    updated_at: str

    @classmethod
    def from_summary(cls, summary: Any) -> ReportRow:
        """From a storage ``ReportSummary`` or ``Report`` (positional: 1,000 rows are made
        before the first paint)."""
        return cls(int(summary.id), summary.form_id, summary.title or "", summary.unit or "",
                   summary.period or "", summary.year, summary.status or "draft",
                   summary.updated_at or "")

    @property
    def period_text(self) -> str:
        return self.period or (str(self.year) if self.year else "")

    @property
    def updated_text(self) -> str:
        """"2024-04-28 10:30" (to the minute)."""
        return self.updated_at.replace("T", " ")[:16]

    def updated_short(self, today: str) -> str:
        """Compact for the list: the time today ("10:30"), the day this year ("04-28"),
        else the date ("2023-04-28"); ``today`` is "YYYY-MM-DD"."""
        full = self.updated_text
        if full[:10] == today:
            return full[11:16]
        if full[:4] == today[:4]:
            return full[5:10]
        return full[:10]


class ReportListModel(QAbstractTableModel):
    """Rows of reports: 表单, 标题, 单位, 届次/年度, 状态, 最后修改."""

    FORM, TITLE, UNIT, PERIOD, STATUS, UPDATED = range(6)

    def __init__(self, form_titles: dict[str, str] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.form_titles = dict(form_titles or {})
        self._rows: list[ReportRow] = []
        self._sort: tuple[int, int] = (-1, 0)
        self._today = date.today().isoformat()
        # report id -> where the search found it ("" when not searching); set by the panel
        self.found_where: Callable[[int], str] | None = None

    def headers(self) -> list[str]:
        return [self.tr("表单"), self.tr("标题"), self.tr("单位"), self.tr("届次/年度"),
                self.tr("状态"), self.tr("最后修改")]

    def status_text(self, status: str) -> str:
        return self.tr("已完成") if status == "complete" else self.tr("草稿")

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def header_model(self, parent: Any = None) -> QStandardItemModel:
        """The column titles as a C++ model for the view's header.

        The table model has no Python ``headerData``: the view calls it for every section
        with a Qt enum argument, and converting one builds PySide6's whole Qt namespace
        (~40 ms) before the first paint.
        """
        model = QStandardItemModel(0, 6, parent)
        model.setHorizontalHeaderLabels(self.headers())
        return model

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if role != DISPLAY_ROLE and role != TOOLTIP_ROLE and role != ID_ROLE:
            return None  # most calls (a painted cell asks for 7 roles): answered at once
        number = index.row()
        if not 0 <= number < len(self._rows) or not index.isValid():
            return None
        row, column = self._rows[number], index.column()
        if role == DISPLAY_ROLE:
            if column == self.UPDATED:
                return row.updated_short(self._today)
            return self._text(row, column)
        if role == TOOLTIP_ROLE:
            return self._tooltip(row, column)
        if role == ID_ROLE:
            return row.id
        return None

    def _text(self, row: ReportRow, column: int) -> str:
        if column == self.FORM:
            return self.form_titles.get(row.form_id, row.form_id)
        if column == self.TITLE:
            return row.title or self.tr("（无标题）")
        if column == self.UNIT:
            return row.unit
        if column == self.PERIOD:
            return row.period_text
        if column == self.STATUS:
            return self.status_text(row.status)
        return row.updated_text

    def _tooltip(self, row: ReportRow, column: int) -> str:
        """The whole text of the cell (the full time for 最后修改), and where a search
        found the report."""
        if column == self.UPDATED:
            text = row.updated_text
        elif column == self.TITLE:  # the 表单 column is hidden in the list
            text = f"{self._text(row, column)}\n{self._text(row, self.FORM)}"
        else:
            text = self._text(row, column)
        found = self.found_where(row.id) if self.found_where is not None else ""
        return f"{text}\n{found}" if found else text

    def sort_key(self, row: ReportRow, column: int) -> Any:
        if column == self.UPDATED:
            return row.updated_at, row.id
        if column == self.PERIOD:
            number = int(re.sub(r"\D", "", row.period)[:8] or 0)
            return row.year or 0, number, row.id
        return self._text(row, column), row.id

    def sort(self, column: int, order: Any = 0) -> None:
        """Sort in Python (one key per row), keeping selections through persistent indexes."""
        self._sort = (column, _order_value(order))
        if not 0 <= column < 6:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[index.row()].id for index in before]
        self._sort_rows()
        position = {row.id: number for number, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(position[i], index.column()) for i, index in zip(ids, before,
                                                                              strict=True)])
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        if 0 <= column < 6:
            self._rows.sort(key=lambda row: self.sort_key(row, column),
                            reverse=order == DESCENDING)

    # --- content ---------------------------------------------------------------------

    def set_rows(self, rows: list[ReportRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = date.today().isoformat()
        self._sort_rows()
        self.endResetModel()

    def rows(self) -> list[ReportRow]:
        return list(self._rows)

    def row_of(self, report_id: int) -> int:
        for number, row in enumerate(self._rows):
            if row.id == report_id:
                return number
        return -1

    def update_row(self, row: ReportRow) -> None:
        number = self.row_of(row.id)
        if number >= 0:
            self._rows[number] = row
            self.dataChanged.emit(self.index(number, 0), self.index(number, 5))

    def report_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None


