"""The settings dialog: who fills in, where exports go, language, attachment limit, database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.startup import LANGUAGES

MAX_ATTACHMENT_MB = 10_000


@dataclass(frozen=True, slots=True)
class SettingsResult:
    """The changed settings (names as in storage.Settings), and whether to open another file."""

    changes: dict[str, Any] = field(default_factory=dict)
    open_other_database: bool = False


class SettingsDialog(QDialog):
    def __init__(self, settings: Any, db_path: Path, parent: QWidget | None = None, *,
                 read_only: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置"))
        self.settings = settings
        self.open_other = False
        self.unit_edit = QLineEdit(settings.unit_name, self)
        self.contact_edit = QLineEdit(settings.contact_person, self)
        self.phone_edit = QLineEdit(settings.phone, self)
        self.folder_edit = QLineEdit(settings.export_folder, self)
        self.folder_edit.setPlaceholderText(self.tr("未设置时使用“文档”文件夹"))
        browse = QPushButton(self.tr("浏览…"), self)
        browse.clicked.connect(self._browse)
        self.language_combo = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        self.attachment_spin = QSpinBox(self)
        self.attachment_spin.setRange(1, MAX_ATTACHMENT_MB)
        self.attachment_spin.setSuffix(" MB")
        self.attachment_spin.setValue(settings.attachment_max_mb)
        self.db_label = QLabel(str(db_path), self)
        self.db_label.setWordWrap(True)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        other = QPushButton(self.tr("打开其他数据库…"), self)
        other.clicked.connect(self._open_other)

        person = QGroupBox(self.tr("填表单位与联系人（用于签署栏）"), self)
        person_form = QFormLayout(person)
        person_form.addRow(self.tr("单位名称"), self.unit_edit)
        person_form.addRow(self.tr("填表人"), self.contact_edit)
        person_form.addRow(self.tr("联系电话"), self.phone_edit)

        app = QGroupBox(self.tr("软件"), self)
        app_form = QFormLayout(app)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        app_form.addRow(self.tr("导出文件夹"), folder_row)
        app_form.addRow(self.tr("界面语言"), self.language_combo)
        note = QLabel(self.tr("更改语言后，重新启动填报时生效。"), self)
        note.setStyleSheet("color: palette(placeholder-text);")
        app_form.addRow("", note)
        app_form.addRow(self.tr("附件大小上限"), self.attachment_spin)

        data = QGroupBox(self.tr("数据库文件"), self)
        data_row = QVBoxLayout(data)
        data_row.addWidget(self.db_label)
        if read_only:
            data_row.addWidget(QLabel(self.tr("（只读方式打开，设置不能保存）"), self))
        data_row.addWidget(other)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not read_only)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for box in (person, app, data):
            layout.addWidget(box)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择导出文件夹"),
                                                  self.folder_edit.text() or str(Path.home()))
        if folder:
            self.folder_edit.setText(folder)

    def _open_other(self) -> None:
        self.open_other = True
        self.reject()

    def changes(self) -> dict[str, Any]:
        """Only the settings that differ from what was stored."""
        chosen = {
            "unit_name": self.unit_edit.text().strip(),
            "contact_person": self.contact_edit.text().strip(),
            "phone": self.phone_edit.text().strip(),
            "export_folder": self.folder_edit.text().strip(),
            "language": self.language_combo.currentData(),
            "attachment_max_mb": self.attachment_spin.value(),
        }
        return {k: v for k, v in chosen.items() if getattr(self.settings, k) != v}

    @classmethod
    def ask(cls, parent: QWidget | None, settings: Any, db_path: Path, *,
            read_only: bool = False) -> SettingsResult | None:
        """The changes to save (maybe none), a request to open another database, or None."""
        dialog = cls(settings, db_path, parent, read_only=read_only)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            if dialog.open_other:
                return SettingsResult(open_other_database=True)
            return SettingsResult(dialog.changes()) if accepted else None
        finally:
            dialog.deleteLater()
