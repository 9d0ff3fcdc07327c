"""A table inside a cell of the form's table: its fields keep their place on the paper, under the
label beside that cell, and the person is told; in a blank form and in a filled one, from
python-docx and from LibreOffice."""

from __future__ import annotations

import docx
import pytest

from forms.importing import read_document
from forms.importing.blank import draft_from_document
from forms.importing.matcher import match_document
from forms.importing.writer import draft_toml
from forms.loader import load_template_text
from forms.validate import validate_report
from tests.forms.importing.conftest import soffice_convert

INNER = [("讲座场次", "8场"), ("参与人数", "600人")]
OUTER = [("单位名称（盖章）", "某县疾控中心"), ("宣传活动", None), ("经费（元）", "5000元"),
         ("活动总结（800字以内）", "顺利完成。")]


def nested_docx(path, filled: bool):
    document = docx.Document()
    document.add_paragraph("无烟日宣传活动情况表")
    outer = document.add_table(rows=len(OUTER), cols=2)
    outer.style = "Table Grid"
    for r, (label, value) in enumerate(OUTER):
        outer.cell(r, 0).text = label
        if value is None:
            inner = outer.cell(r, 1).add_table(rows=len(INNER), cols=2)
            for i, (inner_label, inner_value) in enumerate(INNER):
                inner.cell(i, 0).text = inner_label
                inner.cell(i, 1).text = inner_value if filled else ""
        elif filled:
            outer.cell(r, 1).text = value
    document.save(path)
    return path


HTML = """<html><head><meta charset="utf-8"></head><body><p>无烟日宣传活动情况表</p>
<table border="1"><tr><td>单位名称（盖章）</td><td>{unit}</td></tr>
<tr><td>宣传活动</td><td><table border="1"><tr><td>讲座场次</td><td>{lectures}</td></tr>
<tr><td>参与人数</td><td>{people}</td></tr></table></td></tr>
<tr><td>经费（元）</td><td>{money}</td></tr>
<tr><td>活动总结（800字以内）</td><td>{summary}</td></tr></table></body></html>"""


@pytest.fixture(scope="module")
def libreoffice_nested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nested_lo")
    found = {}
    for name, values in (("blank", dict.fromkeys(("unit", "lectures", "people", "money",
                                                  "summary"), "&nbsp;")),
                         ("filled", {"unit": "某县疾控中心", "lectures": "8场", "people": "600人",
                                     "money": "5000元", "summary": "顺利完成。"})):
        html = folder / f"{name}.html"
        html.write_text(HTML.format(**values), encoding="utf-8")
        found[name] = soffice_convert(html, "docx", "MS Word 2007 XML", folder)
    return found


@pytest.fixture(params=["python-docx", "libreoffice"])
def files(request, tmp_path):
    if request.param == "libreoffice":
        return request.getfixturevalue("libreoffice_nested")
    return {"blank": nested_docx(tmp_path / "空白.docx", filled=False),
            "filled": nested_docx(tmp_path / "填好.docx", filled=True)}


def test_a_blank_forms_nested_fields_keep_their_place(files):
    draft = draft_from_document(read_document(files["blank"]))
    assert [f.label for f in draft.fields()] == ["单位名称", "讲座场次", "参与人数", "经费（元）",
                                                 "活动总结"]
    sections = [(s.title, [f.label for f in s.fields]) for s in draft.sections]
    assert ("宣传活动", ["讲座场次", "参与人数"]) in sections
    assert not any(f.label == "宣传活动" for f in draft.fields())  # not an empty text field
    assert any("宣传活动" in note and "嵌套" in note for note in draft.notes)


def test_a_filled_forms_nested_values_are_imported(files):
    draft = draft_from_document(read_document(files["blank"]))
    template = load_template_text(draft_toml(draft), "nested.toml")
    result = match_document(read_document(files["filled"]), template)
    check = validate_report(template, result.raw)
    by_label = {template.field(k).label: v for k, v in check.values.items()}
    assert by_label["讲座场次"]["value"] == 8 and by_label["参与人数"]["value"] == 600
    assert by_label["经费（元）"]["value"] == 5000 and by_label["单位名称"] == "某县疾控中心"
    assert result.unmatched == []
    assert any("嵌套" in note for note in result.notes)
