"""Named operations over forms and storage, shared by the window and the command line (no Qt).

Each takes the open store and does one user-level thing: create a report, save a field,
mark a report complete, gather what an export needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import storage
from exports.model import AttachmentInfo, ReportData
from forms.issues import Issue
from forms.loader import builtin_templates, load_template_text
from forms.spec import FormTemplate
from forms.validate import Validator


class OperationError(Exception):
    """A user-level refusal with a Chinese message fit to show."""

    def text(self) -> str:
        return str(self)


@dataclass
class ReportSession:
    """One open report: its stored metadata, its own template snapshot, and a live validator."""

    report: Any  # storage.Report
    template: FormTemplate
    validator: Validator
    explanations: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def report_id(self) -> int:
        return self.report.id


def template_for_report(store: Any, report_id: int) -> FormTemplate:
    """The template a report was made with (its stored snapshot), not today's built-in one."""
    source = storage.get_report_template_source(store.db, report_id)
    return load_template_text(source, f"报表 {report_id} 的模板")


def open_session(store: Any, report_id: int) -> ReportSession:
    report = storage.get_report(store.db, report_id)
    template = template_for_report(store, report_id)
    raw = {key: value.raw for key, value in storage.get_values(store.db, report_id).items()}
    validator = Validator(template, raw)
    return ReportSession(report, template, validator,
                         dict(storage.get_explanations(store.db, report_id)))


def report_meta(template: FormTemplate, values: dict[str, Any], raw: dict[str, str]) -> dict[str, Any]:
    """Title, unit, period and year as the report list shows them, from the form's own fields."""
    unit = raw.get(template.unit_field or "", "").strip()
    period_value = values.get(template.period_field or "")
    period = ""
    if period_value is not None:
        period = f"第{period_value}届" if template.title_format else str(period_value)
    return {"title": template.heading(values), "unit": unit, "period": period,
            "year": _year(template, values)}


def _year(template: FormTemplate, values: dict[str, Any]) -> int | None:
    for key in (template.date_field, "activity_time"):
        value = values.get(key or "")
        text = value.get("start") if isinstance(value, dict) else value
        if isinstance(text, str) and re.match(r"\d{4}-", text):
            return int(text[:4])
    period = values.get(template.period_field or "")
    if isinstance(period, int) and 1900 < period < 2200:
        return period
    return None


def save_field(store: Any, session: ReportSession, key: str, raw: str) -> bool:
    """Validate and save one field; keeps the report's title/unit/period in step with the form."""
    session.validator.set(key, raw)
    value = session.validator.parsed[key].value
    changed = storage.save_value(store.db, session.report_id, key, raw, value)
    if key in (session.template.unit_field, session.template.period_field,
               session.template.date_field, "activity_time"):
        meta = report_meta(session.template, session.validator.values(), session.validator.raw)
        storage.update_report(store.db, session.report_id, **meta)
    return changed


def save_fields(store: Any, session: ReportSession, raw: dict[str, str]) -> None:
    for key, text in raw.items():
        session.validator.set(key, text)
    values = {k: (raw[k], session.validator.parsed[k].value) for k in raw}
    storage.save_values(store.db, session.report_id, values)
    meta = report_meta(session.template, session.validator.values(), session.validator.raw)
    storage.update_report(store.db, session.report_id, **meta)


def create_report(store: Any, form_id: str, *, raw: dict[str, str] | None = None,
                  title: str | None = None, unit: str | None = None,
                  template: FormTemplate | None = None) -> int:
    """A new draft of a built-in form, optionally filled from raw texts; returns its id."""
    templates = builtin_templates() if template is None else {template.id: template}
    if form_id not in templates:
        raise OperationError(f"没有表单“{form_id}”。可用的表单：{'、'.join(templates)}")
    template = templates[form_id]
    raw = dict(raw or {})
    settings = storage.get_settings(store.db)
    if unit and template.unit_field and not raw.get(template.unit_field):
        raw[template.unit_field] = unit
    elif settings.unit_name and template.unit_field and not raw.get(template.unit_field):
        raw[template.unit_field] = settings.unit_name
    for key, setting in (("filled_by", settings.contact_person), ("contact_phone", settings.phone)):
        if setting and template.has(key) and not raw.get(key):
            raw[key] = setting
    validator = Validator(template, raw)
    meta = report_meta(template, validator.values(), validator.raw)
    if title:
        meta["title"] = title
    report_id = storage.create_report(store.db, form_id=template.id, form_version=template.version,
                                      template_source=template.source, **meta)
    if raw:
        storage.save_values(store.db, report_id,
                            {k: (v, validator.parsed[k].value) for k, v in raw.items()})
    return report_id


def complete_report(store: Any, report_id: int, *, require_explanations: bool = False) -> list[Issue]:
    """Mark complete, or return what stops it: every error, and unexplained warnings if asked."""
    session = open_session(store, report_id)
    issues = session.validator.issues()
    blocking = [i for i in issues if i.is_error]
    if require_explanations:
        blocking += [i for i in issues if not i.is_error
                     and not session.explanations.get((i.field, i.code), "").strip()]
    if not blocking:
        storage.set_status(store.db, report_id, "complete")
    return blocking


def reopen_report(store: Any, report_id: int) -> None:
    storage.set_status(store.db, report_id, "draft")


def report_data(store: Any, report_id: int) -> ReportData:
    """Everything an export needs about one report."""
    session = open_session(store, report_id)
    settings = storage.get_settings(store.db)
    attachments = tuple(
        AttachmentInfo(a.id, a.file_name, a.size, a.sha256, a.mime_type, a.added_at, a.note)
        for a in storage.list_attachments(store.db, report_id))
    raw = dict(session.validator.raw)
    report = session.report
    return ReportData(
        template=session.template, raw=raw, check=session.validator.check(),
        report_id=report.id, status=report.status, title=report.title, unit=report.unit,
        period=report.period, explanations=session.explanations, attachments=attachments,
        contact_person=raw.get("filled_by") or settings.contact_person,
        phone=raw.get("contact_phone") or settings.phone,
        sources=_sources(report),
    )


def _sources(report: Any) -> list[dict[str, Any]] | None:
    info = getattr(report, "source_info", None)
    if isinstance(info, dict):
        return info.get("sources")
    return info if isinstance(info, list) else None


def today_iso() -> str:
    return date.today().isoformat()
