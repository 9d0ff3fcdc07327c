"""The issues panel: every error and warning of the report; clicking one goes to its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListView, QStyle, QVBoxLayout, QWidget

from forms.issues import Issue
from forms.messages import say

ERROR_COLOUR = QColor("#c62828")
WARNING_COLOUR = QColor("#8a5a00")
IssueRole = Qt.ItemDataRole.UserRole + 1  # the Issue itself
KeyRole = Qt.ItemDataRole.UserRole + 2  # its field's value key

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate


def issue_line(issue: Issue) -> str:
    """Label, message and suggestion, in the interface's language (the label as written)."""
    text = translate("IssuesPanel", "{label}：{message}").format(
        label=issue.label, message=say(issue.message))
    if not issue.suggestion:
        return text
    return translate("IssuesPanel", "{issue}（{suggestion}）").format(
        issue=text, suggestion=say(issue.suggestion))


class IssuesModel(QAbstractListModel):
    """A flat list of issues, in form order; ``explanations`` marks explained warnings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._issues: list[Issue] = []
        self._explained: set[tuple[str, str]] = set()
        self._icons: dict[bool, Any] = {}

    def set_issues(self, issues: list[Issue],
                   explanations: dict[tuple[str, str], str] | None = None) -> bool:
        """Show ``issues``; returns False (and does nothing) when nothing changed."""
        explained = {k for k, text in (explanations or {}).items() if text.strip()}
        if issues == self._issues and explained == self._explained:
            return False
        self.beginResetModel()
        self._issues = list(issues)
        self._explained = explained
        self.endResetModel()
        return True

    def issues(self) -> list[Issue]:
        return list(self._issues)

    def counts(self) -> tuple[int, int]:
        errors = sum(1 for issue in self._issues if issue.is_error)
        return errors, len(self._issues) - errors

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._issues)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._issues):
            return None
        issue = self._issues[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            line = issue_line(issue)
            if not issue.is_error and (issue.field, issue.code) in self._explained:
                line += self.tr("  〔已说明〕")
            return line
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = self.tr("错误") if issue.is_error else self.tr("警告")
            return self.tr("{kind}：{issue}").format(kind=kind, issue=issue_line(issue))
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(issue.is_error)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(ERROR_COLOUR if issue.is_error else WARNING_COLOUR)
        if role == IssueRole:
            return issue
        if role == KeyRole:
            return issue.field
        return None

    def _icon(self, is_error: bool) -> Any:
        if is_error not in self._icons:
            from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - needs the app

            pixmap = (QStyle.StandardPixmap.SP_MessageBoxCritical if is_error
                      else QStyle.StandardPixmap.SP_MessageBoxWarning)
            self._icons[is_error] = QApplication.style().standardIcon(pixmap)
        return self._icons[is_error]


class IssuesPanel(QWidget):
    """A list of the model's issues; activating a row emits ``field_chosen(key)``."""

    field_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = IssuesModel(self)
        self.view = QListView(self)
        self.view.setObjectName("issues")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setAccessibleName(self.tr("问题列表"))
        self.view.clicked.connect(self._chosen)
        self.view.activated.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def _chosen(self, index: QModelIndex) -> None:
        key = index.data(KeyRole)
        if key:
            self.field_chosen.emit(key)
