"""The package sent upward: one .zip with the XLSX, the PDF, the form's template, the
attachments and manifest.json.

The format is described in docs/PACKAGE.md; the merge feature reads it back.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from exports.atomic import CancelCheck, ExportError, atomic_path, check_cancel
from exports.layout import clean_text
from exports.meta import APP_VERSION, export_time, iso_time, manifest_sha256, values_sha256
from exports.model import (
    PACKAGE_FORMAT,
    PACKAGE_FORMAT_VERSION,
    TEMPLATE_KIND,
    TEMPLATE_MEMBER,
    AttachmentInfo,
    ReportData,
)
from exports.pdf import pdf_bytes
from exports.xlsx import xlsx_bytes
from forms.messages import msg

MANIFEST_NAME = "manifest.json"
TEMPLATE_MIME = "application/toml"
ATTACHMENT_FOLDER = "附件"
MAX_STEM = 120
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_MIME = "application/pdf"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_BLANKS = re.compile(r"[\s_]+")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
# Already-compressed formats are stored as they are: deflating them again only costs time.
_STORED_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".mp4", ".mov", ".avi",
                    ".mkv", ".mp3", ".m4a", ".zip", ".rar", ".7z", ".gz", ".docx", ".xlsx",
                    ".pptx", ".pdf"}

Progress = Callable[[float, str], None]
OpenAttachment = Callable[[int], Iterable[bytes]]


def safe_name(text: str, *, limit: int = MAX_STEM, fallback: str = "报表") -> str:
    """A file name Windows, macOS and Linux all accept.

    >>> safe_name('第30届 全国/肿瘤*表')
    '第30届_全国肿瘤表'
    """
    text = _UNSAFE.sub("", clean_text(text))
    text = _BLANKS.sub("_", text).strip("._ ")
    if len(text) > limit:
        text = text[:limit].rstrip("._ ")
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    return text or fallback


def package_stem(data: ReportData) -> str:
    """第30届_全国肿瘤防治宣传周活动总结表_四川省抗癌协会 — the name shared by the package's files."""
    parts = [safe_name(p, fallback="") for p in (data.period, data.template.title, data.unit)]
    stem = "_".join(p for p in parts if p)
    if not stem:
        stem = f"报表{data.report_id}" if data.report_id is not None else "报表"
    return safe_name(stem)


def package_file_name(data: ReportData) -> str:
    """The package's file name, e.g. 第30届_全国肿瘤防治宣传周活动总结表_四川省抗癌协会.zip."""
    return f"{package_stem(data)}.zip"


def export_file_name(data: ReportData, suffix: str) -> str:
    """A default name for a single export, e.g. ``export_file_name(data, ".pdf")``."""
    return f"{package_stem(data)}{suffix}"


def attachment_member(index: int, attachment: AttachmentInfo) -> str:
    """附件/<n>_<safe original file name>."""
    name = safe_name(Path(clean_text(attachment.file_name)).name, limit=100, fallback="附件")
    return f"{ATTACHMENT_FOLDER}/{index}_{name}"


