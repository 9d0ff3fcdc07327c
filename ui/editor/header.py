"""The strip above the form: title, save state, 标记为完成/重新打开, and the two banners."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

BANNER_STYLE = {
    "error": "background:#fdecea; color:#b71c1c; border:1px solid #f5c2c0; padding:6px;",
    "info": "background:#eef3fb; color:#1f3f73; border:1px solid #c9d8f0; padding:6px;",
}


def banner(parent: QWidget, kind: str, name: str) -> QLabel:
    """A coloured message line across the editor, hidden until there is something to say."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(BANNER_STYLE[kind])
    label.hide()
    return label


class EditorHeader(QWidget):
    """``error_banner``: a save failed (red); ``state_banner``: why the form is read-only."""

    def __init__(self, complete: QAction, reopen: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("title")
        self.title_label.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.save_label = QLabel(self)
        self.save_label.setObjectName("save-state")
        self.save_label.setStyleSheet("color:#6b7280;")
        self.complete_button = QToolButton(self)
        self.complete_button.setDefaultAction(complete)
        self.reopen_button = QToolButton(self)
        self.reopen_button.setDefaultAction(reopen)
        row = QHBoxLayout()
        row.addWidget(self.title_label, 1)
        row.addWidget(self.save_label)
        row.addWidget(self.complete_button)
        row.addWidget(self.reopen_button)
        self.error_banner = banner(self, "error", "save-error")
        self.state_banner = banner(self, "info", "read-only")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.state_banner)
