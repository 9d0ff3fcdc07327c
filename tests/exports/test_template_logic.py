"""What the template language means for exports and the merge: each field aggregated as
declared (a rate is never added up), fields that do not apply left out, totals worked out,
option labels printed."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pytest

from exports.merge import merge_packages
from exports.model import ReportData
from exports.package import write_package
from exports.pdf import write_pdf
from exports.unit_breakdown import SHEET_TITLE, TOTAL_LABEL
from exports.xlsx import SHEET_DATA, xlsx_bytes
from forms.validate import Validator, validate_report
from tests.exports.conftest import pdf_body_text
from tests.forms.feature_form import feature_template

UNITS = {
    "成都市疾控中心": {"unit": "成都市疾控中心", "year": "2024", "level": "市级", "live_streamed": "否",
                 "viewers": "3000人次", "offline": "100人", "screened.men": "20人",
                 "screened.women": "30人", "per_session": "40人", "smallest": "12人",
                 "largest": "90人", "quota": "500人", "budget": "约10万元", "spent": "约8万元"},
    "自贡市疾控中心": {"unit": "自贡市疾控中心", "year": "2024", "level": "c", "live_streamed": "是",
                 "viewers": "500人次", "offline": "200人", "screened.men": "约10人",
                 "screened.women": "15人", "per_session": "45人", "smallest": "8人",
                 "largest": "120人", "quota": "500人", "budget": "约10万元", "spent": "5万元"},
    "泸州市疾控中心": {"unit": "泸州市疾控中心", "year": "2024", "level": "市级", "live_streamed": "否",
                 "offline": "300人", "per_session": "50人", "smallest": "10人",
                 "largest": "100人", "quota": "600人", "budget": "6万元", "spent": "6万元"},
}


def unit_data(unit: str) -> ReportData:
    return ReportData.from_raw(feature_template(), UNITS[unit], unit=unit, period="2024",
                               title="2024年高血压日活动总结")


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screening")
    paths = [write_package(unit_data(unit), folder / f"{n}.zip",
                           exported_at=datetime(2024, 10, 8, 9, n))
             for n, unit in enumerate(UNITS)]
    return merge_packages(paths, feature_template(), unit="四川省疾控中心")


def q(value, unit, qualifier=None):
    return {"value": value, "unit": unit, "qualifier": qualifier}


def test_each_field_is_combined_as_the_template_says(merged):
    values = merged.values
    assert merged.rejected == []
    assert values["offline"] == q(600, "人")  # sum, the default
    assert values["per_session"] == q(45, "人")  # mean: an average is never added up
    assert values["smallest"] == q(8, "人") and values["largest"] == q(120, "人")
    assert "quota" not in values  # none: the units differ, left for the person
    assert values["budget"] == q(260_000, "元", "approx")
    assert merged.raw["budget"] == "约26万元"
    assert values["level"] == "c" and merged.raw["level"] == "市级"


def test_a_mean_that_is_not_whole_is_rounded_and_approximate(tmp_path):
    template = feature_template()
    from exports.merge_values import combine

    raw, values = combine(template, [("甲", {"per_session": q(40, "人")}),
                                     ("乙", {"per_session": q(45, "人")})])
    assert values["per_session"] == q(43, "人", "approx") and raw["per_session"] == "约43人"


def test_a_unit_whose_field_does_not_apply_adds_nothing_to_it(merged):
    assert merged.values["viewers"] == q(500, "人次")  # 成都 typed 3000 but did not stream
    assert "live_streamed" not in merged.values  # 是 and 否: left for the person


def test_the_merged_total_is_worked_out_from_the_merged_parts(merged):
    # offline 600 + screened 75 (约), viewers not applicable until 是 is chosen
    assert merged.raw["total"] == "约675人"
    check = validate_report(feature_template(), {**merged.raw, "live_streamed": "是"})
    assert check.values["total"] == q(1175, "人", "approx")


def test_the_merged_raw_reads_back_as_the_merged_values(merged):
    validator = Validator(feature_template(), merged.raw)
    everything = validator.values(everything=True)  # viewers is kept, though not applicable yet
    for key, value in merged.values.items():
        assert everything.get(key) == value, key
    assert not validator.applicable("viewers")


def test_the_breakdown_says_how_each_column_is_combined(merged):
    data = ReportData.from_raw(feature_template(), merged.raw, unit="四川省疾控中心",
                               sources=merged.sources)
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(data)), data_only=True)
    rows = [list(r) for r in book[SHEET_TITLE].iter_rows(values_only=True)]
    headers = rows[0]
    column = {h: n for n, h in enumerate(headers)}
    assert "平均每场人数（人，平均）" in column and "单场最少人数（人，最小）" in column
    assert "上级下达指标（人，不合计）" in column and "预算（元）" in column
    total = next(r for r in rows if r[1] == TOTAL_LABEL)
    assert total[column["平均每场人数（人，平均）"]] == 45
    assert total[column["单场最多人数（人，最大）"]] == 120
    assert total[column["线下参与人数（人）"]] == 600
    assert total[column["上级下达指标（人，不合计）"]] is None
    chengdu = next(r for r in rows if r[1] == "成都市疾控中心")
    assert chengdu[column["直播观看人次（人次）"]] is None  # not applicable there


def test_exports_leave_out_what_does_not_apply_and_print_labels(tmp_path):
    data = unit_data("成都市疾控中心")
    assert "viewers" in data.check.not_applicable
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(data)), data_only=True)
    form = book.worksheets[0]
    printed = [str(c.value) for row in form.iter_rows() for c in row if c.value is not None]
    assert "直播观看人次" not in printed and "3000人次" not in printed
    assert "单位级别" in printed and "市级" in printed and "参与总人数" in printed
    data_rows = {row[0]: row for row in book[SHEET_DATA].iter_rows(min_row=3, values_only=True)}
    assert "viewers" not in data_rows
    assert data_rows["total"][2] == "150人" and data_rows["total"][3] == 150  # exported as typed
    assert data_rows["level"][3] == "c"  # the stored code
    pdf = write_pdf(data, tmp_path / "成都.pdf")
    text = pdf_body_text(pdf)
    assert "3000人次" not in text and "150人" in text


def test_a_choice_typed_as_its_number_prints_its_label(tmp_path):
    data = ReportData.from_raw(feature_template(), {"level": "3"}, unit="甲")
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(data)), data_only=True)
    printed = [c.value for row in book.worksheets[0].iter_rows() for c in row]
    assert "县级" in printed and "3" not in printed


def test_markup_and_formulas_in_a_template_are_printed_as_text(tmp_path):
    from forms.loader import load_template_text
    from tests.forms.feature_form import TEXT

    hostile = "<b>单位</b> & <font size=40>名称</font>"
    template = load_template_text(TEXT.replace('label = "单位名称"', f'label = "{hostile}"')
                                  .replace('label = "填表人"', 'label = "=SUM(A1:A9)"'))
    data = ReportData.from_raw(template, {"unit": "甲", "reporter": "张三"}, unit="甲")
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(data)))  # formulas as written
    cells = [c.value for row in book.worksheets[0].iter_rows() for c in row]
    assert hostile in cells and "=SUM(A1:A9)：" in cells
    pdf = write_pdf(data, tmp_path / "hostile.pdf")
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    assert "<b>单位</b>" in text.replace(" ", "") and "=SUM(A1:A9)" in text
