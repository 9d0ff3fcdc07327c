"""Merging upward: the packages that units send become one summary of the same form.

Every package is checked first (exports.package_reader); the values of those that pass are
combined field by field (exports.merge_values). Nothing here writes anything: storing the
merged report is ui.operations.merge_into_new_report's job.

    >>> result = merge_packages(paths, template, unit="四川省抗癌协会")  # doctest: +SKIP
    >>> result.values["lectures"]  # doctest: +SKIP
    {'value': 1809, 'unit': '场', 'qualifier': None}
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exports.merge_values import combine, unit_numbers
from exports.meta import iso_time
from exports.package_reader import (
    CancelCheck,
    Limits,
    MergeCancelled,
    Package,
    PackageRejected,
    check_form,
    read_package,
)
from exports.package_trust import LEGACY
from forms.messages import joined, msg
from forms.spec import FormTemplate

__all__ = ["MergeCancelled", "MergeResult", "PackageRejected", "is_draft", "merge_packages",
           "package_files"]

Progress = Callable[[int, int, str], None]  # (done, total, message)
ConfirmDuplicate = Callable[[str, Path, Path], bool]  # (unit, older, newer) -> use the newer?
# [(unit, path)] of the draft packages -> include them? (None: cancel the merge)
ConfirmDrafts = Callable[[list[tuple[str, Path]]], bool | None]
COMPLETE = "complete"


@dataclass
class MergeResult:
    """What a merge produced: the merged texts and values, and which files went in."""

    template: FormTemplate | None
    raw: dict[str, str] = field(default_factory=dict)
    # The template came with the packages (this database lacks the form): import it.
    new_template: FormTemplate | None = None
    values: dict[str, Any] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)  # one per unit, in input order
    merged: list[Path] = field(default_factory=list)
    rejected: list[tuple[Path, str]] = field(default_factory=list)
    skipped_drafts: list[tuple[str, Path]] = field(default_factory=list)  # (unit, path), also rejected

    @property
    def ok(self) -> bool:
        return bool(self.merged)


def package_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to merge (folders give their *.zip, sorted by name) and paths that give none."""
    files: list[Path] = []
    problems: list[tuple[Path, str]] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted((p for p in path.iterdir() if p.suffix.lower() == ".zip" and p.is_file()),
                           key=lambda p: p.name)
            if not found:
                problems.append((path, msg("文件夹中没有 .zip 报送包。")))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append((path, msg("找不到这个文件或文件夹，可能已被移动或删除。")))
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)  # a file named twice is merged once
    return list(unique.values()), problems


def _template_for(package: Package, templates: Mapping[str, FormTemplate]) -> FormTemplate:
    """The local template of the package's form; else the one the package carries."""
    template = templates.get(package.form_id)
    if template is not None:
        return template
    title = package.manifest.get("form_title") or package.form_id
    if package.legacy:
        raise PackageRejected(msg("{legacy}本机没有这个表单（{title}）。请让报送单位升级填报软件后重新导出，"
                                  "或先在“表单管理”中导入这个表单。", legacy=LEGACY, title=title))
    if package.template is None:
        problems = joined(package.template_problems[:3], msg("；"))
        raise PackageRejected(msg("本机没有这个包所用的表单（{title}），包中的表单模板又有错误，"
                                  "无法使用：{problems}。请让报送单位升级填报软件后重新导出。",
                                  title=title, problems=problems))
    return package.template


class _Units:
    """The package chosen for each unit, and what to do when a unit sends two."""

    def __init__(self, confirm: ConfirmDuplicate | None) -> None:
        self.confirm = confirm
        self.chosen: dict[str, Package] = {}
        self.order: dict[str, int] = {}
        self.rejected: list[tuple[Path, str]] = []
        self.contents: dict[str, Package] = {}  # values without the unit's name -> package

    def add(self, package: Package, position: int, template: FormTemplate) -> None:
        key = package.unit_key
        earlier = self.chosen.get(key)
        if earlier is None:
            twin = self._same_content(package, template)
            if twin is not None:  # another unit's report, sent again under this unit's name
                self.rejected.append((package.path, msg(
                    "与“{file}”（{unit}）的内容除单位外完全相同，可能是同一份报表以另一个单位的名义"
                    "重复报送，未汇总。请与报送单位核实。", file=twin.path.name, unit=twin.unit)))
                return
            self.chosen[key], self.order[key] = package, position
            return
        if earlier.values_sha256 == package.values_sha256:
            self.rejected.append((package.path, msg(
                "与“{file}”是同一单位（{unit}）的相同内容，重复的包只汇总一次。",
                file=earlier.path.name, unit=package.unit)))
            return
        older, newer = sorted((earlier, package), key=lambda p: p.exported_at)
        if earlier.exported_at == package.exported_at:
            older, newer = earlier, package
        use_newer = bool(self.confirm and self.confirm(package.unit, older.path, newer.path))
        kept, dropped = (newer, older) if use_newer else (older, newer)
        if use_newer:
            reason = msg("同一单位（{unit}）还有一个较新的包“{file}”（{time}导出），已改用较新的包。",
                         unit=package.unit, file=newer.path.name, time=_when(newer))
        else:
            reason = msg("与“{file}”是同一单位（{unit}）的包；未确认改用较新的包，只汇总了先导出的一个。",
                         file=older.path.name, unit=package.unit)
        self.chosen[key] = kept
        self.rejected.append((dropped.path, reason))

    def _same_content(self, package: Package, template: FormTemplate) -> Package | None:
        """A package of another unit whose values, the unit's own name aside, are the same."""
        mine = _content(package, template)
        twin = self.contents.get(mine)
        if twin is not None and self.chosen.get(twin.unit_key) is twin:
            return twin
        self.contents[mine] = package
        return None

    def packages(self) -> list[Package]:
        return sorted(self.chosen.values(), key=lambda p: self.order[p.unit_key])


