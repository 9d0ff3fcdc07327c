"""The editor follows the template's logic: a field shows only while its show_if holds, and a
calculated total is read-only and follows its parts as they are typed."""

from __future__ import annotations

import pytest

import storage
from tests.forms.feature_form import feature_template
from tests.ui.editor_helpers import enter
from ui import operations

pytestmark = pytest.mark.gui


@pytest.fixture
def report_id(store):
    template = feature_template()
    return operations.create_report(store, template.id, template=template,
                                    raw={"live_streamed": "否", "viewers": "500人次",
                                         "offline": "100人"})


def stored(store, report_id, key):
    return storage.get_values(store.db, report_id)[key].raw


def test_a_field_shows_only_while_its_show_if_holds(qtbot, editor, store, report_id):
    editor.load_report(report_id)
    viewers = editor.form.widget_for("viewers")
    assert viewers.isHidden() and viewers.label_widget().isHidden()
    streamed = editor.form.widget_for("live_streamed")
    streamed.yes.click()
    assert not viewers.isHidden() and not viewers.label_widget().isHidden()
    assert viewers.edit.text() == "500人次"  # the value was kept while hidden
    streamed.no.click()
    assert viewers.isHidden()
    editor.flush()
    assert stored(store, report_id, "viewers") == "500人次"  # never deleted


def test_a_total_is_read_only_and_follows_its_parts(qtbot, editor, store, report_id):
    editor.load_report(report_id)
    total = editor.form.widget_for("total")
    assert total.edit.isReadOnly() and total.edit.text() == "100人"
    enter(editor.form.widget_for("screened"), "screened.men", "约20人")
    assert total.edit.text() == "约120人" and total.display_text("total") == "≈ 120 人"
    editor.form.widget_for("live_streamed").yes.click()
    assert total.edit.text() == "约620人"  # the viewers count again
    editor.undo()
    assert total.edit.text() == "约120人"
    editor.flush()
    assert stored(store, report_id, "total") == "约120人"


def test_a_total_stays_read_only_when_the_report_is_reopened(editor, report_id):
    editor.load_report(report_id)
    editor.set_read_only(True)
    editor.set_read_only(False)
    assert editor.form.widget_for("total").edit.isReadOnly()
    assert not editor.form.widget_for("offline").edit.isReadOnly()
