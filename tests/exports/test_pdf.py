"""The PDF, read back with pdfplumber (and pdffonts when poppler-utils is installed)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime

import pytest

from exports.layout import cell_text, grid_fields, print_text, signoff_entries
from exports.model import DRAFT_MARK
from exports.pdf import write_pdf
from tests.exports.conftest import (
    compact,
    fake_attachments,
    make_report,
    pdf_body_text,
    pdf_pages_text,
)
from tests.exports.hostile import LINK_MARKUP, MARKUP, NAMES_1431, SUMMARY_1000, hostile_raw

WHEN = datetime(2024, 4, 28, 10, 30)


@pytest.fixture(scope="module")
def seed_pdf(seed_report, tmp_path_factory):
    infos, _ = fake_attachments({"活动照片<1>.jpg": 2_400_000, "总结 & 视频.txt": 300})
    report = type(seed_report)(**{**seed_report.__dict__, "attachments": infos})
    path = write_pdf(report, tmp_path_factory.mktemp("pdf") / "seed.pdf", exported_at=WHEN)
    return path, report


@pytest.fixture(scope="module")
def seed_text(seed_pdf):
    path, _ = seed_pdf
    return pdf_pages_text(path), compact(pdf_body_text(path))


def test_every_value_of_seed_000_is_printed(seed_text, seed_report):
    _, body = seed_text
    for spec in grid_fields(seed_report.template):
        for line in cell_text(seed_report, spec).split("\n"):
            assert compact(line) in body, (spec.key, line)
    for _, text in signoff_entries(seed_report):
        assert compact(text) in body


def test_all_hospital_names_and_links(seed_text, seed_report):
    _, body = seed_text
    values = seed_report.check.values
    names = values["hospitals"]["names"] + values["organizations"]["names"]
    names += values["media_reports"]["names"] + values["media_interviews"]["names"]
    assert len(values["hospitals"]["names"]) >= 20
    for name in names:
        assert compact(name) in body, name
    links = values["media_links"]
    assert len(links) >= 30
    for link in links:
        assert link["url"] in body, link["url"]
        assert compact(link["name"]) in body, link["name"]


def test_title_footer_and_unit(seed_text):
    pages, _ = seed_text
    total = len(pages)
    assert total >= 2
    assert "第30届全国肿瘤防治宣传周活动总结表" in pages[0]
    assert "填表日期：2024年4月28日" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {total} 页" in text
        assert "四川省抗癌协会" in text
        assert "2024-04-28 10:30" in text
        assert DRAFT_MARK in text  # seed 000 still has errors


def test_signoff_stamp_and_attachments(seed_text, seed_pdf):
    pages, _ = seed_text
    _, report = seed_pdf
    last = "".join(pages[-2:])
    assert "填表人：张堃" in last and "联系电话：027-85880016" in last
    assert "填报单位（盖章）：四川省抗癌协会" in last
    assert "附件清单（共 2 个）" in last
    assert "活动照片<1>.jpg" in last and "总结 & 视频.txt" in last
    assert "2.3 MB" in last and "300 B" in last
    for attachment in report.attachments:
        assert attachment.sha256[:16] in last


def test_grid_is_closed_on_every_page(seed_pdf):
    import pdfplumber

    path, _ = seed_pdf
    with pdfplumber.open(path) as pdf:
        grid_pages = pdf.pages[:-1]  # the last page holds the end of the grid and the sign-off
        for page in grid_pages:
            thick = [line for line in page.horizontal_edges if line["linewidth"] > 1]
            assert len(thick) >= 2, page.page_number  # top and bottom of the table on this page


def test_clean_report_has_no_draft_mark(clean_report, tmp_path):
    pages = pdf_pages_text(write_pdf(clean_report, tmp_path / "clean.pdf"))
    assert pages and all(DRAFT_MARK not in text for text in pages)
    assert "附件：无" in pages[-1]


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_fonts_are_embedded(seed_pdf):
    path, _ = seed_pdf
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        emb = row.split()[-5]  # name type encoding emb sub uni object ID
        assert emb == "yes", row


def test_hostile_input(week_template, tmp_path):
    report = make_report(week_template, hostile_raw(), unit="单位 & <i>")
    path = write_pdf(report, tmp_path / "hostile.pdf")
    pages = pdf_pages_text(path)
    body = compact(pdf_body_text(path))
    assert compact(MARKUP) in body  # markup printed literally, not interpreted
    assert compact(LINK_MARKUP) in body
    assert '=HYPERLINK("http://x","y")' in body
    assert "控制字符与反向标记制表结束" in body
    assert compact(SUMMARY_1000) in body
    for name in (NAMES_1431[0], NAMES_1431[700], NAMES_1431[-1]):
        assert name in body
    assert len(pages) >= 3
    assert f"第 1 页 共 {len(pages)} 页" in pages[0]
    assert "单位 & <i>" in pages[0]


def test_empty_report(week_template, tmp_path):
    report = make_report(week_template, {}, unit="", contact_person="", phone="", title="")
    pages = pdf_pages_text(write_pdf(report, tmp_path / "empty.pdf"))
    assert "全国肿瘤防治宣传周活动总结表" in pages[0]
    assert "单位名称" in pages[0] and "第 1 页 共" in pages[0]


def test_print_text_drops_invisible_marks():
    assert print_text("a\u202eb\u200fc\x00d\te") == "abcd e"


def test_a_text_longer_than_a_page_is_printed_whole_across_pages(week_template, tmp_path):
    """Every character of an accepted long text is printed, its cell split across pages."""
    sentences = [f"第{n}句：开展肿瘤防治宣传活动，效果良好。" for n in range(1, 1501)]
    summary = "".join(sentences)  # ~30,000 characters in one paragraph, ~15 pages
    report = make_report(week_template, {"overall_summary": summary, "unit_name": "四川省抗癌协会"})
    path = write_pdf(report, tmp_path / "long.pdf")
    pages = pdf_pages_text(path)
    assert len(pages) >= 10
    body = compact(pdf_body_text(path))
    assert compact(summary) in body


def test_a_unit_name_far_over_its_limit_still_exports(week_template, tmp_path):
    """Not accepted (an error), yet exporting the draft never fails: the stamp line shortens
    it, the grid prints it across pages."""
    unit = "四川省抗癌协会" * 700  # 4,900 characters, limit 100
    report = make_report(week_template, {"unit_name": unit}, unit=unit)
    assert any(i.field == "unit_name" and i.is_error for i in report.check.issues)
    path = write_pdf(report, tmp_path / "unit.pdf")
    body = compact(pdf_body_text(path))
    assert compact(unit) in body


def test_zero_width_and_direction_characters_are_stripped(week_template, tmp_path):
    from tests.exports.test_xlsx import INVISIBLE, invisible_report

    path = write_pdf(invisible_report(week_template), tmp_path / "invisible.pdf")
    text = "".join(pdf_pages_text(path))
    assert {hex(ord(c)) for c in text if c in INVISIBLE} == set()
    assert "四川省抗癌协会" in compact(text)
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        metadata = " ".join(str(v) for v in pdf.metadata.values())
    assert not any(c in INVISIBLE for c in metadata)
