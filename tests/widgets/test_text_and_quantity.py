"""Count, money, pair, one-line text and long text widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from forms.lists import split_compound
from tests.widgets.helpers import error, record, warning
from widgets.pair import PairWidget
from widgets.quantity import CountWidget, MoneyWidget
from widgets.text import LongTextWidget, TextWidget

pytestmark = pytest.mark.gui


def test_count_shows_its_unit_and_emits_every_keystroke(qtbot, make, week_template):
    widget = make(week_template.field("printed_materials"))
    assert isinstance(widget, CountWidget)
    assert widget.input.unit.text() == "份"
    assert widget.edit.placeholderText() == "38万份"
    edits = record(widget.edited)
    qtbot.keyClicks(widget.edit, "380")
    assert edits == [("printed_materials", "3"), ("printed_materials", "38"),
                     ("printed_materials", "380")]
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.edit.setText("38万份")
    assert blocker.args == ["printed_materials", "38万份"]
    assert widget.text("printed_materials") == "38万份"


def test_count_shows_the_reading(make, week_template):
    widget = make(week_template.field("printed_materials"))
    widget.show_state("printed_materials", [], "= 380,000 份")
    assert widget.input.reading.text() == "= 380,000 份"
    assert widget.edit.property("state") == ""


def test_money_is_in_yuan(qtbot, make, week_template):
    widget = make(week_template.field("fee_reduction"))
    assert isinstance(widget, MoneyWidget)
    assert widget.input.unit.text() == "元"
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.edit.insert("约130万元")
    assert blocker.args == ["fee_reduction", "约130万元"]
    widget.show_state("fee_reduction", [], "≈ 1,300,000 元")
    assert widget.input.reading.text() == "≈ 1,300,000 元"


def test_show_state_is_idempotent(make, week_template):
    widget = make(week_template.field("direct_beneficiaries"))
    issues = [error("direct_beneficiaries", "人数应为整数", "是否漏写'万'（46.21万人）？")]
    widget.show_state("direct_beneficiaries", issues, "= 46.21 人")
    before = widget.edit.style()
    widget.show_state("direct_beneficiaries", list(issues), "= 46.21 人")
    assert widget.edit.style() is before
    assert widget.message_text("direct_beneficiaries") == "人数应为整数；是否漏写'万'（46.21万人）？"


def test_message_after_a_question_mark_has_no_extra_semicolon(make, week_template):
    widget = make(week_template.field("media_reads"))
    widget.show_state("media_reads", [warning("media_reads", "是否复制粘贴错误？", "请填写本栏")])
    assert widget.message_text("media_reads") == "是否复制粘贴错误？ 请填写本栏"


def test_read_only_count(qtbot, make, week_template):
    widget = make(week_template.field("lectures"))
    widget.set_text("lectures", "603场")
    widget.set_read_only(True)
    assert widget.edit.isReadOnly()
    with qtbot.assert_not_emitted(widget.edited):
        qtbot.keyClicks(widget.edit, "9")
    assert widget.text("lectures") == "603场"
    widget.set_read_only(False)
    widget.edit.end(False)
    with qtbot.waitSignal(widget.edited):
        qtbot.keyClicks(widget.edit, "9")
    assert widget.text("lectures") == "603场9"


def test_loaded_text_keeps_line_breaks(make, week_template, seed_000_raw):
    widget = make(week_template.field("media_reads"))
    widget.set_text("media_reads", seed_000_raw["media_reads"])  # a long pasted cell
    assert widget.text("media_reads") == seed_000_raw["media_reads"]
    assert widget.edit.cursorPosition() == 0  # the start is what shows


@pytest.mark.parametrize("key", ["unit_name", "contact_phone", "edition"])
def test_one_line_text_types(qtbot, make, week_template, key):
    widget = make(week_template.field(key))
    assert isinstance(widget, TextWidget)
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.edit.setText("027-85880016")
    assert blocker.args == [key, "027-85880016"]
    widget.show_state(key, [], "027-85880016")
    assert widget.display_text(key) == "027-85880016"


def test_pair_has_one_labelled_input_per_part(qtbot, make, week_template):
    spec = week_template.field("lecture_attendance")
    widget = make(spec)
    assert isinstance(widget, PairWidget)
    assert widget.keys() == ["lecture_attendance.offline", "lecture_attendance.online"]
    labels = [label.text() for label in widget.findChildren(QLabel)]
    assert "线下参与" in labels and "线上观看" in labels
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.edits["lecture_attendance.online"].setText("245975人次")
    assert blocker.args == ["lecture_attendance.online", "245975人次"]
    assert widget.text("lecture_attendance.offline") == ""
    widget.show_state("lecture_attendance.online", [warning("lecture_attendance.online")],
                      "= 245,975 人次")
    assert widget.edits["lecture_attendance.online"].property("state") == "warning"
    assert widget.edits["lecture_attendance.offline"].property("state") in (None, "")
    assert widget.display_text("lecture_attendance.online") == "= 245,975 人次"


def test_pasting_a_whole_pair_cell_splits_it(qtbot, make, week_template, seed_000):
    spec = week_template.field("lecture_attendance")
    widget = make(spec)
    cell = seed_000["科普讲座的人数"]
    expected = split_compound(spec, cell)
    assert expected == {"lecture_attendance.offline": "线下参与210546人",
                        "lecture_attendance.online": "线上观看245975人次"}
    QApplication.clipboard().setText(cell)
    target = widget.edits["lecture_attendance.online"]  # pasted into the second box
    edits = record(widget.edited)
    qtbot.keyClick(target, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert sorted(edits) == sorted(expected.items())  # one edited per part
    for key, text in expected.items():
        assert widget.text(key) == text


def test_pasting_a_plain_number_into_a_pair_part_is_a_normal_paste(qtbot, make, week_template):
    widget = make(week_template.field("lecture_attendance"))
    QApplication.clipboard().setText("245975")
    target = widget.edits["lecture_attendance.online"]
    with qtbot.waitSignal(widget.edited) as blocker:
        target.paste()
    assert blocker.args == ["lecture_attendance.online", "245975"]
    assert widget.text("lecture_attendance.offline") == ""


@pytest.mark.parametrize(("offline", "online", "after"), [
    ("800人", "4200人次", {"lecture_attendance.offline": "800人（共5000人次）"}),
    ("800人（合计4000人次）", "4200人次", {"lecture_attendance.offline": "800人（共5000人次）"}),
    ("", "4200人次", {"lecture_attendance.online": "4200人次（共5000人次）"}),
    ("", "", {"lecture_attendance.offline": "（共5000人次）"}),
])
def test_pasting_a_total_alone_keeps_the_figures(qtbot, make, week_template, offline, online,
                                                 after):
    widget = make(week_template.field("lecture_attendance"))
    widget.set_text("lecture_attendance.offline", offline)
    widget.set_text("lecture_attendance.online", online)
    QApplication.clipboard().setText("共5000人次")
    edits = record(widget.edited)
    widget.edits["lecture_attendance.online"].paste()
    assert dict(edits) == after  # the total goes with the first figure; nothing is wiped
    texts = {"lecture_attendance.offline": offline, "lecture_attendance.online": online, **after}
    assert {key: widget.text(key) for key in texts} == texts


def test_long_text_counter(qtbot, make, week_template):
    spec = week_template.field("overall_summary")  # max 1000, over_length = warning
    widget = make(spec)
    assert isinstance(widget, LongTextWidget)
    assert widget.counter.text() == "0/1000字"
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.edit.setPlainText("四川省 成功举办\n第30届")
    assert blocker.args == ["overall_summary", "四川省 成功举办\n第30届"]
    assert widget.counter.text() == "11/1000字"
    assert widget.counter.property("state") in (None, "")
    widget.edit.setPlainText("字" * 1001)
    assert widget.counter.text() == "1001/1000字"
    assert widget.counter.property("state") == "warning"
    with qtbot.assert_not_emitted(widget.edited):
        widget.set_text("overall_summary", "短")
    assert widget.counter.text() == "1/1000字"
    assert widget.counter.property("state") == ""


def test_long_text_over_an_error_limit_turns_red(make, week_template):
    widget = make(week_template.field("special_activities"))  # max 2000, over_length = error
    widget.set_text("special_activities", "字" * 2001)
    assert widget.counter.property("state") == "error"


def test_long_text_grows_from_four_lines(qtbot, make, week_template, seed_000_raw):
    widget = make(week_template.field("overall_summary"))
    widget.resize(600, 300)
    widget.show()
    qtbot.waitExposed(widget)
    line = widget.edit.fontMetrics().lineSpacing()
    empty = widget.edit.height()
    assert empty >= 4 * line
    widget.set_text("overall_summary", seed_000_raw["overall_summary"])
    assert widget.edit.height() > empty
    assert widget.edit.height() <= 17 * line + 40  # then it scrolls


def test_long_text_fits_again_when_narrowed_and_when_typed_into(qtbot, make, week_template):
    """Paragraph widths are measured once per change of the text: a resize uses them, and
    typing measures again."""
    widget = make(week_template.field("overall_summary"))
    widget.resize(900, 300)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_text("overall_summary", "本次宣传周活动覆盖全县各乡镇。" * 6)
    wide = widget.edit.height()
    widget.resize(300, 300)
    qtbot.waitUntil(lambda: widget.edit.height() > wide)
    narrow = widget.edit.height()
    widget.edit.moveCursor(widget.edit.textCursor().MoveOperation.End)
    widget.edit.insertPlainText("\n第二段\n第三段\n第四段")
    assert widget.edit.height() > narrow


def test_long_text_user_insert(qtbot, make, award_template):
    widget = make(award_template.field("academic"))
    widget.set_text("academic", "第一段")
    widget.edit.moveCursor(widget.edit.textCursor().MoveOperation.End)
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.edit.insertPlainText("\n第二段")
    assert blocker.args == ["academic", "第一段\n第二段"]
