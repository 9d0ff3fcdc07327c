"""帮助 › 使用说明 (F1): the built-in guide, an HTML page in resources/guide shown in the app.

The page is chosen by the interface language (guide_zh.html, guide_en.html; both styled
by guide.css); its screenshots (resources/guide/images/<language>/) are made by docs/make_guide_images.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

GUIDE_DIR = Path(__file__).resolve().parent.parent / "resources" / "guide"


def guide_path(folder: Path = GUIDE_DIR) -> Path:
    """The guide in the interface's language (Chinese unless English was chosen)."""
    english = QLocale().language() == QLocale.Language.English
    page = folder / ("guide_en.html" if english else "guide_zh.html")
    return page if page.is_file() else folder / "guide_zh.html"


class GuideDialog(QDialog):
    """A window beside the main one (not modal): the guide can stay open while working."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用说明"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guide")
        self.browser.setOpenExternalLinks(True)
        style = GUIDE_DIR / "guide.css"  # shared by the pages of each language
        if style.is_file():
            self.browser.document().setDefaultStyleSheet(style.read_text(encoding="utf-8"))
        self.browser.setSource(QUrl.fromLocalFile(str(path or guide_path())))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        available = self.screen().availableGeometry()
        self.resize(min(860, int(available.width() * 0.6)), int(available.height() * 0.85))

    def show_section(self, anchor: str) -> None:
        """Scroll to a section by its anchor (e.g. "fill")."""
        self.browser.scrollToAnchor(anchor)

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        if event.matches(QKeySequence.StandardKey.HelpContents):  # F1 again: stay
            event.accept()
            return
        super().keyPressEvent(event)


def show_guide(window: QWidget, anchor: str = "") -> GuideDialog:
    """Open the guide (or bring it to the front if it is open) beside ``window``."""
    dialog = window.findChild(GuideDialog)
    if dialog is None:
        dialog = GuideDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    if anchor:
        dialog.show_section(anchor)
    return dialog
