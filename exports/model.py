"""What an export needs to know about a report: plain data, gathered by the caller."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from forms.spec import FormTemplate
from forms.validate import ReportCheck, Validator

DRAFT_MARK = "草稿——未通过校验"
PACKAGE_FORMAT = "tianbao-package"
PACKAGE_FORMAT_VERSION = 2  # 2: the template travels with the package; the manifest is hashed
TEMPLATE_MEMBER = "表单模板.toml"  # the package's copy of the form's template (format 2)
TEMPLATE_KIND = "template"
MERGED_MARK = "（汇总）"  # after a merged report's title
STATUS_LABELS = {"complete": "已完成", "draft": "草稿"}


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    id: int
    file_name: str
    size: int
    sha256: str
    mime_type: str = "application/octet-stream"
    added_at: str = ""
    note: str = ""


@dataclass(frozen=True)
class ReportData:
    """A report as exports see it: template, raw texts, their check, and the report's metadata."""

    template: FormTemplate
    raw: dict[str, str]
    check: ReportCheck
    report_id: int | None = None
    status: str = "draft"
    title: str = ""
    unit: str = ""
    period: str = ""
    explanations: dict[tuple[str, str], str] = field(default_factory=dict)  # (key, code) -> text
    attachments: tuple[AttachmentInfo, ...] = ()
    contact_person: str = ""
    phone: str = ""
    sources: list[dict[str, Any]] | None = None  # a merged report's per-unit values

    @property
    def marked_draft(self) -> bool:
        """Still has errors: every page and sheet carries DRAFT_MARK."""
        return bool(self.check.errors)

    @property
    def heading(self) -> str:
        """The printed title; a merged report's says （汇总）."""
        heading = self.template.heading(self.check.values)
        if self.sources and not heading.endswith(MERGED_MARK):
            heading += MERGED_MARK
        return heading

    def source_list(self) -> list[dict[str, Any]]:
        """A merged report's units as the merge recorded them (empty for any other report)."""
        return [s for s in self.sources or () if isinstance(s, dict)]

    def draft_units(self) -> list[str]:
        """The units whose package was a draft (not marked complete) when it was merged."""
        return [str(s.get("unit", "")) for s in self.source_list()
                if s.get("status") != "complete"]

    def unit_attachments(self) -> list[tuple[str, dict[str, Any]]]:
        """(unit, {"name", "size", "sha256"}) for every attachment the units sent."""
        return [(str(s.get("unit", "")), a) for s in self.source_list()
                for a in s.get("attachments") or () if isinstance(a, dict)]

    @classmethod
    def from_raw(cls, template: FormTemplate, raw: dict[str, str], **meta: Any) -> ReportData:
        """Validate ``raw`` and wrap it (calculated totals worked out); handy for tests and the
        command line."""
        validator = Validator(template, raw)
        worked_out = {spec.key: validator.raw[spec.key] for spec in template.leaves()
                      if spec.is_calculated}
        return cls(template=template, raw={**raw, **worked_out}, check=validator.check(), **meta)


def status_label(status: Any) -> str:
    """已完成 / 草稿 (a package from before statuses were recorded: 未标明)."""
    return STATUS_LABELS.get(status, "未标明")
