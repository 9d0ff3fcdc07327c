"""First start: the unit's name, the contact person and the phone, asked once and then
filled into every new report (changed later in 设置)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class UnitDetailsDialog(QDialog):
    def __init__(self, settings: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("欢迎使用填报"))
        intro = QLabel(self.tr(
            "请填写本单位的信息。每份新报表都会自动填入这些内容，不必每次重写；"
            "以后可以在“文件 → 设置”中修改。"), self)
        intro.setWordWrap(True)
        self.unit_edit = QLineEdit(settings.unit_name, self)
        self.unit_edit.setPlaceholderText(self.tr("如：某某县疾病预防控制中心"))
        self.contact_edit = QLineEdit(settings.contact_person, self)
        self.contact_edit.setPlaceholderText(self.tr("填表人的姓名"))
        self.phone_edit = QLineEdit(settings.phone, self)
        self.phone_edit.setPlaceholderText(self.tr("如：0816-2345678 或手机号码"))
        form = QFormLayout()
        form.addRow(self.tr("单位名称(&U)"), self.unit_edit)
        form.addRow(self.tr("联系人(&C)"), self.contact_edit)
        form.addRow(self.tr("电话(&P)"), self.phone_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("以后再说"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def details(self) -> dict[str, str]:
        """The three settings as typed (blanks trimmed)."""
        return {"unit_name": self.unit_edit.text().strip(),
                "contact_person": self.contact_edit.text().strip(),
                "phone": self.phone_edit.text().strip()}

    @classmethod
    def ask(cls, parent: QWidget | None, settings: Any) -> dict[str, str] | None:
        """The details to save, or None when the person chose 以后再说 (patched in tests)."""
        dialog = cls(settings, parent)
        try:
            return dialog.details() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
