"""文件 › 导入报表: a filled Word/Excel form, previewed cell by cell before a report is made.

The file is read in a worker thread behind a progress bar (a long document takes seconds);
the preview lists what each matched label holds, how it reads, and every cell not used.
Nothing is stored until 导入 is pressed, and then all of it in one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from forms.importing.grid import Document
from forms.messages import say
from forms.spec import FormTemplate
from forms.validate import Validator
from ui import importing
from ui.errors import show_error
from ui.workers import run_with_progress

ERROR_COLOUR = QColor("#b00020")
WARNING_COLOUR = QColor("#8a5a00")


def ask_report_path(parent: QWidget | None) -> Path | None:
    """The file dialog of 导入报表 (patched in tests)."""
    title = QApplication.translate("ReportImportDialog", "导入填好的表单")
    kinds = QApplication.translate("ReportImportDialog",
                                   "Word 或 Excel 表单 (*.docx *.xlsx);;所有文件 (*)")
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), kinds)
    return Path(chosen) if chosen else None


def _item(text: str, colour: QColor | None = None) -> QTableWidgetItem:
    flat = " ".join(text.split())
    item = QTableWidgetItem(flat if len(flat) <= 120 else flat[:120] + "……")
    item.setToolTip(text[:2000])
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if colour is not None:
        item.setForeground(colour)
    return item


class ReportImportDialog(QDialog):
    """The preview of one filled document against the form chosen (the best one by default)."""

    def __init__(self, document: Document, templates: dict[str, FormTemplate],
                 preview: importing.ReportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.templates = templates
        self.preview = preview
        self.setWindowTitle(self.tr("导入报表：{name}").format(name=document.name))
        self.form = QComboBox(self)
        for form_id, template in templates.items():
            self.form.addItem(self.tr("{title}（{id}）").format(title=template.title, id=form_id),
                              form_id)
        self.form.setCurrentIndex(self.form.findData(preview.template.id))
        self.form.currentIndexChanged.connect(self._form_changed)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("按表单："), self))
        top.addWidget(self.form, 1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.matched = QTableWidget(0, 4, self)
        self.matched.setHorizontalHeaderLabels(
            [self.tr("表单栏目"), self.tr("文件中的栏目"), self.tr("内容"), self.tr("读作 / 问题")])
        self.unmatched = QTableWidget(0, 3, self)
        self.unmatched.setHorizontalHeaderLabels([self.tr("位置"), self.tr("内容"), self.tr("原因")])
        for table in (self.matched, self.unmatched):
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            table.horizontalHeader().setStretchLastSection(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.matched, "")
        self.tabs.addTab(self.unmatched, "")
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("导入为新报表"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 640)
        self.show_preview(preview)

    def _form_changed(self, index: int) -> None:
        form_id = self.form.itemData(index)
        try:
            self.show_preview(importing.match_filled(self.document, self.templates, form_id))
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("无法按此表单读取"))

    def show_preview(self, preview: importing.ReportPreview) -> None:
        self.preview = preview
        result = preview.result
        template = preview.template
        validator = Validator(template, result.raw)
        issues: dict[str, list[Any]] = {}
        for issue in preview.issues:
            issues.setdefault(issue.field, []).append(issue)
        self.matched.setRowCount(0)
        for match in result.matched:
            spec = template.field(match["field"])
            keys = [p.key for p in spec.parts] or [spec.key]
            text = "\n".join(result.raw.get(k, "") for k in keys).strip()
            found = [i for k in keys for i in issues.get(k, [])]
            joiner = self.tr("；")
            reading = joiner.join(say(validator.display(k)) for k in keys if validator.display(k))
            colour = None
            if found:
                reading = joiner.join(say(i.message) for i in found)
                colour = ERROR_COLOUR if any(i.is_error for i in found) else WARNING_COLOUR
            row = self.matched.rowCount()
            self.matched.insertRow(row)
            for column, item in enumerate([_item(spec.label), _item(say(match["label"])), _item(text),
                                           _item(reading, colour)]):
                self.matched.setItem(row, column, item)
        self.unmatched.setRowCount(0)
        for cell in result.unmatched:
            row = self.unmatched.rowCount()
            self.unmatched.insertRow(row)
            for column, text in enumerate([cell["where"], cell["text"], cell["reason"]]):
                self.unmatched.setItem(row, column, _item(say(text)))
        for table in (self.matched, self.unmatched):
            table.resizeColumnsToContents()
            for column in range(table.columnCount() - 1):
                table.setColumnWidth(column, min(table.columnWidth(column), 260))
        self.tabs.setTabText(0, self.tr("已对应的栏目（{n}）").format(n=len(result.matched)))
        self.tabs.setTabText(1, self.tr("未对应的内容（{n}）").format(n=len(result.unmatched)))
        errors = sum(1 for i in preview.issues if i.is_error)
        lines = [self.tr("读到 {n} 个栏目；{m} 处内容没有对应的栏目，不会导入。"
                         "导入后有 {e} 个错误、{w} 个警告，可在编辑器中改正。").format(
            n=len(result.matched), m=len(result.unmatched), e=errors,
            w=len(preview.issues) - errors)]
        lines += [self.tr("注意：{note}").format(note=say(note)) for note in result.notes]
        self.summary.setText("\n".join(lines))
        self.import_button.setEnabled(preview.has_values)

    @classmethod
    def ask(cls, parent: QWidget | None, document: Document,
            templates: dict[str, FormTemplate],
            preview: importing.ReportPreview) -> importing.ReportPreview | None:
        """The preview the person accepted, or None."""
        dialog = cls(document, templates, preview, parent)
        try:
            return dialog.preview if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def run_report_import(parent: QWidget, store: Any, templates: dict[str, FormTemplate],
                      path: Path | None = None) -> int | None:
    """Ask for a file, read it with a progress bar, preview, and create the report; its id."""
    path = path or ask_report_path(parent)
    if path is None:
        return None
    label = QApplication.translate("ReportImportDialog", "正在读取“{name}”…").format(name=path.name)
    try:
        document = run_with_progress(
            parent, label, lambda progress, _cancelled: importing.read_filled(path, progress))
        preview = importing.match_filled(document, templates, strict=False)
    except Exception as exc:  # noqa: BLE001 - every refusal is shown, nothing is created
        show_error(parent, exc, QApplication.translate("ReportImportDialog", "未能导入报表"))
        return None
    accepted = ReportImportDialog.ask(parent, document, templates, preview)
    if accepted is None:
        return None
    try:
        return importing.import_report(store, accepted)
    except Exception as exc:  # noqa: BLE001
        show_error(parent, exc, QApplication.translate("ReportImportDialog", "未能导入报表"))
        return None
