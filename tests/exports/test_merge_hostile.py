"""Bad and hostile packages: each is rejected with a clear Chinese reason, nothing is extracted."""

from __future__ import annotations

import json
import re
import stat
import zipfile
from pathlib import Path

import pytest

from exports.merge import merge_packages
from exports.model import ReportData
from exports.package import write_package
from exports.package_reader import Limits, PackageRejected, read_package
from tests.exports.merge_helpers import (
    A,
    export_unit,
    files_snapshot,
    gbk_info,
    members,
    read_manifest_of,
    rewrite,
    template_version,
    unit_packages,
    with_manifest,
    write_members,
)

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def good(tmp_path_factory, week_template) -> Path:
    return unit_packages(tmp_path_factory, week_template)[A]


def rejected(path: Path, template=None, **limits) -> str:
    """The reason ``path`` is refused; also proves that nothing was written beside it."""
    folder = path.parent
    before = files_snapshot(folder)
    with pytest.raises(PackageRejected) as caught:
        read_package(path, template=template, limits=Limits(**limits) if limits else None)
    assert files_snapshot(folder) == before
    reason = caught.value.reason
    assert CHINESE.search(reason) and len(reason) > 8
    return reason


def add_member(good: Path, target: Path, info: zipfile.ZipInfo | str, data: bytes) -> Path:
    return rewrite(good, target, lambda items: items + [(_info(info), data)])


def _info(info: zipfile.ZipInfo | str) -> zipfile.ZipInfo:
    return info if isinstance(info, zipfile.ZipInfo) else zipfile.ZipInfo(info)


# --- not a package ------------------------------------------------------------------------

def test_not_a_zip(tmp_path):
    path = tmp_path / "报表.zip"
    path.write_text("这是一个改了扩展名的文本文件", encoding="utf-8")
    assert "不是 zip" in rejected(path)


def test_empty_file(tmp_path):
    path = tmp_path / "空.zip"
    path.write_bytes(b"")
    assert "空" in rejected(path)


def test_truncated_zip(good, tmp_path):
    path = tmp_path / "截断.zip"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "不完整" in rejected(path)


def test_missing_file(tmp_path):
    assert "找不到" in rejected(tmp_path / "没有.zip")


def test_zip_without_manifest(good, tmp_path):
    path = rewrite(good, tmp_path / "无清单.zip",
                   lambda items: [m for m in items if m[0].filename != "manifest.json"])
    assert "manifest.json" in rejected(path)


def test_manifest_not_json(good, tmp_path):
    path = rewrite(good, tmp_path / "坏清单.zip", lambda items: [
        (info, b"{not json" if info.filename == "manifest.json" else data) for info, data in items])
    assert "格式不正确" in rejected(path)


def test_other_format(good, tmp_path):
    path = with_manifest(good, tmp_path / "其他.zip", format="another-app")
    assert "不是填报软件的报送包" in rejected(path)


# --- tampering and damage -----------------------------------------------------------------

def test_tampered_member_hash_mismatch(good, tmp_path):
    def tamper(items):
        return [(info, data + b"\0" if info.filename.endswith(".xlsx") else data)
                for info, data in items]

    reason = rejected(rewrite(good, tmp_path / "改过.zip", tamper))
    assert "与清单记录不一致" in reason and ".xlsx" in reason


def test_tampered_values(good, tmp_path):
    values = read_manifest_of(good)["values"]
    values["lectures"]["value"] = 9999
    assert "校验码" in rejected(with_manifest(good, tmp_path / "改数.zip", values=values))


def test_corrupt_member_data(good, tmp_path):
    """A flipped byte inside the compressed XLSX: CRC or inflate fails while streaming."""
    path = tmp_path / "损坏.zip"
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = next(i for i in archive.infolist() if i.filename.endswith(".xlsx"))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert "已损坏" in rejected(path)


def test_member_missing(good, tmp_path):
    path = rewrite(good, tmp_path / "缺文件.zip",
                   lambda items: [m for m in items if not m[0].filename.endswith(".pdf")])
    assert "缺少清单列出的文件" in rejected(path)


