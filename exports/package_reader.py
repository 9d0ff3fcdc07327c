"""Reading a received package safely: every check runs before anything is merged.

Nothing is ever extracted: members are streamed from the zip and hashed in memory.
The format is described in docs/PACKAGE.md (written by exports.package); whether the
manifest agrees with the content is exports.package_trust's part.
"""

from __future__ import annotations

import hashlib
import re
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from exports import package_manifest, package_trust
from exports.package_trust import Rejected, again
from forms.messages import msg, plural
from forms.spec import FormTemplate
from forms.types.base import listing

# Against zip bombs: every member is listed in the manifest with its size, which the zip's
# own directory must repeat; a member is never read past that size, and all of them together
# never past this cap. (No cap on the compression ratio: a white scan saved as BMP deflates
# more than 1000:1 and is no bomb.)
DEFAULT_MAX_EXPANDED = 4 * 1024**3  # all members together, once inflated
DEFAULT_MAX_MEMBERS = 10_000
CHUNK = 1024 * 1024
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_DRIVE = re.compile(r"^[A-Za-z]:")
_IGNORED = ("__MACOSX/",)  # resource forks added by macOS's Finder when re-zipping

CancelCheck = Callable[[], bool]


class PackageRejected(Exception):
    """A package that cannot be merged; ``reason`` says why in Chinese, fit to show."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def text(self) -> str:
        return self.reason


class MergeCancelled(Exception):
    """The person cancelled the merge; nothing was written."""

    def text(self) -> str:
        return msg("已取消汇总，没有生成新报表。")


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps against zip bombs; lower them in tests."""

    max_expanded: int = DEFAULT_MAX_EXPANDED
    max_members: int = DEFAULT_MAX_MEMBERS


@dataclass(frozen=True)
class Package:
    """A checked package: its manifest and the facts the merge needs."""

    path: Path
    manifest: dict[str, Any] = field(repr=False)
    unit: str
    exported_at: datetime
    form_id: str
    form_version: int
    values: dict[str, Any] = field(repr=False)
    template: FormTemplate | None = field(default=None, repr=False)  # the one it carries
    template_problems: tuple[str, ...] = ()  # why its template cannot be used, if so

    @property
    def legacy(self) -> bool:
        """Format 1: no template and no manifest hash (see exports.package_trust)."""
        return self.manifest["format_version"] < 2

    @property
    def unit_key(self) -> str:
        """The unit's name as compared for duplicates: no blanks, full-width folded."""
        return unit_key(self.unit)

    @property
    def values_sha256(self) -> str:
        return str(self.manifest["values_sha256"])


