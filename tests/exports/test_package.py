"""The package .zip: members, manifest and hashes read back; attachments streamed."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import datetime

import openpyxl
import pytest

from exports.atomic import ExportCancelled, ExportError
from exports.meta import canonical_json, manifest_sha256, values_sha256
from exports.model import PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION
from exports.package import package_file_name, read_manifest, safe_name, write_package
from tests.exports.conftest import fake_attachments, make_report

STEM = "第30届_全国肿瘤防治宣传周活动总结表_四川省抗癌协会"
SIZES = {"活动照片.jpg": 300_000, "总结:视频?.txt": 5_000, "活动照片 (2).jpg": 0}


class ChunkSource:
    """A fake open_attachment: yields small chunks and records the largest one handed out."""

    def __init__(self, contents: dict[int, bytes], chunk: int = 8192) -> None:
        self.contents, self.chunk, self.largest, self.opened = contents, chunk, 0, []

    def __call__(self, attachment_id: int):
        self.opened.append(attachment_id)
        content = self.contents[attachment_id]
        for start in range(0, len(content), self.chunk):
            piece = content[start : start + self.chunk]
            self.largest = max(self.largest, len(piece))
            yield piece


@pytest.fixture(scope="module")
def packed(seed_report, tmp_path_factory):
    infos, contents = fake_attachments(SIZES)
    report = type(seed_report)(**{**seed_report.__dict__, "attachments": infos,
                                  "explanations": {("media_reports", "duplicate_names"): "两处不同"}})
    source = ChunkSource(contents)
    steps: list[tuple[float, str]] = []
    path = tmp_path_factory.mktemp("pkg") / package_file_name(report)
    write_package(report, path, open_attachment=source, progress=lambda f, m: steps.append((f, m)),
                  exported_at=datetime(2024, 4, 28, 10, 30))
    return path, report, contents, source, steps


def test_file_name(seed_report):
    assert package_file_name(seed_report) == f"{STEM}.zip"
    assert safe_name('a<>:"/\\|?*b  c\x01') == "ab_c"
    assert safe_name("CON") == "_CON"
    assert len(safe_name("长" * 500)) == 120


def test_members_and_manifest(packed):
    path, report, contents, _, _ = packed
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert {"manifest.json", f"{STEM}.xlsx", f"{STEM}.pdf"} <= set(names)
        assert "附件/1_活动照片.jpg" in names and "附件/2_总结视频.txt" in names
        assert "附件/3_活动照片_(2).jpg" in names
        manifest = json.loads(archive.read("manifest.json"))
        for entry in manifest["files"]:
            content = archive.read(entry["path"])
            assert hashlib.sha256(content).hexdigest() == entry["sha256"]
            assert len(content) == entry["size"]
        kinds = [f["kind"] for f in manifest["files"]]
        assert kinds == ["xlsx", "pdf", "template", "attachment", "attachment", "attachment"]
        assert archive.read("表单模板.toml").decode("utf-8") == report.template.source
        assert archive.read("附件/1_活动照片.jpg") == contents[1]
        book = openpyxl.load_workbook(io.BytesIO(archive.read(f"{STEM}.xlsx")))
        assert book.sheetnames[1:] == ["数据", "元数据"]
        assert archive.read(f"{STEM}.pdf").startswith(b"%PDF")
    assert manifest["format"] == PACKAGE_FORMAT
    assert manifest["format_version"] == PACKAGE_FORMAT_VERSION
    assert manifest["form_id"] == "cancer_week_summary" and manifest["form_version"] == 2
    assert "template_source" not in manifest
    assert manifest["manifest_sha256"] == manifest_sha256(manifest)
    assert manifest["report_id"] == 1 and manifest["unit"] == "四川省抗癌协会"
    assert manifest["status"] == "draft"
    assert manifest["exported_at"].startswith("2024-04-28T10:30:00")
    assert manifest["raw"] == report.raw
    assert manifest["values"] == report.check.values
    digest = hashlib.sha256(canonical_json(manifest["values"]).encode("utf-8")).hexdigest()
    assert manifest["values_sha256"] == digest == values_sha256(report.check.values)
    assert manifest["explanations"] == [
        {"key": "media_reports", "code": "duplicate_names", "text": "两处不同"}]
    assert manifest["sources"] is None
    attachment = manifest["files"][4]
    assert attachment["name"] == "总结:视频?.txt" and attachment["mime_type"] == "text/plain"


def test_attachments_streamed_in_chunks(packed):
    path, _, _, source, steps = packed
    assert source.opened == [1, 2, 3]
    assert source.largest <= 8192
    fractions = [f for f, _ in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert read_manifest(path)["files"][3]["size"] == SIZES["活动照片.jpg"]


def test_package_without_attachment_source(clean_report, tmp_path):
    path = write_package(clean_report, tmp_path / "p.zip")
    manifest = read_manifest(path)
    assert manifest["status"] == clean_report.status
    assert [f["kind"] for f in manifest["files"]] == ["xlsx", "pdf", "template"]


def test_changed_attachment_is_refused(seed_report, tmp_path):
    infos, contents = fake_attachments({"a.txt": 100})
    report = type(seed_report)(**{**seed_report.__dict__, "attachments": infos})
    contents[1] = b"tampered"
    with pytest.raises(ExportError) as caught:
        write_package(report, tmp_path / "p.zip", open_attachment=ChunkSource(contents))
    assert "a.txt" in caught.value.text() and "重新添加" in caught.value.text()
    assert list(tmp_path.iterdir()) == []


def test_unreadable_attachment(seed_report, tmp_path):
    infos, _ = fake_attachments({"gone.jpg": 10})
    report = type(seed_report)(**{**seed_report.__dict__, "attachments": infos})

    def missing(attachment_id: int):
        raise FileNotFoundError(2, "No such file or directory")
        yield b""

    with pytest.raises(ExportError) as caught:
        write_package(report, tmp_path / "p.zip", open_attachment=missing)
    assert "无法读取附件“gone.jpg”" in caught.value.text()
    assert list(tmp_path.iterdir()) == []


def test_cancel_leaves_nothing(seed_report, tmp_path):
    infos, contents = fake_attachments({"big.jpg": 100_000})
    report = type(seed_report)(**{**seed_report.__dict__, "attachments": infos})
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 4  # after the documents, in the middle of the attachment

    with pytest.raises(ExportCancelled) as caught:
        write_package(report, tmp_path / "p.zip", open_attachment=ChunkSource(contents, 1000),
                      cancel=cancel)
    assert "取消" in caught.value.text()
    assert list(tmp_path.iterdir()) == []


def test_empty_report_package(week_template, tmp_path):
    report = make_report(week_template, {}, unit="", period="", report_id=7)
    path = write_package(report, tmp_path / package_file_name(report))
    assert path.name == "全国肿瘤防治宣传周活动总结表.zip"
    assert read_manifest(path)["values"] == {}
