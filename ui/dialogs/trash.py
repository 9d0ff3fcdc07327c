"""The trash: reports deleted from the list, to restore or to delete for good."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import storage
from ui.errors import show_error
from ui.report_list import ReportListPanel


class TrashDialog(QDialog):
    """Lists trashed reports; 恢复 brings one back, 彻底删除 removes it after a confirmation."""

    def __init__(self, store: Any, form_titles: dict[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("回收站"))
        self.store = store
        self.changed = False  # anything restored or purged: the main list reloads
        self.restored: list[int] = []
        self.panel = ReportListPanel(store, form_titles, self, trashed=True)
        self.restore_button = QPushButton(self.tr("恢复"), self)
        self.purge_button = QPushButton(self.tr("彻底删除…"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        self.panel.report_selected.connect(self._update_buttons)
        self.empty_label = QLabel(self.tr("回收站是空的。"), self)
        hint = QLabel(self.tr("删除的报表会先放在这里，可以恢复；彻底删除后无法恢复。"), self)
        hint.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.purge_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self.resize(820, 420)
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        selected = self.panel.current_report_id() is not None
        writable = not self.store.read_only
        self.restore_button.setEnabled(selected and writable)
        self.purge_button.setEnabled(selected and writable)
        self.empty_label.setVisible(self.panel.model.rowCount() == 0)

    def restore_selected(self) -> None:
        report_id = self.panel.current_report_id()
        if report_id is None:
            return
        try:
            storage.restore_report(self.store.db, report_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user in one place
            show_error(self, exc)
            return
        self.changed = True
        self.restored.append(report_id)
        self.panel.reload()
        self._update_buttons()

    def purge_selected(self) -> None:
        report_id = self.panel.current_report_id()
        if report_id is None:
            return
        row = self.panel.model.rows()[self.panel.model.row_of(report_id)]
        answer = QMessageBox.question(
            self, self.tr("彻底删除"),
            self.tr("确定要彻底删除“{title}”吗？\n\n它的全部填写内容、修改记录和附件都将被删除，"
                    "此操作无法撤销。").format(title=row.title or row.id),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            storage.purge_report(self.store.db, report_id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.changed = True
        self.panel.reload()
        self._update_buttons()

    @classmethod
    def run(cls, parent: QWidget | None, store: Any, form_titles: dict[str, str]) -> list[int]:
        """Show the trash; returns the ids restored (the list reloads if anything changed)."""
        dialog = cls(store, form_titles, parent)
        try:
            dialog.exec()
            return dialog.restored if dialog.changed else []
        finally:
            dialog.deleteLater()
