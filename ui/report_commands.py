"""The main window's report commands: new, copy, delete, trash, merge.

Each takes the window (its store, settings, report list and status bar) and shows its own
failures; the window's methods of the same names call these.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

import storage
from ui.errors import show_error

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger("tianbao.ui")
translate = QCoreApplication.translate


def new_report(window: MainWindow, copy_from: int | None = None) -> int | None:
    """Ask what to start from (NewReportDialog), create the report, select it."""
    from ui import operations  # noqa: PLC0415
    from ui.dialogs.new_report import NewReportDialog, source_reports  # noqa: PLC0415
    from ui.report_list import ReportRow  # noqa: PLC0415

    if not window.flush_editor():
        return None
    store = window.store
    rows = [ReportRow.from_summary(s) for s in storage.list_reports(store.db)]
    if not window.templates:
        QMessageBox.warning(window, translate("MainWindow", "新建报表"), translate(
            "MainWindow", "没有可用的表单。请在“文件 → 表单管理”中查看模板的问题或导入表单。"))
        return None
    try:
        defaults = {t.id: operations.default_period(store, t) for t in window.templates.values()}
    except Exception as exc:  # noqa: BLE001
        show_error(window, exc)
        return None
    request = NewReportDialog.ask(window, window.templates, window.settings.unit_name,
                                  source_reports(rows), defaults, copy_from=copy_from,
                                  form_id=default_form_id(rows, window.templates))
    if request is None:
        return None
    try:
        report_id = operations.new_report(
            store, request.form_id, period=request.period, unit=request.unit,
            values_path=request.values_path, copy_from=request.copy_from)
    except Exception as exc:  # noqa: BLE001
        show_error(window, exc, translate("MainWindow", "未能新建报表"))
        return None
    log.info("created report %s", report_id)
    window.report_list.reload(rescan_years=True, select_id=report_id)
    if window.current_report_id() == report_id:  # ready to type, no mouse needed (once
        QTimer.singleShot(0, window.editor.focus_first_field)  # the dialog gave focus back)
    window.statusBar().showMessage(translate("MainWindow", "已新建报表"), 5000)
    return report_id


def default_form_id(rows: list, templates: dict) -> str | None:
    """The form 新建 starts on: the one used last (or the only one with reports), else the
    first in the list of forms, in the order the templates declare (``order``)."""
    return last_form_id([row for row in rows if row.form_id in templates]) or \
        next(iter(templates), None)


def last_form_id(rows: list) -> str | None:
    """The form of the report made or changed last (rows as ReportRow), or None."""
    latest = max(rows, key=lambda row: (row.updated_at, row.id), default=None)
    return latest.form_id if latest is not None else None


def delete_report(window: MainWindow) -> bool:
    """Move the selected report to the trash, after asking."""
    store = window.store
    report_id = window.report_list.current_report_id() or window.current_report_id()
    if report_id is None or store.read_only:
        return False
    try:
        report = storage.get_report(store.db, report_id)
    except Exception as exc:  # noqa: BLE001
        show_error(window, exc)
        return False
    answer = QMessageBox.question(
        window, translate("MainWindow", "删除报表"),
        translate("MainWindow", "把“{title}”移到回收站吗？\n\n以后可以在“文件 → 回收站”中恢复。").format(
            title=report.title or report_id),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    if report_id == window.current_report_id():
        if not window.flush_editor():
            return False
        window.editor.clear()
    try:
        storage.trash_report(store.db, report_id)
    except Exception as exc:  # noqa: BLE001
        show_error(window, exc, translate("MainWindow", "未能删除报表"))
        return False
    window.report_list.reload(rescan_years=True)
    window.update_actions()
    window.statusBar().showMessage(translate("MainWindow", "已移到回收站"), 5000)
    return True


def show_trash(window: MainWindow) -> None:
    from ui.dialogs.trash import TrashDialog  # noqa: PLC0415

    restored = TrashDialog.run(window, window.store, window.form_titles)
    if restored:
        window.report_list.reload(rescan_years=True, select_id=restored[-1])
    attachments = getattr(window.editor, "attachments", None)  # none before the first report
    if attachments is not None and window.current_report_id() is not None:
        attachments.refresh()  # an attachment may have come back from the trash


def merge(window: MainWindow) -> None:
    """汇总: merge packages from the counties into a new report, and select it."""
    from ui.merge_dialog import run_merge_dialog  # noqa: PLC0415 - on demand

    if not window.flush_editor():
        return
    try:
        new_id = run_merge_dialog(window, window.store)
    except Exception as exc:  # noqa: BLE001
        show_error(window, exc, translate("MainWindow", "汇总未完成"))
        return
    if isinstance(new_id, int):  # the packages may have brought a form this file lacked
        window.reload_templates()
    window.report_list.reload(rescan_years=True,
                              select_id=new_id if isinstance(new_id, int) else None)
