"""The shared layout: rows as on the paper form, chunking of long texts; the second template."""

from __future__ import annotations

import openpyxl
import pytest

from exports.layout import grid_rows, human_size, line_count, split_chunks, text_width
from exports.model import ReportData
from exports.pdf import write_pdf
from exports.xlsx import write_xlsx
from forms.validate import expand_values
from tests.exports.conftest import compact, pdf_body_text


def test_week_rows_follow_the_paper_form(week_template):
    rows = [[spec.key for spec in row] for row in grid_rows(week_template)]
    assert rows[:3] == [["unit_name"], ["activity_time", "activity_place"], ["hospitals"]]
    assert ["lectures", "lecture_attendance"] in rows
    assert ["direct_beneficiaries", "expected_beneficiaries"] in rows
    assert rows[-1] == ["overall_summary"]
    printed = {key for row in rows for key in row}
    assert not printed & {"edition", "fill_date", "filled_by", "contact_phone"}


def test_award_rows_keep_the_year(award_template):
    printed = {spec.key for row in grid_rows(award_template) for spec in row}
    assert "year" in printed  # no title format: the year stays in the grid
    assert "fill_date" not in printed and "filled_by" not in printed


@pytest.mark.parametrize("text, width, lines", [
    ("", 10, 1), ("一二三四五", 10, 1), ("一二三四五六", 10, 2), ("ab\ncd", 10, 2), ("a" * 25, 10, 3),
])
def test_line_count(text, width, lines):
    assert line_count(text, width) == lines


def test_split_chunks_round_trip():
    text = "\n".join(f"第{n}段，" + "字" * (n * 3) for n in range(30))
    chunks = split_chunks(text, 40, 5)
    assert "\n".join(chunks) == text
    assert all(line_count(c.rstrip("\n"), 40) <= 5 for c in chunks)


def test_split_chunks_cuts_one_huge_line():
    text = "很长的一句话，" * 400
    chunks = split_chunks(text, 40, 5)
    assert "".join(chunks) == text and len(chunks) > 10
    assert all(text_width(c) <= 200 for c in chunks)
    assert all(c.endswith("，") for c in chunks[:-1])  # cut after punctuation


def test_blank_lines_never_start_a_chunk():
    chunks = split_chunks("一\n\n\n二\n三", 10, 1)
    assert chunks == ["一\n\n", "二", "三"]


def test_human_size():
    assert [human_size(n) for n in (0, 999, 2048, 3 * 1024 ** 2)] == ["0 B", "999 B", "2.0 KB",
                                                                     "3.0 MB"]


def test_award_form_exports(award_template, seed_004, tmp_path):
    raw = expand_values(award_template, seed_004)[0]
    report = ReportData.from_raw(award_template, raw, report_id=2, unit="浙江省抗癌协会")
    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "award.xlsx"))
    cells = [c.value for row in book.worksheets[0].iter_rows() for c in row if c.value]
    assert "省、市、自治区抗癌协会评优汇总表" in cells and raw["members_total"] in cells
    body = compact(pdf_body_text(write_pdf(report, tmp_path / "award.pdf")))
    assert compact(raw["address"]) in body and compact(raw["members_total"]) in body
