"""Small helpers shared by the widget tests."""

from __future__ import annotations

from PySide6.QtCore import SignalInstance

from forms.issues import ERROR, WARNING, Issue
from forms.spec import FieldSpec

# No built-in template has a choice field yet; this one is shaped like the others.
CHOICE_SPEC = FieldSpec("level", "单位级别", "choice", key="level", full_label="单位级别",
                        options=("省级", "市级", "县级"), help="选择本单位的级别")


def issue(key: str, severity: str = ERROR, message: str = "有问题",
          suggestion: str | None = None, code: str = "test") -> Issue:
    return Issue(key, key, severity, code, message, suggestion)


def error(key: str, message: str = "人数应为整数", suggestion: str | None = None) -> Issue:
    return issue(key, ERROR, message, suggestion)


def warning(key: str, message: str = "请确认", suggestion: str | None = None) -> Issue:
    return issue(key, WARNING, message, suggestion)


def record(signal: SignalInstance) -> list[tuple]:
    """Every emission of ``signal`` from now on, as argument tuples."""
    seen: list[tuple] = []
    signal.connect(lambda *args: seen.append(args))
    return seen
