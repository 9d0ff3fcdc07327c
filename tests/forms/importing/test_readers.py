"""Word and Excel files to the neutral grid: merges once, nesting, images, lines, bad files."""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pytest

from forms.importing import ImportRefused, read_document
from forms.importing.grid import Line, Table
from tests.forms.importing import builders

# A 1x1 red PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8"
    "cfc000000301010018dd8db00000000049454e44ae426082")


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


@pytest.mark.parametrize("fixture", ["week_blank_docx", "week_blank_xlsx"])
def test_merged_cells_appear_once_with_their_spans(request, fixture):
    document = read_document(request.getfixturevalue(fixture))
    (table,) = document.tables()
    assert len(table.rows) == 20 and table.width == 4
    unit_row = table.rows[0]
    assert [(c.text, c.col, c.colspan) for c in unit_row] == [("单位名称", 0, 1), ("", 1, 3)]
    lectures, below = table.rows[4], table.rows[5]
    assert [(c.text, c.rowspan) for c in lectures[:3]] == [("科普讲座", 2), ("", 2), ("科普讲座的人数", 2)]
    # The continuation row holds only the cell that is not merged from above.
    assert [(c.text.split()[0], c.col) for c in below] == [("线上观看", 3)]
    assert table.cell_at(5, 0) is lectures[0]


def test_python_docx_itself_repeats_merged_cells(week_blank_docx):
    """Why the reader walks the XML: python-docx gives a merged cell once per grid column."""
    row = docx.Document(str(week_blank_docx)).tables[0].rows[0]
    assert [c.text for c in row.cells] == ["单位名称"] + [""] * 3
    assert len({id(c._tc) for c in row.cells}) == 2
    assert len(read_document(week_blank_docx).tables()[0].rows[0]) == 2


@pytest.mark.parametrize("fixture", ["week_filled_docx", "week_filled_xlsx"])
def test_lines_above_and_below_the_table(request, fixture):
    document = read_document(request.getfixturevalue(fixture))
    assert document.lines_before() == ["第30届全国肿瘤防治宣传周活动总结表", "2024年4月28日"]
    assert document.lines_after()[0].startswith("填表人：")
    assert isinstance(document.blocks[0], Line)


def test_cell_text_keeps_its_paragraphs(week_filled_docx):
    table = read_document(week_filled_docx).tables()[0]
    summary = table.rows[19][1].text
    assert summary == builders.seed_000()["整体活动总结"]
    assert table.rows[19][0].text == builders.SUMMARY_LABEL


def test_a_nested_table_comes_right_after_the_row_holding_it(tmp_path):
    document = docx.Document()
    document.add_paragraph("嵌套表")
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "活动情况"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for r, (label, value) in enumerate([("讲座场次", "3场"), ("受益人数", "200人")]):
        inner.cell(r, 0).text, inner.cell(r, 1).text = label, value
    outer.cell(1, 0).text, outer.cell(1, 1).text = "填表人", "张三"
    path = tmp_path / "nested.docx"
    document.save(path)
    read = read_document(path)
    first, second, rest = read.tables()
    assert texts(first) == [["活动情况", ""]] and first.rows[0][1].nested == 1
    assert texts(second) == [["讲座场次", "3场"], ["受益人数", "200人"]]
    assert texts(rest) == [["填表人", "张三"]]
    assert second.nested and second.heading == "活动情况" and not first.nested
    assert (rest.place, rest.row_offset) == (first.place, 1)  # the same table, its second row
    assert read.notes == ["第1个表格第1行“活动情况”一格中有嵌套的表格（第2个表格），"
                          "其中的栏目按纸上的位置读入，归在“活动情况”之下，请核对"]


