"""Hostile documents: huge cells, deep nesting, control characters — refused or read, never a traceback."""

from __future__ import annotations

import docx
import pytest

from forms.importing import ImportRefused, read_document
from forms.importing.blank import draft_from_document
from forms.importing.matcher import match_document
from forms.importing.writer import draft_toml
from forms.loader import load_template_text
from tests.forms.importing import builders


def test_a_megabyte_cell_without_colons(tmp_path, week_template):
    huge = "癌症防治宣传" * 170_000  # ~1 MB of CJK with no colon: the label patterns stay linear
    rows = [["单位名称", huge], [huge, ""], ["活动地点", "某县"]]
    path = builders.write_docx(tmp_path / "huge.docx", ["全国肿瘤防治宣传周活动总结表"], rows, [],
                               width=2)
    document = read_document(path)
    result = match_document(document, week_template)
    assert result.raw["unit_name"] == huge and result.raw["activity_place"] == "某县"
    draft = draft_from_document(document)
    assert [f.label for f in draft.fields()] == ["单位名称", "活动地点", "某县"]  # huge text: no label
    load_template_text(draft_toml(draft), "draft")


def test_control_characters_and_markup_in_labels(tmp_path):
    rows = [["<b>单位\u202e名称</b>", ""], ["活动\u200b地点 & <i>", ""]]
    path = builders.write_docx(tmp_path / "odd.docx", ["表"], rows, [], width=2)
    draft = draft_from_document(read_document(path))
    template = load_template_text(draft_toml(draft), "draft")
    assert len(list(template.fields())) == 2


def test_tables_nested_very_deep(tmp_path):
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    for depth in range(120):
        cell.text = f"第{depth}层"
        cell = cell.add_table(rows=1, cols=2).cell(0, 0)
    path = tmp_path / "deep.docx"
    document.save(path)
    with pytest.raises(ImportRefused, match="嵌套过深"):
        read_document(path)


@pytest.mark.parametrize("rows", [0, 1])
def test_empty_tables(tmp_path, rows):
    document = docx.Document()
    document.add_paragraph("空表")
    if rows:
        document.add_table(rows=rows, cols=3)
    path = tmp_path / "empty.docx"
    document.save(path)
    with pytest.raises(ImportRefused):
        draft_from_document(read_document(path))


def test_a_sheet_wide_merge_is_refused_before_openpyxl_walks_it(tmp_path):
    import zipfile

    path = builders.write_xlsx(tmp_path / "merge.xlsx", ["表"], [["单位名称", ""]], [], width=2)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert "<mergeCell " in sheet
    sheet = sheet.replace('<mergeCell ref="A1:B1"/>', '<mergeCell ref="A1:XFD1048576"/>')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(ImportRefused, match="合并了 17,179,869,184 个单元格"):
        read_document(path)
