"""Print exactly the PDF export: render its pages to images, preview them, paint them on paper.

pypdfium2 (which pdfplumber brings) renders the pages; it is imported only when printing.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QRect, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from ui import operations
from ui.errors import show_error
from ui.workers import run_with_progress

translate = QCoreApplication.translate
log = logging.getLogger("tianbao.ui")
PRINT_DPI = 150  # sharp on paper, ~6 MB per A4 page in memory


def render_pdf_pages(path: Path, dpi: int = PRINT_DPI) -> tuple[list[QImage], QSizeF]:
    """Every page of the PDF as an image, and the first page's size in points."""
    import pypdfium2  # noqa: PLC0415 - only needed when printing

    document = pypdfium2.PdfDocument(str(path))
    try:
        images = []
        size = QSizeF(595.28, 841.89)  # A4, if the file had no pages
        for number in range(len(document)):
            page = document[number]
            if number == 0:
                width, height = page.get_size()
                size = QSizeF(width, height)
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBX8888).copy()
            image.setDotsPerMeterX(round(dpi / 0.0254))
            image.setDotsPerMeterY(round(dpi / 0.0254))
            images.append(image)
            bitmap.close()
            page.close()
        return images, size
    finally:
        document.close()


def setup_printer(printer: QPrinter, page_points: QSizeF) -> None:
    """Paper of the PDF's page size, no margins: each page image fills the sheet as in the file."""
    width, height = page_points.width(), page_points.height()
    portrait = QSizeF(min(width, height), max(width, height))
    page_size = QPageSize(portrait, QPageSize.Unit.Point, "",
                          QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (QPageLayout.Orientation.Landscape if width > height
                   else QPageLayout.Orientation.Portrait)
    printer.setPageLayout(QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0),
                                      QPageLayout.Unit.Point))
    printer.setFullPage(True)


def paint_pages(printer: QPrinter, images: list[QImage]) -> None:
    """Paint each image on its own sheet, scaled to the paper and centred."""
    painter = QPainter()
    if not painter.begin(printer):
        log.warning("could not start painting on the printer")
        return
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        target = printer.pageLayout().fullRectPixels(printer.resolution())
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = target.x() + (target.width() - scaled.width()) // 2
            y = target.y() + (target.height() - scaled.height()) // 2
            painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), image)
    finally:
        painter.end()


class PrintPreview(QPrintPreviewDialog):
    """Qt's preview dialog over the rendered pages; its print button prints the same pages."""

    def __init__(self, images: list[QImage], page_points: QSizeF,
                 parent: QWidget | None = None) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        setup_printer(self.printer, page_points)
        super().__init__(self.printer, parent)
        self.images = images
        self.setWindowTitle(self.tr("打印预览"))
        self.paintRequested.connect(lambda printer: paint_pages(printer, self.images))
        self.resize(900, 1000)

    @classmethod
    def run(cls, parent: QWidget | None, images: list[QImage], page_points: QSizeF) -> int:
        dialog = cls(images, page_points, parent)
        try:
            return dialog.exec()
        finally:
            dialog.deleteLater()


def print_report(parent: QWidget | None, store: Any, report_id: int) -> bool:
    """Export the report's PDF to a temporary file and preview/print its pages."""
    title = translate("print_preview", "打印")
    try:
        data = operations.report_data(store, report_id)
        with tempfile.TemporaryDirectory(prefix="tianbao-print-") as folder:
            path = Path(folder) / "report.pdf"

            def job(_progress: Any, _cancelled: Any) -> tuple[list[QImage], QSizeF]:
                from exports.pdf import write_pdf  # noqa: PLC0415

                write_pdf(data, path)
                return render_pdf_pages(path)

            images, size = run_with_progress(parent, translate("print_preview", "正在准备打印…"), job)
    except Exception as exc:  # noqa: BLE001 - shown in one place
        show_error(parent, exc, title)
        return False
    PrintPreview.run(parent, images, size)
    return True
