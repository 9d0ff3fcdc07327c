"""The report list: a table model over storage's report summaries, and the panel that filters it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QTimer,
    Signal,
)
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import storage
from storage.errors import StorageError

SEARCH_DEBOUNCE_MS = 200
# Roles as plain numbers: touching PySide6's Qt namespace costs ~40 ms the first time, and
# nothing in the list needs it before the window is first painted.
DISPLAY_ROLE, TOOLTIP_ROLE, ID_ROLE = 0, 3, 256  # Qt.DisplayRole, ToolTipRole, UserRole
DESCENDING = 1  # Qt.SortOrder.DescendingOrder


def _order_value(order: Any) -> int:
    return int(getattr(order, "value", order))
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class ReportRow:
    """What one line of the list shows, taken from a storage summary or report."""

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
        return cls(
            id=int(summary.id), form_id=str(getattr(summary, "form_id", "")),
            title=getattr(summary, "title", "") or "", unit=getattr(summary, "unit", "") or "",
            period=getattr(summary, "period", "") or "", year=getattr(summary, "year", None),
            status=getattr(summary, "status", "draft") or "draft",
            updated_at=str(getattr(summary, "updated_at", "") or ""),
        )

    @property
    def period_text(self) -> str:
        return self.period or (str(self.year) if self.year else "")

    @property
    def updated_text(self) -> str:
        return self.updated_at.replace("T", " ")[:16]


class ReportListModel(QAbstractTableModel):
    """Rows of reports: 表单, 标题, 单位, 届次/年度, 状态, 最后修改."""

    FORM, TITLE, UNIT, PERIOD, STATUS, UPDATED = range(6)

    def __init__(self, form_titles: dict[str, str] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.form_titles = dict(form_titles or {})
        self._rows: list[ReportRow] = []
        self._sort: tuple[int, int] = (-1, 0)

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
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (DISPLAY_ROLE, TOOLTIP_ROLE):
            return self._text(row, column)
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


class ReportListPanel(QWidget):
    """Filters (form, status, year, search) over a sortable table of reports."""

    report_selected = Signal(object)  # report id, or None when nothing is selected

    def __init__(self, store: Any, form_titles: dict[str, str], parent=None, *,
                 trashed: bool = False, preview: list[Any] | None = None) -> None:
        """``store`` may be None at startup: the list then shows ``preview`` (report
        summaries read by ``storage.peek``) until ``set_store`` is called."""
        super().__init__(parent)
        self.store = store
        self.trashed = trashed
        self.preview = [ReportRow.from_summary(s) for s in preview or []]
        self.model = ReportListModel(form_titles, self)
        self._quiet = False
        self._build(form_titles)
        self.reload(rescan_years=True)
        if store is not None:
            self._enable_sorting()

    def _build(self, form_titles: dict[str, str]) -> None:
        self.form_combo = QComboBox(self)
        self.form_combo.addItem(self.tr("全部表单"), None)
        for form_id, title in form_titles.items():
            self.form_combo.addItem(title, form_id)
        self.status_combo = QComboBox(self)
        self.status_combo.addItem(self.tr("全部状态"), None)
        self.status_combo.addItem(self.tr("草稿"), "draft")
        self.status_combo.addItem(self.tr("已完成"), "complete")
        self.year_combo = QComboBox(self)
        self.year_combo.addItem(self.tr("全部年度"), None)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("搜索标题、单位或填写内容…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.search_timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(self.search_timer.start)
        for combo in (self.form_combo, self.status_combo, self.year_combo):
            combo.currentIndexChanged.connect(self.reload)

        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setModel(self.model.header_model(self))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 84), (1, 150), (2, 116), (3, 62), (4, 46)):
            self.view.setColumnWidth(column, width)
        self._fit_column_titles()
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for combo in (self.form_combo, self.status_combo, self.year_combo):
            filters.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.view, 1)

    # --- loading ---------------------------------------------------------------------

    def filters(self) -> dict[str, Any]:
        return {"form_id": self.form_combo.currentData(), "status": self.status_combo.currentData(),
                "year": self.year_combo.currentData()}

    def query(self) -> str:
        return self.search_edit.text().strip()

    def fetch(self) -> list[ReportRow]:
        """The rows matching the filters and the search box, from storage."""
        filters = self.filters()
        query = self.query()
        if self.store is None:  # not open yet: the preview, filtered (search waits for the store)
            return [row for row in self.preview if all(
                value is None or getattr(row, key) == value for key, value in filters.items())]
        if query:
            found = storage.search_reports(self.store.db, query, trashed=self.trashed, **filters)
        else:
            found = storage.list_reports(self.store.db, trashed=self.trashed, **filters)
        return [ReportRow.from_summary(summary) for summary in found]

    def reload(self, *_: object, rescan_years: bool = False, select_id: int | None = None) -> None:
        """Fetch again, keeping the selection (or selecting ``select_id``) without re-emitting."""
        self.search_timer.stop()
        if rescan_years:
            self._rescan_years()
        keep = select_id if select_id is not None else self.current_report_id()
        self._quiet = True
        try:
            self.model.set_rows(self.fetch())
            if keep is not None:
                self.select_report(keep)
        finally:
            self._quiet = False
        if select_id is not None and self.current_report_id() == select_id:
            self.report_selected.emit(select_id)

    def _rescan_years(self) -> None:
        everything = (self.preview if self.store is None
                      else storage.list_reports(self.store.db, trashed=self.trashed))
        years = sorted({s.year for s in everything if getattr(s, "year", None)}, reverse=True)
        chosen = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        try:
            while self.year_combo.count() > 1:
                self.year_combo.removeItem(1)
            for year in years:
                self.year_combo.addItem(str(year), year)
            self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(chosen)))
        finally:
            self.year_combo.blockSignals(False)

    def set_store(self, store: Any) -> None:
        self.store = store
        self.preview = []
        self.reload(rescan_years=True)
        self._enable_sorting()

    def _enable_sorting(self) -> None:
        """Click-to-sort, newest first; set up with the store, after the first paint."""
        if not self.view.isSortingEnabled():
            from PySide6.QtCore import Qt  # noqa: PLC0415 - see DISPLAY_ROLE

            self.view.setSortingEnabled(True)
            self.view.sortByColumn(ReportListModel.UPDATED, Qt.SortOrder.DescendingOrder)
            self._fit_column_titles()  # now with room for the sort arrow

    def _fit_column_titles(self) -> None:
        """Widen a column to its whole title, in either language (Edition/Year > 届次/年度)."""
        header = self.view.horizontalHeader()
        for column in range(header.count() - 1):  # the last one stretches
            needed = header.sectionSizeHint(column)
            if self.view.columnWidth(column) < needed:
                self.view.setColumnWidth(column, needed)

    def set_form_titles(self, form_titles: dict[str, str]) -> None:
        """Titles from the loaded templates (the preview may have used quick ones)."""
        self.model.form_titles = dict(form_titles)
        for form_id, title in form_titles.items():
            index = self.form_combo.findData(form_id)
            if index < 0:
                self.form_combo.addItem(title, form_id)
            else:
                self.form_combo.setItemText(index, title)

    def refresh_report(self, report_id: int) -> None:
        """Update one row in place (after an autosave) without reloading the list."""
        if self.store is None:
            return
        try:
            report = storage.get_report(self.store.db, report_id)
        except StorageError:
            return
        self.model.update_row(ReportRow.from_summary(report))

    # --- selection -------------------------------------------------------------------

    def current_report_id(self) -> int | None:
        index = self.view.selectionModel().currentIndex()
        selected = self.view.selectionModel().isRowSelected(index.row(), index.parent())
        if not index.isValid() or not selected:
            return None
        return self.model.data(index, ID_ROLE)

    def select_report(self, report_id: int) -> bool:
        row = self.model.row_of(report_id)
        if row < 0:
            self.view.selectionModel().clearSelection()
            return False
        index = self.model.index(row, 0)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)
        return True

    def clear_selection(self) -> None:
        self.view.selectionModel().clearSelection()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet:
            self.report_selected.emit(self.model.data(current, ID_ROLE)
                                      if current.isValid() else None)