def test_unlisted_member(good, tmp_path):
    path = add_member(good, tmp_path / "多文件.zip", "附件/病毒.exe", b"MZ")
    assert "清单未列出" in rejected(path)


def test_duplicate_member_names(good, tmp_path):
    def twice(items):
        xlsx = next(m for m in items if m[0].filename.endswith(".xlsx"))
        return items + [(zipfile.ZipInfo(xlsx[0].filename), b"other")]

    assert "同名" in rejected(rewrite(good, tmp_path / "同名.zip", twice))


def test_encrypted_member(good, tmp_path):
    """zipfile cannot write an encrypted member, so the flag (bit 0) is set in the bytes."""
    path = add_member(good, tmp_path / "加密.zip", "附件/1_a.txt", b"x")
    data = bytearray(path.read_bytes())
    name = "附件/1_a.txt".encode()
    with zipfile.ZipFile(path) as archive:
        data[archive.getinfo("附件/1_a.txt").header_offset + 6] |= 0x1  # local header
    central = data.find(b"PK\x01\x02")
    while central != -1:
        length = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + length] == name:
            data[central + 8] |= 0x1  # central directory
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    assert "密码" in rejected(path)


# --- form and unit ------------------------------------------------------------------------

def test_another_form(good, tmp_path, week_template, award_template):
    """As the window and the command line merge: no template given, the form comes from
    the first good package's manifest, and a package of another form is refused."""
    data = ReportData.from_raw(award_template, {"association_name": "浙江省抗癌协会"},
                               unit="浙江省抗癌协会")
    other = write_package(data, tmp_path / "评优.zip")
    result = merge_packages([good, other])
    assert result.template.id == week_template.id and result.merged == [good]
    [(path, reason)] = result.rejected
    assert path == other
    assert "另一种表单" in reason and "评优汇总表" in reason
    assert "浙江省抗癌协会" not in str(result.raw)


def test_newer_form_version(tmp_path, week_template):
    newer = template_version(week_template, week_template.version + 1)
    path = export_unit(newer, A, tmp_path)
    reason = rejected(path, week_template)
    assert "较新的表单版本" in reason and "升级" in reason


def test_newer_package_format(good, tmp_path):
    assert "升级" in rejected(with_manifest(good, tmp_path / "新格式.zip", format_version=3))


def test_older_form_version_is_accepted(good, tmp_path, week_template):
    import dataclasses

    newer_template = dataclasses.replace(week_template, version=week_template.version + 1,
                                         index={})
    package = read_package(good, template=newer_template)
    assert package.form_version == week_template.version


@pytest.mark.parametrize("unit", ["", "   ", None])
def test_no_unit_named(good, tmp_path, unit):
    path = with_manifest(good, tmp_path / "无单位.zip", unit=unit if unit is not None else None)
    assert "没有写明填报单位" in rejected(path)


def test_value_of_the_wrong_shape(good, tmp_path, week_template):
    from exports.meta import values_sha256

    values = read_manifest_of(good)["values"]
    values["lectures"] = "很多"
    path = with_manifest(good, tmp_path / "形状.zip", values=values,
                         values_sha256=values_sha256(values), resign=True)
    assert "科普讲座" in rejected(path, week_template)


# --- names that escape, links, bombs ------------------------------------------------------

@pytest.mark.parametrize(("name", "words"), [
    ("../x", "指向包外"),
    ("附件/../../x", "指向包外"),
    ("/etc/x", "绝对路径"),
    ("C:\\Windows\\x", "绝对路径"),
    ("\\\\server\\share\\x", "绝对路径"),
    ("..\\x", "指向包外"),
])
def test_escaping_member_names(good, tmp_path, name, words):
    work = tmp_path / "work"
    work.mkdir()
    path = add_member(good, work / "逃逸.zip", name, b"owned")
    assert words in rejected(path)
    assert not (tmp_path / "x").exists() and not Path("/etc/x").exists()


def test_escaping_path_in_manifest(good, tmp_path):
    manifest = read_manifest_of(good)
    files = manifest["files"] + [{"path": "../x", "kind": "attachment", "size": 1,
                                  "sha256": "0" * 64}]
    path = with_manifest(good, tmp_path / "清单逃逸.zip", files=files, resign=True)
    assert "指向包外" in rejected(path)


