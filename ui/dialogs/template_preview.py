"""Trying a form before using it: a blank report in the real editor, in a throwaway database.

The report lives in a temporary database file that is deleted when the window closes, so
nothing typed here ever reaches the person's own reports.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

import storage
from forms.spec import FormTemplate
from ui import operations

log = logging.getLogger("tianbao.ui")


class TemplatePreview(QDialog):
    """The form editor on a throwaway report of ``template``."""

    def __init__(self, template: FormTemplate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.editor import ReportEditor  # noqa: PLC0415 - the heaviest import: on demand

        self.setWindowTitle(self.tr("预览：{title}").format(title=template.title))
        self.folder = Path(tempfile.mkdtemp(prefix="tianbao-preview-"))
        self.store = storage.open_database(self.folder / "preview.db", daily_backup=False)
        try:
            report_id = operations.create_report(self.store, template.id, template=template)
            self.editor = ReportEditor(self.store, self)
            self.editor.load_report(report_id)
        except BaseException:
            self._discard()
            raise
        banner = QLabel(self.tr("这是试填用的空白报表：可以随意输入，看看校验和提示是否合适。"
                                "关闭窗口后内容即丢弃，不会保存到您的报表中。"), self)
        banner.setWordWrap(True)
        banner.setStyleSheet("background: #fff4ce; padding: 6px; border: 1px solid #e0c060;")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(banner)
        layout.addWidget(self.editor, 1)
        layout.addWidget(close)
        available = self.screen().availableGeometry()
        self.resize(min(1000, int(available.width() * 0.8)), min(820, int(available.height() * 0.85)))

    def _discard(self) -> None:
        """Close the throwaway database and delete its folder (once)."""
        if self.store is None:
            return
        editor = getattr(self, "editor", None)
        if editor is not None:
            editor.clear()
            editor.worker.drain()
        self.store.close()
        self.store = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def done(self, result: int) -> None:
        self._discard()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._discard()
        super().closeEvent(event)

    @classmethod
    def show_for(cls, parent: QWidget | None, template: FormTemplate) -> None:
        """Open the preview and wait until it is closed."""
        dialog = cls(template, parent)
        try:
            dialog.exec()
        finally:
            dialog._discard()
            dialog.deleteLater()
