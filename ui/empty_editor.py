"""What the right side shows until a report is opened: a hint, with the editor's API as no-ops.

The real editor (ui.editor.ReportEditor) is imported and built on first use, which keeps
startup fast: it is the heaviest part of the window.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


class EmptyEditor(QWidget):
    saved = Signal(str)
    report_changed = Signal(int)
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        hint = QLabel(self.tr("从左侧选择一份报表，或按 Ctrl+N 新建。"), self)
        hint.setWordWrap(True)
        # Centred by stretches: neither Qt's alignment flags (their enums are slow to set up
        # in PySide6) nor a style sheet (~1 ms) before the first paint.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(hint)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def current_report_id(self) -> int | None:
        return None

    def report_title(self) -> str:
        return ""

    def flush(self) -> None:
        """Nothing is pending."""

    def clear(self) -> None:
        """Already empty."""

    def undo(self) -> None:
        """Nothing to undo."""

    def redo(self) -> None:
        """Nothing to redo."""

    def set_read_only(self, read_only: bool) -> None:
        """Nothing to edit."""
