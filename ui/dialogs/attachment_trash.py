"""The 附件 page of the trash: attachments removed from their reports, to restore or delete."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

import storage
from exports.layout import human_size

IdRole = Qt.ItemDataRole.UserRole + 1


class AttachmentTrash(QWidget):
    """Every attachment in the trash: file name, size, its report, when it was removed."""

    selection_changed = Signal()

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.items: list[storage.TrashedAttachment] = []
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("trashed_attachments")
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setHeaderLabels([self.tr("文件名"), self.tr("大小"), self.tr("所属报表"),
                                   self.tr("删除时间")])
        self.tree.itemSelectionChanged.connect(self.selection_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        self.items = storage.list_trashed_attachments(self.store.db)
        for trashed in self.items:
            attachment = trashed.attachment
            report = trashed.report_title or self.tr("（无标题）")
            if trashed.report_trashed:
                report += self.tr("（报表也在回收站中）")
            item = QTreeWidgetItem([attachment.file_name, human_size(attachment.size), report,
                                    (attachment.trashed_at or "").replace("T", " ")])
            item.setData(0, IdRole, attachment.id)
            item.setToolTip(0, attachment.note or attachment.file_name)
            self.tree.addTopLevelItem(item)
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        self.selection_changed.emit()

    def count(self) -> int:
        return len(self.items)

    def selected(self) -> list[storage.TrashedAttachment]:
        chosen = {item.data(0, IdRole) for item in self.tree.selectedItems()}
        return [t for t in self.items if t.attachment.id in chosen]

    def select(self, attachment_id: int) -> bool:
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item.data(0, IdRole) == attachment_id:
                self.tree.setCurrentItem(item)
                return True
        return False
