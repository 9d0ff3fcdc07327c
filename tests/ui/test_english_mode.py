"""English mode: the editor says its own messages in English, the form keeps its labels, and
exports and the command line stay Chinese."""

from __future__ import annotations

import re

import openpyxl
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from forms.messages import say
from tests.ui.editor_helpers import WEEK, enter, message_of
from ui import operations
from ui.startup import install_translators, remove_translators

pytestmark = pytest.mark.gui

CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
FIGURE = re.compile(r"[\d.,]+万?[\u4e00-\u9fff]{1,2}")  # 46.21万人: a figure as it should be


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    translators = install_translators(qapp, request.param)
    yield request.param
    remove_translators(qapp, translators)


@pytest.fixture
def seed_editor(language, qtbot, store, seed_000_raw):
    """The editor (made in ``language``) on seed 000: 46.21人, 38万份, a pasted copy."""
    from ui.editor import ReportEditor

    editor = ReportEditor(store)
    qtbot.addWidget(editor)
    editor.resize(1000, 900)
    editor.show()
    editor.load_report(operations.create_report(store, WEEK, raw=seed_000_raw))
    editor.form.build_all()
    yield editor
    editor.flush()


SAID = {
    "en": {"message": "A number of people must be a whole number; Is a “万” missing (46.21万人)?",
           "line": "直接受益人数: A number of people must be a whole number "
                   "(Is a “万” missing (46.21万人)?)",
           "hospitals": "= 1,431 家, 21 names listed",
           "tab": ("Issues (2 errors, 4 warnings)", "Issues (1 error, 4 warnings)")},
    "zh_CN": {"message": "人数应为整数；是否漏写'万'（46.21万人）？",
              "line": "直接受益人数：人数应为整数（是否漏写'万'（46.21万人）？）",
              "hospitals": "= 1,431 家，列出21个名称",
              "tab": ("问题（2 个错误，4 个警告）", "问题（1 个错误，4 个警告）")},
}


def _issue_lines(editor) -> list[str]:
    model = editor.issues.model
    return [model.data(model.index(row, 0, QModelIndex()), Qt.ItemDataRole.DisplayRole)
            for row in range(model.rowCount())]


def test_the_editor_says_its_messages_in_the_language_chosen(seed_editor, qtbot, language,
                                                             week_template):
    said = SAID[language]
    direct = seed_editor.form.widget_for("direct_beneficiaries")
    assert message_of(direct, "direct_beneficiaries") == said["message"]
    printed = seed_editor.form.widget_for("printed_materials")
    assert printed.input.reading.text() == "= 380,000 份"  # the unit as the person wrote it
    hospitals = seed_editor.form.widget_for("hospitals")
    assert hospitals.display_text("hospitals") == said["hospitals"]
    assert said["line"] in _issue_lines(seed_editor)
    assert seed_editor.tabs.tabText(0) == said["tab"][0]
    labels = {spec.key: spec.label for spec in week_template.fields()}
    for key, widget in seed_editor.form.fields.items():  # the form's labels, as written
        assert labels[key] in widget.label_widget().text()
    enter(direct, "direct_beneficiaries", "46万人")
    qtbot.waitUntil(lambda: seed_editor.tabs.tabText(0) == said["tab"][1])
    assert message_of(direct, "direct_beneficiaries") == ""


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_in_english_no_message_or_reading_is_chinese(seed_editor, seed_000_raw, week_template):
    """Chinese only where the person or the form wrote it: a figure, a name, a label, a unit."""
    shown = [line.split(": ", 1)[1] for line in _issue_lines(seed_editor)]
    for key, widget in seed_editor.form.value_keys():
        shown += [message_of(widget, key), widget.display_text(key)]
    assert len([text for text in shown if text]) > 30
    written = "\n".join([*seed_000_raw.values(), *(s.label for s in week_template.leaves()),
                         *(u for s in week_template.leaves() for u in s.units)])
    for text in shown:
        assert [run for run in CJK_RUN.findall(FIGURE.sub("", text)) if run not in written] == [], \
            text


def test_exports_and_the_command_line_stay_chinese(language, store, seed_000_raw, tmp_path,
                                                    capsys):
    from exports.xlsx import write_xlsx
    from tests.ui.test_cli_forms import SEED_000
    from ui.cli import main

    report_id = operations.create_report(store, WEEK, raw=seed_000_raw)
    path = write_xlsx(operations.report_data(store, report_id), tmp_path / "总结表.xlsx")
    cells = [str(cell) for sheet in openpyxl.load_workbook(path, data_only=True).worksheets
             for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert any("人数应为整数" in cell for cell in cells)
    assert not any("whole number" in cell for cell in cells)
    assert main(["check", WEEK, "--values", str(SEED_000)]) == 1
    assert "错误  直接受益人数：人数应为整数；是否漏写'万'（46.21万人）？" in capsys.readouterr().out
    missing = tmp_path / "没有.json"
    assert main(["check", WEEK, "--values", str(missing)]) == 2
    assert capsys.readouterr().err.strip().endswith(f"找不到数值文件：{missing}")
    with pytest.raises(operations.OperationError) as refused:  # the same, in the window
        operations.new_report(store, WEEK, values_path=missing)
    expected = {"en": f"The values file cannot be found: {missing}",
                "zh_CN": f"找不到数值文件：{missing}"}
    assert say(refused.value.text()) == expected[language]
    assert QApplication.translate("MainActions", "文件(&F)") == {"en": "&File",
                                                               "zh_CN": "文件(&F)"}[language]
