"""The form is built a screenful first and the rest while idle, and nothing is lost by it:
every later field shows the report's values and states, takes edits, and obeys read-only."""

from __future__ import annotations

import pytest

import storage
from tests.ui.editor_helpers import WEEK, enter, state_of
from tests.waiting import WAIT_MS
from ui import operations
from ui.editor.form_view import FIRST_FIELDS

pytestmark = pytest.mark.gui


@pytest.fixture
def seed_report(store, seed_000_raw):
    return operations.create_report(store, WEEK, raw=seed_000_raw)


def test_a_screenful_first_then_the_rest_while_idle(editor, qtbot, seed_report, seed_000_raw,
                                                    week_template):
    editor.load_report(seed_report)
    form = editor.form
    assert len(form.built_widgets()) == FIRST_FIELDS < len(list(week_template.fields()))
    qtbot.waitUntil(form.is_built, timeout=WAIT_MS)
    assert [w.spec.key for w in form.built_widgets()] == [s.key for s in week_template.fields()]
    later = {key: widget for widget in form.built_widgets()[FIRST_FIELDS:]
             for key in widget.keys()}  # built while idle: they show what is stored
    assert [key for key in later if seed_000_raw.get(key)] and all(
        later[key].text(key) == seed_000_raw.get(key, "") for key in later)
    direct = form.widget_for("direct_beneficiaries")  # seed 000: 46.21人
    assert state_of(direct, "direct_beneficiaries") == "error"


def test_a_field_asked_for_is_built_at_once_and_takes_edits(editor, qtbot, store, seed_report):
    editor.load_report(seed_report)
    assert not editor.form.is_built()
    summary = editor.form.widget_for("overall_summary")  # the second-last field
    assert summary.text("overall_summary")  # seed 000's summary, shown at once
    enter(summary, "overall_summary", "宣传周活动顺利完成。")
    editor.flush()
    values = storage.get_values(store.db, seed_report)
    assert values["overall_summary"].raw == "宣传周活动顺利完成。"


def test_fields_built_later_are_read_only_like_the_rest(editor, qtbot, store, seed_report):
    storage.set_status(store.db, seed_report, storage.COMPLETE)
    editor.load_report(seed_report)
    qtbot.waitUntil(editor.form.is_built, timeout=WAIT_MS)
    contact = editor.form.widget_for("contact_phone")
    assert contact.edit.isReadOnly()


def test_focusing_a_field_not_built_yet_scrolls_to_it(editor, qtbot, seed_report):
    editor.load_report(seed_report)
    editor.focus_field("contact_phone")
    widget = editor.form.widget_for("contact_phone")
    qtbot.waitUntil(lambda: widget.edit.hasFocus(), timeout=WAIT_MS)
    assert editor.form.verticalScrollBar().value() > 0


def _painted_like_new(editor) -> bool:
    """What the window shows (its backing store) is what painting it afresh gives: no
    part of it was left unpainted after a change."""
    from PySide6.QtGui import QImage

    window = editor.window()
    shown = window.screen().grabWindow(window.winId()).toImage()
    fresh = window.grab().toImage()
    size = fresh.size()
    return shown.copy(0, 0, size.width(), size.height()).convertToFormat(
        QImage.Format.Format_RGB32) == fresh.convertToFormat(QImage.Format.Format_RGB32)


@pytest.fixture
def basic_section(editor, qtbot, seed_report):
    """The report shown tall enough for its 基本情况 section to be on screen, settled."""
    editor.resize(900, 1500)
    editor.load_report(seed_report)
    qtbot.waitUntil(editor.form.is_built, timeout=WAIT_MS)
    qtbot.wait(50)
    return editor.form.widget_for("activity_time")


