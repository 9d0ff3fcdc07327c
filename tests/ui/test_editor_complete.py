"""Marking a report complete: blocked by errors, warnings explained, read-only until reopened."""

from __future__ import annotations

import pytest

import storage
from tests.ui.editor_helpers import WEEK, enter, line_edit
from tests.waiting import WAIT_MS
from ui import operations
from ui.editor import ReportEditor
from ui.editor.complete_dialog import CompleteDialog

pytestmark = pytest.mark.gui

# seed 000 with its two errors fixed: what is left are warnings
FIXES = {"direct_beneficiaries": "46.21万人", "media_reads": "约500万次"}
CLEAN = {"edition": "第30届", "fill_date": "2024年4月28日", "unit_name": "四川省抗癌协会",
         "activity_time": "2024年4月15-26日", "activity_place": "四川省",
         "hospitals": "2家；四川省肿瘤医院、四川大学华西医院", "overall_summary": "活动顺利开展。"}


@pytest.fixture
def editor(qtbot, store):
    widget = ReportEditor(store)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.flush()


def answer(monkeypatch, reply):
    """Patch CompleteDialog.ask; ``reply(warnings)`` gives its answer. Returns the calls."""
    calls = []

    def ask(cls, parent, warnings, explanations=None, stale=None):
        calls.append(list(warnings))
        return reply(warnings)

    monkeypatch.setattr(CompleteDialog, "ask", classmethod(ask))
    return calls


def test_errors_block_marking_complete(editor, store, seed_000_raw, monkeypatch):
    report_id = operations.create_report(store, WEEK, raw=seed_000_raw)
    calls = answer(monkeypatch, lambda warnings: {})
    editor.load_report(report_id)
    assert editor.issues.model.counts()[0] >= 2
    assert not editor.complete_action.isEnabled()
    assert "错误" in editor.complete_action.toolTip()
    messages = []
    editor.status_message.connect(messages.append)
    assert editor.mark_complete() is False
    assert calls == []  # no dialog while errors remain
    assert any("错误" in m for m in messages)
    assert storage.get_report(store.db, report_id).status == storage.DRAFT
    assert not line_edit(editor, "lectures").isReadOnly()


def test_warnings_need_explanations_then_complete_is_read_only(editor, qtbot, store,
                                                               seed_000_raw, monkeypatch):
    report_id = operations.create_report(store, WEEK, raw={**seed_000_raw, **FIXES})
    calls = answer(monkeypatch, lambda warnings: {
        (w.field, w.code): f"已核实：{w.label}" for w in warnings})
    editor.load_report(report_id)
    errors, warnings = editor.issues.model.counts()
    assert errors == 0 and warnings > 0
    assert editor.complete_action.isEnabled()
    with qtbot.waitSignal(editor.report_changed, timeout=WAIT_MS):
        assert editor.mark_complete() is True
    asked = calls[0]
    assert asked and all(not w.is_error for w in asked)
    stored = storage.get_explanations(store.db, report_id)
    assert {(w.field, w.code) for w in asked} == set(stored)
    assert storage.get_report(store.db, report_id).status == storage.COMPLETE
    # read-only until reopened
    assert line_edit(editor, "lectures").isReadOnly()
    assert editor.header.state_banner.isVisible()
    assert "已完成（只读）" in editor.header.state_banner.text()
    assert editor.reopen_action.isEnabled() and not editor.complete_action.isEnabled()
    assert not editor.attachments.add_button.isEnabled()
    assert "已说明" in editor.issues.model.index(0).data() or any(
        "已说明" in editor.issues.model.index(n).data()
        for n in range(editor.issues.model.rowCount()))
    with qtbot.assertNotEmitted(editor.saved, wait=100):
        editor.undo()  # nothing changes in a complete report
    assert editor.reopen() is True
    assert storage.get_report(store.db, report_id).status == storage.DRAFT
    assert not line_edit(editor, "lectures").isReadOnly()
    assert not editor.header.state_banner.isVisible()
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        enter(editor.form.widget_for("lectures"), "lectures", "604场")


