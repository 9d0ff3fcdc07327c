"""表单管理: every form template, with import, export, delete, preview and each one's problems."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from forms.messages import say
from ui import catalogue, operations
from ui.catalogue import Catalogue, TemplateEntry, TemplateRejected, problem_text
from ui.errors import show_error
from ui.importing import is_office_file

log = logging.getLogger("tianbao.ui")
Index = QModelIndex | QPersistentModelIndex
ERROR_COLOUR = QColor("#b00020")
SHOWN_PROBLEMS = 12  # in the message box; the details pane lists them all


def ask_import_path(parent: QWidget | None, folder: Path) -> Path | None:
    """The file dialog for 导入, opened in ``folder`` (patched in tests)."""
    title = QApplication.translate("TemplatesDialog", "导入表单模板")
    kinds = QApplication.translate(
        "TemplatesDialog", "表单模板或空白表 (*.toml *.docx *.xlsx);;表单模板 (*.toml);;"
        "Word 或 Excel 空白表、XLSForm (*.docx *.xlsx);;所有文件 (*)")
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(folder), kinds)
    return Path(chosen) if chosen else None


def ask_export_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """The file dialog for 导出 (patched in tests)."""
    title = QApplication.translate("TemplatesDialog", "导出表单模板")
    kinds = QApplication.translate("TemplatesDialog", "表单模板 (*.toml)")
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), kinds)
    return Path(chosen) if chosen else None


class TemplateTableModel(QAbstractTableModel):
    """One row per catalogue entry: title, id, version, origin, reports, state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[TemplateEntry] = []

    def headers(self) -> list[str]:
        return [self.tr("表单"), self.tr("编号（id）"), self.tr("版本"), self.tr("来源"),
                self.tr("报表数"), self.tr("状态")]

    def set_entries(self, entries: list[TemplateEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < self.columnCount():
            return self.headers()[section]
        return None

    def state(self, entry: TemplateEntry) -> str:
        if entry.problems:
            return self.tr("有 {n} 处错误", "", len(entry.problems)).format(n=len(entry.problems))
        if not entry.in_use:
            return self.tr("未使用（另一版本较新）")
        return self.tr("可用")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            origin = self.tr("内置") if entry.origin == catalogue.BUILTIN else self.tr("导入")
            return [entry.title, entry.form_id, str(entry.version or "—"), origin,
                    str(entry.reports), self.state(entry)][column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and entry.problems:
            return ERROR_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole and entry.problems:
            return "\n".join(say(problem) for problem in entry.problems)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TemplatesDialog(QDialog):
    """The list of templates; import, export, delete (imported, unused) and preview."""

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("表单管理"))
        self.store = store
        self.changed = False  # something imported or deleted: the window reloads its forms
        self.catalogue = Catalogue()
        intro = QLabel(self.tr("内置表单随软件提供，不能修改或删除。导入的表单保存在当前数据库文件中，"
                               "随数据库一起备份；每份报表都保留它填写时所用的模板。"), self)
        intro.setWordWrap(True)
        self.model = TemplateTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.view.doubleClicked.connect(self.preview_selected)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.import_button = QPushButton(self.tr("导入…"), self)
        self.export_button = QPushButton(self.tr("导出…"), self)
        self.preview_button = QPushButton(self.tr("预览试填"), self)
        self.delete_button = QPushButton(self.tr("删除…"), self)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_selected)
        self.preview_button.clicked.connect(self.preview_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.import_button, self.export_button, self.preview_button,
                       self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(860, 520)
        self.reload()

    # --- state -------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the catalogue again; keep (or move to) the selected form."""
        current = select or (self.selected().form_id if self.selected() else None)
        try:
            self.catalogue = catalogue.template_catalogue(self.store)
        except Exception as exc:  # noqa: BLE001 - shown in one place
            show_error(self, exc, self.tr("未能读取表单模板"))
            self.catalogue = Catalogue()
        self.model.set_entries(self.catalogue.entries)
        self.view.resizeColumnsToContents()
        rows = [n for n, e in enumerate(self.catalogue.entries) if e.form_id == current]
        self.view.selectRow(rows[0] if rows else 0)
        self._selection_changed()

    def selected(self) -> TemplateEntry | None:
        row = self.view.currentIndex().row()
        return self.model.entries[row] if 0 <= row < len(self.model.entries) else None

    def select(self, form_id: str, origin: str | None = None) -> None:
        for row, entry in enumerate(self.model.entries):
            if entry.form_id == form_id and origin in (None, entry.origin):
                self.view.selectRow(row)
                return

    def _selection_changed(self, *_: object) -> None:
        entry = self.selected()
        writable = not self.store.read_only
        self.import_button.setEnabled(writable)
        self.export_button.setEnabled(entry is not None and entry.template is not None)
        self.preview_button.setEnabled(entry is not None and entry.template is not None)
        self.delete_button.setEnabled(writable and entry is not None and entry.deletable)
        self.details.setPlainText(self.describe(entry) if entry is not None else "")

    def describe(self, entry: TemplateEntry) -> str:
        """The details pane: every problem, or what the template is."""
        lines = [self.tr("{title}（{id}）").format(title=entry.title, id=entry.form_id)]
        if entry.problems:
            lines.append(self.tr("这个模板有 {n} 处错误，不能用来新建报表：", "",
                                 len(entry.problems)).format(n=len(entry.problems)))
            lines += [f"  • {say(problem)}" for problem in entry.problems]
        if entry.template is not None:
            fields = sum(1 for _ in entry.template.leaves())
            lines.append(self.tr("第 {version} 版，{n} 个字段。", "", fields).format(
                version=entry.version, n=fields))
        if entry.origin == catalogue.IMPORTED:
            lines.append(self.tr("导入自“{name}”，导入时间 {time}。").format(
                name=entry.source_name or "—", time=entry.imported_at.replace("T", " ")))
        if entry.note:
            lines.append(self.tr("未使用：另一来源的同一表单版本较新或相同，新建报表时用那一个。"))
        if entry.origin == catalogue.IMPORTED and entry.reports:
            lines.append(self.tr("已有 {n} 份报表使用这个表单，不能删除。", "", entry.reports).format(
                n=entry.reports))
        return "\n".join(lines)

    # --- actions -----------------------------------------------------------------------------

    def _folder(self) -> Path:
        try:
            return operations.remembered_folder(self.store, "templates") or Path.home()
        except Exception:  # noqa: BLE001 - a convenience: start in the home folder
            return Path.home()

    def _remember(self, path: Path) -> None:
        try:
            operations.remember_folder(self.store, "templates", path.parent)
        except Exception:  # noqa: BLE001
            log.warning("could not remember the template folder", exc_info=True)

    def import_file(self) -> bool:
        path = ask_import_path(self, self._folder())
        if path is None:
            return False
        self._remember(path)
        try:
            if is_office_file(path):  # a blank form: review the guessed fields first
                from ui.dialogs.form_review import review_form_file  # noqa: PLC0415

                outcome = review_form_file(self, self.store, path)
                if outcome is None:
                    return False
            else:
                outcome = catalogue.import_template_file(self.store, path)
        except TemplateRejected as exc:
            self._show_rejected(path, exc)
            return False
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("未能导入表单"))
            return False
        self.changed = self.changed or outcome.stored
        self.reload()
        self.select(outcome.template.id, catalogue.IMPORTED)
        text = (self.tr("已导入表单“{title}”（第 {version} 版）。") if outcome.stored
                else self.tr("表单“{title}”（第 {version} 版）已导入过，内容相同，未做改动。"))
        QMessageBox.information(self, self.tr("导入表单"), text.format(
            title=outcome.template.title, version=outcome.template.version))
        return outcome.stored

    def _show_rejected(self, path: Path, error: TemplateRejected) -> None:
        problems = [say(problem_text(p)) for p in error.problems]
        shown = "\n".join(f"• {p}" for p in problems[:SHOWN_PROBLEMS])
        if len(problems) > SHOWN_PROBLEMS:
            shown += "\n" + self.tr("……共 {n} 处，全部列在下方。").format(n=len(problems))
        self.view.clearSelection()
        self.details.setPlainText("\n".join(
            [self.tr("“{name}”有 {n} 处错误，未导入：", "", len(problems)).format(
                name=path.name, n=len(problems))]
            + [f"  • {p}" for p in problems]))
        QMessageBox.warning(self, self.tr("模板有错误，未导入"), self.tr(
            "“{name}”有 {n} 处错误，没有导入任何内容。请改正后再导入：\n\n", "", len(problems)).format(
            name=path.name, n=len(problems)) + shown)

    def export_selected(self) -> Path | None:
        entry = self.selected()
        if entry is None or entry.template is None:
            return None
        path = ask_export_path(self, self._folder() / f"{entry.form_id}.toml")
        if path is None:
            return None
        self._remember(path)
        try:
            catalogue.write_template(entry.template, path)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("未能导出表单"))
            return None
        QMessageBox.information(self, self.tr("导出表单"),
                                self.tr("已导出到：{path}").format(path=path))
        return path

    def delete_selected(self) -> bool:
        entry = self.selected()
        if entry is None or not entry.deletable or self.store.read_only:
            return False
        answer = QMessageBox.question(
            self, self.tr("删除表单"),
            self.tr("删除导入的表单“{title}”（{form_id}）吗？\n\n还没有报表使用它。"
                    "删除后如需再用，可重新导入模板文件。").format(
                title=entry.title, form_id=entry.form_id),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            catalogue.delete_template(self.store, entry.form_id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("未能删除表单"))
            return False
        self.changed = True
        self.reload()
        return True

    def preview_selected(self, *_: object) -> None:
        entry = self.selected()
        if entry is None or entry.template is None:
            return
        from ui.dialogs.template_preview import TemplatePreview  # noqa: PLC0415

        try:
            TemplatePreview.show_for(self, entry.template)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("无法预览表单"))

    @classmethod
    def run(cls, parent: QWidget | None, store: Any) -> bool:
        """Show the dialog; returns whether a form was imported or deleted."""
        dialog = cls(store, parent)
        try:
            dialog.exec()
            return dialog.changed
        finally:
            dialog.deleteLater()
