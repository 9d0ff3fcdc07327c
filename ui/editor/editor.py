"""ReportEditor: one report's form, validated as you type, saved as you go, with undo.

Keystroke path (GUI thread, 1–3 ms including the widget): the widget's ``edited`` → the
validator re-checks that field and its rules → touched fields show their state → an undo
command is recorded → the autosave and issues-panel timers restart. Saving happens later
on the editor's database thread (see ``autosave`` and ``worker``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import storage
from ui import operations
from ui.editor import completion
from ui.editor.attachments import AttachmentsPanel
from ui.editor.autosave import AutoSaver
from ui.editor.field_states import FieldStates
from ui.editor.header import EditorHeader
from ui.editor.issues import IssuesPanel
from ui.editor.undo import FieldEdit, UndoKeys
from ui.editor.worker import DbWorker
from ui.errors import error_text, show_error

if TYPE_CHECKING:
    from ui.editor.form_view import FormView

log = logging.getLogger("tianbao.ui")

ISSUES_DELAY_MS = 120  # the issues panel follows typing after this pause (≤ 150 ms)


class ReportEditor(QWidget):
    """The form editor of the main window (see the module docstring)."""

    saved = Signal(str)  # "hh:mm:ss" of the last successful save
    report_changed = Signal(int)  # title/unit/period/status changed: refresh the list row
    status_message = Signal(str)
    issues_changed = Signal(int, int)  # errors, warnings

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session: operations.ReportSession | None = None
        self.form: FormView | None = None
        self._store_read_only = bool(getattr(store, "read_only", False))
        self._epoch = 0
        self._counts = (0, 0)
        self.states = FieldStates()
        self.worker = DbWorker(store, self)
        self.saver = AutoSaver(store, self.worker, self)
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        self.undo_keys = UndoKeys(self.undo, self.redo, self)
        self._issues_timer = QTimer(self, singleShot=True, interval=ISSUES_DELAY_MS)
        self._issues_timer.timeout.connect(self.refresh_issues)
        self._build()
        self.saver.saved.connect(self._saved)
        self.saver.failed.connect(self._save_failed)
        self.saver.recovered.connect(self._save_recovered)
        self.saver.meta_changed.connect(self._meta_changed)
        self.issues.field_chosen.connect(self.focus_field)
        self.attachments.status_message.connect(self.status_message)
        self.attachments.count_changed.connect(self._attachment_count)
        self.clear()

    def _build(self) -> None:
        self.complete_action = QAction(self.tr("标记为完成"), self)
        self.complete_action.setToolTip(self.tr("没有错误时可标记为完成；完成后报表只读"))
        self.complete_action.triggered.connect(self.mark_complete)
        # Ctrl+Enter anywhere in the form: the keyboard's way to 标记为完成.
        self.complete_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.complete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.complete_action)
        self.reopen_action = QAction(self.tr("重新打开"), self)
        self.reopen_action.setToolTip(self.tr("把已完成的报表改回草稿，以便修改"))
        self.reopen_action.triggered.connect(self.reopen)
        self.header = EditorHeader(self.complete_action, self.reopen_action, self)
        self.form_holder = QWidget(self)
        QVBoxLayout(self.form_holder).setContentsMargins(0, 0, 0, 0)
        self.issues = IssuesPanel(self)
        self.attachments = AttachmentsPanel(self.store, self.worker, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.issues, "")
        self.tabs.addTab(self.attachments, "")
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.form_holder)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.header)
        column.addWidget(self.splitter, 1)
        self.empty_label = QLabel(self.tr("从左侧选择一份报表，或按 Ctrl+N 新建。"), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty_label)
        self.pages.addWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)

    # --- the public API ------------------------------------------------------------------

    def current_report_id(self) -> int | None:
        return self.session.report_id if self.session is not None else None

    def report_title(self) -> str:
        """The title of the report shown, as its header shows it ("" when none is)."""
        return self.header.title_label.text() if self.session is not None else ""

    def load_report(self, report_id: int) -> None:
        """Show a report (pending edits of the current one are saved first; may raise)."""
        self.flush()
        session = self.worker.call(lambda: operations.open_session(self.store, report_id))
        self.saver.stop()
        self.session = session
        self._epoch += 1
        template = session.template
        from ui.editor.form_view import FormView  # noqa: PLC0415 - widgets load on first use

        if self.form is None or (self.form.template.id, self.form.template.version,
                                 self.form.template.source) != (
                template.id, template.version, template.source):
            self._set_form(FormView(template, self.form_holder))
        form = self.form
        validator = session.validator
        for key, widget in form.built_value_keys():  # the rest as they are built
            widget.set_text(key, validator.raw.get(key, ""))
        self.states.start(validator, form)
        form.verticalScrollBar().setValue(0)
        stack = self._stacks.get(report_id)
        if stack is None:
            stack = self._stacks[report_id] = QUndoStack(self.undo_group)
        self.undo_group.setActiveStack(stack)
        self.saver.start(session)
        self.header.title_label.setText(session.report.title or template.title)
        self.header.save_label.clear()
        self.header.error_banner.hide()
        self.attachments.set_report(report_id)
        self.pages.setCurrentIndex(1)
        self.refresh_issues()
        self.update_read_only()

    def clear(self) -> None:
        """Show no report (pending edits are saved first; a failure is reported, not raised)."""
        try:
            self.flush()
        except Exception as exc:  # noqa: BLE001 - the banner and status already say it
            log.warning("edits of report %s not saved on clear: %s", self.current_report_id(),
                        exc)
            self.status_message.emit(error_text(exc))
        self.saver.stop()
        self.session = None
        self.states = FieldStates()
        self.undo_group.setActiveStack(None)
        self.attachments.set_report(None)
        self.issues.model.set_issues([])
        self._issues_timer.stop()
        self.pages.setCurrentIndex(0)
        self._set_counts(0, 0)
        self.update_read_only()

    def flush(self) -> None:
        """Save pending edits now; raises the storage error if they could not be saved.

        Afterwards the database thread is idle: a save's callback may queue more work (the
        unit's history after the unit changed), which must not outlive a store being closed.
        """
        self.saver.flush()
        for _ in range(10):  # each round runs callbacks, which may queue one more job
            if not self.worker.busy():
                break
            self.worker.drain()

    def undo(self) -> None:
        stack = self.undo_group.activeStack()
        if stack is not None and stack.canUndo() and not self.is_read_only():
            stack.undo()

    def redo(self) -> None:
        stack = self.undo_group.activeStack()
        if stack is not None and stack.canRedo() and not self.is_read_only():
            stack.redo()

    def set_read_only(self, read_only: bool) -> None:
        """Read-only because of the database (a complete report is read-only anyway)."""
        self._store_read_only = read_only
        self.update_read_only()

    def is_read_only(self) -> bool:
        return self._store_read_only or self._is_complete()

    def focus_first_field(self) -> None:
        """Put the cursor in the form's first input (a new report: ready to type)."""
        keys = next(iter(self.form.value_keys()), None) if self.form is not None else None
        if keys is not None:
            self.focus_field(keys[0])

    def focus_field(self, key: str) -> None:
        """Scroll to the input of ``key`` and focus it (e.g. from the issues panel)."""
        if self.form is not None:
            self.form.focus_key(key)

    # --- typing --------------------------------------------------------------------------

    def _set_form(self, form: FormView) -> None:
        if self.form is not None:
            self.form.hide()
            self.form.deleteLater()
        self.form = form
        self.form_holder.layout().addWidget(form)
        self._take_widgets(form.built_widgets())
        form.built.connect(self._widgets_built)

    def _take_widgets(self, widgets: list) -> None:
        """Wire field widgets of the form: edits, leaving a field (the undo keys follow the
        focus: see UndoKeys)."""
        for widget in widgets:
            widget.edited.connect(self._edited)
            widget.focus_left.connect(self._focus_left)

    def _widgets_built(self, widgets: list) -> None:
        """More of the form was built: wire it and show the open report's values in it."""
        self._take_widgets(widgets)
        session = self.session
        if session is None:
            return
        keys = [key for widget in widgets for key in widget.keys()]
        for widget in widgets:
            for key in widget.keys():
                widget.set_text(key, session.validator.raw.get(key, ""))
        self.states.show(keys)

    def _edited(self, key: str, text: str) -> None:
        session = self.session
        if session is None or not session.template.has(key):
            return
        old = session.validator.raw.get(key, "")
        if self.is_read_only():  # inputs are read-only; put back anything that slipped in
            self._show_text(key, old)
            return
        if text == old:
            return
        spec = session.template.field(key)
        edit = FieldEdit(self._undo_apply, key, spec.full_label or spec.label, old, text,
                         self._epoch, pasted=self.undo_keys.pasting)
        self.undo_group.activeStack().push(edit)
        self._apply(key, text)

    def _apply(self, key: str, text: str) -> None:
        """Validate the new text, show every touched field's state, queue the save."""
        session = self.session
        touched = session.validator.set(key, text)
        spec = session.template.field(key)
        keys = [part.key for part in spec.parts] if spec.parts else [key]
        template = session.template
        totals = sorted(k for k in touched if template.field(k).is_calculated)  # worked out again
        self._show_states(touched.union(keys))
        self.saver.changed(keys + totals)
        self._issues_timer.start()

    def _show_states(self, keys: set[str]) -> None:
        self.states.show(keys)

    def _undo_apply(self, key: str, text: str) -> None:
        """An undo/redo step: show the text, then the same path as typing it."""
        if self.session is None:
            return
        self._epoch += 1
        self._show_text(key, text)
        self._apply(key, text)
        self.focus_field(key)

    def _show_text(self, key: str, text: str) -> None:
        widget = self.form.widget_for(key) if self.form is not None else None
        if widget is not None and key in widget.keys():
            widget.set_text(key, text)

    def _focus_left(self, key: str) -> None:
        self._epoch += 1
        self.saver.save_soon()
        self.states.visit(key)

    # --- saving --------------------------------------------------------------------------

    def _saved(self, time_text: str) -> None:
        self.header.save_label.setText(self.tr("已保存 {time}").format(time=time_text))
        self.saved.emit(time_text)

    def _save_failed(self, message: str) -> None:
        text = self.tr("修改未能保存：{message}\n您填写的内容仍保留在表中，程序会每隔几秒自动重试。"
                       ).format(message=message)
        self.header.error_banner.setText(text)
        self.header.error_banner.show()
        self.header.save_label.setText(self.tr("未保存"))
        self.status_message.emit(self.tr("修改未能保存：{message}").format(message=message))

    def _save_recovered(self) -> None:
        self.header.error_banner.hide()
        self.status_message.emit(self.tr("修改已保存"))

    def _meta_changed(self, meta: dict) -> None:
        if self.session is None:
            return
        self.header.title_label.setText(meta.get("title") or self.session.template.title)
        self.report_changed.emit(self.session.report_id)
        # A new unit or period: compare with that unit's earlier reports (read off this thread).
        session = self.session
        self.worker.submit(
            lambda: operations.unit_history(self.store, session.template.id, meta,
                                            exclude=session.report_id),
            lambda history: self._history_loaded(session, history))

    def _history_loaded(self, session: operations.ReportSession, history: Any) -> None:
        if session is not self.session:
            return  # another report is open now
        self._show_states(session.validator.set_history(history))
        self.refresh_issues()

    # --- issues, completion --------------------------------------------------------------

    def refresh_issues(self) -> None:
        """Show every issue of the report now (typing calls this after a short pause)."""
        self._issues_timer.stop()
        if self.session is None:
            return
        self.issues.model.set_issues(self.session.validator.issues(), self.session.explanations)
        self._set_counts(*self.issues.model.counts())
        self._update_actions()

    def _set_counts(self, errors: int, warnings: int) -> None:
        if errors or warnings:
            title = self.tr("问题（{errors}，{warnings}）").format(
                errors=self.tr("{n} 个错误", "", errors).format(n=errors),
                warnings=self.tr("{n} 个警告", "", warnings).format(n=warnings))
        else:
            title = self.tr("问题（无）")
        if self.tabs.tabText(0) != title:  # a new text relays out and repaints the tab bar
            self.tabs.setTabText(0, title)
        if (errors, warnings) != self._counts:
            self._counts = (errors, warnings)
            self.issues_changed.emit(errors, warnings)

    def _attachment_count(self, count: int) -> None:
        self.tabs.setTabText(1, self.tr("附件（{n}）").format(n=count))

    def _is_complete(self) -> bool:
        return self.session is not None and self.session.report.status == storage.COMPLETE

    def update_read_only(self) -> None:
        read_only = self.is_read_only()
        if self.form is not None:
            self.form.set_read_only(read_only)
        self.attachments.set_read_only(read_only)
        if self._is_complete():
            self.header.state_banner.setText(self.tr("已完成（只读）。如需修改，请点“重新打开”。"))
        elif self._store_read_only and self.session is not None:
            self.header.state_banner.setText(self.tr("数据库以只读方式打开，不能修改。"))
        self.header.state_banner.setVisible(self.session is not None and read_only)
        self._update_actions()

    def _update_actions(self) -> None:
        complete = self._is_complete()
        errors = self._counts[0]
        can_complete = self.session is not None and not self.is_read_only() and errors == 0
        self.complete_action.setEnabled(can_complete)
        self.complete_action.setToolTip(
            self.tr("还有 {n} 个错误，改正后才能标记为完成", "", errors).format(n=errors) if errors
            else self.tr("没有错误时可标记为完成；完成后报表只读"))
        self.header.complete_button.setVisible(not complete)
        self.reopen_action.setEnabled(complete and not self._store_read_only)
        self.header.reopen_button.setVisible(complete)

    def mark_complete(self) -> bool:
        """标记为完成: only without errors; each warning needs an explanation first."""
        return completion.mark_complete(self)

    def reopen(self) -> bool:
        """重新打开: a complete report becomes a draft again, editable."""
        session = self.session
        if session is None or not self._is_complete() or self._store_read_only:
            return False
        try:
            self.worker.call(lambda: operations.reopen_report(self.store, session.report_id))
            session.report = self.worker.call(
                lambda: storage.get_report(self.store.db, session.report_id))
        except Exception as exc:  # noqa: BLE001 - shown in one place
            show_error(self, exc, self.tr("未能重新打开"))
            return False
        self._epoch += 1
        self.update_read_only()
        self.status_message.emit(self.tr("已重新打开，可以修改"))
        self.report_changed.emit(session.report_id)
        return True
