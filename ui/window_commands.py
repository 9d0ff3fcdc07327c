"""The main window's menu and toolbar commands: each saves pending edits where it must and
calls the operation's module (ui.report_commands, ui.file_commands, the dialogs).

A mixin of ``MainWindow`` (which provides the store, the editor, the report list and the
status bar); texts are translated in the MainWindow context, as the window's own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

# The commands' modules (ui.report_commands, ui.file_commands) are imported when a command
# first runs: the window's first paint does not wait for them.

translate = QCoreApplication.translate


class WindowCommands:
    """The commands of ``MainWindow``, by the names its actions are connected to."""

    def new_report(self, *_: object, copy_from: int | None = None) -> int | None:
        from ui.report_commands import new_report  # noqa: PLC0415

        return new_report(self, copy_from)

    def copy_report(self) -> int | None:
        report_id = self.current_report_id()
        return None if report_id is None else self.new_report(copy_from=report_id)

    def import_report(self, *_: object, path: Path | None = None) -> int | None:
        from ui.dialogs.report_import import run_report_import  # noqa: PLC0415

        if not self.flush_editor():
            return None
        report_id = run_report_import(self, self.store, self.templates, path)
        if report_id is not None:
            self.report_list.reload(rescan_years=True, select_id=report_id)
            self.statusBar().showMessage(translate("MainWindow", "已导入报表"), 5000)
        return report_id

    def delete_report(self) -> bool:
        from ui.report_commands import delete_report  # noqa: PLC0415

        return delete_report(self)

    def show_trash(self) -> None:
        from ui.report_commands import show_trash  # noqa: PLC0415

        show_trash(self)

    def merge(self) -> None:
        from ui.report_commands import merge  # noqa: PLC0415

        merge(self)

    def export(self, kind: str) -> Path | None:
        from ui.export_actions import export_report  # noqa: PLC0415

        report_id = self.current_report_id()
        if report_id is None or not self.flush_editor():
            return None
        path = export_report(self, self.store, self.settings, report_id, kind)
        if path is not None:
            self.statusBar().showMessage(
                translate("MainWindow", "已导出：{path}").format(path=path), 8000)
        return path

    def print_report(self) -> None:
        from ui.print_preview import print_report  # noqa: PLC0415

        report_id = self.current_report_id()
        if report_id is not None and self.flush_editor():
            print_report(self, self.store, report_id)

    def show_templates(self) -> None:
        from ui.dialogs.templates import TemplatesDialog  # noqa: PLC0415

        if TemplatesDialog.run(self, self.store):
            self.reload_templates()

    def undo(self) -> None:
        self.editor.undo()

    def redo(self) -> None:
        self.editor.redo()

    def open_database(self) -> bool:
        from ui.file_commands import open_database  # noqa: PLC0415

        return open_database(self)

    def show_backups(self) -> None:
        from ui.file_commands import show_backups  # noqa: PLC0415

        show_backups(self)

    def show_settings(self) -> None:
        from ui.file_commands import show_settings  # noqa: PLC0415

        show_settings(self)

    def about(self) -> None:
        from ui.file_commands import about  # noqa: PLC0415

        about(self)

    def show_guide(self) -> None:
        from ui.guide import show_guide  # noqa: PLC0415 - not needed for the first paint

        show_guide(self)
