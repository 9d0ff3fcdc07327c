"""The template catalogue: every form a person can use, built-in and imported (no Qt).

Built-in templates come from resources/forms and are read-only; imported ones live in the
database (``storage.import_template``). A broken template, of either origin, is listed
with its problems and never stops the others.

Same id, two origins: an imported template may take over a built-in form only with a
higher version, and then it is the one used for new reports. Should a later app bring a
built-in version as high or higher, the built-in one is used again; the imported one stays
listed (and can be deleted once no report uses the form). Reports always keep the snapshot
of the template they were made with, whichever wins today.

    >>> catalogue = template_catalogue(store)  # doctest: +SKIP
    >>> catalogue.get("cancer_week_summary").title  # doctest: +SKIP
    '全国肿瘤防治宣传周活动总结表'
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import storage
from exports.atomic import atomic_path
from forms import loader
from forms.loader import FORMS_DIR, check_template_text, load_builtin_templates
from forms.messages import joined, msg, plural
from forms.spec import FormTemplate
from ui.operations import OperationError

BUILTIN = "builtin"
IMPORTED = "imported"
ORIGIN_TEXT = {BUILTIN: msg("内置"), IMPORTED: msg("导入")}
MAX_TEMPLATE_BYTES = 8 * 1024 * 1024  # far above any real form; keeps a stray file out


class TemplateRejected(OperationError):
    """A template file that cannot be used: every problem, each fit to show."""

    def __init__(self, source: str, problems: list[Any]) -> None:
        self.source = source
        self.problems = list(problems)
        super().__init__(plural("模板“{source}”有 {n} 处错误，未导入：\n{problems}", n=len(self.problems),
                                source=source, problems=joined(
                                    [problem_text(p) for p in self.problems], "\n")))


def problem_text(problem: Any) -> str:
    return problem.text() if callable(getattr(problem, "text", None)) else str(problem)


def check_template(text: str, source: str) -> tuple[FormTemplate | None, list[Any]]:
    """The template and every problem found in ``text`` (forms.loader does the checking).

    Results are kept by text: the catalogue is read for every new report and every
    command, and the same few templates need not be parsed again each time.
    """
    template, problems = _checked(text, source)
    return template, list(problems)


@functools.lru_cache(maxsize=64)
def _checked(text: str, source: str) -> tuple[FormTemplate | None, tuple[Any, ...]]:
    check = check_template_text(text, source)
    return check.template, tuple(check.problems)


def forget_checked() -> None:
    """Drop the templates kept by text (benchmarks measure a first load with it)."""
    _checked.cache_clear()
    _builtin.cache_clear()
    loader.forget_checked()


@dataclass(frozen=True)
class TemplateEntry:
    """One row of the catalogue."""

    form_id: str
    title: str
    version: int | None
    origin: str  # BUILTIN or IMPORTED
    template: FormTemplate | None = None
    problems: tuple[str, ...] = ()
    reports: int = 0  # reports of this form outside the trash, whichever origin made them
    source_name: str = ""  # the file (built-in) or the file it was imported from
    imported_at: str = ""
    in_use: bool = True  # False when the other origin's version of this form is used
    note: str = ""

    @property
    def origin_text(self) -> str:
        return ORIGIN_TEXT[self.origin]

    @property
    def usable(self) -> bool:
        return self.template is not None and self.in_use

    @property
    def deletable(self) -> bool:
        return self.origin == IMPORTED and self.reports == 0


@dataclass
class Catalogue:
    entries: list[TemplateEntry] = field(default_factory=list)

    def templates(self) -> dict[str, FormTemplate]:
        """The template used for new reports of each form, by form id, in the order the
        templates declare (``order``; those without one after): the first is the default."""
        usable = [e.template for e in self.entries if e.usable and e.template]
        usable.sort(key=lambda t: (t.order is None, t.order or 0))  # stable: else as listed
        return {template.id: template for template in usable}

    def entry(self, form_id: str, origin: str | None = None) -> TemplateEntry | None:
        """The entry in use for ``form_id`` (or the one of ``origin``)."""
        for entry in self.entries:
            if entry.form_id == form_id and (entry.in_use if origin is None
                                             else entry.origin == origin):
                return entry
        return None

    def get(self, name: str) -> FormTemplate:
        """The usable template with this form id (or title); OperationError naming the others."""
        templates = self.templates()
        if name in templates:
            return templates[name]
        for template in templates.values():
            if name == template.title:
                return template
        broken = next((e for e in self.entries if e.form_id == name and e.problems), None)
        if broken is not None:
            raise OperationError(msg("表单“{name}”的模板有错误，暂不能使用：{problem}", name=name,
                                     problem=broken.problems[0]))
        raise OperationError(msg("没有表单“{name}”。可用的表单：{forms}", name=name,
                                 forms=list(templates) or msg("（无）")))


def builtin_entries(folder: Path = FORMS_DIR) -> list[TemplateEntry]:
    """Every file in resources/forms, each on its own: a broken one carries its problems."""
    files = sorted(folder.glob("*.toml"))
    signature = tuple((p.name, *_stamp(p)) for p in files)
    templates, problems = _builtin(folder, signature)
    by_file: dict[str, TemplateEntry] = {}
    for template in templates.values():
        name = Path(template.path).name
        by_file[name] = _entry(template, [], BUILTIN, Path(name).stem, name)
    grouped: dict[str, list[Any]] = {}
    for problem in problems:
        grouped.setdefault(Path(problem.source).name, []).append(problem)
    for name, found in grouped.items():
        by_file[name] = _broken(Path(name).stem, name, BUILTIN, found)
    return [by_file[name] for name in sorted(by_file)]


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, -1)
    return (stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _builtin(folder: Path, signature: tuple[Any, ...]) -> tuple[dict[str, FormTemplate], list[Any]]:
    """The built-in templates, read again only when a file changed (``signature``)."""
    return load_builtin_templates(folder)


def imported_entries(store: Any) -> list[TemplateEntry]:
    entries = []
    for row in storage.list_imported_templates(store.db):
        template, problems = check_template(row.source, msg("导入的模板 {id}", id=row.form_id))
        entry = _entry(template, problems, IMPORTED, row.form_id, row.source_name)
        entries.append(replace(entry, title=entry.title if template else row.title,
                               version=row.version, imported_at=row.imported_at))
    return entries


def _entry(template: FormTemplate | None, problems: list[Any], origin: str, fallback_id: str,
           source_name: str) -> TemplateEntry:
    if template is None:
        return _broken(fallback_id, source_name, origin, problems)
    return TemplateEntry(template.id, template.title, template.version, origin, template,
                         source_name=source_name)


def _broken(form_id: str, source_name: str, origin: str, problems: list[Any]) -> TemplateEntry:
    return TemplateEntry(form_id, source_name or form_id, None, origin,
                         problems=tuple(problem_text(p) for p in problems),
                         source_name=source_name, in_use=False)


def template_catalogue(store: Any = None, *, folder: Path = FORMS_DIR) -> Catalogue:
    """Built-in templates, then imported ones (when a store is given), with report counts."""
    entries = builtin_entries(folder)
    if store is not None:
        entries += imported_entries(store)
        counts = storage.count_reports_by_form(store.db)
        entries = [replace(e, reports=counts.get(e.form_id, 0)) for e in entries]
    return Catalogue(_choose(entries))


def _choose(entries: list[TemplateEntry]) -> list[TemplateEntry]:
    """Mark which entry of each form id is used: the higher version; the built-in on a tie."""
    best: dict[str, TemplateEntry] = {}
    for entry in entries:
        if entry.template is None:
            continue
        current = best.get(entry.form_id)
        if current is None or (entry.version or 0) > (current.version or 0):
            best[entry.form_id] = entry
    chosen = []
    for entry in entries:
        winner = best.get(entry.form_id)
        if entry.template is None or winner is None or winner is entry:
            chosen.append(entry)
            continue
        other = ORIGIN_TEXT[winner.origin]
        chosen.append(replace(entry, in_use=False,
                              note=msg("未使用：{origin}的第{version}版较新或相同", origin=other,
                                       version=winner.version)))
    return chosen


# --- reading template files ---------------------------------------------------------------
# Each kind of file becomes template TOML text; the checks and storing are the same for all.
# The next kinds (.docx, .xlsx, XLSForm) add a reader here.

def _read_toml(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OperationError(msg("无法读取模板文件“{path}”（{error}）。", path=str(path),
                                 error=str(exc.strerror or exc))) from exc
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise OperationError(msg("模板文件“{path}”不是 UTF-8 编码的文本。"
                                 "请用记事本“另存为”UTF-8 编码后再导入。", path=str(path))) from exc


TEMPLATE_READERS: dict[str, Callable[[Path], str]] = {".toml": _read_toml}
_LATER = {".docx": "Word", ".doc": "Word", ".xlsx": "Excel", ".xls": "Excel", ".xml": "XLSForm"}


def read_template_file(path: Path | str) -> str:
    """A template file of any supported kind as TOML text; OperationError says why not."""
    path = Path(path)
    if not path.exists():
        raise OperationError(msg("找不到模板文件“{path}”。", path=str(path)))
    if path.is_dir():
        raise OperationError(msg("“{path}”是一个文件夹，请选择模板文件（.toml）。", path=str(path)))
    suffix = path.suffix.lower()
    reader = TEMPLATE_READERS.get(suffix)
    if reader is None:
        if suffix in _LATER:
            raise OperationError(msg("暂不支持从 {kind} 文件导入表单（“{name}”）。"
                                     "目前只能导入 .toml 模板文件。", kind=_LATER[suffix],
                                     name=path.name))
        raise OperationError(msg("无法识别模板文件“{name}”的类型。目前只能导入 .toml 模板文件。",
                                 name=path.name))
    if path.stat().st_size > MAX_TEMPLATE_BYTES:
        raise OperationError(msg("模板文件“{name}”过大（超过 8 MB），不像是表单模板。",
                                 name=path.name))
    return reader(path)


def check_template_file(path: Path | str) -> tuple[FormTemplate | None, list[Any]]:
    """Read and check a template file; unreadable files raise OperationError."""
    path = Path(path)
    return check_template(read_template_file(path), str(path))


# --- changing the imported templates ------------------------------------------------------

@dataclass(frozen=True)
class ImportOutcome:
    template: FormTemplate
    stored: bool  # False: the very same template was already imported


def import_template_file(store: Any, path: Path | str, *,
                         folder: Path = FORMS_DIR) -> ImportOutcome:
    """Check a template file and store it; raises TemplateRejected (nothing stored) if broken."""
    path = Path(path)
    return import_template_text(store, read_template_file(path), str(path), path.name,
                                folder=folder)


def import_template_text(store: Any, text: str, source: str, source_name: str = "", *,
                         folder: Path = FORMS_DIR) -> ImportOutcome:
    template, problems = check_template(text, source)
    if template is None or problems:
        raise TemplateRejected(source, problems)
    builtin = next((e for e in builtin_entries(folder)
                    if e.form_id == template.id and e.template is not None), None)
    if builtin is not None and template.version <= (builtin.version or 0):
        raise OperationError(msg(
            "表单“{id}”是内置表单（{title}，第{version}版），未导入。"
            "导入的模板要替代它，version 须大于 {version}；内置表单不需要导入。", id=template.id,
            title=builtin.title, version=builtin.version))
    stored = storage.import_template(store.db, form_id=template.id, version=template.version,
                                     title=template.title, source=template.source,
                                     source_name=source_name)
    return ImportOutcome(template, stored)


def export_template(store: Any, form_id: str, path: Path | str, *,
                    folder: Path = FORMS_DIR) -> Path:
    """Write the template in use for ``form_id`` as the TOML text it was loaded from."""
    entry = template_catalogue(store, folder=folder).entry(form_id)
    if entry is None or entry.template is None:
        raise OperationError(msg("没有可导出的表单“{id}”。", id=form_id))
    return write_template(entry.template, path)


def write_template(template: FormTemplate, path: Path | str) -> Path:
    """The template's TOML text, exactly as it was loaded; ExportError says what went wrong."""
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_bytes(template.source.encode("utf-8"))
    return path


def delete_template(store: Any, form_id: str) -> None:
    """Delete an imported template that no report uses (built-in ones are never deleted)."""
    try:
        storage.get_imported_template(store.db, form_id)
    except storage.TemplateNotFoundError as exc:
        if any(e.form_id == form_id for e in builtin_entries()):
            raise OperationError(msg("“{id}”是内置表单，不能删除。", id=form_id)) from exc
        raise
    storage.delete_imported_template(store.db, form_id)
