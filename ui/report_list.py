"""The report list: filters and search over a sortable table of reports."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import storage
from storage.errors import StorageError
from ui.report_model import ID_ROLE, ReportListModel, ReportRow

__all__ = ["ID_ROLE", "ReportListModel", "ReportListPanel", "ReportRow", "ReportTable"]

SEARCH_DEBOUNCE_MS = 200
CELL_PADDING = 14  # a cell's margins around its text
TITLE_SHARE = 0.62  # of the width left for 标题 and 单位
NOTE_STYLE = "color: #4b5563; padding: 2px 2px;"  # the line under the search box


class ReportTable(QTableView):
    """The table of reports: its columns always fill its width, so nothing hides behind a
    horizontal scroll bar. 届次, 状态 and 最后修改 keep the width of their texts; 标题 and
    单位 share the rest (elided, whole in the tooltip). 表单 is hidden: every title names
    its form, and the form filter above picks one."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_columns(event.size().width())  # the viewport's new size

    def fit_columns(self, room: int | None = None) -> None:
        """``room``: the viewport's width, if known. Asking the viewport costs ~15 ms the
        first time (PySide6 then sets up every widget class's enums): not before the first
        paint."""
        model = self.model()
        if not isinstance(model, ReportListModel):
            return
        header = self.horizontalHeader()
        metrics = self.fontMetrics()

        def width(column: int, *texts: str) -> int:
            """Room for the column's title (and sort arrow) and for ``texts``."""
            needed = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            return max(header.sectionSizeHint(column), needed + CELL_PADDING)

        period = width(model.PERIOD, "第30届", "2024")
        status = width(model.STATUS, model.status_text("complete"), model.status_text("draft"))
        updated = width(model.UPDATED, "2024-04-28")
        room = self.viewport().width() if room is None else room
        rest = max(0, room - period - status - updated)
        title = max(width(model.TITLE), int(rest * TITLE_SHARE))
        unit = max(width(model.UNIT), rest - title)
        for column, size in ((model.TITLE, title), (model.UNIT, unit),
                             (model.PERIOD, period), (model.STATUS, status),
                             (model.UPDATED, updated)):
            self.setColumnWidth(column, size)


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
        self.field_labels: dict[str, dict[str, str]] = {}  # form id -> key -> label
        self._searched = ""  # the search the rows were fetched with
        self._hits: dict[int, str] = {}  # report id -> where the search found it
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

        self.note = QLabel(self)
        self.note.setObjectName("search-note")
        self.note.setWordWrap(True)
        self.note.hide()  # styled when first shown: a style sheet costs ~1 ms at startup
        self.view = ReportTable(self)
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
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        self.view.setColumnHidden(ReportListModel.FORM, True)
        self.model.found_where = self.found_where
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for combo in (self.form_combo, self.status_combo, self.year_combo):
            filters.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)

    # --- loading ---------------------------------------------------------------------

    def filters(self) -> dict[str, Any]:
        year = self.year_combo.currentData()  # kept as text: see _rescan_years
        return {"form_id": self.form_combo.currentData(), "status": self.status_combo.currentData(),
                "year": int(year) if year else None}

    def query(self) -> str:
        return self.search_edit.text().strip()

    def fetch(self) -> list[ReportRow]:
        """The rows matching the filters and the search box, from storage."""
        filters = self.filters()
        query = self.query()
        if self.store is None:  # not open yet: the preview, filtered (search waits for the store)
            wanted = {key: value for key, value in filters.items() if value is not None}
            return [row for row in self.preview if all(
                getattr(row, key) == value for key, value in wanted.items())]
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
            self._searched = self.query() if self.store is not None else ""
            self._hits = {}
            self.model.set_rows(self.fetch())
            if keep is not None:
                self.select_report(keep)
        finally:
            self._quiet = False
        self._update_note()
        if select_id is not None and self.current_report_id() == select_id:
            self.report_selected.emit(select_id)

    # --- telling what the list shows ---------------------------------------------------

    def found_where(self, report_id: int) -> str:
        """Where the search found the report, e.g. 在“单位名称”中：…成都市疾控…; "" when the
        list is not a search result."""
        if not self._searched or self.store is None:
            return ""
        if report_id not in self._hits:
            try:
                hits = storage.search_hits(self.store.db, report_id, self._searched)
            except StorageError:
                hits = []
            form_id = next((row.form_id for row in self.model.rows() if row.id == report_id), "")
            labels = self.field_labels.get(form_id, {})
            self._hits[report_id] = "\n".join(
                self.tr("在“{field}”中：{text}").format(
                    field=labels.get(hit.key, hit.key), text=hit.excerpt) if hit.key
                else self.tr("在标题、单位或届次中：{text}").format(text=hit.excerpt)
                for hit in hits)
        return self._hits[report_id]

    def _update_note(self) -> None:
        """Say why the list is empty, or how many a search found and where (current row)."""
        rows = self.model.rowCount()
        filtered = any(value is not None for value in self.filters().values())
        if self.store is None:
            text = ""
        elif self._searched and not rows:
            text = self.tr("没有找到“{text}”。").format(text=self._searched)
            if filtered:
                text += self.tr("当前只在所选的表单、状态或年度中查找，可改为“全部”再试。")
        elif self._searched:
            text = self.tr("找到 {n} 份报表。", "", rows).format(n=rows)
            current = self.current_report_id()
            where = self.found_where(current) if current is not None else ""
            if where:
                text += "\n" + where
        elif not rows and filtered:
            text = self.tr("没有符合筛选条件的报表。")
        elif not rows and not self.trashed:
            text = self.tr("还没有报表。按 Ctrl+N 新建；沿用去年的报表可用“复制为新报表”。")
        else:
            text = ""
        self.note.setText(text)
        if text and not self.note.styleSheet():
            self.note.setStyleSheet(NOTE_STYLE)
        self.note.setVisible(bool(text))

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
                # As text: PySide6's first int into a QVariant costs ~1 ms at startup.
                self.year_combo.addItem(str(year), str(year))
            self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(chosen)))
        finally:
            self.year_combo.blockSignals(False)

    def set_store(self, store: Any, *, reload: bool = True) -> None:
        """List ``store``'s reports; ``reload=False`` keeps the rows shown for now (the
        preview of this very file, while a quick open is being checked: sorting, which
        builds PySide6's Qt namespace, comes with the stored list)."""
        self.store = store
        if reload:
            self.preview = []
            self.reload(rescan_years=True)
            self._enable_sorting()

    def _enable_sorting(self) -> None:
        """Click-to-sort, newest first; set up with the stored list, after the first paint."""
        if not self.view.isSortingEnabled():
            from PySide6.QtCore import Qt  # noqa: PLC0415 - see DISPLAY_ROLE

            self.view.setSortingEnabled(True)
            self.view.sortByColumn(ReportListModel.UPDATED, Qt.SortOrder.DescendingOrder)
            self.view.fit_columns()  # now with room for the sort arrow

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
        if self._searched:
            self._update_note()
        if not self._quiet:
            self.report_selected.emit(self.model.data(current, ID_ROLE)
                                      if current.isValid() else None)