def test_a_message_line_repaints_only_what_moved(editor, qtbot, basic_section):
    from PySide6.QtCore import QEvent, QObject

    above = editor.form.widget_for("unit_name").label_widget()  # a row above it
    below = editor.form.widget_for("lectures").label_widget()  # in the next section
    viewport = editor.form.viewport()
    for label in (above, below):
        assert viewport.rect().contains(label.mapTo(viewport, label.rect().center()))
    painted = []

    class Watch(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                painted.append(watched)
            return False

    watch = Watch()
    for label in (above, below):
        label.installEventFilter(watch)
    moved_from = below.mapTo(viewport, below.rect().topLeft())
    enter(basic_section, "activity_time", "2024年13月1日至5日")
    qtbot.waitUntil(lambda: bool(basic_section.message_text("activity_time")),
                    timeout=WAIT_MS)
    qtbot.wait(50)  # (painted by now)
    assert below.mapTo(viewport, below.rect().topLeft()).y() > moved_from.y()
    # Its section grew: only what moved inside it was repainted; the sections below it
    # moved as they were (their pixels copied), and the window shows what it should.
    assert not painted
    assert _painted_like_new(editor)
    for label in (above, below):
        label.removeEventFilter(watch)


def test_a_section_growing_and_shrinking_is_painted_whole(editor, qtbot, basic_section):
    form = editor.form
    group = basic_section.parentWidget()
    form.verticalScrollBar().setValue(max(0, group.geometry().bottom()
                                          - form.viewport().height() + 40))
    qtbot.wait(50)
    height = group.height()
    enter(basic_section, "activity_time", "2024年13月1日至5日")
    qtbot.waitUntil(lambda: group.height() > height, timeout=WAIT_MS)
    qtbot.wait(50)
    assert _painted_like_new(editor)  # the frame's bottom edge moved down with it
    enter(basic_section, "activity_time", "2024年4月15日至21日")
    qtbot.waitUntil(lambda: group.height() == height, timeout=WAIT_MS)
    qtbot.wait(50)
    assert _painted_like_new(editor)
    editor.resize(700, 1500)  # narrower: the right edge moved in
    qtbot.wait(50)
    assert _painted_like_new(editor)


def test_widgets_are_polished_while_a_batch_is_built(editor, qtbot, seed_report):
    """Qt posts a polish request for each widget made; left to pile up, every later event
    posted to those widgets was checked against the whole queue. They are delivered every
    few fields of a batch: what remains once it is built is a few fields' worth."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from ui.editor.form_view import POLISH_EVERY

    class Count(QObject):
        polished = 0

        def eventFilter(self, watched, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.PolishRequest:
                self.polished += 1
            return False

    editor.load_report(seed_report)
    form = editor.form
    count = Count()
    QApplication.instance().installEventFilter(count)
    try:
        before = len(form.built_widgets())
        form.build_all()
        during = count.polished
        count.polished = 0
        QApplication.sendPostedEvents(None, QEvent.Type.PolishRequest)
        after = count.polished
    finally:
        QApplication.instance().removeEventFilter(count)
    built = len(form.built_widgets()) - before
    assert built > 4 * POLISH_EVERY
    assert during > 10 * after  # most of them meanwhile, not left for the event loop


def test_fields_built_are_announced_before_they_are_shown(editor, qtbot, seed_report):
    """The editor fills the new fields while their sections wait hidden, so each is laid out
    once, with its value (announced after being shown, each was laid out again)."""
    editor.load_report(seed_report)
    form = editor.form
    qtbot.waitUntil(lambda: form.groups[-1].isVisible(), timeout=WAIT_MS)
    shown_when_announced = []
    form.built.connect(lambda widgets: shown_when_announced.extend(
        widget.isVisible() for widget in widgets))
    form.build_all()
    assert shown_when_announced and not any(shown_when_announced)
    assert all(widget.isVisible() for widget in form.built_widgets()
               if widget.spec.key not in form.hidden)


def test_a_form_not_shown_waits_to_be_built_until_it_is(editor, qtbot, seed_report):
    """A closed editor (or one on another page) builds nothing more while idle: nobody sees
    it, and it may be on its way out; shown again, it goes on."""
    editor.load_report(seed_report)
    form = editor.form
    editor.hide()
    built = len(form.built_widgets())
    qtbot.wait(100)
    assert len(form.built_widgets()) == built and not form.is_built()
    assert form.widget_for("contact_phone") is not None  # asked for: built at once
    editor.show()
    qtbot.waitUntil(form.is_built, timeout=WAIT_MS)
