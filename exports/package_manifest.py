"""A received package's manifest: found, read within limits, and every field the merge
relies on checked (the format is docs/PACKAGE.md). Refusals are package_trust.Rejected,
which the reader turns into PackageRejected."""

from __future__ import annotations

import re
import zipfile
import zlib
from datetime import datetime
from typing import Any

from exports.meta import values_sha256
from exports.model import PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION
from exports.package_trust import Rejected, again
from forms.json_input import JsonInputError, read_json
from forms.messages import msg

MANIFEST_NAME = "manifest.json"
MAX_MANIFEST_BYTES = 64 * 1024**2
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TOO_BIG = msg("清单文件 manifest.json 过大，不像是填报软件导出的报送包。")


def find_manifest(infos: list[zipfile.ZipInfo]) -> tuple[zipfile.ZipInfo, str]:
    """The manifest member and the folder prefix in front of it ("" at the root).

    A package re-zipped by hand may sit inside one folder: 第30届_…/manifest.json.
    """
    nested = []
    for info in infos:
        plain = info.filename.replace("\\", "/")
        if plain == MANIFEST_NAME:
            return info, ""
        if plain.endswith("/" + MANIFEST_NAME) and plain.count("/") == 1:
            nested.append((info, plain[: -len(MANIFEST_NAME)]))
    if len(nested) == 1:
        return nested[0]
    raise Rejected(msg("包中没有清单文件 manifest.json，不是由填报软件导出的报送包。"
                       "请让报送单位用“打包发送”重新导出。"))


def read_manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> dict[str, Any]:
    if info.file_size > MAX_MANIFEST_BYTES:
        raise Rejected(_TOO_BIG)
    try:
        with archive.open(info) as member:
            data = member.read(MAX_MANIFEST_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise Rejected(again(msg("清单文件 manifest.json 已损坏（{error}）。",
                                 error=type(exc).__name__))) from exc
    except (NotImplementedError, RuntimeError) as exc:
        raise Rejected(again(msg("清单文件 manifest.json 无法读取（不支持的压缩方式或已加密）。"))
                       ) from exc
    if len(data) > MAX_MANIFEST_BYTES:
        raise Rejected(_TOO_BIG)
    try:
        manifest = read_json(data)
    except JsonInputError as exc:
        raise Rejected(again(msg("清单文件 manifest.json 格式不正确，无法读取：{error}",
                                 error=exc.reason))) from exc
    if not isinstance(manifest, dict):
        raise Rejected(again(msg("清单文件 manifest.json 格式不正确。")))
    return manifest


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def check_manifest(manifest: dict[str, Any]) -> datetime:
    """Every field the merge relies on; returns the export time."""
    if manifest.get("format") != PACKAGE_FORMAT:
        raise Rejected(msg("这不是填报软件的报送包（清单中的格式标记不对）。"))
    version = manifest.get("format_version")
    if not _positive_int(version):
        raise Rejected(again(msg("清单中的格式版本不正确。")))
    if version > PACKAGE_FORMAT_VERSION:
        raise Rejected(msg("此包由较新版本的填报软件导出（包格式第{version}版），"
                           "本机软件无法读取。请先升级填报软件再汇总。", version=version))
    if not isinstance(manifest.get("form_id"), str) or not manifest["form_id"]:
        raise Rejected(again(msg("清单中没有写明表单。")))
    if not _positive_int(manifest.get("form_version")):
        raise Rejected(again(msg("清单中的表单版本不正确。")))
    unit = manifest.get("unit")
    if not isinstance(unit, str) or not unit.strip():
        raise Rejected(msg("包中没有写明填报单位，无法区分是哪个单位报送的。"
                           "请让报送单位在报表中填写单位名称后重新导出。"))
    values = manifest.get("values")
    if not isinstance(values, dict):
        raise Rejected(again(msg("清单中没有报表数值。")))
    if manifest.get("values_sha256") != values_sha256(values):
        raise Rejected(again(msg("清单中的数值与其校验码不一致（包可能被修改过）。")))
    files = manifest.get("files")
    if not isinstance(files, list) or not all(_file_entry_ok(f) for f in files):
        raise Rejected(again(msg("清单中的文件列表格式不正确。")))
    try:
        when = datetime.fromisoformat(str(manifest.get("exported_at")))
    except ValueError as exc:
        raise Rejected(again(msg("清单中的导出时间格式不正确。"))) from exc
    return when if when.tzinfo else when.astimezone()


def _file_entry_ok(entry: Any) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("path"), str) and entry["path"]
            and isinstance(entry.get("sha256"), str) and bool(_SHA256.match(entry["sha256"]))
            and isinstance(entry.get("size"), int) and entry["size"] >= 0)
