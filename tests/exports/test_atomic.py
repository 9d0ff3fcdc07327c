"""Failed exports leave nothing behind and say, in Chinese, what to do."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from exports import atomic, parts
from exports.atomic import ExportError, atomic_path, error_for
from exports.package import write_package
from exports.pdf import write_pdf
from exports.xlsx import write_xlsx


def test_success_replaces_existing_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        tmp.write_text("new")
        assert target.read_text() == "old"
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@pytest.mark.parametrize("writer", [write_xlsx, write_pdf, write_package])
def test_folder_that_is_a_file(writer, clean_report, tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(ExportError) as caught:
        writer(clean_report, afile / "out.bin")
    assert "无法写入文件夹" in caught.value.text() and "请选择其他文件夹" in caught.value.text()
    assert [p.name for p in tmp_path.iterdir()] == ["afile"]


def test_missing_folder(clean_report, tmp_path):
    with pytest.raises(ExportError) as caught:
        write_xlsx(clean_report, tmp_path / "nope" / "out.xlsx")
    assert "文件夹不存在" in caught.value.text()


def test_no_permission(clean_report, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic, "new_part", refuse)
    with pytest.raises(ExportError) as caught:
        write_pdf(clean_report, tmp_path / "out.pdf")
    assert caught.value.text() == f"无法写入文件夹 {tmp_path}：没有写入权限。请选择其他文件夹。"
    assert list(tmp_path.iterdir()) == []


def test_disk_full_while_writing(clean_report, tmp_path, monkeypatch):
    real_write = Path.write_bytes

    def write_half_then_fail(self, content):
        real_write(self, content[: len(content) // 2])  # the temp file has content...
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", write_half_then_fail)
    target = tmp_path / "out.xlsx"
    with pytest.raises(ExportError) as caught:
        write_xlsx(clean_report, target)
    assert "磁盘空间不足" in caught.value.text()
    assert list(tmp_path.iterdir()) == []


def test_disk_full_in_package(clean_report, tmp_path, monkeypatch):
    import zipfile

    real_writestr = zipfile.ZipFile.writestr

    def full(self, *args, **kwargs):
        if str(self.filename).endswith(".part"):  # the package, not openpyxl's in-memory zip
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_writestr(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    with pytest.raises(ExportError) as caught:
        write_package(clean_report, tmp_path / "p.zip")
    assert "磁盘空间不足" in caught.value.text()
    assert list(tmp_path.iterdir()) == []


def test_target_locked_by_another_program(clean_report, tmp_path, monkeypatch):
    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ExportError) as caught:
        write_xlsx(clean_report, tmp_path / "out.xlsx")
    assert "正被其他程序" in caught.value.text()
    assert list(tmp_path.iterdir()) == []


def test_a_bug_is_not_disguised_but_still_cleans_up(tmp_path):
    with pytest.raises(ZeroDivisionError), atomic_path(tmp_path / "x.txt") as tmp:
        tmp.write_text("partial")
        _ = 1 / 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("code, words", [
    (errno.ENOSPC, "磁盘空间不足"),
    (errno.EROFS, "没有写入权限"),
    (errno.ENAMETOOLONG, "文件名或路径太长"),
    (errno.EIO, "写入"),
])
def test_messages(code, words, tmp_path):
    error = error_for(OSError(code, os.strerror(code)), tmp_path / "x.pdf")
    assert words in error.text() and error.path == tmp_path / "x.pdf"


WRITERS = [write_xlsx, write_pdf, write_package]


@pytest.mark.parametrize("leave", [0, 16_000], ids=["full", "nearly_full"])
@pytest.mark.parametrize("writer", WRITERS, ids=["xlsx", "pdf", "package"])
def test_a_full_disk_gives_one_clear_message_and_leaves_nothing(writer, leave, clean_report,
                                                                small_disk, monkeypatch):
    import gc
    import sys

    ignored = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)  # "Exception ignored in …"
    small_disk.fill(leave)
    with pytest.raises(ExportError) as caught:
        writer(clean_report, small_disk.path / "out.bin")
    gc.collect()
    assert "磁盘空间不足" in caught.value.text()
    assert [str(u.exc_value) for u in ignored] == []
    assert small_disk.files() == []


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
@pytest.mark.parametrize("writer", WRITERS, ids=["xlsx", "pdf", "package"])
def test_exported_files_honour_the_umask(writer, umask, clean_report, tmp_path):
    old = os.umask(umask)
    try:
        path = writer(clean_report, tmp_path / "out.bin")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_replacing_a_file_keeps_its_permissions(clean_report, tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_xlsx(clean_report, target)
    assert target.stat().st_mode & 0o777 == 0o640


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_parts_left_by_killed_exports_are_removed_on_the_next_export(clean_report, tmp_path):
    import time

    host = parts.host_tag()
    hour_ago = time.time() - 3600 * 2
    ours = {
        f".~tianbao-{host}-{_dead_pid()}-a1b2c3d4.part": b"PK\x03\x04" + b"\0" * 1000,
        ".~k3j_x9q2.part": b"%PDF-1.4 half a pdf",  # an older version's name, long abandoned
        ".~ab12cd34.part": b"",
    }
    others = {
        f".~tianbao-{host}-{os.getpid()}-e5f6a7b8.part": b"PK",  # an export still running
        ".~fresh123.part": b"PK\x03\x04",  # an older version's, maybe still being written
        ".~k3j_x9q3.part": b"not ours at all",
        ".~lock.总结.xlsx#": b"libreoffice",
        "~$总结.xlsx": b"office",
        "notes.part": b"PK",
        f".~tianbao-{'0' if host[0] != '0' else '1'}{host[1:]}-1-0000aaaa.part": b"PK",  # another
        # PC's export on a shared folder: its process id means nothing here
    }
    for name, content in {**ours, **others}.items():
        (tmp_path / name).write_bytes(content)
        if name != ".~fresh123.part" and "-1-0000aaaa" not in name:
            os.utime(tmp_path / name, (hour_ago, hour_ago))
    write_xlsx(clean_report, tmp_path / "out.xlsx")
    left = {p.name for p in tmp_path.iterdir()}
    assert left == set(others) | {"out.xlsx"}
