"""Named operations over forms and storage, shared by the window and the command line (no Qt).

Each takes the open store and does one user-level thing: create a report, save a field,
mark a report complete, gather what an export needs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import storage
from exports.model import AttachmentInfo, ReportData
from forms import outliers
from forms.issues import Issue
from forms.loader import TemplateError
from forms.messages import msg
from forms.outliers import UnitHistory
from forms.spec import FormTemplate
from forms.validate import Validator


class OperationError(Exception):
    """A user-level refusal with a Chinese message fit to show (a forms.messages message)."""

    def text(self) -> str:
        return self.args[0] if self.args and isinstance(self.args[0], str) else str(self)


@dataclass
class ReportSession:
    """One open report: its stored metadata, its own template snapshot, and a live validator.

    ``notes`` are the stored explanations of warnings (storage.Explanation), each given for
    one text of its field; ``explanations`` are those that still hold for the text typed now.
    """

    report: Any  # storage.Report
    template: FormTemplate
    validator: Validator
    notes: dict[tuple[str, str], Any] = field(default_factory=dict)

    @property
    def report_id(self) -> int:
        return self.report.id

    @property
    def explanations(self) -> dict[tuple[str, str], str]:
        """(field key, issue code) -> text, for explanations given for the field's current text."""
        raw = self.validator.raw
        return {key: note.text for key, note in self.notes.items()
                if note.value_raw == raw.get(key[0], "")}

    def stale_explanation(self, key: str, code: str) -> Any:
        """The explanation given for an earlier text of ``key`` (storage.Explanation), or None."""
        note = self.notes.get((key, code))
        if note is None or note.value_raw == self.validator.raw.get(key, ""):
            return None
        return note

    def remember_explanations(self, explanations: dict[tuple[str, str], str]) -> None:
        """Note explanations just stored, as given for the fields' current texts."""
        for (key, code), text in explanations.items():
            if text.strip():
                self.notes[(key, code)] = storage.Explanation(
                    text.strip(), self.validator.raw.get(key, ""), False)
            else:
                self.notes.pop((key, code), None)


def usable_template(store: Any, form_id: str) -> FormTemplate:
    """The template new reports of ``form_id`` are made with: built-in or imported."""
    from ui.catalogue import template_catalogue  # noqa: PLC0415 - the catalogue uses OperationError

    return template_catalogue(store).get(form_id)


def template_for_report(store: Any, report_id: int) -> FormTemplate:
    """The template a report was made with (its stored snapshot), not today's built-in one.

    Built once per snapshot text and process (reports share snapshots), like the catalogue.
    """
    from ui.catalogue import check_template  # noqa: PLC0415 - the catalogue uses OperationError

    source = storage.get_report_template_source(store.db, report_id)
    template, problems = check_template(source, msg("报表所用的模板"))
    if template is None:
        first = problems[0]
        raise TemplateError(msg("报表 {id} 的模板", id=report_id), first.where, first.message,
                            first.line, problems)
    return template


def open_session(store: Any, report_id: int) -> ReportSession:
    report = storage.get_report(store.db, report_id)
    template = template_for_report(store, report_id)
    raw = {key: value.raw for key, value in storage.get_values(store.db, report_id).items()}
    validator = Validator(template, raw)
    meta = report_meta(template, validator.values(), validator.raw)
    validator.set_history(unit_history(store, template.id, meta, exclude=report_id))
    return ReportSession(report, template, validator,
                         storage.get_explanation_records(store.db, report_id))


def unit_history(store: Any, form_id: str, meta: dict[str, Any], *,
                 exclude: int | None = None) -> UnitHistory:
    """The figures of the unit's earlier reports of this form, for the outlier warnings.

    ``meta`` is the report's ``report_meta`` (unit, period, year). Read once when a report
    is opened and again when its unit or period changes, never per keystroke.
    """
    earlier = storage.earlier_reports(store.db, form_id=form_id, unit=meta.get("unit") or "",
                                      period=meta.get("period") or "", year=meta.get("year"),
                                      exclude=exclude)
    return outliers.unit_history(earlier, period=meta.get("period") or "", year=meta.get("year"))


def refresh_history(store: Any, session: ReportSession) -> set[str]:
    """Re-read the unit's history (its unit or period changed); returns the keys to re-show."""
    template, validator = session.template, session.validator
    meta = report_meta(template, validator.values(), validator.raw)
    return validator.set_history(unit_history(store, template.id, meta, exclude=session.report_id))


