"""Inputs' colours: read-only text is grey, a text box's inside takes its state's colour,
and an input never given colours keeps the application's."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from widgets.field_style import READ_ONLY_TEXT, STATE_COLOURS, WHITE, set_read_only
from widgets.look import set_state

TEXT = QPalette.ColorRole.Text
BASE = QPalette.ColorRole.Base


def test_read_only_text_is_grey_and_back_again(make, week_template):
    line = make(week_template.field("contact_phone")).edit
    box = make(week_template.field("overall_summary")).edit
    for edit in (line, box):
        normal = QApplication.palette(edit).color(TEXT)
        assert edit.palette().color(TEXT) == normal
        set_read_only(edit, True)
        assert edit.palette().color(TEXT) == READ_ONLY_TEXT
        set_read_only(edit, False)
        assert edit.palette().color(TEXT) == normal


def test_a_text_box_inside_takes_its_state_colour(make, week_template):
    box = make(week_template.field("overall_summary")).edit
    assert box.palette().color(BASE) == WHITE
    set_state(box, "error")
    assert box.palette().color(BASE) == STATE_COLOURS["error"][1]
    set_state(box, "")
    assert box.palette().color(BASE) == WHITE
