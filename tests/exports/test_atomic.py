"""Failed exports leave nothing behind and say, in Chinese, what to do."""

from __future__ import annotations

import errno
import os

import pytest
from openpyxl import Workbook

from exports import atomic
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

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError) as caught:
        write_pdf(clean_report, tmp_path / "out.pdf")
    assert caught.value.text() == f"无法写入文件夹 {tmp_path}：没有写入权限。请选择其他文件夹。"
    assert list(tmp_path.iterdir()) == []


def test_disk_full_while_writing(clean_report, tmp_path, monkeypatch):
    real_save = Workbook.save

    def save_half_then_fail(self, filename):
        real_save(self, filename)  # the temp file exists and has content...
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "save", save_half_then_fail)
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
