"""The workbook, read back with openpyxl."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

from exports.layout import grid_fields
from exports.meta import values_sha256
from exports.model import DRAFT_MARK
from exports.xlsx import SHEET_DATA, SHEET_META, write_xlsx
from tests.exports.conftest import make_report
from tests.exports.hostile import CONTROL, FORMULA, HYPERLINK, MARKUP, NAMES_1431, hostile_raw

WHEN = datetime(2024, 4, 28, 10, 30)


@pytest.fixture(scope="module")
def seed_book(seed_report, tmp_path_factory):
    path = write_xlsx(seed_report, tmp_path_factory.mktemp("xlsx") / "seed.xlsx", exported_at=WHEN)
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def hostile_book(week_template, tmp_path_factory):
    report = make_report(week_template, hostile_raw(), unit="单位 & <i>")
    path = write_xlsx(report, tmp_path_factory.mktemp("xlsx") / "hostile.xlsx")
    return openpyxl.load_workbook(path)


def _rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def _find(ws, text):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError(f"{text!r} not in sheet {ws.title}")


def _grid_value(ws, label: str) -> str:
    """The value next to ``label``: its continuation rows joined back together."""
    cell = _find(ws, label)
    span = next((r for r in ws.merged_cells.ranges if cell.coordinate in r), None)
    last = span.max_row if span else cell.row
    column = cell.column + 1
    return "\n".join(ws.cell(r, column).value or "" for r in range(cell.row, last + 1))


def test_sheets_and_title(seed_book, seed_report):
    assert seed_book.sheetnames == ["全国肿瘤防治宣传周活动总结表", SHEET_DATA, SHEET_META]
    ws = seed_book.worksheets[0]
    title = _find(ws, "第30届全国肿瘤防治宣传周活动总结表")
    assert any(title.coordinate in r and r.max_col == 4 for r in ws.merged_cells.ranges)
    assert _find(ws, "填表日期：2024年4月28日")
    assert ws.print_title_rows == f"${title.row}:${title.row}"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.page_setup.orientation == "portrait"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text


def test_grid_prints_what_was_typed(seed_book, seed_report):
    ws = seed_book.worksheets[0]
    for spec in grid_fields(seed_report.template):
        if spec.parts:
            expected = "\n".join(seed_report.raw[p.key] for p in spec.parts)
        else:
            expected = seed_report.raw[spec.key].strip("\n")
        assert _grid_value(ws, spec.label) == expected, spec.key
    # half-width fields share a row, full-width values span three columns
    lectures = _find(ws, "科普讲座")
    assert ws.cell(lectures.row, 3).value == "科普讲座的人数"
    assert ws.cell(lectures.row, 4).value == "线下参与210546人\n线上观看245975人次"
    unit = _find(ws, "四川省抗癌协会")
    assert any(unit.coordinate in r and r.max_col == 4 for r in ws.merged_cells.ranges)
    assert lectures.fill.fgColor.rgb.endswith("E7E6E6") and lectures.font.b
    assert unit.border.left.style == "thin" and unit.alignment.wrap_text


def test_long_texts_split_into_rows_that_excel_can_show(seed_book):
    ws = seed_book.worksheets[0]
    summary = _find(ws, "整体活动总结")
    span = next(r for r in ws.merged_cells.ranges if summary.coordinate in r)
    assert span.max_row > span.min_row  # several rows, each under Excel's 409 pt limit
    heights = [ws.row_dimensions[r].height for r in range(span.min_row, span.max_row + 1)]
    assert all(30 < h <= 409 for h in heights)


def test_signoff_block(seed_book):
    ws = seed_book.worksheets[0]
    assert ws.cell(_find(ws, "填表人：").row, 2).value == "张堃"
    assert ws.cell(_find(ws, "联系电话：").row, 4).value == "027-85880016"
    stamp = _find(ws, "填报单位（盖章）：")
    assert ws.cell(stamp.row, 4).value == "四川省抗癌协会"


def test_data_sheet_has_real_numbers(seed_book, seed_report):
    ws = seed_book[SHEET_DATA]
    rows = {row[0]: row for row in _rows(ws)[2:]}
    assert len(rows) == len(list(seed_report.template.leaves()))
    fee = rows["fee_reduction"]
    assert fee[2] == "约130万元" and fee[3] == 1300000 and fee[4] == "元" and fee[5] == "约"
    assert isinstance(rows["printed_materials"][3], int | float)
    assert rows["printed_materials"][3] == 380000
    hospitals = rows["hospitals"]
    assert hospitals[3] == 1431 and "四川大学华西医院" in hospitals[6]
    assert "人数应为整数" in rows["direct_beneficiaries"][7]
    cell = ws.cell(3 + list(rows).index("lectures"), 4)
    assert cell.data_type == "n"


def test_metadata_sheet(seed_book, seed_report):
    ws = seed_book[SHEET_META]
    meta = {row[0]: row[2] for row in _rows(ws)[2:]}
    assert meta["form_id"] == "cancer_week_summary" and meta["form_version"] == 2
    assert meta["report_id"] == 1 and meta["unit"] == "四川省抗癌协会"
    assert meta["values_sha256"] == values_sha256(seed_report.check.values)
    assert meta["exported_at"].startswith("2024-04-28T10:30:00")
    assert meta["app_version"]


def test_draft_mark_on_every_sheet(seed_book):
    for ws in seed_book.worksheets:
        assert ws["A1"].value == DRAFT_MARK, ws.title
        assert ws.oddHeader.center.text == DRAFT_MARK


def test_clean_report_has_no_draft_mark(clean_report, tmp_path):
    book = openpyxl.load_workbook(write_xlsx(clean_report, tmp_path / "clean.xlsx"))
    for ws in book.worksheets:
        assert DRAFT_MARK not in str(_rows(ws)), ws.title
        assert not ws.oddHeader.center.text
    assert book.worksheets[0]["A1"].value == "第30届全国肿瘤防治宣传周活动总结表"


def test_user_text_is_never_a_formula(hostile_book):
    ws = hostile_book.worksheets[0]
    for text in (HYPERLINK, FORMULA, "@SUM(1+1)"):
        cell = _find(ws, text)
        assert cell.data_type == "s", text
    data = hostile_book[SHEET_DATA]
    assert _find(data, HYPERLINK).data_type == "s"
    for ws in hostile_book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)


def test_hostile_texts_read_back(hostile_book):
    ws = hostile_book.worksheets[0]
    assert _grid_value(ws, "单位名称") == MARKUP
    # control, zero-width and direction characters go; the tab stays
    assert _grid_value(ws, "其他特色活动数量/名称/形式/内容") == "控制字符与反向标记\t制表结束"
    assert CONTROL not in str(_rows(ws))
    hospitals = _grid_value(ws, "参与活动的医院数量/名称")
    assert all(name in hospitals for name in (NAMES_1431[0], NAMES_1431[-1]))
    assert len(_grid_value(ws, "整体活动总结").replace("\n", "")) == 1000
    assert "单位 && <i>" in ws.oddFooter.left.text


def test_empty_report(week_template, tmp_path):
    report = make_report(week_template, {}, unit="", contact_person="", phone="")
    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "empty.xlsx"))
    ws = book.worksheets[0]
    assert ws["A1"].value == DRAFT_MARK
    assert _find(ws, "全国肿瘤防治宣传周活动总结表")
    assert _grid_value(ws, "单位名称") == ""


def test_merged_report_calls_the_breakdown_hook(seed_report, tmp_path):
    """A merged report (it has sources) gets the real 分单位明细 sheet; a plain one none."""
    from exports.unit_breakdown import SHEET_TITLE, TOTAL_LABEL

    sources = [
        {"unit": "甲县疾控中心", "status": "complete", "file": "甲.zip", "exported_at": "2024-04-28",
         "values": {"lectures": {"value": 12, "unit": "场", "qualifier": None}}},
        {"unit": "乙县疾控中心", "status": "complete", "file": "乙.zip", "exported_at": "2024-04-28",
         "values": {"lectures": {"value": 8, "unit": "场", "qualifier": None}}},
    ]
    merged = type(seed_report)(**{**seed_report.__dict__, "sources": sources})
    book = openpyxl.load_workbook(write_xlsx(merged, tmp_path / "merged.xlsx"))
    assert SHEET_TITLE in book.sheetnames
    rows = _rows(book[SHEET_TITLE])
    header = rows[0]
    column = header.index("科普讲座（场）")
    units = [row[1] for row in rows[1:3]]
    assert units == ["甲县疾控中心", "乙县疾控中心"]
    assert [row[column] for row in rows[1:3]] == [12, 8]
    assert rows[3][1] == TOTAL_LABEL and rows[3][column] == 20
    plain = openpyxl.load_workbook(write_xlsx(seed_report, tmp_path / "plain.xlsx"))
    assert SHEET_TITLE not in plain.sheetnames


INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"


def invisible_report(template):
    """Zero-width and direction characters in the unit, a text, a list and the summary."""
    raw = {"unit_name": "四川省\u200b抗癌\u202e协会\u2069", "activity_place": "成都\u200d市\ufeff",
           "special_activities": "\u2066健康跑\u2069，参与\u200e群众400人",
           "hospitals": "2家；四川省\u200b肿瘤医院、华西\u202b医院",
           "overall_summary": "活动\u00ad顺利\u200c开展。"}
    return make_report(template, raw, unit=raw["unit_name"], title="总结\u202e表")


def test_zero_width_and_direction_characters_are_stripped(week_template, tmp_path):
    """What the warning "导出时将被去除" promises: no cell of any sheet keeps one."""
    report = invisible_report(week_template)
    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "invisible.xlsx"))
    texts = [str(cell.value) for ws in book.worksheets for row in ws.iter_rows()
             for cell in row if cell.value is not None]
    found = {hex(ord(c)) for text in texts for c in text if c in INVISIBLE}
    assert found == set()
    assert any("四川省抗癌协会" in text for text in texts)
    footer = book.worksheets[0].oddFooter.left.text
    assert not any(c in INVISIBLE for c in footer)
