"""Reports to export (seed 000 as filled, corrected, and hostile inputs) and read-back helpers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exports.layout import print_text
from exports.model import AttachmentInfo, ReportData

SEED_META = {"report_id": 1, "title": "2024年宣传周总结", "unit": "四川省抗癌协会",
             "period": "第30届", "contact_person": "张堃", "phone": "027-85880016"}
# The two corrections that turn seed 000 into a report without errors.
SEED_FIXES = {"direct_beneficiaries": "46.21万人", "media_reads": "约500万次"}
MM = 72 / 25.4


def make_report(template, raw: dict[str, str], **meta) -> ReportData:
    return ReportData.from_raw(template, raw, **{**SEED_META, **meta})


@pytest.fixture(scope="session")
def seed_report(week_template, seed_000_raw) -> ReportData:
    """Seed 000 exactly as filled: it still has errors, so it exports as a draft."""
    return make_report(week_template, seed_000_raw)


@pytest.fixture(scope="session")
def clean_report(week_template, seed_000_raw) -> ReportData:
    report = make_report(week_template, {**seed_000_raw, **SEED_FIXES})
    assert not report.marked_draft
    return report


def fake_attachments(sizes: dict[str, int]) -> tuple[tuple[AttachmentInfo, ...], dict[int, bytes]]:
    """Attachment records and their (deterministic) contents, by id."""
    import hashlib

    infos, contents = [], {}
    for index, (name, size) in enumerate(sizes.items(), start=1):
        content = bytes((index * 7 + n) % 251 for n in range(size))
        contents[index] = content
        infos.append(AttachmentInfo(index, name, size, hashlib.sha256(content).hexdigest(),
                                    "image/jpeg" if name.endswith(".jpg") else "text/plain"))
    return tuple(infos), contents


def compact(text: str) -> str:
    """Text without any whitespace, so wrapped lines can be searched."""
    return re.sub(r"\s+", "", print_text(text))


def pdf_body_text(path: Path) -> str:
    """The values printed in a PDF: regular-weight text inside the frame (no labels, no footer)."""
    import pdfplumber

    texts = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            body = page.crop((0, 15 * MM, page.width, page.height - 15 * MM))
            body = body.filter(lambda o: o.get("object_type") != "char"
                               or "Bold" not in o.get("fontname", ""))
            texts.append(body.extract_text() or "")
    return "\n".join(texts)


def pdf_pages_text(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]