def test_symlink_member(good, tmp_path):
    info = zipfile.ZipInfo("附件/1_link")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    assert "符号链接" in rejected(add_member(good, tmp_path / "链接.zip", info, b"/etc/passwd"))


def _white_bmp(megabytes: float) -> bytes:
    """A white scan saved as BMP: a 54-byte header, then white pixels (deflates > 1000:1)."""
    pixels = int(megabytes * 1024 * 1024)
    header = b"BM" + (54 + pixels).to_bytes(4, "little") + bytes(4) + (54).to_bytes(4, "little")
    return header + bytes(40) + b"\xff" * pixels


def test_the_apps_own_package_with_a_white_bmp_scan_is_accepted(tmp_path, week_template):
    """An 11 MB white scan compresses far more than 100:1: it is no bomb, the manifest
    declares its size, and that is what the reader goes by."""
    import hashlib

    from exports.model import AttachmentInfo
    from tests.exports.merge_helpers import UNIT_RAW

    scan = _white_bmp(11)
    info = AttachmentInfo(1, "扫描件.bmp", len(scan), hashlib.sha256(scan).hexdigest(), "image/bmp")
    data = ReportData.from_raw(week_template, UNIT_RAW[A], unit=A, attachments=(info,))
    path = write_package(data, tmp_path / "扫描.zip", open_attachment=lambda _id: [scan])
    with zipfile.ZipFile(path) as archive:
        member = next(i for i in archive.infolist() if i.filename.endswith(".bmp"))
        assert member.file_size > 100 * member.compress_size  # what was called a bomb
    package = read_package(path, template=week_template)
    assert package.unit == A
    assert merge_packages([path], week_template).merged == [path]


def _listed(good: Path, target: Path, name: str, data: bytes, declared: int) -> Path:
    """A copy with one more member, listed in a re-signed manifest with ``declared`` bytes."""
    import hashlib

    from exports.meta import manifest_sha256

    def change(items):
        result = []
        for info, content in items:
            if info.filename == "manifest.json":
                manifest = json.loads(content)
                manifest["files"].append({"path": name, "kind": "attachment", "size": declared,
                                          "sha256": hashlib.sha256(data).hexdigest(),
                                          "name": name, "mime_type": "image/bmp"})
                manifest["manifest_sha256"] = manifest_sha256(manifest)
                content = json.dumps(manifest, ensure_ascii=False).encode()
            result.append((info, content))
        member = zipfile.ZipInfo(name)
        member.compress_type = zipfile.ZIP_DEFLATED
        return result + [(member, data)]

    return rewrite(good, target, change)


def test_a_member_larger_than_the_manifest_says_is_a_bomb(good, tmp_path):
    path = _listed(good, tmp_path / "谎报.zip", "附件/9_zeros.bin", bytes(3 * 1024 * 1024), 1000)
    reason = rejected(path)
    assert "压缩炸弹" in reason and "9_zeros.bin" in reason


def test_declared_sizes_over_the_total_cap_are_refused_before_reading(good, tmp_path):
    zeros = bytes(3 * 1024 * 1024)
    path = _listed(good, tmp_path / "过大.zip", "附件/9_zeros.bin", zeros, len(zeros))
    assert "过大" in rejected(path, max_expanded=2 * 1024 * 1024)
    read_package(path)  # within the default cap it is a (pointless) 3 MB attachment


def test_an_unlisted_member_is_refused_unread(good, tmp_path):
    info = zipfile.ZipInfo("附件/1_zeros.bin")
    info.compress_type = zipfile.ZIP_DEFLATED
    path = add_member(good, tmp_path / "炸弹.zip", info, bytes(3 * 1024 * 1024))
    assert "清单未列出" in rejected(path)


def test_zip_bomb_by_total_size(good, tmp_path):
    assert "过大" in rejected(good, max_expanded=10_000)


def test_too_many_members(good, tmp_path):
    assert "文件过多" in rejected(good, max_members=2)


