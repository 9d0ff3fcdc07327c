"""The main window: the report list on the left, the form editor on the right; and ``run()``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

import storage  # cheap: its API (and sqlite-utils) loads on first use
from forms.messages import say
from ui.empty_editor import EmptyEditor
from ui.main_actions import build_actions
from ui.report_list import ReportListPanel
from ui.window_commands import WindowCommands
from ui.window_layout import ShareSplitter

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from forms.spec import FormTemplate
    from storage.peek import Peek
    from ui.background_open import Opened

log = logging.getLogger("tianbao.ui")
APP_NAME = "Tianbao"


def load_templates(store: Any) -> dict[str, FormTemplate]:
    """The forms new reports can use: built-in and imported into ``store``."""
    from ui.catalogue import template_catalogue  # noqa: PLC0415 - slow to import: on demand

    return template_catalogue(store).templates()


class MainWindow(WindowCommands, QMainWindow):
    """The main window on an open Store; or, at startup, on a ``preview`` (``storage.peek``)
    with ``store=None`` until ``finish_opening`` attaches the store opened in the background."""

    def __init__(self, store: Any, settings: Any, *,
                 templates: dict[str, FormTemplate] | None = None,
                 log_path: Path | None = None, parent: QWidget | None = None,
                 preview: Peek | None = None, form_titles: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        if store is None and preview is None:
            raise ValueError("MainWindow needs a store or a preview")
        self.store = store
        self.db_path: Path = store.path if store is not None else preview.path
        self.settings = settings
        self.log_path = log_path
        if templates is None and store is not None:
            templates = load_templates(store)
        self.templates = templates or {}
        self.form_titles = ({form_id: t.title for form_id, t in self.templates.items()}
                            if templates else dict(form_titles or {}))
        self._pending_report: int | None = None  # clicked before the store was ready
        self._closed = False
        self.report_list = ReportListPanel(store, self.form_titles, self,
                                           preview=preview.reports if preview else None)
        self.splitter = ShareSplitter()
        self.splitter.setParent(self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.report_list)
        self.editor: QWidget = EmptyEditor(self)  # the real one is built on first use
        self.splitter.addWidget(self.editor)
        self.setCentralWidget(self.splitter)
        self.commands = build_actions(self, {
            "new": self.new_report, "copy": self.copy_report, "import_report": self.import_report,
            "delete": self.delete_report,
            "trash": self.show_trash, "export_xlsx": lambda: self.export("xlsx"),
            "export_pdf": lambda: self.export("pdf"), "package": lambda: self.export("package"),
            "print": self.print_report, "merge": self.merge, "templates": self.show_templates,
            "open_database": self.open_database,
            "backups": self.show_backups, "settings": self.show_settings, "quit": self.close,
            "undo": self.undo, "redo": self.redo, "guide": self.show_guide, "about": self.about,
        })
        self.report_list.view.addAction(self.commands.delete)
        self.report_list.report_selected.connect(self.show_report)
        self.db_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.db_label)
        available = self.screen().availableGeometry()
        width = min(1480, int(available.width() * 0.92))
        self.resize(width, min(900, int(available.height() * 0.9)))
        self._store_changed()
        self.select_last_report()

    # --- store and editor ------------------------------------------------------------

    def _real_editor(self) -> QWidget:
        """The form editor, built the first time a report is opened."""
        if isinstance(self.editor, EmptyEditor):
            from ui.editor import ReportEditor  # noqa: PLC0415 - the heaviest import: on demand

            self._install_editor(ReportEditor(self.store, self))
        return self.editor

    def _install_editor(self, editor: QWidget) -> None:
        editor.saved.connect(self._saved)
        editor.report_changed.connect(self._report_changed)
        editor.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        editor.set_read_only(self.store.read_only)
        old, self.editor = self.editor, editor
        old.clear()  # stops its autosave before its store goes away
        self.splitter.replaceWidget(1, editor)
        old.deleteLater()

    def _store_changed(self) -> None:
        read_only = self.store is not None and self.store.read_only
        suffix = self.tr("（只读）") if read_only else ""
        self.db_label.setText(str(self.db_path) + suffix)
        self.db_label.setToolTip(str(self.db_path))
        if self.store is None:
            self.statusBar().showMessage(self.tr("正在检查数据库…"))
        elif self.store.backup_error is not None:
            self.statusBar().showMessage(say(self.store.backup_error.text()), 15000)
        self.update_actions()

    def update_title(self) -> None:
        """"report title — file — 填报": the program's name once, last, as Qt would add it.

        Qt appends the application's display name unless the title already ends with it.
        """
        read_only = self.store is not None and self.store.read_only
        parts = [self.editor.report_title(),
                 self.db_path.name + (self.tr("（只读）") if read_only else ""),
                 QApplication.translate("MainWindow", "填报")]
        self.setWindowTitle(" — ".join(part for part in parts if part))

    def finish_opening(self, opened: Opened) -> None:
        """Startup, second stage (when the quick open declined): attach the store opened in
        the background, or explain why it could not be opened (damaged, locked, newer) and
        offer the usual way on."""
        store = opened.store
        if self._closed:  # the person quit while the file was being checked
            if store is not None:
                store.close()
            return
        if opened.error is not None:
            store = self._recover_or_quit(opened.path, opened.error)
            if store is None:
                return
        self.attach(store, templates=opened.templates)
        self.first_steps_soon()

    def first_steps_soon(self) -> None:
        """At startup, once the window is up and its database open (every way a start
        goes): ask for the unit's details if never asked, and get ready for the first
        report opened while the window is idle (ui.warm_up: once)."""
        from PySide6.QtCore import QTimer  # noqa: PLC0415

        from ui.warm_up import WarmUp  # noqa: PLC0415 - after the first paint

        QTimer.singleShot(0, self.first_steps)
        if self.findChild(WarmUp) is None:
            WarmUp(self).start()  # the first report opened is quicker for it

    def first_steps(self) -> bool:
        if self._closed:  # quit before the timer came round
            return False
        from ui.file_commands import ask_unit_details  # noqa: PLC0415 - see _show_error

        return ask_unit_details(self)

    def finish_checking(self, opened: Opened) -> None:
        """Startup, third stage (after a quick open): the full check's verdict, the forms,
        and the settings and list as stored; a damaged file is closed and explained."""
        if self._closed or opened.store is not self.store or opened.store.closed:
            return  # quit, or another database opened meanwhile (it closed this one)
        if opened.check_error is not None:
            self._recover_damaged(opened)
            return
        self.settings = storage.get_settings(self.store.db)
        self.reload_templates(opened.templates if opened.templates is not None else {})
        if opened.templates_error is not None:
            self._show_error(opened.templates_error, self.tr("未能读取表单模板"))
        self.report_list.set_store(self.store)
        self._store_changed()
        report_id = self.current_report_id()
        if report_id is not None:
            self._remember_report(report_id)
        self.first_steps_soon()

    def _recover_damaged(self, opened: Opened) -> None:
        self.editor.clear()  # its edits cannot be saved into a damaged file
        self.store, store = None, self.store
        store.close()
        store = self._recover_or_quit(opened.path, opened.check_error)
        if store is not None:
            self.set_store(store)

    def _recover_or_quit(self, path: Path, error: Exception) -> Any:
        """At startup: explain ``error`` and offer the way on; the store, or None (then quit)."""
        from ui.open_store import recover_from  # noqa: PLC0415 - see _show_error

        store = recover_from(self, path, error,
                             cancel_text=QApplication.translate("MainWindow", "退出"))
        if store is None:
            self._closed = True
            self.close()
            QApplication.exit(1)
        return store

    def attach(self, store: Any, *, templates: dict[str, FormTemplate] | None = None,
               checking: bool = False, open_report: bool = True) -> None:
        """Replace the startup preview with the open ``store``: list, actions, editor.

        ``checking``: a quick open whose check is still running; the preview's settings,
        forms and rows stay until ``finish_checking`` (no slow import before that).
        ``open_report=False``: the report selected or clicked waits for
        ``open_pending_report`` (at startup: building its form would delay the first paint).
        """
        self.statusBar().clearMessage()
        self.set_store(store, templates=templates, keep_selection=True, checking=checking)
        if open_report:
            self.open_pending_report()

    def open_pending_report(self) -> None:
        """Show the report clicked (or selected) before the store was attached."""
        if self.store is None:
            return
        pending, self._pending_report = self._pending_report, None
        pending = pending if pending is not None else self.report_list.current_report_id()
        if pending is not None:
            self.show_report(pending)

    def set_store(self, store: Any, *, templates: dict[str, FormTemplate] | None = None,
                  keep_selection: bool = False, checking: bool = False) -> None:
        """Switch to another open database (the old one is closed), to its forms, and to
        the report last shown in it; ``keep_selection``: the same file, whose preview was shown."""
        old, self.store = self.store, store
        self.db_path = store.path
        if checking:
            self.templates = None  # read when first needed, unless the worker brings them
        else:
            self.settings = storage.get_settings(store.db)
            self.reload_templates(templates)
        self._install_editor(EmptyEditor(self))  # bound to the old store: start afresh
        if old is not None and old is not store:
            old.close()
        self.report_list.set_store(store, reload=not checking)
        self._store_changed()
        if not keep_selection:
            self.select_last_report()

    @property
    def templates(self) -> dict[str, FormTemplate]:
        """The forms new reports can use (read now if the startup worker has not yet)."""
        if self._templates is None:
            self.reload_templates()
        return self._templates

    @templates.setter
    def templates(self, templates: dict[str, FormTemplate] | None) -> None:
        self._templates = templates

    def reload_templates(self, templates: dict[str, FormTemplate] | None = None) -> None:
        """Take up the forms of the open database again (after an import or a delete)."""
        try:
            self.templates = templates if templates is not None else load_templates(self.store)
        except Exception as exc:  # noqa: BLE001 - the reports stay usable without new forms
            self._show_error(exc, self.tr("未能读取表单模板"))
            self.templates = {}
        self.form_titles = {form_id: t.title for form_id, t in self.templates.items()}
        self.report_list.set_form_titles(self.form_titles)
        self.report_list.field_labels = {
            form_id: {spec.key: spec.full_label or spec.label
                      for spec in (*template.fields(), *template.leaves())}
            for form_id, template in self.templates.items()}

    def current_report_id(self) -> int | None:
        return self.editor.current_report_id()

    def update_actions(self) -> None:
        """Enable what the state allows (and keep the title with the report shown)."""
        self.update_title()
        if self.store is None:  # still opening: only what needs no database
            for action in self.commands.all():
                action.setEnabled(action in (self.commands.quit, self.commands.guide,
                                             self.commands.about))
            return
        for action in self.commands.all():
            action.setEnabled(True)
        has_report = self.current_report_id() is not None
        for action in self.commands.report_actions():
            action.setEnabled(has_report)
        if self.store.read_only:
            for action in self.commands.write_actions():
                action.setEnabled(False)

    def flush_editor(self) -> bool:
        """Save pending edits now; False (after showing why) if they could not be saved."""
        try:
            self.editor.flush()
        except Exception as exc:  # noqa: BLE001 - shown in one place
            self._show_error(exc, self.tr("未能保存修改"))
            return False
        return True

    def _show_error(self, exc: Exception, title: str) -> None:
        # The message boxes' modules are imported when first needed: not before the first paint.
        from ui.errors import show_error  # noqa: PLC0415

        show_error(self, exc, title)

    def show_report(self, report_id: int | None) -> None:
        """Load the report selected in the list into the editor (saving the previous first)."""
        if report_id is None or report_id == self.current_report_id():
            return
        if self.store is None:  # opened as soon as the store is attached
            self._pending_report = report_id
            return
        if not self.flush_editor():
            previous = self.current_report_id()
            if previous is not None:
                self.report_list.select_report(previous)
            return
        try:
            self._real_editor().load_report(report_id)
        except Exception as exc:  # noqa: BLE001
            self._show_error(exc, self.tr("无法打开报表"))
            self.editor.clear()
        else:
            self._remember_report(report_id)
        self.update_actions()

    def _remember_report(self, report_id: int) -> None:
        """Note the report shown, to show it again when this database is next opened."""
        if self.store.read_only or self.settings.last_report_id == report_id:
            return
        gate = getattr(self.store, "gate", None)
        if gate is not None and not gate.done:
            return  # the write would wait for the check: finish_checking remembers it
        try:
            self.settings = storage.update_settings(self.store.db, last_report_id=report_id)
        except Exception as exc:  # noqa: BLE001 - only a convenience: never in the way
            log.warning("could not remember report %s: %s", report_id, exc)

    def select_last_report(self) -> None:
        """Select and show the report last shown in this database; else select nothing."""
        last = self.settings.last_report_id
        if not (last and self.report_list.select_report(last)):
            self.report_list.clear_selection()
        self.show_report(self.report_list.current_report_id())

    def _saved(self, time_text: str) -> None:
        self.statusBar().showMessage(self.tr("已保存 {time}").format(time=time_text), 5000)
        report_id = self.current_report_id()
        if report_id is not None:
            self.report_list.refresh_report(report_id)

    def _report_changed(self, report_id: int) -> None:
        self.report_list.reload(rescan_years=True)
        self.report_list.refresh_report(report_id)
        self.update_actions()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.store is None:
            self._closed = True
            event.accept()
            return
        if not self.flush_editor():
            from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - see _show_error

            answer = QMessageBox.question(
                self, self.tr("退出"), self.tr("有修改未能保存。仍要退出吗？"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if self.store is not None:
            self.store.close()
        self._closed = True  # what the startup worker still brings is not wanted now
        event.accept()


def run(db_path: Path | None) -> int:
    """Start the app (see ``ui.startup.run_app``); returns the exit code."""
    from ui.startup import run_app  # noqa: PLC0415

    return run_app(db_path)
