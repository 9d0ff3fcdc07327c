"""Validation results: issues are values, not exceptions."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"

SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告"}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a field (or between fields).

    >>> Issue("direct", "直接受益人数", ERROR, "fractional_count", "人数应为整数").is_error
    True
    """

    field: str
    label: str
    severity: str
    code: str
    message: str
    suggestion: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)

    def line(self) -> str:
        """One line for a terminal: severity, label, message (and suggestion)."""
        text = f"{SEVERITY_LABELS.get(self.severity, self.severity)}  {self.label}：{self.message}"
        if self.suggestion:
            text += f"；{self.suggestion}"
        return text


def has_errors(issues: list[Issue]) -> bool:
    return any(issue.is_error for issue in issues)
