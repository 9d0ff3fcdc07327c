"""The form editor: a report's form built from its template, validated as you type,
autosaved off the GUI thread, with undo, completion and attachments."""

from ui.editor.editor import ReportEditor

__all__ = ["ReportEditor"]
