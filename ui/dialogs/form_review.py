"""Review a form read from a blank Word/Excel form or an XLSForm before it is saved.

Every field is listed with its guessed type, unit and the reason for the guess; each can be
corrected. 预览 opens the real editor on a throwaway report of the form as it now stands.
A form that is an existing one (≥ 90 % of its labels) is offered instead of a near-duplicate.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms.importing.draft import Draft, DraftField
from forms.importing.writer import draft_toml
from forms.loader import TemplateError, load_template_text
from forms.messages import say
from forms.registry import TYPES, type_title
from forms.types.base import AGGREGATE_TITLES
from ui import catalogue, importing
from ui.catalogue import TemplateRejected, problem_text
from ui.errors import show_error
from ui.workers import run_with_progress

COLUMNS = 7  # label, type, unit, aggregate, length limit, reason, where
NO_UNIT = "—"


class FormReviewDialog(QDialog):
    """The draft's fields, each correctable; ``outcome`` is set once the form is saved."""

    def __init__(self, draft: Draft, store: Any, templates: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.store = store
        self.templates = templates
        self.outcome: catalogue.ImportOutcome | None = None
        self.use_existing = False
        self.setWindowTitle(self.tr("核对导入的表单：{name}").format(name=draft.source))
        layout = QVBoxLayout(self)
        if draft.matches:
            existing = templates[draft.matches]
            edition = self.tr("（第{n}届）").format(n=draft.edition) if draft.edition else ""
            banner = QLabel(self.tr(
                "这张表与已有表单“{title}”至少九成栏目相同{edition}，建议直接用已有表单填报，"
                "不必新建。").format(title=existing.title, edition=edition), self)
            banner.setObjectName("matches_banner")
            banner.setWordWrap(True)
            banner.setStyleSheet("background: #fff4ce; padding: 6px; border: 1px solid #e0c060;")
            layout.addWidget(banner)
        self.title = QLineEdit(draft.title, self)
        layout.addWidget(QLabel(self.tr("表单名称："), self))
        layout.addWidget(self.title)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setHorizontalHeaderLabels([self.tr("栏目"), self.tr("类型"), self.tr("单位"),
                                              self.tr("汇总方式"), self.tr("字数上限"),
                                              self.tr("依据"), self.tr("位置")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.rows: list[tuple[DraftField, QComboBox, QComboBox, QComboBox, QSpinBox]] = []
        for spec in draft.fields():
            self._add_row(spec)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        remarks = [self.tr("请确认：{p}").format(p=say(p)) for p in draft.problems]
        remarks += [self.tr("注意：{n}").format(n=say(n)) for n in draft.notes]
        if remarks:
            notes = QPlainTextEdit("\n".join(remarks), self)
            notes.setReadOnly(True)
            notes.setMaximumHeight(110)
            layout.addWidget(notes)
        buttons = QDialogButtonBox(self)
        self.preview_button = buttons.addButton(self.tr("预览(&P)…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(
            self.tr("仍然新建表单") if draft.matches else self.tr("保存表单(&S)"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        if draft.matches:
            self.existing_button = buttons.addButton(self.tr("使用已有表单"),
                                                     QDialogButtonBox.ButtonRole.RejectRole)
            self.existing_button.clicked.connect(self._use_existing)
            self.existing_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(980, 680)

    def _add_row(self, spec: DraftField) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        label = QTableWidgetItem(spec.label if not spec.parts else self.tr("{label}（{parts}）").format(
            label=spec.label, parts="/".join(p.label for p in spec.parts)))
        self.table.setItem(row, 0, label)
        kinds = QComboBox(self.table)
        names = sorted(TYPES) if spec.type in TYPES else [spec.type]
        for name in names:
            kinds.addItem(say(type_title(name)), name)
        kinds.setCurrentIndex(kinds.findData(spec.type))
        kinds.setEnabled(spec.type in TYPES)
        units = QComboBox(self.table)
        merging = QComboBox(self.table)
        spin = QSpinBox(self.table)
        spin.setRange(0, 100_000)
        spin.setSpecialValueText(NO_UNIT)
        spin.setValue(spec.max_length or 0)

        def refresh(_index: int = 0) -> None:
            kind = TYPES.get(kinds.currentData())
            choices = kind.unit_choices if kind is not None else ()
            current = units.currentData() or spec.unit
            units.clear()
            units.addItem(NO_UNIT, None)
            for unit in choices:
                units.addItem(unit, unit)
            units.setCurrentIndex(max(0, units.findData(current)))
            units.setEnabled(bool(choices))
            ways = kind.aggregates if kind is not None else ()
            chosen = merging.currentData() or spec.aggregate
            merging.clear()
            if len(ways) <= 1:  # text, dates…: merged their own way, nothing to choose
                ways = ()
                merging.addItem(NO_UNIT, None)
            for number, way in enumerate(ways):  # the first is the type's default
                title = say(AGGREGATE_TITLES.get(way, way))
                merging.addItem(self.tr("{way}（默认）").format(way=title) if number == 0 else title,
                                way)
            merging.setCurrentIndex(max(0, merging.findData(chosen)))
            merging.setEnabled(bool(ways))
            spin.setEnabled(kinds.currentData() in ("text", "long_text"))

        kinds.currentIndexChanged.connect(refresh)
        refresh()
        self.table.setCellWidget(row, 1, kinds)
        self.table.setCellWidget(row, 2, units)
        self.table.setCellWidget(row, 3, merging)
        self.table.setCellWidget(row, 4, spin)
        for column, text in ((5, say(spec.reason) or self.tr("（无线索，按文字）")),
                             (6, say(spec.where))):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, item)
        self.rows.append((spec, kinds, units, merging, spin))

    def edited(self) -> Draft:
        """The draft with the person's corrections."""
        self.draft.title = self.title.text().strip() or self.draft.title
        for row, (spec, kinds, units, merging, spin) in enumerate(self.rows):
            text = self.table.item(row, 0).text().strip()
            if not spec.parts and text:
                spec.label = text
            if spec.type in TYPES:
                kind, unit = kinds.currentData(), units.currentData()
                if kind != spec.type:
                    spec.reason = self.tr("人工更正")
                if kind != spec.type or unit != spec.unit:
                    spec.accept_units = ()  # the guess's other units went with its unit
                spec.type, spec.unit = kind, unit
                way = merging.currentData() if merging.isEnabled() else None
                spec.aggregate = "" if way in (None, TYPES[kind].aggregates[0]) else way
                spec.max_length = (spin.value() or None) if spin.isEnabled() else None
        return self.draft

    def template(self) -> Any:
        """The form as it now stands, or None after telling the person what is wrong."""
        try:
            return load_template_text(draft_toml(self.edited()), self.draft.source)
        except TemplateError as exc:
            QMessageBox.warning(self, self.tr("表单有错误"), say(exc.text()))
            return None

    def preview(self) -> None:
        template = self.template()
        if template is None:
            return
        from ui.dialogs.template_preview import TemplatePreview  # noqa: PLC0415

        try:
            TemplatePreview.show_for(self, template)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("无法预览"))

    def save(self) -> None:
        if self.template() is None:
            return
        try:
            self.outcome = importing.save_draft(self.store, self.draft, self.draft.source)
        except TemplateRejected as exc:
            QMessageBox.warning(self, self.tr("表单有错误，未保存"), "\n".join(
                say(problem_text(p)) for p in exc.problems[:12]))
            return
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("未能保存表单"))
            return
        self.accept()

    def _use_existing(self) -> None:
        self.use_existing = True
        self.reject()


def review_form_file(parent: QWidget, store: Any, path: Path) -> catalogue.ImportOutcome | None:
    """Read a blank form or XLSForm (with a progress bar), review it, save it; the outcome."""
    templates = catalogue.template_catalogue(store).templates()
    label = QApplication.translate("FormReviewDialog", "正在读取“{name}”…").format(name=path.name)
    try:
        draft = run_with_progress(
            parent, label, lambda progress, _cancelled: importing.read_draft(path, templates, progress))
    except Exception as exc:  # noqa: BLE001 - shown; nothing stored
        show_error(parent, exc, QApplication.translate("FormReviewDialog", "未能导入表单"))
        return None
    dialog = FormReviewDialog(draft, store, templates, parent)
    try:
        dialog.exec()
        return dialog.outcome
    finally:
        dialog.deleteLater()