def _content(package: Package, template: FormTemplate) -> str:
    """The package's values without the unit's name, as comparable text."""
    unit_field = template.roles.unit
    values = {k: v for k, v in package.values.items() if k != unit_field}
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)


def _when(package: Package) -> str:
    return package.exported_at.strftime("%Y-%m-%d %H:%M")


def is_draft(package: Package) -> bool:
    """Sent before the unit marked its report complete (or with errors)."""
    return package.manifest.get("status") != COMPLETE


def _skip_drafts(packages: list[Package], confirm: ConfirmDrafts | None
                 ) -> tuple[list[Package], list[tuple[Path, str]]]:
    """The packages to merge, and the drafts left out because the person said so."""
    drafts = [p for p in packages if is_draft(p)]
    if not drafts or confirm is None:
        return packages, []
    answer = confirm([(p.unit, p.path) for p in drafts])
    if answer is None:
        raise MergeCancelled()
    if answer:
        return packages, []
    return ([p for p in packages if not is_draft(p)],
            [(p.path, msg("“{unit}”报送的是草稿（尚未标记为完成），未汇总。", unit=p.unit))
             for p in drafts])


def source_entry(package: Package, template: FormTemplate) -> dict[str, Any]:
    """Where a unit's numbers came from, as the merged report remembers it: the file, its
    status, the unit's figures, and each attachment it sent (file name, size, SHA-256)."""
    manifest = package.manifest
    attachments = [{"name": entry.get("name") or entry["path"], "size": entry["size"],
                    "sha256": entry["sha256"]}
                   for entry in manifest["files"] if entry.get("kind") == "attachment"]
    return {
        "unit": package.unit,
        "file": package.path.name,
        "exported_at": iso_time(package.exported_at),
        "report_id": manifest.get("report_id"),
        "form_version": package.form_version,
        "status": manifest.get("status"),
        "values_sha256": package.values_sha256,
        "merged_units": len(manifest["sources"]) if isinstance(manifest.get("sources"), list) else 0,
        "values": unit_numbers(template, package.values),
        "attachments": attachments,
    }


def merge_packages(paths: Iterable[Path | str], template: FormTemplate | None = None, *,
                   unit: str | None = None, progress: Progress | None = None,
                   cancel: CancelCheck | None = None,
                   confirm_duplicate: ConfirmDuplicate | None = None,
                   confirm_drafts: ConfirmDrafts | None = None,
                   templates: Mapping[str, FormTemplate] | None = None,
                   limits: Limits | None = None) -> MergeResult:
    """Check every package, then combine the values of those that pass.

    Without ``template`` the form is that of the first good package, looked up in
    ``templates`` (default: the built-in ones), or else the one the package carries
    (then ``result.new_template`` is set). A unit sending two packages: the newer
    is used only when ``confirm_duplicate(unit, older_path, newer_path)`` returns True.
    Draft packages (not marked complete) are merged only when ``confirm_drafts(drafts)``
    returns True, or when it is not given (their status stays in ``result.sources``);
    False leaves them out (listed as rejected), None cancels. ``cancel()`` returning True
    raises MergeCancelled.
    """
    paths = [Path(p) for p in paths]
    if template is None and templates is None:
        from forms.loader import builtin_templates  # noqa: PLC0415 - only when needed

        templates = builtin_templates()
    units = _Units(confirm_duplicate)
    rejected: list[tuple[Path, str]] = []
    total = len(paths)
    for position, path in enumerate(paths):
        if cancel is not None and cancel():
            raise MergeCancelled()
        if progress is not None:
            progress(position, total, msg("正在检查：{file}", file=path.name))
        try:
            package = read_package(path, template=template, limits=limits, cancel=cancel)
            if template is None:
                candidate = _template_for(package, templates or {})
                check_form(package, candidate)
                template = candidate
        except PackageRejected as exc:
            rejected.append((path, exc.reason))
            continue
        units.add(package, position, template)
    if cancel is not None and cancel():
        raise MergeCancelled()
    if progress is not None:
        progress(total, total, msg("正在合并数值…"))
    packages, skipped = _skip_drafts(units.packages(), confirm_drafts)
    left_out = {path for path, _ in skipped}
    drafts_left_out = [(p.unit, p.path) for p in units.packages() if p.path in left_out]
    order = {path: n for n, path in enumerate(paths)}
    rejected = sorted(rejected + units.rejected + skipped,
                      key=lambda item: order.get(item[0], total))
    result = MergeResult(template, rejected=rejected, merged=[p.path for p in packages],
                         skipped_drafts=drafts_left_out)
    if template is not None and templates is not None and template.id not in templates:
        result.new_template = template
    if packages and template is not None:
        result.raw, result.values = combine(template, [(p.unit, p.values) for p in packages],
                                            unit_name=unit)
        result.sources = [source_entry(p, template) for p in packages]
    return result