def report_meta(template: FormTemplate, values: dict[str, Any], raw: dict[str, str]) -> dict[str, Any]:
    """Title, unit, period and year as the report list shows them, from the form's own fields."""
    unit = raw.get(template.roles.unit or "", "").strip()
    period_value = values.get(template.roles.period or "")
    period = template.period_text(period_value) if isinstance(period_value, int) else ""
    return {"title": template.heading(values), "unit": unit, "period": period,
            "year": template.year_of(values)}


def save_field(store: Any, session: ReportSession, key: str, raw: str) -> bool:
    """Validate and save one field; keeps the report's title/unit/period in step with the form."""
    session.validator.set(key, raw)
    value = session.validator.parsed[key].value
    changed = storage.save_value(store.db, session.report_id, key, raw, value)
    if key in session.template.roles.meta_keys():
        meta = report_meta(session.template, session.validator.values(), session.validator.raw)
        storage.update_report(store.db, session.report_id, **meta)
        refresh_history(store, session)
    return changed


def save_fields(store: Any, session: ReportSession, raw: dict[str, str]) -> None:
    for key, text in raw.items():
        session.validator.set(key, text)
    values = {k: (raw[k], session.validator.parsed[k].value) for k in raw}
    storage.save_values(store.db, session.report_id, values)
    meta = report_meta(session.template, session.validator.values(), session.validator.raw)
    storage.update_report(store.db, session.report_id, **meta)
    refresh_history(store, session)


def create_report(store: Any, form_id: str, *, raw: dict[str, str] | None = None,
                  title: str | None = None, unit: str | None = None,
                  template: FormTemplate | None = None) -> int:
    """A new draft of any form in the catalogue, optionally filled from raw texts; returns its id."""
    if template is None:
        template = usable_template(store, form_id)
    elif template.id != form_id:
        raise OperationError(msg("没有表单“{name}”。可用的表单：{forms}", name=form_id,
                                 forms=[template.id]))
    raw = dict(raw or {})
    settings = storage.get_settings(store.db)
    unit_key = template.roles.unit
    if unit and unit_key and not raw.get(unit_key):
        raw[unit_key] = unit
    for key, text in settings_texts(template, settings).items():
        if not raw.get(key):
            raw[key] = text
    validator = Validator(template, raw)
    meta = report_meta(template, validator.values(), validator.raw)
    if title:
        meta["title"] = title
    return storage.create_filled_report(
        store.db, form_id=template.id, form_version=template.version,
        template_source=template.source,
        values={k: (v, validator.parsed[k].value) for k, v in raw.items()}, **meta)


def settings_texts(template: FormTemplate, settings: Any) -> dict[str, str]:
    """What the settings fill in a new report: the unit, the person and the phone, by role."""
    texts = {}
    for role, text in (("unit", settings.unit_name), ("filled_by", settings.contact_person),
                       ("phone", settings.phone)):
        key = getattr(template.roles, role)
        if key and text and template.has(key):
            texts[key] = text
    return texts


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
    template = session.template
    return ReportData(
        template=template, raw=raw, check=session.validator.check(),
        report_id=report.id, status=report.status, title=report.title, unit=report.unit,
        period=report.period, explanations=session.explanations, attachments=attachments,
        contact_person=_role_text(template, raw, "filled_by") or settings.contact_person,
        phone=_role_text(template, raw, "phone") or settings.phone,
        sources=_sources(report),
    )


def _role_text(template: FormTemplate, raw: Mapping[str, str], role: str) -> str:
    key = getattr(template.roles, role)
    return raw.get(key, "") if key else ""


def merge_sources(report: Any) -> list[dict[str, Any]]:
    """A merged report's units as the merge recorded them (empty for any other report)."""
    return [s for s in _sources(report) or () if isinstance(s, dict)]


def _sources(report: Any) -> list[dict[str, Any]] | None:
    info = getattr(report, "source_info", None)
    if isinstance(info, dict):
        return info.get("sources")
    return info if isinstance(info, list) else None


def today_iso() -> str:
    return date.today().isoformat()


# --- for the desktop window: new reports, copies, values files ---------------------------
# (added by the main-window work; each is one user-level step, still without Qt)

def period_text(template: FormTemplate, number: int) -> str:
    """The raw text of the edition/year field as a person would type it: 第30届 or 2024."""
    return template.period_text(number)