def test_images_in_cells_are_counted_and_noted(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "活动照片"
    paragraph = table.cell(0, 1).paragraphs[0]
    paragraph.add_run("见下图")
    paragraph.add_run().add_picture(io.BytesIO(PNG))
    path = tmp_path / "images.docx"
    document.save(path)
    read = read_document(path)
    cell = read.tables()[0].rows[0][1]
    assert (cell.text, cell.images) == ("见下图", 1)
    assert read.notes == ["表格中有 1 张图片，图片不会导入（可在报表中作为附件添加）"]


def test_a_table_split_over_pages_reads_as_tables_in_sequence(tmp_path):
    rows = [["单位名称", "某县疾控"], ["讲座场次", "3场"]]
    path = builders.write_docx(tmp_path / "split.docx", ["标题"], rows, [], width=2)
    document = docx.Document(str(path))
    document.add_page_break()
    second = document.add_table(rows=1, cols=2)
    second.cell(0, 0).text, second.cell(0, 1).text = "受益人数", "200人"
    document.add_paragraph("填表人：李四")
    document.save(path)
    read = read_document(path)
    assert [texts(t) for t in read.tables()] == [rows, [["受益人数", "200人"]]]
    assert read.lines_after() == ["填表人：李四"]


def test_libreoffice_docx_from_html(libreoffice_files):
    read = read_document(libreoffice_files["docx"])
    (table,) = read.tables()
    assert texts(table)[0][0] == "单位名称（盖章）"
    group = table.rows[1][0]
    assert (group.text, group.rowspan) == ("宣传活动", 2)
    assert [c.text for c in table.rows[2]] == ["受益人数", ""]
    assert read.lines_before()[0] == "2025年全国高血压日宣传活动总结表"
    assert read.lines_after()[0].startswith("填表人：")


def test_xlsx_formulas_give_cached_values_never_evaluated(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"] = "讲座场次", 3
    sheet["A2"], sheet["B2"] = "义诊场次", 4
    sheet["A3"], sheet["B3"] = "合计", "=B1+B2"
    sheet["A4"], sheet["B4"] = "人数", "=B1*100"
    path = tmp_path / "formulas.xlsx"
    book.save(path)
    # As Excel saves it: B3 carries its last result; B4 was saved by a script without one.
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    sheet_xml = sheet_xml.replace("<f>B1+B2</f><v></v>", "<f>B1+B2</f><v>7</v>")
    assert "<v>7</v>" in sheet_xml
    parts["xl/worksheets/sheet1.xml"] = sheet_xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    read = read_document(path)
    assert texts(read.tables()[0]) == [["讲座场次", "3"], ["义诊场次", "4"], ["合计", "7"]]
    assert read.lines_after() == ["人数"]  # its value was not saved: nothing beside it
    assert read.notes == ["以下单元格是公式，但文件中没有保存计算结果，未导入：B4。"
                          "请在 Excel 中打开该文件并保存后再导入"]


def test_a_thousand_rows(tmp_path):
    rows = [[f"第{n}项活动场次", f"{n}场"] for n in range(1000)]
    path = builders.write_docx(tmp_path / "big.docx", ["大表"], rows, [], width=2)
    seen = []
    read = read_document(path, progress=lambda done, total: seen.append((done, total)))
    assert len(read.tables()[0].rows) == 1000
    assert texts(read.tables()[0])[999] == ["第999项活动场次", "999场"]
    assert seen[-1] == (1000, 1000) and len(seen) >= 10


# --- files that are refused, each with its reason ------------------------------------------

def refusal(path) -> str:
    with pytest.raises(ImportRefused) as caught:
        read_document(path)
    return caught.value.text()


def test_old_binary_doc_from_libreoffice(libreoffice_files, tmp_path):
    message = refusal(libreoffice_files["doc"])
    assert "旧版" in message and "另存为" in message and ".docx" in message
    xls = tmp_path / "表.xls"
    xls.write_bytes(libreoffice_files["doc"].read_bytes())
    assert "保存类型选 .xlsx" in refusal(xls)


def test_encrypted_office_file(tmp_path):
    # What Office writes for a password-protected .docx/.xlsx: an OLE container whose
    # directory names the EncryptionInfo and EncryptedPackage streams.
    path = tmp_path / "加密.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
                     + "EncryptionInfo".encode("utf-16-le") + bytes(50)
                     + "EncryptedPackage".encode("utf-16-le") + bytes(4000))
    message = refusal(path)
    assert "密码" in message and "删除密码" in message


def test_zip_renamed_to_docx(tmp_path):
    path = tmp_path / "资料.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("照片/1.txt", "不是表格")
    assert "压缩包" in refusal(path)


@pytest.mark.parametrize(("content", "words"), [
    (b"", "空文件"),
    (b"%PDF-1.7\n...", "PDF"),
    (b"{\\rtf1\\ansi ...}", "RTF"),
    (b"<html><body><table></table></body></html>", "网页"),
    (b"\x00\x01garbage" * 10, "不是有效的"),
])
def test_other_files_named_docx(tmp_path, content, words):
    path = tmp_path / "表.docx"
    path.write_bytes(content)
    assert words in refusal(path)


def test_truncated_docx(week_blank_docx, tmp_path):
    path = tmp_path / "下载不完整.docx"
    path.write_bytes(week_blank_docx.read_bytes()[:3000])
    assert "不是有效的" in refusal(path) or "损坏" in refusal(path)


def test_excel_file_with_a_word_extension_is_read_as_excel(week_blank_xlsx, tmp_path):
    path = tmp_path / "其实是表格.docx"
    path.write_bytes(week_blank_xlsx.read_bytes())
    assert read_document(path).kind == "xlsx"


def test_missing_file_and_folder(tmp_path):
    assert "找不到文件" in refusal(tmp_path / "没有.docx")
    assert "文件夹" in refusal(tmp_path)