# --- GBK names from Windows zip tools -----------------------------------------------------

def _gbk_copy(good: Path, target: Path, folder: str = "") -> Path:
    items = [(gbk_info(folder + info.filename, info), data) for info, data in members(good)]
    return write_members(target, items)


class Utf8UnflaggedInfo(zipfile.ZipInfo):
    """A member named the way macOS's Finder does: UTF-8 bytes, UTF-8 flag unset."""

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's own hook
        return self.filename.encode("utf-8"), self.flag_bits & ~0x800


@pytest.mark.parametrize("folder", ["", "第30届_成都报送/"])
def test_gbk_names_are_rejected_and_shown_decoded(good, tmp_path, week_template, folder):
    path = _gbk_copy(good, tmp_path / "gbk.zip", folder)
    with zipfile.ZipFile(path) as archive:
        names = [i.filename for i in archive.infolist()]
        assert not any(i.flag_bits & 0x800 for i in archive.infolist())
    assert not any("成都" in n for n in names)  # Python sees cp437 mojibake
    reason = rejected(path, week_template)
    assert "不是 UTF-8 编码" in reason and "重新打包" in reason and "原始 .zip" in reason
    first_chinese = next(info.filename for info, _ in members(good) if not info.filename.isascii())
    assert f"“{(folder + first_chinese)[:80]}”" in reason  # decoded, not mojibake
    result = merge_packages([path], week_template)
    assert result.merged == [] and [p for p, _ in result.rejected] == [path]


def test_gbk_name_not_in_manifest(good, tmp_path):
    def extra(items):
        return items + [(gbk_info("附件/未列出的照片.jpg", items[0][0]), b"jpeg")]

    reason = rejected(rewrite(good, tmp_path / "gbk多.zip", extra))
    assert "附件/未列出的照片.jpg" in reason  # shown decoded, not as mojibake


def test_utf8_names_without_the_flag_are_rejected_and_shown_decoded(good, tmp_path):
    def finder(items):
        return [(Utf8UnflaggedInfo(info.filename, date_time=info.date_time), data)
                for info, data in items]

    path = rewrite(good, tmp_path / "finder.zip", finder)
    reason = rejected(path)
    assert "重新打包" in reason and "成都" in reason


def test_gbk_traversal_is_named_as_traversal(good, tmp_path):
    def evil(items):
        return items + [(gbk_info("../照片.jpg", items[0][0]), b"jpeg")]

    assert "指向包外" in rejected(rewrite(good, tmp_path / "gbk坏.zip", evil))


# --- through the merge --------------------------------------------------------------------

def test_hostile_packages_are_listed_with_reasons(good, tmp_path, week_template):
    bad = tmp_path / "坏.zip"
    bad.write_bytes(b"not a zip")
    bomb = add_member(good, tmp_path / "炸弹.zip", "../x", b"1")
    result = merge_packages([bad, good, bomb], week_template)
    assert result.merged == [good]
    assert [p for p, _ in result.rejected] == [bad, bomb]
    assert all(CHINESE.search(reason) for _, reason in result.rejected)


def test_nothing_mergeable(tmp_path, week_template):
    bad = tmp_path / "坏.zip"
    bad.write_bytes(b"PK\x03\x04 truncated")
    result = merge_packages([bad], week_template)
    assert not result.ok and result.raw == {} and result.values == {}
    assert "不完整" in result.rejected[0][1]


@pytest.mark.parametrize(("manifest_text", "words"), [
    ('{"format": "tianbao-package", "unit": "\\ud800"}', "代理字符"),
    ('{"unit": ' + "[" * 100_000 + "]" * 100_000 + "}", "嵌套层数过多"),
    ("{\"unit\": \"四川\"}".encode("gbk"), "GBK"),
])
def test_a_manifest_that_is_no_readable_json(good, tmp_path, manifest_text, words):
    data = manifest_text if isinstance(manifest_text, bytes) else manifest_text.encode()

    def change(items):
        return [(info, data if info.filename == "manifest.json" else content)
                for info, content in items]

    assert words in rejected(rewrite(good, tmp_path / "坏清单.zip", change))