def default_period(store: Any, template: FormTemplate, today: date | None = None) -> int:
    """A sensible edition or year for a new report of ``template``."""
    today = today or date.today()
    spec = template.role_field("period")
    number = template.period_of_year(today.year)
    if number is not None and number >= 1:
        return number
    numbers = [int(m[0]) for s in storage.list_reports(store.db, form_id=template.id, trashed=None)
               if (m := re.search(r"\d+", s.period or ""))]
    return max(numbers) + 1 if numbers else int(spec.min or 1) if spec else 1


def read_values(path: Any, template: FormTemplate) -> dict[str, str]:
    """A values file (the format of `main.py check --values`) as raw texts by key."""
    from ui.cli.common import CliError, read_values_file  # noqa: PLC0415 - CLI module, no Qt

    try:
        return read_values_file(path, template)
    except CliError as exc:
        raise OperationError(exc.args[0]) from exc  # the message itself, to say in English


def new_report(store: Any, form_id: str, *, period: int | None = None, unit: str = "",
               values_path: Any = None, copy_from: int | None = None) -> int:
    """A new draft: blank, filled from a values file, or copied from another report.

    The edition/year and unit chosen in the dialog win over those in the file or copy.
    """
    if copy_from is not None:
        return copy_report(store, copy_from, period=period, unit=unit)
    template = usable_template(store, form_id)
    raw = read_values(values_path, template) if values_path else {}
    if period is not None and template.roles.period:
        raw[template.roles.period] = template.period_text(period)
    if unit and template.roles.unit:
        raw[template.roles.unit] = unit
    return create_report(store, form_id, raw=raw)


def copy_report(store: Any, report_id: int, *, period: int | None = None,
                unit: str = "") -> int:
    """A new draft with another report's values (not its attachments), e.g. last year's."""
    new_id = storage.copy_report(store.db, report_id)
    session = open_session(store, new_id)
    changes = {}
    roles = session.template.roles
    if period is not None and roles.period:
        changes[roles.period] = session.template.period_text(period)
    if unit and roles.unit:
        changes[roles.unit] = unit
    if changes:
        save_fields(store, session, changes)
    return new_id


# --- for the form editor: saving off the keystroke path ----------------------------------
# (added by the form-editor work) The editor validates on the GUI thread as the user types;
# ``prepare_field_write`` snapshots what to store from the live validator there, and
# ``write_fields`` stores it from the editor's single database thread (it never touches
# the validator, which belongs to the GUI thread).

@dataclass(frozen=True)
class FieldWrite:
    """Texts and normalised values of some fields, and the report-list columns if they moved."""

    report_id: int
    values: dict[str, tuple[str, Any]]  # key -> (raw, normalised)
    meta: dict[str, Any] | None = None


def prepare_field_write(session: ReportSession, keys: list[str]) -> FieldWrite:
    """What to store for ``keys`` (value keys already set in ``session.validator``)."""
    validator = session.validator
    values = {key: (validator.raw[key], validator.parsed[key].value) for key in keys}
    template = session.template
    meta = None
    if template.roles.meta_keys() & set(keys):
        meta = report_meta(template, validator.values(), validator.raw)
    return FieldWrite(session.report_id, values, meta)


def write_fields(store: Any, write: FieldWrite) -> list[str]:
    """Store a prepared write (one transaction for the values); returns the keys that changed."""
    changed = storage.save_values(store.db, write.report_id, write.values)
    if write.meta is not None:
        storage.update_report(store.db, write.report_id, **write.meta)
    return changed


def explain_warnings(store: Any, report_id: int,
                     explanations: dict[tuple[str, str], str]) -> None:
    """Store why each kept warning is right, keyed by (field key, issue code)."""
    for (key, code), text in explanations.items():
        storage.set_explanation(store.db, report_id, key, code, text)


# --- merging packages into a new report (issue 6) -----------------------------------------
# (added by the merge work; Qt-free, shared by the 汇总 dialog and `main.py merge`)

@dataclass
class MergeOutcome:
    """The new report's id (None when nothing could be merged), and the files in and out."""

    report_id: int | None
    merged: list[Any] = field(default_factory=list)  # Paths
    rejected: list[tuple[Any, str]] = field(default_factory=list)  # (Path, Chinese reason)
    imported_form: str | None = None  # the form id whose template came with the packages
    drafts_merged: list[str] = field(default_factory=list)  # units whose draft went in
    drafts_skipped: list[tuple[str, Any]] = field(default_factory=list)  # (unit, Path), rejected


