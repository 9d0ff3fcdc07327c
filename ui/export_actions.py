"""Export a report as XLSX, PDF or a package: pick the file, write it in a worker, show the folder."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

import storage
from exports.atomic import ExportCancelled
from ui import operations
from ui.errors import show_error
from ui.workers import run_with_progress

translate = QCoreApplication.translate
log = logging.getLogger("tianbao.ui")

XLSX, PDF, PACKAGE = "xlsx", "pdf", "package"
SUFFIXES = {XLSX: ".xlsx", PDF: ".pdf", PACKAGE: ".zip"}


def kind_texts(kind: str) -> tuple[str, str, str]:
    """(dialog title, file filter, progress label) for an export kind."""
    if kind == XLSX:
        return (translate("export_actions", "导出 XLSX"),
                translate("export_actions", "Excel 表格 (*.xlsx)"),
                translate("export_actions", "正在导出 Excel 表格…"))
    if kind == PDF:
        return (translate("export_actions", "导出 PDF"),
                translate("export_actions", "PDF 文件 (*.pdf)"),
                translate("export_actions", "正在导出 PDF…"))
    return (translate("export_actions", "打包发送"),
            translate("export_actions", "报送包 (*.zip)"),
            translate("export_actions", "正在打包…"))


def default_folder(settings: Any, home: Path | None = None) -> Path:
    """The export folder from the settings if it exists, else Documents, else home."""
    home = home or Path.home()
    chosen = Path(settings.export_folder).expanduser() if settings.export_folder else None
    for folder in (chosen, home / "Documents", home / "文档", home):
        if folder is not None and folder.is_dir():
            return folder
    return home


def suggested_path(data: Any, kind: str, folder: Path) -> Path:
    """e.g. 文档/第30届_全国肿瘤防治宣传周活动总结表_四川省抗癌协会.xlsx"""
    from exports.package import export_file_name  # noqa: PLC0415 - keeps startup lean

    return folder / export_file_name(data, SUFFIXES[kind])


def ask_save_path(parent: QWidget | None, title: str, default: Path, file_filter: str,
                  suffix: str) -> Path | None:
    """The file dialog (patched in tests); adds the suffix when the person left it off."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(default), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def ask_open_folder(parent: QWidget | None, path: Path) -> bool:
    """Say where the file went; True when the person wants to see the folder."""
    box = QMessageBox(QMessageBox.Icon.Information, translate("export_actions", "导出完成"),
                      translate("export_actions", "已保存到：\n{path}").format(path=path),
                      QMessageBox.StandardButton.NoButton, parent)
    open_button = box.addButton(translate("export_actions", "打开所在文件夹"),
                                QMessageBox.ButtonRole.ActionRole)
    box.addButton(translate("export_actions", "关闭"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    wanted = box.clickedButton() is open_button
    box.deleteLater()
    return wanted


def open_folder(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def writer_for(kind: str, store: Any) -> Callable[[Any, Path, Callable, Callable], Path]:
    """A job body: (data, path, progress, cancelled) -> path, importing exports lazily."""
    if kind == XLSX:
        def write(data: Any, path: Path, _progress: Callable, _cancelled: Callable) -> Path:
            from exports.xlsx import write_xlsx  # noqa: PLC0415

            return write_xlsx(data, path)
    elif kind == PDF:
        def write(data: Any, path: Path, _progress: Callable, _cancelled: Callable) -> Path:
            from exports.pdf import write_pdf  # noqa: PLC0415

            return write_pdf(data, path)
    else:
        def write(data: Any, path: Path, progress: Callable, cancelled: Callable) -> Path:
            from exports.package import write_package  # noqa: PLC0415

            return write_package(
                data, path, open_attachment=lambda a: storage.iter_attachment(store.db, a),
                progress=lambda fraction, text: progress(int(fraction * 1000), 1000, text),
                cancel=cancelled)
    return write


def confirm_draft_export(parent: QWidget | None, data: Any, kind: str) -> bool:
    """A report not yet marked complete: export (or send) it anyway? Asked before the file
    dialog; the answer defaults to no."""
    if data.status == storage.COMPLETE:
        return True
    title, _, _ = kind_texts(kind)
    if data.marked_draft:
        why = translate("export_actions", "这份报表还有 {n} 个错误，尚未标记为完成。").format(
            n=len(data.check.errors))
    else:
        why = translate("export_actions", "这份报表尚未标记为完成（仍是草稿）。")
    if kind == PACKAGE:
        ask = translate("export_actions", "上级单位汇总时会看到它是草稿。仍要打包发送吗？"
                        "\n\n建议先检查无误，在编辑器中点“标记为完成”后再打包。")
    else:
        ask = translate("export_actions", "仍要导出吗？导出的文件会注明为草稿。")
    answer = QMessageBox.question(parent, title, why + "\n\n" + ask,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def export_report(parent: QWidget | None, store: Any, settings: Any, report_id: int, kind: str,
                  *, folder: Path | None = None) -> Path | None:
    """The whole export flow; every failure is shown here. Returns the file written, or None."""
    title, file_filter, label = kind_texts(kind)
    try:
        data = operations.report_data(store, report_id)
        folder = folder or operations.remembered_folder(store, "exports") or default_folder(settings)
        default = suggested_path(data, kind, folder)
    except Exception as exc:  # noqa: BLE001 - shown in one place
        show_error(parent, exc, title)
        return None
    if not confirm_draft_export(parent, data, kind):
        return None
    path = ask_save_path(parent, title, default, file_filter, SUFFIXES[kind])
    if path is None:
        return None
    try:
        operations.remember_folder(store, "exports", path.parent)
    except Exception:  # noqa: BLE001 - a convenience: never stands in the export's way
        log.warning("could not remember the export folder", exc_info=True)
    write = writer_for(kind, store)
    try:
        run_with_progress(parent, label, lambda progress, cancelled:
                          write(data, path, progress, cancelled), cancellable=kind == PACKAGE)
    except Exception as exc:  # noqa: BLE001
        if isinstance(exc, ExportCancelled):
            log.info("export cancelled: %s", path)
            return None
        show_error(parent, exc, title)
        return None
    log.info("exported report %s as %s to %s", report_id, kind, path)
    if ask_open_folder(parent, path):
        open_folder(path)
    return path
