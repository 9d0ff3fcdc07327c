"""The new-report dialog: template, edition or year, unit, and where to start from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from forms.spec import FormTemplate

BLANK, FROM_FILE, FROM_REPORT = range(3)


@dataclass(frozen=True, slots=True)
class NewReportRequest:
    """What the person chose; ``ui.operations.new_report`` makes the report from it."""

    form_id: str
    period: int | None
    unit: str
    values_path: Path | None = None
    copy_from: int | None = None


@dataclass(frozen=True, slots=True)
class SourceReport:
    """An existing report offered as a starting point."""

    id: int
    form_id: str
    label: str
    period_number: int | None = None


class NewReportDialog(QDialog):
    def __init__(self, templates: dict[str, FormTemplate], unit: str,
                 reports: list[SourceReport], defaults: dict[str, int],
                 parent: QWidget | None = None, *, copy_from: int | None = None,
                 form_id: str | None = None) -> None:
        """``form_id``: the form chosen at first (the one used last), unless copying."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建报表"))
        self.templates = templates
        self.reports = reports
        self.defaults = defaults
        self.form_combo = QComboBox(self)
        for key, template in templates.items():
            self.form_combo.addItem(template.title, key)
        self.period_label = QLabel(self)
        self.period_spin = QSpinBox(self)
        self.unit_edit = QLineEdit(unit, self)
        self.unit_edit.setPlaceholderText(self.tr("如：某某县疾病预防控制中心"))

        self.start_group = QButtonGroup(self)
        self.blank_radio = QRadioButton(self.tr("空白报表"), self)
        self.file_radio = QRadioButton(self.tr("从数值文件（JSON）开始"), self)
        self.copy_radio = QRadioButton(self.tr("复制已有报表（如去年的报表）"), self)
        for number, radio in enumerate((self.blank_radio, self.file_radio, self.copy_radio)):
            self.start_group.addButton(radio, number)
        self.blank_radio.setChecked(True)
        self.file_edit = QLineEdit(self)
        self.file_edit.setPlaceholderText(self.tr("选择 .json 文件…"))
        browse = QPushButton(self.tr("浏览…"), self)
        browse.clicked.connect(self._browse)
        self.report_combo = QComboBox(self)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("表单"), self.form_combo)
        form.addRow(self.period_label, self.period_spin)
        form.addRow(self.tr("单位"), self.unit_edit)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        start = QVBoxLayout()
        start.addWidget(self.blank_radio)
        start.addWidget(self.file_radio)
        start.addLayout(file_row)
        start.addWidget(self.copy_radio)
        start.addWidget(self.report_combo)
        form.addRow(self.tr("起点"), start)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

        self.form_combo.setCurrentIndex(max(0, self.form_combo.findData(form_id)))
        self.form_combo.currentIndexChanged.connect(self._form_changed)
        self.report_combo.currentIndexChanged.connect(self._source_changed)
        self.start_group.idToggled.connect(self._update_enabled)
        self.file_edit.textChanged.connect(lambda: self.file_radio.setChecked(True))
        self._form_changed()
        if copy_from is not None:
            source = next((r for r in reports if r.id == copy_from), None)
            if source is not None:
                self.form_combo.setCurrentIndex(self.form_combo.findData(source.form_id))
                self.report_combo.setCurrentIndex(self.report_combo.findData(copy_from))
                self.copy_radio.setChecked(True)
        self._update_enabled()
        self.resize(520, self.sizeHint().height())

    # --- state -----------------------------------------------------------------------

    def template(self) -> FormTemplate:
        return self.templates[self.form_combo.currentData()]

    def _form_changed(self) -> None:
        template = self.template()
        spec = template.field(template.period_field) if template.period_field else None
        self.period_label.setText(spec.label if spec else self.tr("届次/年度"))
        self.period_spin.setEnabled(spec is not None)
        self.period_spin.setRange(int(spec.min or 1) if spec and spec.min else 1,
                                  int(spec.max) if spec and spec.max else 9999)
        self.period_spin.setValue(self.defaults.get(template.id, self.period_spin.minimum()))
        self.report_combo.clear()
        for report in self.reports:
            if report.form_id == template.id:
                self.report_combo.addItem(report.label, report.id)
        self.copy_radio.setEnabled(self.report_combo.count() > 0)
        if not self.copy_radio.isEnabled() and self.copy_radio.isChecked():
            self.blank_radio.setChecked(True)

    def _source_changed(self) -> None:
        source = next((r for r in self.reports if r.id == self.report_combo.currentData()), None)
        if source is not None and source.period_number and self.copy_radio.isChecked():
            # A copy of last year's report starts as the next edition or year.
            self.period_spin.setValue(source.period_number + 1)

    def _update_enabled(self, *_: object) -> None:
        self.report_combo.setEnabled(self.copy_radio.isChecked())
        self._source_changed()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择数值文件"), self.file_edit.text(),
                                              self.tr("数值文件 (*.json);;所有文件 (*)"))
        if path:
            self.file_edit.setText(path)

    def request(self) -> NewReportRequest:
        mode = self.start_group.checkedId()
        path = self.file_edit.text().strip()
        return NewReportRequest(
            form_id=self.template().id,
            period=self.period_spin.value() if self.period_spin.isEnabled() else None,
            unit=self.unit_edit.text().strip(),
            values_path=Path(path) if mode == FROM_FILE and path else None,
            copy_from=self.report_combo.currentData() if mode == FROM_REPORT else None,
        )

    def problem(self) -> str:
        """Why the choice cannot be used yet, or ''."""
        mode = self.start_group.checkedId()
        path = self.file_edit.text().strip()
        if mode == FROM_FILE and not path:
            return self.tr("请选择数值文件。")
        if mode == FROM_FILE and not Path(path).is_file():
            return self.tr("找不到数值文件“{path}”。请重新选择。").format(path=path)
        if mode == FROM_REPORT and self.report_combo.currentData() is None:
            return self.tr("请选择要复制的报表。")
        return ""

    def accept(self) -> None:
        problem = self.problem()
        self.error_label.setText(problem)
        if not problem:
            super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, templates: dict[str, FormTemplate], unit: str,
            reports: list[SourceReport], defaults: dict[str, int], *,
            copy_from: int | None = None, form_id: str | None = None) -> NewReportRequest | None:
        dialog = cls(templates, unit, reports, defaults, parent, copy_from=copy_from,
                     form_id=form_id)
        try:
            return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def source_reports(rows: list[Any]) -> list[SourceReport]:
    """Existing reports (ReportRow-like) as choices, labelled "title · unit"."""
    result = []
    for row in rows:
        label = " · ".join(part for part in (row.title, row.unit) if part) or f"#{row.id}"
        result.append(SourceReport(row.id, row.form_id, label, _number(row.period)))
    return result


def _number(text: str) -> int | None:
    digits = "".join(ch for ch in text or "" if ch.isdigit())
    return int(digits) if digits else None
