"""Does a package's manifest agree with its content? (see docs/PACKAGE.md)

From package format 2 the manifest carries ``manifest_sha256``, a hash over all of its
other fields (form, version, unit, status, export time, values, and every file's hash),
and the package carries the form's template as a file. A manifest edited by hand no longer
matches its hash; a manifest that names another form than its template is refused.

Packages of format 1 (before templates travelled) have neither. They are merged only into
a form this database already has (in their version or a later one, as any package), and
only when every value belongs to that form; their unhashed template text is never used.
"""

from __future__ import annotations

import zipfile
from typing import Any

from exports.meta import manifest_sha256
from exports.model import TEMPLATE_KIND
from forms.loader import check_template_text
from forms.messages import Msg, msg
from forms.spec import FormTemplate
from forms.types.base import listing

STATUSES = ("draft", "complete")
MAX_TEMPLATE_BYTES = 8 * 1024**2
LEGACY = msg("这是旧版填报软件导出的报送包（包中没有表单模板和清单校验码），"
             "只能汇总到本机已有的表单。")


def again(reason: str) -> Msg:
    """A reason for refusing a package, and what to do: have it exported again."""
    return msg("{reason}请让报送单位重新导出报送包后再汇总。", reason=reason)


class Rejected(Exception):
    """Raised here, turned into PackageRejected by the reader."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_manifest_hash(manifest: dict[str, Any]) -> None:
    """Format 2 and later: the manifest's own hash, and a status the app knows."""
    if manifest.get("manifest_sha256") != manifest_sha256(manifest):
        raise Rejected(again(msg("清单内容与其校验码不一致：清单中的表单、版本、单位、状态或导出时间"
                                 "可能被修改过。")))
    if manifest.get("status") not in STATUSES:
        raise Rejected(again(msg("清单中的报表状态不正确。")))


def template_entry(entries: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The manifest's one file of kind "template"."""
    found = [entry for entry in entries.values() if entry.get("kind") == TEMPLATE_KIND]
    if len(found) != 1:
        raise Rejected(again(msg("包中没有表单模板文件。") if not found
                             else msg("包中有多个表单模板文件。")))
    if found[0]["size"] > MAX_TEMPLATE_BYTES:
        raise Rejected(again(msg("包中的表单模板文件过大，不像是填报软件导出的报送包。")))
    return found[0]


def read_template(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    """The template member's text (its size and hash were checked already)."""
    with archive.open(info) as member:
        data = member.read(MAX_TEMPLATE_BYTES + 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Rejected(again(msg("包中的表单模板不是 UTF-8 文本。"))) from exc


def packed_template(text: str, manifest: dict[str, Any], source: str
                    ) -> tuple[FormTemplate | None, tuple[str, ...]]:
    """The package's template and its problems; refused when it names another form."""
    check = check_template_text(text, source)
    template = check.template
    if template is None:
        return None, tuple(problem.text() for problem in check.problems)
    if (template.id, template.version) != (manifest["form_id"], manifest["form_version"]):
        raise Rejected(again(msg(
            "清单写的表单（{listed}，第{listed_version}版）与包中的表单模板（{id}，第{version}版）"
            "不一致，包可能被修改过。", listed=manifest["form_id"],
            listed_version=manifest["form_version"], id=template.id, version=template.version)))
    return template, ()


def value_keys_problem(values: dict[str, Any], template: FormTemplate) -> str | None:
    """Why the values cannot be of ``template``'s form (a key it does not have), or None."""
    unknown = [key for key in values if not template.has(key)]
    if not unknown:
        return None
    shown = listing([f"“{key[:40]}”" for key in unknown], 3)
    return again(msg("包中的数值 {keys} 不是表单“{form}”的栏目，包中的数值与清单写的表单不符。",
                     keys=shown, form=template.title))


def meta_problem(manifest: dict[str, Any], values: dict[str, Any],
                 template: FormTemplate) -> Msg | None:
    """Why the manifest's unit or period disagrees with what the report itself says, or None.

    The manifest's hash only shows that the manifest was not edited after export without
    recomputing it; the report's own unit and period fields are the figures that count.
    """
    from exports.package_reader import unit_key  # noqa: PLC0415 - avoids an import cycle

    roles = template.roles
    written = values.get(roles.unit or "")
    listed = manifest.get("unit")
    if (isinstance(written, str) and written.strip() and isinstance(listed, str)
            and unit_key(written) != unit_key(listed)):
        return again(msg("清单写的单位（{listed}）与报表中填写的单位（{written}）不一致，"
                         "包可能被修改过。", listed=listed.strip(), written=written.strip()))
    period = values.get(roles.period or "")
    listed_period = manifest.get("period")
    if isinstance(period, int) and isinstance(listed_period, str) and listed_period.strip():
        shown = template.period_text(period)
        if shown != listed_period.strip():
            return again(msg("清单写的届次/年度（{listed}）与报表中填写的（{written}）不一致，"
                             "包可能被修改过。", listed=listed_period.strip(), written=shown))
    return None
