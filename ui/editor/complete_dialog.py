"""Before a report is marked complete, each warning it keeps needs a short explanation."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

import storage
from forms.issues import Issue
from ui import operations
from ui.editor.issues import issue_line

Explanations = dict[tuple[str, str], str]  # (field key, issue code) -> text
Stale = dict[tuple[str, str], tuple[str, str]]  # (field key, issue code) -> (old text, explanation)


def unique_warnings(issues: list[Issue]) -> list[Issue]:
    """One warning per (field, code), errors left out, in the given order."""
    seen: set[tuple[str, str]] = set()
    result = []
    for issue in issues:
        if issue.is_error or (issue.field, issue.code) in seen:
            continue
        seen.add((issue.field, issue.code))
        result.append(issue)
    return result


class CompleteDialog(QDialog):
    """Lists the warnings with a line edit each; OK only when every one is explained."""

    def __init__(self, warnings: list[Issue], explanations: Explanations | None = None,
                 parent: QWidget | None = None, stale: Stale | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("标记为完成"))
        self.setMinimumWidth(560)
        self.warnings = unique_warnings(warnings)
        self.edits: dict[tuple[str, str], QLineEdit] = {}
        intro = QLabel(self.tr(
            "这份报表还有 {n} 条警告。如果内容确实无误，请为每一条写一句简短说明"
            "（例如数据来源），说明会随报表保存和导出。", "", len(self.warnings)).format(
            n=len(self.warnings)), self)
        intro.setWordWrap(True)
        rows = QWidget(self)
        grid = QGridLayout(rows)
        self.reuse_buttons: dict[tuple[str, str], QPushButton] = {}
        for row, issue in enumerate(self.warnings):
            key = (issue.field, issue.code)
            label = QLabel(issue_line(issue), rows)
            label.setWordWrap(True)
            edit = QLineEdit(rows)
            edit.setObjectName(f"explain:{issue.field}:{issue.code}")
            edit.setPlaceholderText(self.tr("说明（必填），如：数据来自各医院上报汇总"))
            edit.setText((explanations or {}).get(key, ""))
            edit.textChanged.connect(self._update_ok)
            label.setBuddy(edit)
            grid.addWidget(label, 2 * row, 0)
            grid.addWidget(edit, 2 * row + 1, 0)
            old = (stale or {}).get(key)
            if old is not None and not edit.text():
                self._ask_again(grid, 2 * row, label, edit, key, *old)
            self.edits[key] = edit
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("标记为完成"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _ask_again(self, grid: QGridLayout, row: int, label: QLabel, edit: QLineEdit,
                   key: tuple[str, str], old_raw: str, old_text: str) -> None:
        """A warning explained for an earlier text of its field: show that, ask to confirm."""
        shown = old_raw if len(old_raw) <= 40 else old_raw[:40] + "…"
        label.setText(label.text() + "\n" + self.tr(
            "此栏原为“{old}”时的说明：“{text}”。内容已修改，请重新确认说明。").format(
            old=shown, text=old_text))
        edit.setPlaceholderText(self.tr("请重新填写或点“沿用原说明”"))
        reuse = QPushButton(self.tr("沿用原说明"), label.parentWidget())
        reuse.clicked.connect(lambda: edit.setText(old_text))
        grid.addWidget(reuse, row + 1, 1)
        self.reuse_buttons[key] = reuse

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(all(edit.text().strip() for edit in self.edits.values()))

    def explanations(self) -> Explanations:
        return {key: edit.text().strip() for key, edit in self.edits.items()}

    @classmethod
    def ask(cls, parent: QWidget | None, warnings: list[Issue],
            explanations: Explanations | None = None,
            stale: Stale | None = None) -> Explanations | None:
        """The explanation of every warning, or None if the user cancelled.

        ``stale`` holds explanations given for an earlier text of their field: those
        warnings are asked again (the old explanation is shown, not filled in).
        """
        dialog = cls(warnings, explanations, parent, stale)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.explanations()
        finally:
            dialog.deleteLater()


def ask_explanations(parent: QWidget | None, session: operations.ReportSession
                     ) -> Explanations | None:
    """Why each warning of the report is kept ({} without warnings), or None if cancelled."""
    warnings = unique_warnings(session.validator.issues())
    if not warnings:
        return {}
    stale = {}
    for issue in warnings:
        note = session.stale_explanation(issue.field, issue.code)
        if note is not None:
            stale[(issue.field, issue.code)] = (note.value_raw, note.text)
    return CompleteDialog.ask(parent, warnings, session.explanations, stale)


def complete_explained(store: Any, session: operations.ReportSession,
                       explanations: Explanations) -> list[Issue]:
    """Store the explanations and mark the report complete; returns what still blocks it.

    When nothing does, ``session.report`` is re-read (its status is now complete).
    """
    if explanations:
        operations.explain_warnings(store, session.report_id, explanations)
        session.remember_explanations(explanations)
    blocking = operations.complete_report(store, session.report_id, require_explanations=True)
    if not blocking:
        session.report = storage.get_report(store.db, session.report_id)
    return blocking