def test_cancelling_the_explanations_leaves_a_draft(editor, store, seed_000_raw, monkeypatch):
    report_id = operations.create_report(store, WEEK, raw={**seed_000_raw, **FIXES})
    answer(monkeypatch, lambda warnings: None)
    editor.load_report(report_id)
    assert editor.mark_complete() is False
    assert storage.get_report(store.db, report_id).status == storage.DRAFT
    assert storage.get_explanations(store.db, report_id) == {}


def test_a_clean_report_completes_without_asking(editor, store, monkeypatch):
    calls = answer(monkeypatch, lambda warnings: {})
    report_id = operations.create_report(store, WEEK, raw=CLEAN)
    editor.load_report(report_id)
    assert editor.issues.model.counts() == (0, 0)
    assert editor.mark_complete() is True
    assert calls == []
    assert storage.get_report(store.db, report_id).status == storage.COMPLETE


def test_dialog_needs_every_explanation(qtbot, store, seed_000_raw):
    report_id = operations.create_report(store, WEEK, raw={**seed_000_raw, **FIXES})
    session = operations.open_session(store, report_id)
    warnings = [i for i in session.validator.issues() if not i.is_error]
    dialog = CompleteDialog(warnings + warnings[:1])  # a repeat is asked once
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0] if dialog.buttons.buttons()[0].text() == "标记为完成" \
        else dialog.buttons.buttons()[1]
    assert len(dialog.edits) == len({(w.field, w.code) for w in warnings})
    assert not ok.isEnabled()
    for edit in dialog.edits.values():
        edit.setText("数据来自各医院上报")
    assert ok.isEnabled()
    assert set(dialog.explanations().values()) == {"数据来自各医院上报"}


def test_an_edited_value_asks_for_its_explanation_again(editor, store, seed_000_raw,
                                                        monkeypatch):
    report_id = operations.create_report(store, WEEK, raw={**seed_000_raw, **FIXES})
    session = operations.open_session(store, report_id)
    warnings = {(i.field, i.code) for i in session.validator.issues() if not i.is_error}
    assert ("overall_summary", "too_long") in warnings
    for key, code in warnings:
        storage.set_explanation(store.db, report_id, key, code, "已核实")
    seen = []

    def ask(cls, parent, warnings, explanations=None, stale=None):
        seen.append((dict(explanations or {}), dict(stale or {})))

    monkeypatch.setattr(CompleteDialog, "ask", classmethod(ask))
    editor.load_report(report_id)
    old = seed_000_raw["overall_summary"]
    enter(editor.form.widget_for("overall_summary"), "overall_summary", old + "补充一句。")
    assert editor.mark_complete() is False
    explained, stale = seen[0]
    assert ("overall_summary", "too_long") not in explained
    assert stale == {("overall_summary", "too_long"): (old, "已核实")}
    assert set(explained) == warnings - {("overall_summary", "too_long")}
    model = editor.issues.model
    rows = [model.index(n).data() for n in range(model.rowCount())]
    assert not any("已说明" in row for row in rows if "整体活动总结" in row)


def test_dialog_asks_a_stale_explanation_again(qtbot, store, seed_000_raw):
    report_id = operations.create_report(store, WEEK, raw={**seed_000_raw, **FIXES})
    session = operations.open_session(store, report_id)
    warnings = [i for i in session.validator.issues() if not i.is_error]
    stale_key = (warnings[0].field, warnings[0].code)
    fresh = {(w.field, w.code): "已核实" for w in warnings[1:]}
    dialog = CompleteDialog(warnings, fresh, stale={stale_key: ("603场", "全省合计")})
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert dialog.edits[stale_key].text() == ""  # not taken as confirmed
    assert not ok.isEnabled()
    dialog.reuse_buttons[stale_key].click()
    assert dialog.edits[stale_key].text() == "全省合计"
    assert ok.isEnabled()
