"""Backup and restore: the automatic backups beside the database, a backup now, a restore."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

import storage
from ui.errors import show_error


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, size // 1024)} KB"


class BackupDialog(QDialog):
    """Lists backups newest first; the caller performs a chosen restore (the store must close)."""

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("备份与恢复"))
        self.store = store
        self.restore_path: Path | None = None
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("时间"), self.tr("类型"), self.tr("大小"),
                                   self.tr("文件")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        folder = storage.backups_dir(store.path)
        intro = QLabel(self.tr("每天第一次打开时自动备份，保留最近 {n} 份。备份文件夹：{folder}", "",
                               storage.KEEP_BACKUPS).format(
            n=storage.KEEP_BACKUPS, folder=folder), self)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_button = QPushButton(self.tr("立即备份"), self)
        self.save_as_button = QPushButton(self.tr("备份到其他位置…"), self)
        self.restore_button = QPushButton(self.tr("从所选备份恢复…"), self)
        self.backup_button.clicked.connect(self.backup_now)
        self.save_as_button.clicked.connect(self.backup_to)
        self.restore_button.clicked.connect(self.choose_restore)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.save_as_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.resize(720, 360)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        for info in storage.list_backups(self.store.path):
            item = QTreeWidgetItem([
                info.created_at.strftime("%Y-%m-%d %H:%M:%S"),
                self.reason_text(info.reason),
                size_text(info.size), info.path.name])
            item.setData(0, Qt.ItemDataRole.UserRole, str(info.path))
            self.tree.addTopLevelItem(item)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self._update_buttons()

    def reason_text(self, reason: str) -> str:
        names = {"daily": self.tr("每日自动备份"), "manual": self.tr("手动备份"),
                 "merge": self.tr("汇总前"), "import": self.tr("导入前"),
                 "upgrade": self.tr("升级前")}
        return names.get(reason, reason)

    def selected_path(self) -> Path | None:
        items = self.tree.selectedItems()
        return Path(items[0].data(0, Qt.ItemDataRole.UserRole)) if items else None

    def _update_buttons(self) -> None:
        writable = not self.store.read_only
        self.backup_button.setEnabled(writable)
        self.restore_button.setEnabled(writable and self.selected_path() is not None)

    def backup_now(self) -> None:
        try:
            storage.auto_backup(self.store, reason="manual")
        except Exception as exc:  # noqa: BLE001 - shown in one place
            show_error(self, exc)
        self.reload()

    def backup_to(self) -> None:
        default = Path.home() / f"{self.store.path.stem}-backup.db"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("备份到"), str(default),
                                              self.tr("填报数据库 (*.db)"))
        if not path:
            return
        try:
            storage.backup_database(self.store, path)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        QMessageBox.information(self, self.tr("备份完成"),
                                self.tr("已备份到：{path}").format(path=path))

    def choose_restore(self) -> None:
        path = self.selected_path()
        if path is None:
            return
        answer = QMessageBox.question(
            self, self.tr("从备份恢复"),
            self.tr("用备份“{name}”替换当前数据库吗？\n\n备份之后所做的修改将不在恢复后的数据库中。"
                    "当前文件会以“.before-restore-日期”为名保留在原文件夹，不会被删除。").format(
                name=path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_path = path
            self.accept()

    @classmethod
    def run(cls, parent: QWidget | None, store: Any) -> Path | None:
        """Show the dialog; returns the backup to restore from, if one was chosen."""
        dialog = cls(store, parent)
        try:
            dialog.exec()
            return dialog.restore_path
        finally:
            dialog.deleteLater()
