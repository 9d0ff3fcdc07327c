"""Named operations for bringing in forms and filled reports from Word, Excel and XLSForm (no Qt).

Reading never writes: ``read_draft`` and ``preview_report`` only read the file, so the person
can review what was understood. ``save_draft`` and ``import_report`` then store it whole, in
one transaction, or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import storage
from forms.importing import ImportRefused, read_document
from forms.importing.blank import draft_from_document, known_form
from forms.importing.draft import Draft
from forms.importing.grid import Document, Progress
from forms.importing.matcher import MIN_SHARE, FilledImport, best_template, match_document
from forms.importing.sniff import sniff
from forms.importing.writer import draft_toml
from forms.issues import Issue
from forms.messages import msg
from forms.spec import FormTemplate
from forms.validate import Validator
from ui import catalogue, operations
from ui.operations import OperationError

OFFICE_SUFFIXES = (".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".xltx", ".doc", ".xls", ".wps",
                   ".et")


def is_office_file(path: Path | str) -> bool:
    """A Word/Excel file by its name (content decides later how it is read)."""
    return Path(path).suffix.lower() in OFFICE_SUFFIXES


def read_draft(path: Path | str, templates: dict[str, FormTemplate],
               progress: Progress | None = None) -> Draft:
    """The draft template of a blank form or an XLSForm; OperationError says why not."""
    path = Path(path)
    try:
        kind = sniff(path)
        if kind == "xlsx":
            from forms.importing.xlsform import is_xlsform, read_xlsform

            if is_xlsform(path):
                draft = read_xlsform(path)
                draft.matches = known_form(draft, templates)
                return draft
        return draft_from_document(read_document(path, progress), templates)
    except ImportRefused as exc:
        raise OperationError(exc.text()) from None


def check_draft(draft: Draft) -> tuple[FormTemplate | None, list[Any]]:
    """The template the draft makes, and every problem with it (as ``templates check`` finds)."""
    return catalogue.check_template(draft_toml(draft), draft.source)


def save_draft(store: Any, draft: Draft, source_name: str = "") -> catalogue.ImportOutcome:
    """Check the draft as any template is checked, and store it (TemplateRejected if broken)."""
    text = draft_toml(draft)
    return catalogue.import_template_text(store, text, msg("{source}（草稿）",
                                                           source=source_name or draft.source),
                                          source_name or draft.source)


@dataclass
class ReportPreview:
    """What a filled document gives: the values read, the cells not used, and their issues."""

    result: FilledImport
    issues: list[Issue]
    source_name: str

    @property
    def template(self) -> FormTemplate:
        return self.result.template

    @property
    def has_values(self) -> bool:
        return self.result.from_cells > 0 and any(t.strip() for t in self.result.raw.values())


def read_filled(path: Path | str, progress: Progress | None = None) -> Document:
    """The grid of a filled Word/Excel form; OperationError says why it cannot be read."""
    try:
        return read_document(Path(path), progress)
    except ImportRefused as exc:
        raise OperationError(exc.text()) from None


def match_filled(document: Document, templates: dict[str, FormTemplate],
                 form_id: str | None = None, *, strict: bool = True) -> ReportPreview:
    """Match a read document to a template (the best one, unless ``form_id``).

    ``strict``: refuse a document that matches no template well; otherwise take the closest,
    for a preview where the person picks the form.
    """
    try:
        if form_id:
            template = templates.get(form_id) or next(
                (t for t in templates.values() if t.title == form_id), None)
            if template is None:
                raise OperationError(msg("没有表单“{name}”。可用的表单：{forms}", name=form_id,
                                         forms=list(templates)))
        else:
            template = best_template(document, templates, MIN_SHARE if strict else 0.0)
        result = match_document(document, template)
    except ImportRefused as exc:
        raise OperationError(exc.text()) from None
    issues = Validator(template, result.raw).issues()
    return ReportPreview(result, issues, document.name)


def preview_report(path: Path | str, templates: dict[str, FormTemplate], form_id: str | None = None,
                   progress: Progress | None = None) -> ReportPreview:
    """Read a filled form and match it to a template."""
    return match_filled(read_filled(path, progress), templates, form_id)


def import_report(store: Any, preview: ReportPreview) -> int:
    """Create the report from a preview: every value, or nothing; returns its id."""
    if not preview.has_values:
        raise OperationError(msg("“{file}”中没有读到表单“{form}”任何栏目的内容，未新建报表。"
                                 "请确认选对了表单和文件", file=preview.source_name,
                                 form=preview.template.title))
    template = preview.template
    validator = Validator(template, preview.result.raw)
    meta = operations.report_meta(template, validator.values(), validator.raw)
    values = {k: (v, validator.parsed[k].value) for k, v in preview.result.raw.items()}
    return storage.create_filled_report(
        store.db, form_id=template.id, form_version=template.version,
        template_source=template.source, values=values,
        source_info={"imported_from": preview.source_name}, **meta)
