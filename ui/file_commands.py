"""The main window's file and help commands: other databases, backups, settings, about.

Each takes the window and shows its own failures; the window's methods call these.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import storage
from ui.errors import show_error
from ui.open_store import open_store, restore_and_open

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger("tianbao.ui")
translate = QCoreApplication.translate


def ask_database_path(parent: QWidget | None, start: Path) -> Path | None:
    """The file dialog for 打开其他数据库 (patched in tests)."""
    title = QApplication.translate("MainWindow", "打开数据库")
    file_filter = QApplication.translate("MainWindow", "填报数据库 (*.db);;所有文件 (*)")
    from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415 - not needed for the first paint

    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start), file_filter)
    return Path(chosen) if chosen else None


def open_database(window: MainWindow) -> bool:
    """打开其他数据库: choose a file, open it, and show it instead of the current one."""
    path = ask_database_path(window, window.store.path.parent)
    if path is None or path.absolute() == window.store.path.absolute():
        return False
    if not window.flush_editor():
        return False
    store = open_store(window, path)
    if store is None:
        return False
    window.set_store(store)
    log.info("opened %s", path)
    return True


def show_backups(window: MainWindow) -> None:
    """备份与恢复; a restore closes the database, replaces it and opens it again."""
    from ui.dialogs.backups import BackupDialog  # noqa: PLC0415

    backup = BackupDialog.run(window, window.store)
    if backup is None or not window.flush_editor():
        return
    path = window.store.path
    window.editor.clear()
    window.store.close()
    store = restore_and_open(window, backup, path) or open_store(window, path)
    if store is None:
        QMessageBox.critical(window, translate("MainWindow", "无法打开数据库"),
                             translate("MainWindow",
                                       "数据库未能重新打开，填报将关闭。请重新启动填报。"))
        window.store = None
        window.close()
        return
    window.set_store(store)


def ask_unit_details(window: MainWindow) -> bool:
    """First start: ask once for the unit, contact person and phone that every new report
    is filled with; True when the person gave them (None of it when they are already set)."""
    store, settings = window.store, window.settings
    if (store is None or store.read_only or settings.units_asked or not window.isVisible()):
        return False
    from ui.dialogs.unit_details import UnitDetailsDialog  # noqa: PLC0415

    details = None
    if not (settings.unit_name and settings.contact_person and settings.phone):
        details = UnitDetailsDialog.ask(window, settings)
    changes: dict = {"units_asked": True}
    changes.update({key: text for key, text in (details or {}).items()
                    if text != getattr(settings, key)})
    try:
        window.settings = storage.update_settings(store.db, **changes)
    except Exception as exc:  # noqa: BLE001
        show_error(window, exc, translate("MainWindow", "未能保存设置"))
        return False
    if details:
        window.statusBar().showMessage(
            translate("MainWindow", "已保存单位信息，新报表会自动填入"), 5000)
    return bool(details)


def show_settings(window: MainWindow) -> None:
    from ui.dialogs.settings import SettingsDialog  # noqa: PLC0415

    store = window.store
    result = SettingsDialog.ask(window, window.settings, store.path, read_only=store.read_only)
    if result is None:
        return
    if result.open_other_database:
        window.open_database()
        return
    if not result.changes:
        return
    changes = dict(result.changes)
    if "export_folder" in changes:  # chosen in the settings: wins over the last one used
        changes["last_export_folder"] = ""
    try:
        window.settings = storage.update_settings(store.db, **changes)
    except Exception as exc:  # noqa: BLE001
        show_error(window, exc, translate("MainWindow", "未能保存设置"))
        return
    if "language" in result.changes:
        from ui.startup import keep_language  # noqa: PLC0415

        keep_language(storage.data_dir(), window.settings.language)
        QMessageBox.information(window, translate("MainWindow", "界面语言"),
                                translate("MainWindow", "界面语言将在重新启动填报后更改。"))
    window.statusBar().showMessage(translate("MainWindow", "设置已保存"), 5000)


def about(window: MainWindow) -> None:
    from html import escape  # noqa: PLC0415

    from exports.meta import APP_VERSION  # noqa: PLC0415 - the version the exports record
    from ui.startup import LOG_FILE_NAME  # noqa: PLC0415

    log_path = window.log_path or storage.data_dir() / LOG_FILE_NAME
    QMessageBox.about(window, translate("MainWindow", "关于填报"), translate(
        "MainWindow",
        "<h3>填报 Tianbao {version}</h3>"
        "<p>离线填写、校验、导出和汇总各类总结报表。所有数据保存在本机的一个文件中。</p>"
        "<p>数据库：{db}<br>日志文件：{log}</p>").format(
        version=APP_VERSION, db=escape(str(window.db_path)), log=escape(str(log_path))))