def unit_key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def _check_cancel(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise MergeCancelled()


# --- member names ------------------------------------------------------------------------

def _shown_name(info: zipfile.ZipInfo) -> str:
    """A member's name for messages: as stored when flagged UTF-8 (or ASCII), else the bytes
    read as UTF-8 (macOS tools) or GBK (Windows tools), whichever fits, rather than mojibake."""
    name = info.filename
    if info.flag_bits & _UTF8_FLAG or name.isascii():
        return name
    try:
        raw = name.encode("cp437")  # zipfile decoded the unflagged bytes as cp437
    except UnicodeEncodeError:
        return name
    for codec in ("utf-8", "gbk"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return name


def _rezipped(name: str) -> str:
    return msg("包中的文件名“{name}”不是 UTF-8 编码（GBK 等），说明这个包被解压后用其他压缩工具"
               "（如 Windows 自带的压缩、WinRAR、360压缩）重新打包过，文件名无法可靠识别，已拒绝。"
               "请让报送单位直接发送“打包发送”生成的原始 .zip 文件，不要解压或重新压缩。",
               name=name[:80])


def unsafe_name(name: str) -> str | None:
    """Why a member name could escape a folder if extracted (None when it is safe)."""
    plain = name.replace("\\", "/")
    if "\x00" in name:
        return msg("包中的文件名“{name}”含有非法字符", name=name[:80])
    if plain.startswith("/") or _DRIVE.match(plain):
        return msg("包中含有绝对路径“{name}”（可能是恶意文件）", name=name[:80])
    if ".." in plain.split("/"):
        return msg("包中的文件名“{name}”指向包外（含“..”，可能是恶意文件）", name=name[:80])
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _scan_members(archive: zipfile.ZipFile, limits: Limits) -> list[zipfile.ZipInfo]:
    """Checks that need only the central directory: count, links, encryption, total size."""
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise PackageRejected(msg("包中文件过多（{count} 个，上限 {limit} 个），"
                                  "不像是填报软件导出的报送包。", count=f"{len(infos):,}",
                                  limit=f"{limits.max_members:,}"))
    seen: set[str] = set()
    declared = 0
    for info in infos:
        name = _shown_name(info)
        if _is_symlink(info):
            raise PackageRejected(msg("包中含有符号链接“{name}”（可能是恶意文件），已拒绝。",
                                      name=name[:80]))
        problem = unsafe_name(name) or unsafe_name(info.filename)
        if problem:
            raise PackageRejected(msg("{problem}，已拒绝。", problem=problem))
        if not (info.flag_bits & _UTF8_FLAG or info.filename.isascii()):
            raise PackageRejected(_rezipped(name))
        if info.flag_bits & _ENCRYPTED_FLAG:
            raise PackageRejected(again(msg("包中的文件“{name}”设置了密码，无法读取。",
                                            name=name[:80])))
        if info.filename in seen:
            raise _twice(name)
        seen.add(info.filename)
        declared += info.file_size
        if declared > limits.max_expanded:
            raise _too_big(limits)
    return infos


def _too_big(limits: Limits) -> PackageRejected:
    return PackageRejected(msg("包解压后过大（超过 {size}），可能是恶意的“压缩炸弹”，已拒绝。",
                               size=_size(limits.max_expanded)))


def _twice(name: str) -> PackageRejected:
    return PackageRejected(again(msg("包中有两个同名文件“{name}”，无法确定使用哪一个。",
                                     name=name[:80])))


def _differs(name: str) -> PackageRejected:
    return PackageRejected(again(msg("包中的文件“{name}”与清单记录不一致（可能被修改过或已损坏）。",
                                     name=name[:80])))


def _check_declared_sizes(members: dict[str, zipfile.ZipInfo], entries: dict[str, dict[str, Any]],
                          limits: Limits) -> None:
    """Each member as big as the manifest says, all within the cap: checked before reading."""
    if sum(entry["size"] for entry in entries.values()) > limits.max_expanded:
        raise _too_big(limits)
    for name, entry in entries.items():
        size = members[name].file_size
        if size > entry["size"]:
            raise PackageRejected(again(msg(
                "包中的文件“{name}”与清单记录不一致：解压后为 {size}，清单记录只有 {listed}，"
                "可能是恶意的“压缩炸弹”，已拒绝。", name=name[:80], size=_size(size),
                listed=_size(entry["size"]))))
        if size != entry["size"]:
            raise _differs(name)


def _size(n: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return plural("{n} 字节", n=n)


# --- members against the manifest --------------------------------------------------------

def _resolve(infos: list[zipfile.ZipInfo], manifest_info: zipfile.ZipInfo, prefix: str,
             listed: set[str]) -> dict[str, zipfile.ZipInfo]:
    """Manifest path -> member; every member must be listed (names are UTF-8 by now)."""
    found: dict[str, zipfile.ZipInfo] = {}
    unlisted: list[str] = []
    for info in infos:
        if info is manifest_info or info.is_dir():
            continue
        name = info.filename.replace("\\", "/")
        if name.startswith(_IGNORED):
            continue
        match = name[len(prefix):] if name.startswith(prefix) else None
        if match not in listed:
            unlisted.append(name)
            continue
        if match in found:
            raise _twice(match)
        found[match] = info
    if unlisted:
        shown = listing([f"“{n[:60]}”" for n in unlisted], 3)
        raise PackageRejected(again(msg("包中有清单未列出的文件：{files}（包可能被修改过）。",
                                        files=shown)))
    return found


def _verify_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, entry: dict[str, Any],
                   budget: list[int], cancel: CancelCheck | None) -> None:
    """Stream one member through SHA-256 and compare size and hash with the manifest."""
    name = entry["path"]
    digest = hashlib.sha256()
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                _check_cancel(cancel)
                size += len(chunk)
                budget[0] -= len(chunk)
                if budget[0] < 0:
                    raise PackageRejected(msg("包解压后过大，可能是恶意的“压缩炸弹”，已拒绝。"))
                digest.update(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise PackageRejected(again(msg("包中的文件“{name}”已损坏（校验失败）。文件可能在传输中出错，",
                                        name=name[:80]))) from exc
    except (NotImplementedError, RuntimeError) as exc:
        raise PackageRejected(again(msg("包中的文件“{name}”使用了不支持的压缩方式或已加密。",
                                        name=name[:80]))) from exc
    if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
        raise _differs(name)


def _open(path: Path) -> zipfile.ZipFile:
    if not path.exists():
        raise PackageRejected(msg("找不到这个文件，可能已被移动或删除。"))
    if not path.is_file():
        raise PackageRejected(msg("这不是一个文件。"))
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        if not head:
            raise PackageRejected(msg("文件是空的（0 字节），不是报送包。")) from exc
        if head.startswith(b"PK"):
            raise PackageRejected(msg("zip 文件不完整或已损坏（可能下载或复制时中断）。"
                                      "请重新获取这个报送包。")) from exc
        raise PackageRejected(msg("这不是 zip 压缩包，不是填报软件导出的报送包。")) from exc
    except OSError as exc:
        raise PackageRejected(msg("无法读取文件（{error}）。请检查文件是否正被其他程序使用。",
                                  error=exc.strerror or type(exc).__name__)) from exc


def read_package(path: Path | str, *, template: FormTemplate | None = None,
                 max_expanded: int = DEFAULT_MAX_EXPANDED,
                 max_members: int = DEFAULT_MAX_MEMBERS, limits: Limits | None = None,
                 cancel: CancelCheck | None = None) -> Package:
    """Open and check one package; raises PackageRejected with the reason.

    With ``template`` the package must also be of that form, in a version not newer.
    """
    path = Path(path)
    limits = limits or Limits(max_expanded=max_expanded, max_members=max_members)
    archive = _open(path)
    try:
        with archive:
            infos = _scan_members(archive, limits)
            manifest_info, prefix = package_manifest.find_manifest(infos)
            manifest = package_manifest.read_manifest(archive, manifest_info)
            when = package_manifest.check_manifest(manifest)
            if manifest["format_version"] >= 2:
                package_trust.check_manifest_hash(manifest)
            entries = {entry["path"]: entry for entry in manifest["files"]}
            for name in entries:
                problem = unsafe_name(name)
                if problem:
                    raise PackageRejected(msg("清单中{problem}，已拒绝。", problem=problem))
            members = _resolve(infos, manifest_info, prefix, set(entries))
            missing = [name for name in entries if name not in members]
            if missing:
                raise PackageRejected(again(msg("包中缺少清单列出的文件“{name}”。",
                                                name=missing[0][:80])))
            _check_declared_sizes(members, entries, limits)
            budget = [limits.max_expanded]
            for name, entry in entries.items():
                _check_cancel(cancel)
                _verify_member(archive, members[name], entry, budget, cancel)
            carried, problems = _carried_template(archive, manifest, members, entries)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise PackageRejected(msg("zip 文件已损坏（可能下载或复制时中断）。请重新获取这个报送包。")
                              ) from exc
    except OSError as exc:
        raise PackageRejected(msg("读取文件时出错（{error}）。",
                                  error=exc.strerror or type(exc).__name__)) from exc
    except Rejected as exc:
        raise PackageRejected(exc.reason) from exc
    package = Package(path=path, manifest=manifest, unit=manifest["unit"].strip(), exported_at=when,
                      form_id=manifest["form_id"], form_version=manifest["form_version"],
                      values=manifest["values"], template=carried, template_problems=problems)
    if template is not None:
        check_form(package, template)
    return package


def _carried_template(archive: zipfile.ZipFile, manifest: dict[str, Any],
                      members: dict[str, zipfile.ZipInfo], entries: dict[str, dict[str, Any]]
                      ) -> tuple[FormTemplate | None, tuple[str, ...]]:
    """The template a package of format 2 carries (None, and no problem, for format 1)."""
    if manifest["format_version"] < 2:
        return None, ()
    entry = package_trust.template_entry(entries)
    text = package_trust.read_template(archive, members[entry["path"]])
    return package_trust.packed_template(text, manifest, msg("包中的{path}", path=entry["path"]))


def check_form(package: Package, template: FormTemplate) -> None:
    """The package must be of ``template``'s form, in a version this app can read."""
    from exports.merge_values import value_problem  # noqa: PLC0415 - avoids an import cycle

    if package.form_id != template.id:
        title = package.manifest.get("form_title") or package.form_id
        raise PackageRejected(msg("这是另一种表单（{title}）的报送包，不能汇总到“{form}”。"
                                  "请分别汇总不同的表单。", title=title, form=template.title))
    if package.form_version > template.version:
        raise PackageRejected(msg("此包使用较新的表单版本（第{version}版），本机的“{form}”只有第{ours}版。"
                                  "请先升级填报软件，或在“表单管理”中导入新版表单模板后再汇总。",
                                  version=package.form_version, form=template.title,
                                  ours=template.version))
    problem = (package_trust.value_keys_problem(package.values, template)
               or package_trust.meta_problem(package.manifest, package.values, template))
    if problem:
        raise PackageRejected(problem)
    for spec in template.leaves():
        value = package.values.get(spec.key)
        if value is None:
            continue
        problem = value_problem(spec, value)
        if problem:
            raise PackageRejected(again(msg("“{label}”一栏的数值格式不正确（{problem}）。",
                                            label=spec.full_label, problem=problem)))
