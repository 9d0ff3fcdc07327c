"""Name lists: count, one name per line, 名单不全, note; pasting a whole old cell splits it."""

from __future__ import annotations

import doctest

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication

import widgets.name_list
from forms.registry import parse_field
from tests.widgets.helpers import record, warning
from widgets.name_list import NameCell, NameListWidget, split_cell

pytestmark = pytest.mark.gui


def test_doctests():
    assert doctest.testmod(widgets.name_list).failed == 0


@pytest.mark.parametrize(("cell", "text"), [
    (NameCell("1431家", ["甲医院", "乙医院"], True, ""), "1431家；甲医院、乙医院；等"),
    (NameCell("1431家", ["甲医院"], False, ""), "1431家；甲医院"),
    (NameCell("", ["甲医院", "乙医院"], False, ""), "甲医院、乙医院"),
    (NameCell("32家", [], True, ""), "32家；等"),
    (NameCell("32家", [], False, ""), "32家"),
    (NameCell("483家", ["人民网"], True, "同时，各地也进行了宣传。"),
     "483家；人民网；等\n\n同时，各地也进行了宣传。"),
    (NameCell("", [], False, ""), ""),
])
def test_compose_and_split_are_inverse(cell, text):
    assert cell.compose() == text
    assert split_cell(text) == cell


def test_composed_text_is_read_by_forms(award_template, week_template):
    text = NameCell("1431家", ["四川省肿瘤医院", "四川大学华西医院"], True, "另有说明").compose()
    value = parse_field(week_template.field("hospitals"), text).value
    assert value["count"]["value"] == 1431
    assert value["names"] == ["四川省肿瘤医院", "四川大学华西医院"]
    assert value["partial"] is True
    assert value["note"] == "另有说明"


def test_user_edits_compose_the_raw_text(qtbot, make, week_template):
    widget = make(week_template.field("hospitals"))
    assert isinstance(widget, NameListWidget)
    assert widget.count.unit.text() == "家"
    edits = record(widget.edited)
    widget.count.edit.setText("1431家")
    widget.names.setPlainText("四川省肿瘤医院\n\n四川大学华西医院\n")
    widget.partial.click()
    assert edits == [("hospitals", "1431家"),
                     ("hospitals", "1431家；四川省肿瘤医院、四川大学华西医院"),
                     ("hospitals", "1431家；四川省肿瘤医院、四川大学华西医院；等")]
    assert widget.listed.text() == "列出2个名称"
    widget.note_button.click()
    assert widget.note.isVisibleTo(widget)
    widget.note.setPlainText("同时，各地也进行了宣传。")
    assert edits[-1][1] == "1431家；四川省肿瘤医院、四川大学华西医院；等\n\n同时，各地也进行了宣传。"


def test_every_keystroke_in_the_count_emits(qtbot, make, week_template):
    widget = make(week_template.field("hospitals"))
    edits = record(widget.edited)
    qtbot.keyClicks(widget.count.edit, "14")
    assert edits == [("hospitals", "1"), ("hospitals", "14")]


def test_set_text_fills_the_controls(qtbot, make, week_template, seed_000):
    widget = make(week_template.field("hospitals"))
    cell = seed_000["参与活动的医院数量/名称"]
    with qtbot.assert_not_emitted(widget.edited):
        widget.set_text("hospitals", cell)
    assert widget.count.edit.text() == "1431家"
    assert len(widget.names.toPlainText().split("\n")) == 21
    assert widget.partial.isChecked()
    assert widget.text("hospitals") == cell
    assert widget.listed.text() == "列出21个名称"


def test_pasting_the_seed_hospitals_cell_splits_it(qtbot, make, week_template, seed_000):
    widget = make(week_template.field("hospitals"))
    cell = seed_000["参与活动的医院数量/名称"]
    QApplication.clipboard().setText(cell)
    edits = record(widget.edited)
    qtbot.keyClick(widget.names, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert widget.count.edit.text() == "1431家"
    names = widget.names.toPlainText().split("\n")
    assert len(names) == 21
    assert names[0] == "成都市卫生健康委员会"
    assert names[-1] == "自贡市疾病预防控制中心"
    assert widget.partial.isChecked()
    assert len(edits) == 1  # one edit for the whole paste
    assert edits[0][1] == cell  # the seed cell is already in canonical form
    value = parse_field(week_template.field("hospitals"), edits[0][1]).value
    assert value["count"]["value"] == 1431 and len(value["names"]) == 21


def test_pasting_a_cell_with_a_note(qtbot, make, week_template, seed_000):
    widget = make(week_template.field("media_reports"))
    cell = seed_000["媒体报道数量/名称"]
    data = QMimeData()
    data.setText(cell)
    widget.names.insertFromMimeData(data)  # as a paste or a drop does
    assert widget.count.edit.text() == "483家"
    assert widget.partial.isChecked()
    assert widget.note.toPlainText().startswith("同时，各地医疗卫生行政部门")
    assert widget.note.isVisibleTo(widget)
    expected = parse_field(week_template.field("media_reports"), cell).value
    got = parse_field(week_template.field("media_reports"), widget.text("media_reports")).value
    assert got == expected  # the recomposed text means the same as the pasted cell


def test_pasting_names_without_a_count_goes_in_at_the_cursor(qtbot, make, week_template):
    widget = make(week_template.field("organizations"))
    widget.set_text("organizations", "162家；四川省抗癌协会")
    cursor = widget.names.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    widget.names.setTextCursor(cursor)
    QApplication.clipboard().setText("绵阳市癌症防治中心、广安市癌症防治中心；等")
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.names.paste()
    assert widget.names.toPlainText() == "四川省抗癌协会\n绵阳市癌症防治中心\n广安市癌症防治中心"
    assert widget.partial.isChecked()
    assert blocker.args[1] == "162家；四川省抗癌协会、绵阳市癌症防治中心、广安市癌症防治中心；等"


def test_pasting_one_name_is_a_plain_paste(qtbot, make, week_template):
    widget = make(week_template.field("organizations"))
    QApplication.clipboard().setText("四川省抗癌协会")
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.names.paste()
    assert blocker.args[1] == "四川省抗癌协会"
    assert widget.count.edit.text() == ""


def test_show_state_and_reading(make, week_template):
    widget = make(week_template.field("organizations"))
    widget.show_state("organizations", [warning("organizations", "“甲乙”像是两个名称连在一起")],
                      "= 162 家，列出11个名称")
    assert widget.names.property("state") == "warning"
    assert widget.count.edit.property("state") == "warning"
    assert widget.count.reading.text() == "= 162 家，列出11个名称"
    assert "连在一起" in widget.message_text("organizations")


def test_read_only(qtbot, make, week_template):
    widget = make(week_template.field("hospitals"))
    widget.set_text("hospitals", "2家；甲、乙")
    widget.set_read_only(True)
    assert widget.names.isReadOnly() and widget.count.edit.isReadOnly()
    assert not widget.partial.isEnabled()
    assert widget.paste_names("3家；甲、乙、丙") is False
    assert widget.text("hospitals") == "2家；甲、乙"


def test_a_list_without_unit(qtbot, make, award_template, seed_004):
    widget = make(award_template.field("committee_names"))
    assert widget.count.unit.isHidden()
    widget.set_text("committee_names", seed_004["下属专业委员会名称"])
    assert widget.names.toPlainText() == "肿瘤微创专业委员会"
    assert widget.count.edit.text() == ""
