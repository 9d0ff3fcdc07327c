"""Export from the window writes real files (read back), and printing paints the PDF's pages."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtPrintSupport import QPrinter

import storage
from ui import export_actions, operations
from ui.cli.common import read_values_file
from ui.print_preview import PrintPreview, paint_pages, render_pdf_pages, setup_printer

pytestmark = pytest.mark.gui


@pytest.fixture
def seed_report(store, week_template, seed_values_path) -> int:
    raw = read_values_file(seed_values_path, week_template)
    return operations.create_report(store, week_template.id, raw=raw)


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    """Answer the save dialog with a file in tmp_path/out, named as suggested."""
    out = tmp_path / "out"
    out.mkdir()
    asked: list[Path] = []

    def ask(parent, title, default, file_filter, suffix):
        asked.append(default)
        return out / default.name

    monkeypatch.setattr(export_actions, "ask_save_path", ask)
    monkeypatch.setattr(export_actions, "ask_open_folder", lambda parent, path: False)
    return asked


def test_export_xlsx_from_the_window(window, store, seed_report, save_to):
    window.report_list.reload(select_id=seed_report)
    path = window.export("xlsx")
    assert path is not None and path.is_file()
    assert save_to[0].name == "第30届_全国肿瘤防治宣传周活动总结表_四川省抗癌协会.xlsx"
    book = openpyxl.load_workbook(path)
    cells = {str(c.value) for sheet in book.worksheets for row in sheet.iter_rows()
             for c in row if c.value is not None}
    assert "四川省抗癌协会" in cells
    assert any("第30届全国肿瘤防治宣传周活动总结表" in text for text in cells)


def test_export_pdf_and_package(window, seed_report, save_to):
    window.report_list.reload(select_id=seed_report)
    pdf = window.export("pdf")
    with pdfplumber.open(pdf) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    assert "四川省抗癌协会" in text
    package = window.export("package")
    assert package.suffix == ".zip"
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    assert any(n.endswith(".xlsx") for n in names) and any(n.endswith(".pdf") for n in names)
    assert manifest["unit"] == "四川省抗癌协会"


def test_success_offers_to_open_the_folder(window, seed_report, save_to, monkeypatch):
    opened: list[Path] = []
    monkeypatch.setattr(export_actions, "ask_open_folder", lambda parent, path: True)
    monkeypatch.setattr(export_actions, "open_folder", opened.append)
    window.report_list.reload(select_id=seed_report)
    path = window.export("xlsx")
    assert opened == [path]


def test_default_folder_prefers_the_setting(tmp_path, store):
    settings = storage.update_settings(store.db, export_folder=str(tmp_path))
    assert export_actions.default_folder(settings) == tmp_path
    missing = storage.update_settings(store.db, export_folder=str(tmp_path / "gone"))
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    assert export_actions.default_folder(missing, home=home) == home / "Documents"


def test_the_save_dialog_opens_where_the_last_export_went(window, store, seed_report, save_to,
                                                         monkeypatch, tmp_path):
    window.report_list.reload(select_id=seed_report)
    elsewhere = tmp_path / "U盘"
    elsewhere.mkdir()
    monkeypatch.setattr(export_actions, "ask_save_path",
                        lambda parent, title, default, file_filter, suffix:
                        save_to.append(default) or elsewhere / default.name)
    window.export("xlsx")
    window.export("pdf")
    assert save_to[1].parent == elsewhere
    assert storage.get_settings(store.db).last_export_folder == str(elsewhere)
    assert storage.get_settings(store.db).last_attachment_folder == ""
    for file in elsewhere.iterdir():
        file.unlink()
    elsewhere.rmdir()  # gone: back to the export folder of the settings
    storage.update_settings(store.db, export_folder=str(tmp_path))
    window.settings = storage.get_settings(store.db)
    window.export("xlsx")
    assert save_to[2].parent == tmp_path


def test_a_new_export_folder_in_the_settings_wins_over_the_last_one(window, store, monkeypatch,
                                                                    tmp_path):
    from ui.dialogs.settings import SettingsDialog, SettingsResult

    storage.update_settings(store.db, last_export_folder=str(tmp_path))
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(
        lambda cls, *a, **k: SettingsResult({"export_folder": str(tmp_path / "x")})))
    window.show_settings()
    settings = storage.get_settings(store.db)
    assert (settings.export_folder, settings.last_export_folder) == (str(tmp_path / "x"), "")


def test_print_renders_every_pdf_page_and_paints_them(qapp, store, seed_report, tmp_path):
    from exports.pdf import write_pdf

    pdf = write_pdf(operations.report_data(store, seed_report), tmp_path / "r.pdf")
    images, size = render_pdf_pages(pdf, dpi=50)
    with pdfplumber.open(pdf) as document:
        pages = len(document.pages)
        first = document.pages[0]
        assert (round(first.width), round(first.height)) == (round(size.width()),
                                                             round(size.height()))
    assert len(images) == pages > 1
    assert abs(images[0].width() - size.width() * 50 / 72) <= 1

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    setup_printer(printer, QSizeF(size))
    paint_pages(printer, images)
    with pdfplumber.open(tmp_path / "printed.pdf") as printed:
        assert len(printed.pages) == pages
        assert round(printed.pages[0].width) == round(size.width())


def test_print_action_previews_the_pages(window, seed_report, monkeypatch):
    shown: list[int] = []
    monkeypatch.setattr(PrintPreview, "run",
                        classmethod(lambda cls, parent, images, size: shown.append(len(images))))
    window.report_list.reload(select_id=seed_report)
    window.print_report()
    assert shown and shown[0] >= 2


def test_package_streams_the_attachments(window, store, seed_report, save_to, tmp_path):
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 400)
    storage.add_attachment(store.db, seed_report, photo)
    window.report_list.reload(select_id=seed_report)
    package = window.export("package")
    with zipfile.ZipFile(package) as archive:
        packed = [n for n in archive.namelist() if n.endswith("现场照片.jpg")]
        assert len(packed) == 1
        assert archive.read(packed[0]) == photo.read_bytes()


def test_preview_dialog_sets_up_the_paper(qtbot, qapp):
    from PySide6.QtGui import QImage, QPageLayout

    image = QImage(100, 141, QImage.Format.Format_RGBX8888)
    image.fill(0xFFFFFFFF)
    dialog = PrintPreview([image, image], QSizeF(595.28, 841.89))
    qtbot.addWidget(dialog)
    layout = dialog.printer.pageLayout()
    assert dialog.printer.fullPage()
    assert layout.orientation() == QPageLayout.Orientation.Portrait
    assert round(layout.fullRect(QPageLayout.Unit.Point).width()) == 595
    assert layout.margins().isNull()


@pytest.mark.parametrize("kind", ["xlsx", "pdf", "package"])
def test_a_report_not_complete_asks_before_it_is_exported(window, store, seed_report, save_to,
                                                          messages, kind):
    from PySide6.QtWidgets import QMessageBox

    window.report_list.reload(select_id=seed_report)
    messages.answer = QMessageBox.StandardButton.No
    assert window.export(kind) is None
    (question,) = messages.texts("question")
    assert "尚未标记为完成" in question
    assert save_to == []  # not even the file dialog
    messages.answer = QMessageBox.StandardButton.Yes
    assert window.export(kind) is not None


def test_a_complete_report_exports_without_asking(window, store, week_template, save_to,
                                                  messages):
    clean = {"edition": "第30届", "fill_date": "2024年4月28日", "unit_name": "四川省抗癌协会",
             "activity_time": "2024年4月15-26日", "activity_place": "四川省",
             "hospitals": "2家；四川省肿瘤医院、四川大学华西医院", "overall_summary": "活动顺利开展。"}
    report_id = operations.create_report(store, week_template.id, raw=clean)
    assert operations.complete_report(store, report_id) == []
    window.report_list.reload(select_id=report_id)
    assert window.export("package") is not None
    assert messages.texts("question") == []