def _zip_info(name: str, when: datetime, *, stored: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _read_guarded(chunks: Callable[[], Iterable[bytes]], attachment: AttachmentInfo,
                  path: Path) -> Iterator[bytes]:
    """The attachment's chunks; a failure to read it is told apart from a failure to write."""
    try:
        for chunk in chunks():
            yield bytes(chunk)
    except OSError as exc:
        raise ExportError(msg(
            "无法读取附件“{name}”（{error}）。请检查该附件是否仍然存在，或将其删除后重新添加。",
            name=attachment.file_name, error=exc.strerror or type(exc).__name__), path=path) from exc


class _PackageWriter:
    """Writes members into an open zip, keeping the manifest's file list."""

    def __init__(self, archive: zipfile.ZipFile, when: datetime, path: Path,
                 cancel: CancelCheck | None) -> None:
        self.archive, self.when, self.path, self.cancel = archive, when, path, cancel
        self.files: list[dict[str, Any]] = []

    def add_bytes(self, name: str, content: bytes, kind: str, mime_type: str) -> None:
        self.archive.writestr(_zip_info(name, self.when, stored=False), content)
        self.files.append({"path": name, "kind": kind, "size": len(content),
                           "sha256": hashlib.sha256(content).hexdigest(),
                           "name": name, "mime_type": mime_type})

    def add_stream(self, name: str, chunks: Callable[[], Iterable[bytes]], attachment: AttachmentInfo,
                   advance: Callable[[int], None]) -> None:
        """Copy an attachment chunk by chunk; it is never held whole in memory."""
        digest, size = hashlib.sha256(), 0
        stored = Path(name).suffix.lower() in _STORED_SUFFIXES
        info = _zip_info(name, self.when, stored=stored)
        with self.archive.open(info, "w", force_zip64=True) as member:
            for chunk in _read_guarded(chunks, attachment, self.path):
                check_cancel(self.cancel, self.path)
                digest.update(chunk)
                member.write(chunk)
                size += len(chunk)
                advance(len(chunk))
        sha256 = digest.hexdigest()
        if attachment.sha256 and attachment.sha256.lower() != sha256:
            raise ExportError(msg(
                "附件“{name}”的内容与添加时不一致（文件可能已损坏或被修改）。"
                "请在附件列表中删除该附件并重新添加后再导出。", name=attachment.file_name),
                path=self.path)
        self.files.append({"path": name, "kind": "attachment", "size": size, "sha256": sha256,
                           "name": attachment.file_name, "mime_type": attachment.mime_type})


def manifest(data: ReportData, when: datetime, files: list[dict[str, Any]]) -> dict[str, Any]:
    """The manifest.json content, as docs/PACKAGE.md defines it, with its own hash."""
    template = data.template
    body = {
        "format": PACKAGE_FORMAT,
        "format_version": PACKAGE_FORMAT_VERSION,
        "app_version": APP_VERSION,
        "exported_at": iso_time(when),
        "form_id": template.id,
        "form_version": template.version,
        "form_title": template.title,
        "report_id": data.report_id,
        "title": data.title,
        "unit": data.unit,
        "period": data.period,
        "status": "draft" if data.marked_draft else data.status,
        "raw": dict(data.raw),
        "values": data.check.values,
        "values_sha256": values_sha256(data.check.values),
        "explanations": [{"key": key, "code": code, "text": text}
                         for (key, code), text in data.explanations.items()],
        "sources": data.sources,
        "files": files,
    }
    return {**body, "manifest_sha256": manifest_sha256(body)}


def _reporter(progress: Progress | None, total: int) -> Callable[[int, str], None]:
    """Progress as a fraction: the two documents count as 5% each, attachments by bytes."""
    done = 0

    def report(step: int, message: str) -> None:
        nonlocal done
        done += step
        if progress is not None:
            progress(min(1.0, done / total) if total else 1.0, message)

    return report


def write_package(data: ReportData, path: Path | str, *,
                  open_attachment: OpenAttachment | None = None,
                  progress: Progress | None = None, cancel: CancelCheck | None = None,
                  exported_at: datetime | None = None) -> Path:
    """Write the package to ``path`` (atomically); raises ExportError on failure or cancel.

    ``open_attachment(id)`` yields an attachment's bytes in chunks; without it attachments are
    listed in the PDF but not packed. ``progress(fraction, message)`` reports as it goes;
    ``cancel()`` returning True stops the export and leaves no file.
    """
    path = Path(path)
    when = export_time(exported_at)
    stem = package_stem(data)
    attachments = data.attachments if open_attachment is not None else ()
    doc_weight = max(1, sum(a.size for a in attachments) // 18)
    report = _reporter(progress, 2 * doc_weight + sum(a.size for a in attachments))
    with atomic_path(path) as tmp:
        check_cancel(cancel, path)
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            writer = _PackageWriter(archive, when, path, cancel)
            writer.add_bytes(f"{stem}.xlsx", xlsx_bytes(data, exported_at=when), "xlsx", XLSX_MIME)
            report(doc_weight, msg("已生成 Excel 表格"))
            check_cancel(cancel, path)
            writer.add_bytes(f"{stem}.pdf", pdf_bytes(data, exported_at=when), "pdf", PDF_MIME)
            report(doc_weight, msg("已生成 PDF"))
            writer.add_bytes(TEMPLATE_MEMBER, data.template.source.encode("utf-8"), TEMPLATE_KIND,
                             TEMPLATE_MIME)
            for index, attachment in enumerate(attachments, start=1):
                check_cancel(cancel, path)
                name = attachment_member(index, attachment)
                writer.add_stream(name, lambda a=attachment: open_attachment(a.id), attachment,
                                  lambda n, a=attachment: report(n, msg("正在打包附件：{name}",
                                                                         name=a.file_name)))
            text = json.dumps(manifest(data, when, writer.files), ensure_ascii=False, indent=2)
            archive.writestr(_zip_info(MANIFEST_NAME, when, stored=False), text.encode("utf-8"))
        check_cancel(cancel, path)
    report(0, msg("导出完成"))
    return path


def read_manifest(path: Path | str) -> dict[str, Any]:
    """The manifest of a package (for checks and the merge feature)."""
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(MANIFEST_NAME).decode("utf-8"))