def merge_into_new_report(store: Any, paths: Any, *, title: str | None = None,
                          unit: str | None = None, progress: Any = None, cancel: Any = None,
                          confirm_duplicate: Any = None, confirm_drafts: Any = None,
                          limits: Any = None) -> MergeOutcome:
    """Check and merge packages (files, or folders of *.zip) into a new draft, in one transaction.

    Packages of a form this database lacks bring its template, which is checked as by
    ``templates check`` and imported in the same transaction (``outcome.imported_form``).
    The database is backed up ("merge") before anything is written. The unit defaults to
    the one in the settings; 填表人 and 电话 come from the settings as for a new report.
    Draft packages go in only if ``confirm_drafts([(unit, path), …])`` says True (see
    exports.merge.merge_packages); the merged report records every unit's status.
    Raises MergeCancelled when ``cancel()`` turns True before the report is written.
    """
    from datetime import datetime  # noqa: PLC0415

    from exports.merge import (  # noqa: PLC0415 - keeps startup lean
        MergeCancelled,
        merge_packages,
        package_files,
    )
    from forms.registry import parse_field  # noqa: PLC0415
    from ui.catalogue import import_template_text, template_catalogue  # noqa: PLC0415

    settings = storage.get_settings(store.db)
    unit = (unit if unit is not None else settings.unit_name).strip()
    files, missing = package_files(paths)
    result = merge_packages(files, unit=unit or None, progress=progress, cancel=cancel,
                            confirm_duplicate=confirm_duplicate, confirm_drafts=confirm_drafts,
                            limits=limits, templates=template_catalogue(store).templates())
    result.rejected[:0] = missing
    template = result.template
    if not result.merged or template is None:
        return MergeOutcome(None, [], result.rejected, drafts_skipped=result.skipped_drafts)
    raw, values = dict(result.raw), dict(result.values)
    for key, text in settings_texts(template, settings).items():
        if key != template.roles.unit and not raw.get(key):
            raw[key] = text
            values[key] = parse_field(template.field(key), text).value
    meta = report_meta(template, values, raw)
    meta["title"] = title or f"{meta['title']}（汇总）"
    if cancel is not None and cancel():
        raise MergeCancelled()
    if progress is not None:
        progress(len(result.merged), len(result.merged), msg("正在备份数据库…"))
    storage.auto_backup(store, reason="merge")
    if progress is not None:
        progress(len(result.merged), len(result.merged), msg("正在保存汇总报表…"))
    source_info = {"sources": result.sources,
                   "merged_at": datetime.now().isoformat(timespec="seconds"),
                   "rejected": [{"file": str(path), "reason": reason}
                                for path, reason in result.rejected]}
    with storage.transaction(store.db):  # one transaction, under storage's write lock
        if result.new_template is not None:  # a form this database lacks: keep its template
            import_template_text(store, result.new_template.source, msg("报送包中的表单模板"),
                                 Path(result.merged[0]).name)
        report_id = storage.create_filled_report(
            store.db, form_id=template.id, form_version=template.version,
            template_source=template.source, source_info=source_info,
            values={key: (text, values.get(key)) for key, text in raw.items()}, **meta)
    return MergeOutcome(report_id, list(result.merged), list(result.rejected),
                        result.new_template.id if result.new_template is not None else None,
                        drafts_merged=[s["unit"] for s in result.sources
                                       if s.get("status") != "complete"],
                        drafts_skipped=result.skipped_drafts)


# --- the folders the file dialogs remember -------------------------------------------------

FOLDER_SETTINGS = {"exports": "last_export_folder", "attachments": "last_attachment_folder",
                   "templates": "last_template_folder"}


def remembered_folder(store: Any, purpose: str) -> Path | None:
    """The folder last chosen for ``purpose`` (a FOLDER_SETTINGS key), if it still exists."""
    text = getattr(storage.get_settings(store.db), FOLDER_SETTINGS[purpose])
    folder = Path(text) if text else None
    return folder if folder is not None and folder.is_dir() else None


def remember_folder(store: Any, purpose: str, folder: Path) -> None:
    """Keep ``folder`` for the next file dialog of ``purpose`` (not on a read-only store)."""
    if store.read_only or str(folder) == getattr(storage.get_settings(store.db),
                                                 FOLDER_SETTINGS[purpose]):
        return
    storage.update_settings(store.db, **{FOLDER_SETTINGS[purpose]: str(folder)})
