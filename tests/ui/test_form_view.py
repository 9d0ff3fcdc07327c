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
