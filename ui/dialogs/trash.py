"""The trash: reports deleted from the list and attachments removed from reports, each on
its own page, to restore or to delete for good."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import storage
from ui.dialogs.attachment_trash import AttachmentTrash
from ui.errors import show_error
from ui.report_list import ReportListPanel


class TrashDialog(QDialog):
    """Lists trashed reports and attachments; 恢复 brings the selection back, 彻底删除
    removes it after a confirmation."""

    def __init__(self, store: Any, form_titles: dict[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("回收站"))
        self.store = store
        self.changed = False  # anything restored or purged: the main list reloads
        self.restored: list[int] = []
        self.restored_attachments: list[int] = []  # the reports they belong to
        self.panel = ReportListPanel(store, form_titles, self, trashed=True)
        self.attachments = AttachmentTrash(store, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.panel, "")
        self.tabs.addTab(self.attachments, "")
        self.tabs.currentChanged.connect(self._update_buttons)
        self.restore_button = QPushButton(self.tr("恢复"), self)
        self.purge_button = QPushButton(self.tr("彻底删除…"), self)
        self.restore_button.clicked.connect(self._restore)
        self.purge_button.clicked.connect(self._purge)
        self.panel.report_selected.connect(self._update_buttons)
        self.attachments.selection_changed.connect(self._update_buttons)
        self.empty_label = QLabel(self.tr("回收站是空的。"), self)
        hint = QLabel(self.tr("删除的报表和移除的附件会先放在这里，可以恢复；彻底删除后无法恢复。"),
                      self)
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
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self.resize(820, 420)
        self._update_buttons()

    def show_attachments(self) -> None:
        self.tabs.setCurrentWidget(self.attachments)

    def _on_attachments(self) -> bool:
        return self.tabs.currentWidget() is self.attachments

    def _update_buttons(self, *_: object) -> None:
        reports, attachments = self.panel.model.rowCount(), self.attachments.count()
        self.tabs.setTabText(0, self.tr("报表（{n}）").format(n=reports))
        self.tabs.setTabText(1, self.tr("附件（{n}）").format(n=attachments))
        if self._on_attachments():
            selected = bool(self.attachments.selected())
        else:
            selected = self.panel.current_report_id() is not None
        writable = not self.store.read_only
        self.restore_button.setEnabled(selected and writable)
        self.purge_button.setEnabled(selected and writable)
        self.empty_label.setVisible(reports == 0 and attachments == 0)

    def _restore(self) -> None:
        if self._on_attachments():
            self.restore_attachments()
        else:
            self.restore_selected()

    def _purge(self) -> None:
        if self._on_attachments():
            self.purge_attachments()
        else:
            self.purge_selected()

    def restore_attachments(self) -> None:
        """Put the selected attachments back in their reports."""
        chosen = self.attachments.selected()
        try:
            for trashed in chosen:
                storage.restore_attachment(self.store.db, trashed.attachment.id)
                self.restored_attachments.append(trashed.attachment.report_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user in one place
            show_error(self, exc)
        self.changed = self.changed or bool(chosen)
        self.attachments.reload()

    def purge_attachments(self) -> None:
        """Delete the selected attachments for good, after a confirmation."""
        chosen = self.attachments.selected()
        if not chosen:
            return
        answer = QMessageBox.question(
            self, self.tr("彻底删除"),
            self.tr("确定要彻底删除附件“{names}”吗？\n\n此操作无法撤销。").format(
                names=self.tr("、").join(t.attachment.file_name for t in chosen)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            for trashed in chosen:
                storage.purge_attachment(self.store.db, trashed.attachment.id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
        self.attachments.reload()

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
        self.attachments.reload()  # its own removed attachments are no longer in a trashed report

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
        self.attachments.reload()  # its attachments went with it

    @classmethod
    def run(cls, parent: QWidget | None, store: Any, form_titles: dict[str, str], *,
            attachments: bool = False) -> list[int]:
        """Show the trash (at the attachments page if asked); returns the ids of the
        reports restored (the list reloads if anything changed)."""
        dialog = cls(store, form_titles, parent)
        if attachments:
            dialog.show_attachments()
        try:
            dialog.exec()
            return dialog.restored if dialog.changed else []
        finally:
            dialog.deleteLater()
