"""Merging three units' packages (made by the app's own export): values, duplicates, 分单位明细."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pytest

from exports.merge import merge_packages, package_files
from exports.merge_values import numeric_fields
from exports.model import ReportData
from exports.package_reader import read_package
from exports.unit_breakdown import REPORT_LABEL, SHEET_TITLE, TOTAL_LABEL
from exports.xlsx import xlsx_bytes
from forms.validate import validate_report
from tests.exports.merge_helpers import (
    PEOPLE_LINK,
    A,
    B,
    C,
    copy_packages,
    export_unit,
    files_snapshot,
    unit_packages,
)

PROVINCE = "四川省抗癌协会"


@pytest.fixture(scope="module")
def packages(tmp_path_factory, week_template):
    return unit_packages(tmp_path_factory, week_template)


@pytest.fixture(scope="module")
def merged(packages, week_template):
    return merge_packages(list(packages.values()), week_template, unit=PROVINCE)


def q(value, unit, qualifier=None):
    return {"value": value, "unit": unit, "qualifier": qualifier}


def test_all_three_units_are_merged(merged, packages):
    assert merged.rejected == []
    assert merged.merged == list(packages.values())
    assert [s["unit"] for s in merged.sources] == [A, B, C]


@pytest.mark.parametrize(("key", "expected"), [
    ("lectures", q(40, "场")),
    ("lecture_attendance.offline", q(7000, "人")),
    ("lecture_attendance.online", q(6000, "人次", "approx")),  # 约 + exact + 至少 -> 约
    ("symposia", q(3, "场")),
    ("symposium_attendance.online", q(800, "人次")),
    ("clinic_attendance.offline", q(2450, "人", "approx")),
    ("clinic_attendance.online", q(700, "人", "approx")),
    ("posters", q(820, "张")),
    ("printed_materials", q(40000, "份")),
    ("exhibitions", q(3, "场")),
    ("quizzes", q(5, "场")),
    ("fee_reduction", q(160000, "元", "approx")),
    ("medical_staff", q(285, "人", "approx")),
    ("direct_beneficiaries", q(10400, "人")),
    ("expected_beneficiaries", q(80000, "人")),
    ("media_reads", q(80000, "次", "at_least")),  # exact + 超过 + 至少 -> 至少
])
def test_counts_are_summed_and_marked(merged, key, expected):
    assert merged.values[key] == expected


def test_name_lists_joined_in_order_without_duplicates(merged):
    hospitals = merged.values["hospitals"]
    assert hospitals["names"] == ["四川省肿瘤医院", "成都市第五人民医院", "四川大学华西医院",
                                  "自贡市第一人民医院", "西部战区总医院"]
    # 3 + 25 + the 2 names 四川省肿瘤医院 listed without a count; 自贡 ended with 等
    assert hospitals["count"] == q(30, "家") and hospitals["partial"] is True
    assert merged.raw["hospitals"] == ("30家；四川省肿瘤医院、成都市第五人民医院、四川大学华西医院、"
                                       "自贡市第一人民医院、西部战区总医院；等")
    media = merged.values["media_reports"]
    assert media["names"] == ["人民网", "健康四川", "成都日报", "自贡日报", "川观新闻"]
    assert media["count"] == q(6, "家") and media["partial"] is False
    assert merged.values["organizations"]["names"] == ["成都市抗癌协会", "成都市科学技术协会",
                                                       "四川省抗癌协会"]


def test_links_deduplicated_by_url(merged):
    assert merged.values["media_links"] == [
        {"name": "人民网", "url": PEOPLE_LINK},
        {"name": "成都日报", "url": "https://www.cdrb.com.cn/a/1.html"},
        {"name": "自贡网", "url": "http://www.zgm.cn/content/2024-04/18/1.html"},
        {"name": "川观新闻", "url": "https://cbgc.scol.com.cn/news/4910477"},
    ]


def test_long_texts_gathered_under_unit_headings(merged):
    assert merged.values["special_activities"] == (
        f"【{A}】\n肿瘤防治健康跑，参与群众逾400人\n\n【{C}】\n“2024年川肿手术直播周”，共45场")
    summary = merged.values["overall_summary"]
    assert [line for line in summary.splitlines() if line.startswith("【")] == \
        [f"【{A}】", f"【{B}】", f"【{C}】"]


def test_dates_units_and_edition(merged):
    values = merged.values
    assert values["activity_time"] == {"start": "2024-04-14", "end": "2024-04-26"}
    assert values["fill_date"] == "2024-04-28"
    assert values["edition"] == 30 and merged.raw["edition"] == "第30届"
    assert values["unit_name"] == PROVINCE
    assert values["activity_place"] == "成都市、自贡市"
    assert "filled_by" not in merged.raw and "contact_phone" not in merged.raw


def test_merged_raw_reads_back_to_the_merged_values(merged, week_template):
    check = validate_report(week_template, merged.raw)
    assert check.values == merged.values
    assert not [i for i in check.errors if i.field not in ("filled_by",)]


def test_unit_left_empty_when_not_given(packages, week_template):
    result = merge_packages(list(packages.values()), week_template)
    assert "unit_name" not in result.raw


def test_template_chosen_from_the_first_package(packages, week_template):
    result = merge_packages(list(packages.values()))
    assert result.template.id == week_template.id and len(result.merged) == 3


def test_progress_and_cancel(packages, week_template):
    from exports.merge import MergeCancelled

    steps = []
    merge_packages(list(packages.values()), week_template,
                   progress=lambda done, total, text: steps.append((done, total)))
    assert steps[0] == (0, 3) and steps[-1] == (3, 3)
    calls = iter([False, True])
    with pytest.raises(MergeCancelled):
        merge_packages(list(packages.values()), week_template, cancel=lambda: next(calls, True))


def test_folders_give_their_zip_files(packages, tmp_path):
    folder = tmp_path / "收到的包"
    copied = copy_packages(packages, folder)
    (folder / "说明.txt").write_text("不是包", encoding="utf-8")
    files, problems = package_files([folder, copied[0], tmp_path / "没有.zip", tmp_path])
    assert files == sorted(copied, key=lambda p: p.name)  # the file named twice counts once
    assert [(p.name, r) for p, r in problems] == [
        ("没有.zip", "找不到这个文件或文件夹，可能已被移动或删除。"),
        (tmp_path.name, "文件夹中没有 .zip 报送包。")]


# --- duplicate units --------------------------------------------------------------------

@pytest.fixture(scope="module")
def newer_a(tmp_path_factory, week_template):
    folder = tmp_path_factory.mktemp("newer")
    return export_unit(week_template, A, folder, exported_at=datetime(2024, 4, 29, 8, 0),
                       name="成都_更正.zip", lectures="15场")


@pytest.mark.parametrize("confirmed", [True, False])
def test_duplicate_unit_uses_newer_only_when_confirmed(packages, newer_a, week_template,
                                                       confirmed):
    asked = []

    def confirm(unit, older, newer):
        asked.append((unit, older.name, newer.name))
        return confirmed

    paths = [newer_a, *packages.values()]  # the newer one comes first: order does not matter
    result = merge_packages(paths, week_template, confirm_duplicate=confirm)
    assert asked == [(A, packages[A].name, newer_a.name)]
    assert result.values["lectures"]["value"] == (15 if confirmed else 12) + 8 + 20
    (dropped, reason), = result.rejected
    assert dropped == (packages[A] if confirmed else newer_a)
    assert A in reason and ("较新" in reason)
    assert len(result.merged) == 3


def test_duplicate_without_a_question_keeps_the_older(packages, newer_a, week_template):
    result = merge_packages([*packages.values(), newer_a], week_template)
    assert result.values["lectures"]["value"] == 40
    assert result.rejected[0][0] == newer_a


def test_same_package_twice_is_merged_once_without_asking(packages, week_template, tmp_path):
    copy = copy_packages({A: packages[A]}, tmp_path)[0]
    result = merge_packages([packages[A], copy], week_template,
                            confirm_duplicate=lambda *a: pytest.fail("asked"))
    assert result.merged == [packages[A]]
    assert "相同内容" in result.rejected[0][1]


def test_reading_writes_nothing(packages, tmp_path):
    copied = copy_packages(packages, tmp_path / "in")
    before = files_snapshot(tmp_path)
    package = read_package(copied[0])
    assert package.unit == A and package.form_version == 2
    assert files_snapshot(tmp_path) == before


# --- the 分单位明细 sheet ------------------------------------------------------------------

def _sheet_rows(data: ReportData) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(data)))
    return [list(row) for row in book[SHEET_TITLE].iter_rows(values_only=True)]


def _column_value(spec, value):
    value = value.get("count") if spec.type == "name_list" and value else value
    return value["value"] if value else None


def test_breakdown_sheet_rows_and_total(merged, week_template):
    data = ReportData.from_raw(week_template, merged.raw, unit=PROVINCE, sources=merged.sources)
    rows = _sheet_rows(data)
    specs = numeric_fields(week_template)
    header = rows[0]
    assert header[:3] == ["序号", "单位", "状态"] and header[3] == "参与活动的医院数量/名称（家）"
    assert "科普讲座的人数（线上观看）（人次）" in header
    assert [row[1] for row in rows[1:4]] == [A, B, C]
    assert [row[2] for row in rows[1:4]] == ["已完成"] * 3
    total = rows[4]
    assert total[1] == TOTAL_LABEL
    numbers = total[3 : 3 + len(specs)]
    assert numbers == [_column_value(s, merged.values.get(s.key)) for s in specs]
    assert all(isinstance(n, int | float) for n in numbers if n is not None)
    lectures = header.index("科普讲座（场）")
    assert [row[lectures] for row in rows[1:5]] == [12, 8, 20, 40]
    assert len(rows) == 5  # no 报表中的值 row: the report still equals the merge


def test_breakdown_marks_approximate_numbers_and_edits(merged, week_template):
    data = ReportData.from_raw(week_template, {**merged.raw, "lectures": "41场"}, unit=PROVINCE,
                               sources=merged.sources)
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(data)))
    sheet = book[SHEET_TITLE]
    header = [c.value for c in sheet[1]]
    fee = header.index("费用减免（元）") + 1
    assert sheet.cell(5, fee).value == 160000
    assert sheet.cell(5, fee).number_format.startswith('"约"')
    assert sheet.cell(6, 2).value == REPORT_LABEL
    assert sheet.cell(6, header.index("科普讲座（场）") + 1).value == 41


def test_no_breakdown_for_an_ordinary_report(merged, week_template):
    data = ReportData.from_raw(week_template, merged.raw)
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(data)))
    assert SHEET_TITLE not in book.sheetnames


# --- drafts and attachments (issue 12, section 4) -------------------------------------------

@pytest.fixture
def with_draft(packages, week_template, tmp_path):
    """A's and C's packages complete; B sent a draft, with two attachments."""
    import hashlib

    from exports.model import AttachmentInfo
    from tests.exports.merge_helpers import unit_report

    contents = {1: "活动照片".encode() * 1000, 2: b"%PDF-1.4 sign-in sheet"}
    infos = (AttachmentInfo(1, "活动照片.jpg", len(contents[1]),
                            hashlib.sha256(contents[1]).hexdigest(), "image/jpeg"),
             AttachmentInfo(2, "签到表.pdf", len(contents[2]),
                            hashlib.sha256(contents[2]).hexdigest(), "application/pdf"))
    data = unit_report(week_template, B, status="draft")
    data = type(data)(**{**data.__dict__, "attachments": infos})
    from exports.package import write_package

    draft = write_package(data, tmp_path / "自贡_草稿.zip",
                          open_attachment=lambda i: [contents[i]])
    return [packages[A], draft, packages[C]], infos


def test_drafts_are_listed_and_left_out_unless_included(with_draft, week_template):
    paths, _ = with_draft
    asked = []
    left_out = merge_packages(paths, week_template,
                              confirm_drafts=lambda drafts: asked.append(drafts) or False)
    assert asked == [[(B, paths[1])]]
    assert left_out.merged == [paths[0], paths[2]]
    [(path, reason)] = left_out.rejected
    assert path == paths[1] and "草稿" in reason and B in reason
    assert B not in {s["unit"] for s in left_out.sources}

    included = merge_packages(paths, week_template, confirm_drafts=lambda drafts: True)
    assert included.merged == paths and included.rejected == []
    assert [s["status"] for s in included.sources] == ["complete", "draft", "complete"]


def test_cancelling_at_the_draft_question_merges_nothing(with_draft, week_template):
    from exports.merge import MergeCancelled

    paths, _ = with_draft
    with pytest.raises(MergeCancelled):
        merge_packages(paths, week_template, confirm_drafts=lambda drafts: None)


def test_no_question_without_drafts(packages, week_template):
    asked = []
    result = merge_packages(list(packages.values()), week_template,
                            confirm_drafts=lambda drafts: asked.append(drafts) or False)
    assert asked == [] and len(result.merged) == 3


def test_sources_list_each_units_attachments_with_their_hash(with_draft, week_template):
    paths, infos = with_draft
    result = merge_packages(paths, week_template, confirm_drafts=lambda drafts: True)
    by_unit = {s["unit"]: s["attachments"] for s in result.sources}
    assert by_unit[A] == [] and by_unit[C] == []
    assert by_unit[B] == [{"name": i.file_name, "size": i.size, "sha256": i.sha256}
                          for i in infos]


def test_the_merged_report_says_what_went_in(with_draft, week_template, tmp_path):
    """Title （汇总）, each unit's status, which units sent drafts, and every attachment by
    unit and file name with its SHA-256: in the XLSX and the PDF."""
    from exports.pdf import write_pdf
    from exports.unit_breakdown import ATTACHMENTS_TITLE
    from tests.exports.conftest import compact, pdf_pages_text

    paths, infos = with_draft
    result = merge_packages(paths, week_template, unit=PROVINCE,
                            confirm_drafts=lambda drafts: True)
    data = ReportData.from_raw(week_template, result.raw, unit=PROVINCE, sources=result.sources)
    assert data.heading == "第30届全国肿瘤防治宣传周活动总结表（汇总）"

    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(data)))
    form = book.worksheets[0]
    assert any(c.value == data.heading for row in form.iter_rows() for c in row)
    rows = [[c.value for c in row] for row in book[SHEET_TITLE].iter_rows()]
    assert [(row[1], row[2]) for row in rows[1:4]] == [(A, "已完成"), (B, "草稿"), (C, "已完成")]
    notes = [row[1] for row in rows[5:] if row[1]]
    assert any("草稿" in note and B in note and A not in note for note in notes)
    listed = [[c.value for c in row] for row in book[ATTACHMENTS_TITLE].iter_rows()][1:]
    assert [(r[1], r[2], r[3], r[4]) for r in listed] == [
        (B, i.file_name, i.size, i.sha256) for i in infos]

    pdf = compact("".join(pdf_pages_text(write_pdf(data, tmp_path / "汇总.pdf"))))
    assert compact(data.heading) in pdf
    assert compact(f"1个单位报送的是草稿（尚未标记为完成）：{B}") in pdf
    for info in infos:
        assert info.file_name in pdf and info.sha256 in pdf
