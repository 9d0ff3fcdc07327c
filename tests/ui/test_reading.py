"""Reading what is there: no reading clipped, list columns that fit, counts that agree."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

import storage
from tests.ui.conftest import make_report
from widgets.look import ReadingLabel
from widgets.name_list import NameListWidget

pytestmark = pytest.mark.gui

SIZES = [(1280, 800), (1920, 1080)]


@pytest.fixture
def seed_window(window, store, seed_000_raw):
    report_id = make_report(store, **seed_000_raw)
    window.report_list.reload(select_id=report_id)
    assert window.current_report_id() == report_id
    return window


def show_at(window, qtbot, size: tuple[int, int]) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    qtbot.waitUntil(window.editor.form.is_built)  # the rest of the form follows the first screen
    QApplication.processEvents()


@pytest.mark.parametrize("size", SIZES)
def test_no_reading_is_clipped(seed_window, qtbot, size):
    show_at(seed_window, qtbot, size)
    form = seed_window.editor.form
    readings = [label for label in form.findChildren(ReadingLabel)
                if label.isVisibleTo(form) and label.text()]
    assert len(readings) > 20
    for label in readings:
        shown = label.shown_text()
        room = label.contentsRect().width()
        if label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
            continue
        assert label.fontMetrics().horizontalAdvance(shown) <= room, label.text()
        assert shown == label.text() or (shown.endswith("…") and label.toolTip() == label.text())
    period = form.widget_for("activity_time")
    assert period.display_text("activity_time") == "2024年4月15日至26日（12天）"
    assert period.reading_label("activity_time").shown_text() == "2024年4月15日至26日（12天）"  # whole


def test_a_reading_that_does_not_fit_is_elided_with_the_whole_text_in_its_tooltip(qtbot):
    from widgets.look import make_reading_label

    label = make_reading_label()
    qtbot.addWidget(label)
    label.setText("= 1,431 家，列出21个名称")
    label.resize(60, 20)
    assert label.shown_text().endswith("…")
    assert label.toolTip() == "= 1,431 家，列出21个名称"
    label.resize(400, 20)
    assert label.shown_text() == label.text()


@pytest.mark.parametrize("size", SIZES)
def test_report_list_columns_fill_the_list_without_scrolling(seed_window, store, qtbot, size):
    for unit in ("自贡市疾病预防控制中心", "绵阳市疾病预防控制中心"):
        make_report(store, edition="第29届", unit_name=unit)
    seed_window.report_list.reload()
    show_at(seed_window, qtbot, size)
    view = seed_window.report_list.view
    model = view.model()
    header = view.horizontalHeader()
    shown = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    assert sum(view.columnWidth(c) for c in shown) == view.viewport().width()  # all of it
    assert not view.horizontalScrollBar().isVisible()
    metrics = view.fontMetrics()
    date_width = view.columnWidth(model.UPDATED)
    assert date_width < metrics.horizontalAdvance("2024-04-28 22:16") + 30  # compact
    title_width, unit_width = view.columnWidth(model.TITLE), view.columnWidth(model.UNIT)
    assert title_width > date_width and unit_width > date_width  # they get the room
    assert header.sectionSize(model.STATUS) >= metrics.horizontalAdvance("已完成")
    list_width = seed_window.report_list.width()
    assert 0.3 * size[0] <= list_width <= 0.45 * size[0]  # the form gets the rest
    if size[0] >= 1920:  # room for whole titles and units
        for row in range(model.rowCount()):
            for column in (model.TITLE, model.UNIT):
                text = model.index(row, column).data()
                assert metrics.horizontalAdvance(text) + 8 <= view.columnWidth(column), text


def test_the_date_column_is_compact_with_the_full_time_in_its_tooltip(window, store):
    report_id = make_report(store, edition="第30届")
    window.report_list.reload(select_id=report_id)
    model = window.report_list.model
    index = model.index(model.row_of(report_id), model.UPDATED)
    full = storage.get_report(store.db, report_id).updated_at.replace("T", " ")[:16]
    assert index.data() == full[11:16]  # today: the time only
    assert index.data(3) == full  # ToolTipRole
    row = model.rows()[0]
    assert row.updated_short(full[:4] + "-12-31") == full[5:10]  # this year: the day
    assert row.updated_short("1999-01-01") == full[:10]


def test_the_two_name_counts_agree(seed_window):
    form = seed_window.editor.form
    lists = [w for w in form.widgets() if isinstance(w, NameListWidget)]
    assert len(lists) == 4
    duplicated = form.widget_for("media_reports")  # seed 000 names 健康四川 twice
    lines = [line for line in duplicated.names.toPlainText().split("\n") if line.strip()]
    assert len(set(lines)) < len(lines)
    for widget in lists:
        reading = re.search(r"列出(\d+)个名称", widget.display_text(widget.spec.key))
        footer = re.fullmatch(r"列出(\d+)个名称", widget.listed.text())
        assert reading and footer, widget.spec.key
        assert reading[1] == footer[1], widget.spec.key


def test_a_huge_paste_is_counted_one_way(seed_window, qtbot):
    editor = seed_window.editor
    widget = editor.form.widget_for("overall_summary")
    line = "四川省肿瘤医院开展义诊活动，群众踊跃参加。 " * 5 + "\n"
    text = (line * 2000)[:202_038]
    widget.edit.setPlainText(text)
    editor.refresh_issues()
    shown = [widget.counter.text(), widget.message_text("overall_summary")]
    shown += [issue.message for issue in editor.issues.model.issues()
              if issue.field == "overall_summary"]
    numbers = {n.replace(",", "") for part in shown for n in re.findall(r"\d[\d,]*", part)}
    numbers.discard("1000")  # the field's limit
    assert len(numbers) == 1, shown
    from forms.types import char_count

    assert numbers == {str(char_count(text))}


def test_pasting_a_whole_cell_into_the_count_box_splits_it(seed_window, qtbot):
    widget = seed_window.editor.form.widget_for("organizations")
    cell = "162家；四川省抗癌协会、四川省西部放射治疗协会、成都市科学技术协会；等"
    QGuiApplication.clipboard().setText(cell)
    widget.count.edit.selectAll()
    widget.count.edit.paste()
    assert widget.count.edit.text() == "162家"
    assert widget.names.toPlainText().split("\n") == [
        "四川省抗癌协会", "四川省西部放射治疗协会", "成都市科学技术协会"]
    assert widget.partial.isChecked()
    assert widget.listed.text() == "列出3个名称"
    assert seed_window.editor.session.validator.raw["organizations"] == cell
    QGuiApplication.clipboard().setText("170家")  # a count alone pastes as usual
    widget.count.edit.selectAll()
    widget.count.edit.paste()
    assert widget.count.edit.text() == "170家"
    assert widget.listed.text() == "列出3个名称"


def test_names_typed_after_the_count_move_to_the_names_box(seed_window, qtbot):
    widget = seed_window.editor.form.widget_for("organizations")
    widget.names.setPlainText("")
    widget.count.edit.setText("2家；甲协会、乙协会")
    widget.count.edit.editingFinished.emit()
    assert widget.count.edit.text() == "2家"
    assert widget.names.toPlainText() == "甲协会\n乙协会"
    assert seed_window.editor.session.validator.raw["organizations"].startswith("2家；甲协会")


@pytest.mark.parametrize(("cell", "count", "names", "partial", "reading"), [
    ("1431家医院；A医院、B医院；等", "1431家医院", ["A医院", "B医院"], True, "= 1,431 家"),
    ("A医院、B医院等5家", "5家", ["A医院", "B医院"], True, "= 5 家"),
    ("A医院、B医院、C医院共3家", "3家", ["A医院", "B医院", "C医院"], False, "= 3 家"),
    ("1,431家：A医院、B医院等", "1,431家", ["A医院", "B医院"], True, "= 1,431 家"),
    ("5家 A医院、B医院 等", "5家", ["A医院", "B医院"], True, "= 5 家"),
    ("l431家；A医院、B医院；等", "l431家", ["A医院", "B医院"], True, None),  # an error: no count
    ("数十家；A医院、B医院等", "数十家", ["A医院", "B医院"], True, None),
])
def test_a_whole_cell_pasted_into_the_count_box_is_split_as_forms_reads_it(
        seed_window, qtbot, cell, count, names, partial, reading):
    editor = seed_window.editor
    widget = editor.form.widget_for("hospitals")
    QGuiApplication.clipboard().setText(cell)
    widget.count.edit.selectAll()
    widget.count.edit.paste()
    assert widget.count.edit.text() == count
    assert widget.names.toPlainText().split("\n") == names
    assert widget.partial.isChecked() is partial
    assert widget.listed.text() == f"列出{len(names)}个名称"
    qtbot.waitUntil(lambda: f"列出{len(names)}个名称" in widget.display_text("hospitals"))
    shown = widget.display_text("hospitals")
    assert shown == (f"{reading}，列出{len(names)}个名称" if reading else f"列出{len(names)}个名称")
    value = editor.session.validator.parsed["hospitals"].value
    assert (value is None) is (reading is None)  # an unreadable count: nothing stored
