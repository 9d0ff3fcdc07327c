"""标记为完成 for the form editor (``ReportEditor.mark_complete``): no errors, and a line of
explanation for each warning, before the report is stored as complete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ui.editor.complete_dialog import ask_explanations, complete_explained
from ui.errors import show_error

if TYPE_CHECKING:
    from ui.editor.editor import ReportEditor

translate = QCoreApplication.translate


def mark_complete(editor: ReportEditor) -> bool:
    """标记为完成: only without errors; each warning needs an explanation first."""
    session = editor.session
    if session is None or editor.is_read_only():
        return False
    try:
        editor.flush()
    except Exception as exc:  # noqa: BLE001 - shown in one place
        show_error(editor, exc, translate("ReportEditor", "未能标记为完成"))
        return False
    editor.refresh_issues()
    editor.states.reveal_all()
    issues = session.validator.issues()
    errors = [issue for issue in issues if issue.is_error]
    if errors:
        editor.status_message.emit(translate(
            "ReportEditor", "还有 {n} 个错误，改正后才能标记为完成", "", len(errors)).format(
            n=len(errors)))
        editor.focus_field(errors[0].field)
        return False
    explanations = ask_explanations(editor, session)
    if explanations is None:
        return False
    try:
        blocking = editor.worker.call(lambda: complete_explained(
            editor.store, session, explanations))
    except Exception as exc:  # noqa: BLE001 - shown in one place
        show_error(editor, exc, translate("ReportEditor", "未能标记为完成"))
        return False
    if blocking:
        editor.status_message.emit(translate(
            "ReportEditor", "还有 {n} 个问题需要处理，未标记为完成", "", len(blocking)).format(
            n=len(blocking)))
        return False
    editor.refresh_issues()
    editor.update_read_only()
    editor.status_message.emit(translate("ReportEditor", "已标记为完成"))
    editor.report_changed.emit(session.report_id)
    return True
