"""Date, date range, yes/no, choice and checklist widgets."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QDate

from forms.registry import parse_field
from tests.widgets.helpers import CHOICE_SPEC, error, record
from widgets.choices import ChecklistWidget, ChoiceWidget, YesNoWidget
from widgets.dates import DateRangeWidget, DateWidget, format_range

pytestmark = pytest.mark.gui


def test_date_picker_writes_the_text(qtbot, make, week_template):
    widget = make(week_template.field("fill_date"))
    assert isinstance(widget, DateWidget)
    widget.show()
    widget.set_text("fill_date", "2024-04-28")
    widget.button.click()
    assert widget.popup.isVisible()
    assert widget.popup.calendar.selectedDate() == QDate(2024, 4, 28)  # read from the text
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.popup.calendar.clicked.emit(QDate(2024, 5, 3))
    assert blocker.args == ["fill_date", "2024年5月3日"]
    assert not widget.popup.isVisible()
    assert widget.text("fill_date") == "2024年5月3日"


def test_date_typing_stays_free(qtbot, make, week_template):
    widget = make(week_template.field("fill_date"))
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.edit.setText("4月28日")  # incomplete: forms reports it, the widget keeps it
    assert blocker.args == ["fill_date", "4月28日"]
    widget.show_state("fill_date", [error("fill_date", "日期缺少年份")], "")
    assert widget.edit.property("state") == "error"


def test_date_read_only_disables_the_picker(make, week_template):
    widget = make(week_template.field("fill_date"))
    widget.set_read_only(True)
    assert not widget.button.isEnabled()
    widget.pick_date(QDate(2024, 4, 28))
    assert widget.text("fill_date") == ""


@pytest.mark.parametrize(("start", "end", "text"), [
    (QDate(2024, 4, 15), QDate(2024, 4, 26), "2024年4月15日至26日"),
    (QDate(2024, 4, 15), QDate(2024, 5, 3), "2024年4月15日至5月3日"),
    (QDate(2024, 12, 28), QDate(2025, 1, 3), "2024年12月28日至2025年1月3日"),
    (QDate(2024, 4, 15), QDate(2024, 4, 15), "2024年4月15日"),
])
def test_range_texts_are_read_back_by_forms(week_template, start, end, text):
    assert format_range(start, end) == text
    value = parse_field(week_template.field("activity_time"), text).value
    assert value == {"start": start.toString("yyyy-MM-dd"), "end": end.toString("yyyy-MM-dd")}


def test_date_range_picker(qtbot, make, week_template):
    widget = make(week_template.field("activity_time"))
    assert isinstance(widget, DateRangeWidget)
    widget.show()
    widget.set_text("activity_time", "2024年4月15-26日")
    widget.button.click()
    popup = widget.popup
    assert popup.isVisible()
    assert popup.start.selectedDate() == QDate(2024, 4, 15)
    assert popup.end.selectedDate() == QDate(2024, 4, 26)
    popup.end.setSelectedDate(QDate(2024, 5, 3))
    assert popup.preview.text() == "2024年4月15日至5月3日"
    with qtbot.waitSignal(widget.edited) as blocker:
        popup.accept()
    assert blocker.args == ["activity_time", "2024年4月15日至5月3日"]
    assert not popup.isVisible()


def test_date_range_start_after_end_moves_the_end(make, week_template):
    widget = make(week_template.field("activity_time"))
    widget.open_picker()
    popup = widget.popup
    popup.set_range(QDate(2024, 4, 15), QDate(2024, 4, 20))
    popup.start.setSelectedDate(QDate(2024, 4, 25))
    assert popup.end.selectedDate() == QDate(2024, 4, 25)
    popup.hide()


def test_yes_no(qtbot, make, award_template):
    widget = make(award_template.field("board_reported"))
    assert isinstance(widget, YesNoWidget)
    edits = record(widget.edited)
    widget.yes.click()
    widget.no.click()
    widget.clear_button.click()
    assert edits == [("board_reported", "是"), ("board_reported", "否"),
                     ("board_reported", "")]
    assert not widget.yes.isChecked() and not widget.no.isChecked()


def test_yes_no_load_keeps_the_written_word(qtbot, make, award_template):
    widget = make(award_template.field("board_reported"))
    with qtbot.assert_not_emitted(widget.edited):
        widget.set_text("board_reported", "已报送")
    assert widget.yes.isChecked()  # read as 是
    assert widget.text("board_reported") == "已报送"  # but stored as written
    widget.set_text("board_reported", "不清楚")
    assert not widget.yes.isChecked() and not widget.no.isChecked()
    assert not widget.original.isHidden()
    assert "不清楚" in widget.original.text()
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.no.click()
    assert blocker.args == ["board_reported", "否"]
    assert widget.original.isHidden()


def test_yes_no_read_only(make, award_template):
    widget = make(award_template.field("board_reported"))
    widget.set_text("board_reported", "是")
    widget.set_read_only(True)
    assert not widget.yes.isEnabled() and not widget.no.isEnabled()
    assert not widget.clear_button.isEnabled()
    widget.clear()
    assert widget.text("board_reported") == "是"


def test_choice(qtbot, make):
    widget = make(CHOICE_SPEC)
    assert isinstance(widget, ChoiceWidget)
    assert [widget.combo.itemText(i) for i in range(widget.combo.count())] == [
        "", "省级", "市级", "县级"]
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.combo.setCurrentIndex(2)
    assert blocker.args == ["level", "市级"]
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.combo.setCurrentIndex(0)
    assert blocker.args == ["level", ""]


def test_choice_keeps_a_loaded_non_option(qtbot, make):
    widget = make(CHOICE_SPEC)
    with qtbot.assert_not_emitted(widget.edited):
        widget.set_text("level", "乡级")
    assert widget.combo.currentText() == "乡级"
    assert widget.text("level") == "乡级"
    widget.set_text("level", "县级")
    assert widget.combo.count() == 4  # the earlier extra entry is gone
    assert widget.combo.currentText() == "县级"


def test_choice_shows_the_option_of_a_loaded_number_or_code(qtbot, make):
    widget = make(CHOICE_SPEC)
    widget.set_text("level", "2")
    assert widget.combo.currentText() == "市级" and widget.text("level") == "2"  # raw kept
    coded = dataclasses.replace(CHOICE_SPEC, codes=("p", "c", "x"))
    widget = make(coded)
    widget.set_text("level", "x")
    assert widget.combo.currentText() == "县级" and widget.combo.count() == 4
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.combo.setCurrentIndex(2)
    assert blocker.args == ["level", "市级"]
    assert parse_field(coded, "市级").value == "c"


def test_checklist(qtbot, make, award_template):
    spec = award_template.field("bonus_items")
    widget = make(spec)
    assert isinstance(widget, ChecklistWidget)
    assert [box.text() for box in widget.boxes] == list(spec.options)
    edits = record(widget.edited)
    widget.boxes[3].click()
    widget.boxes[0].click()
    assert edits[-1] == ("bonus_items", f"{spec.options[0]}；{spec.options[3]}")
    assert parse_field(spec, edits[-1][1]).value == [spec.options[0], spec.options[3]]
    widget.boxes[0].click()
    assert edits[-1] == ("bonus_items", spec.options[3])


def test_checklist_loads_the_seed_text(qtbot, make, award_template, seed_004):
    widget = make(award_template.field("bonus_items"))
    cell = seed_004["加分项目"]
    with qtbot.assert_not_emitted(widget.edited):
        widget.set_text("bonus_items", cell)
    assert all(box.isChecked() for box in widget.boxes)
    assert widget.text("bonus_items") == cell
    assert widget.original.isHidden()


def test_checklist_read_only(make, award_template):
    widget = make(award_template.field("bonus_items"))
    widget.set_read_only(True)
    assert not any(box.isEnabled() for box in widget.boxes)
