"""The FieldWidget contract, checked on every field of both built-in templates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from forms.loader import builtin_templates
from forms.registry import TYPES, widget_kind
from forms.validate import Validator
from tests.waiting import WAIT_MS
from tests.widgets.helpers import CHOICE_SPEC, error, warning
from widgets import WIDGETS, FieldWidget, create_field_widget
from widgets.base import field_tooltip

pytestmark = pytest.mark.gui

TEMPLATES = builtin_templates()
SPECS = [spec for template in TEMPLATES.values() for spec in template.fields()] + [CHOICE_SPEC]
IDS = [f"{spec.key}:{spec.type}" for spec in SPECS]

# A canonical raw text per type: what the widget itself would compose.
CANONICAL = {
    "text": "四川省抗癌协会",
    "phone": "027-85880016",
    "edition": "第30届",
    "year": "2024",
    "count": "38万份",
    "money": "约130万元",
    "long_text": "第一段，共十个字。\n\n第二段",
    "date": "2024年4月28日",
    "date_range": "2024年4月15日至26日",
    "yes_no": "是",
    "choice": "市级",
    "checklist": "承办中国肿瘤学术大会；承办协会常务理事会",
    "name_list": "1431家；四川省肿瘤医院、四川大学华西医院；等\n\n同时，各地也进行了宣传。",
    "link_list": "人民网 http://sc.people.com.cn/n2/2024/0418/c407319-40814936.html\n"
                 "搜狐网 https://www.sohu.com/a/771638244_123753",
}


def canonical(spec) -> str:
    return CANONICAL[spec.type]


def leaf_specs(spec):
    return spec.parts or (spec,)


def test_every_type_has_a_widget_kind():
    kinds = {widget_kind(spec) for spec in SPECS}
    assert {TYPES[name].widget for name in TYPES} <= set(WIDGETS)
    assert set(WIDGETS) - kinds == set()  # every widget is exercised below


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_keys_are_the_value_keys(make, spec):
    widget = make(spec)
    assert isinstance(widget, FieldWidget)
    assert widget.spec is spec
    assert widget.keys() == [leaf.key for leaf in leaf_specs(spec)]
    with pytest.raises(KeyError):
        widget.text("no_such_key")


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_set_text_round_trips_without_emitting(qtbot, make, spec):
    widget = make(spec)
    for leaf in leaf_specs(spec):
        text = canonical(leaf)
        with qtbot.assert_not_emitted(widget.edited):
            widget.set_text(leaf.key, text)
        assert widget.text(leaf.key) == text
        with qtbot.assert_not_emitted(widget.edited):
            widget.set_text(leaf.key, "")
        assert widget.text(leaf.key) == ""


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
def test_seed_texts_survive_a_load(qtbot, template_id, seed_000_raw, award_template, seed_004):
    """Whatever was stored comes back unchanged until the user edits it."""
    from forms.validate import expand_values

    template = TEMPLATES[template_id]
    raw = seed_000_raw if template_id == "cancer_week_summary" \
        else expand_values(award_template, seed_004)[0]
    assert raw
    for spec in template.fields():
        widget = create_field_widget(spec)
        qtbot.addWidget(widget)
        for key in widget.keys():
            if key in raw:
                with qtbot.assert_not_emitted(widget.edited):
                    widget.set_text(key, raw[key])
                assert widget.text(key) == raw[key], key


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_show_state_error_warning_plain(make, spec):
    widget = make(spec)
    key = widget.keys()[-1]
    slot = widget._slot(key)
    widget.show_state(key, [error(key, "人数应为整数", "是否漏写'万'？")], "= 46.21 人")
    assert all(frame.property("state") == "error" for frame in slot.frames)
    assert slot.message.property("state") == "error"
    assert widget.state(key) == "error"
    assert widget.message_text(key) == "人数应为整数；是否漏写'万'？"
    assert not slot.message.isHidden()
    if slot.reading is not None:
        assert slot.reading.text() == "= 46.21 人"

    widget.show_state(key, [warning(key, "单位不一致"), warning(key, "请确认")], "")
    assert all(frame.property("state") == "warning" for frame in slot.frames)
    assert widget.state(key) == "warning"
    assert widget.message_text(key) == "单位不一致\n请确认"

    widget.show_state(key, [warning(key), error(key, "错了")], "")
    assert all(frame.property("state") == "error" for frame in slot.frames)

    widget.show_state(key, [], "= 603 场")
    assert all(frame.property("state") == "" for frame in slot.frames)
    assert widget.state(key) == ""
    assert widget.message_text(key) == ""
    assert slot.message.isHidden()
    if slot.reading is not None:
        assert slot.reading.text() == "= 603 场"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_label_widget(make, spec):
    widget = make(spec)
    label = widget.label_widget()
    assert label is widget.label_widget()
    assert spec.label in label.text()
    assert ("*" in label.text()) == spec.required
    assert label.toolTip() == field_tooltip(spec)  # help and an example


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_read_only_blocks_typing(qtbot, make, spec):
    """Type into every text input (line edits, text boxes, tables): nothing changes and
    nothing is emitted; no button or combo box that could change the value is enabled; and
    once editable again, the same inputs take typing."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QHeaderView,
        QPlainTextEdit,
        QTextEdit,
    )

    widget = make(spec)
    for leaf in leaf_specs(spec):
        widget.set_text(leaf.key, canonical(leaf))
    before = {leaf.key: widget.text(leaf.key) for leaf in leaf_specs(spec)}
    widget.set_read_only(True)
    assert widget.is_read_only()
    children = [w for w in widget.findChildren(QWidget) if w.isVisibleTo(widget)]
    texts = [w for w in children if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit)]
    with qtbot.assert_not_emitted(widget.edited):
        for child in texts:
            qtbot.keyClicks(child, "9")
            qtbot.keyClick(child, Qt.Key.Key_Backspace)
        for child in children:
            if isinstance(child, QAbstractButton) and not child.objectName().startswith("qt_"):
                assert not child.isEnabled(), child  # enabled, it could change the value
            elif isinstance(child, QComboBox):
                assert not child.isEnabled(), child
            elif isinstance(child, QAbstractItemView) and not isinstance(child, QHeaderView):
                assert child.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
                QGuiApplication.clipboard().setText("人民网 http://example.com/1.html")
                child.selectAll()
                for key, modifier in ((Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
                                      (Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)):
                    qtbot.keyClick(child, key, modifier)
    assert {leaf.key: widget.text(leaf.key) for leaf in leaf_specs(spec)} == before
    widget.set_read_only(False)
    assert not widget.is_read_only()
    if texts:
        with qtbot.wait_signal(widget.edited, timeout=WAIT_MS):
            qtbot.keyClicks(texts[0], "9")


@pytest.mark.parametrize("spec", [s for s in SPECS if s.placeholder], ids=lambda s: s.key)
def test_placeholder_is_shown(make, spec):
    widget = make(spec)
    placeholders = [w.placeholderText() if hasattr(w, "placeholderText") else w.text()
                    for w in widget.findChildren(QWidget)
                    if hasattr(w, "placeholderText") or isinstance(w, QLabel)]
    assert any(spec.placeholder in text for text in placeholders)


def test_focus_key_scrolls_to_the_field_and_focus_left_fires(qtbot, week_template):
    page = QWidget()
    column = QVBoxLayout(page)
    widgets = {}
    for spec in week_template.fields():
        widgets[spec.key] = create_field_widget(spec, page)
        column.addWidget(widgets[spec.key])
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.resize(700, 400)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()

    target = widgets["direct_beneficiaries"]
    target.focus_key("direct_beneficiaries")
    qtbot.waitUntil(lambda: target.edit.hasFocus())
    assert area.verticalScrollBar().value() > 0
    top = target.mapTo(page, target.rect().topLeft()).y()
    shown = area.verticalScrollBar().value()
    assert shown <= top <= shown + area.viewport().height()

    with qtbot.waitSignal(target.focus_left) as blocker:
        widgets["lectures"].focus_key("lectures")
    assert blocker.args == ["direct_beneficiaries"]

    pair = widgets["lecture_attendance"]
    pair.focus_key("lecture_attendance.offline")
    qtbot.waitUntil(lambda: pair.edits["lecture_attendance.offline"].hasFocus())
    with qtbot.waitSignal(pair.focus_left) as blocker:
        pair.focus_key("lecture_attendance.online")
    assert blocker.args == ["lecture_attendance.offline"]

    names = widgets["hospitals"]
    names.focus_key("hospitals")
    with qtbot.assert_not_emitted(names.focus_left):  # moving inside one field is no leave
        names.names.setFocus()
        qtbot.waitUntil(names.names.hasFocus)


def test_show_state_with_real_validation(make, week_template, seed_000_raw):
    """The editor's loop: text in, forms validates, issues and display back."""
    validator = Validator(week_template, seed_000_raw)
    widget = make(week_template.field("direct_beneficiaries"))
    widget.set_text("direct_beneficiaries", seed_000_raw["direct_beneficiaries"])
    widget.show_state("direct_beneficiaries", validator.issues_for("direct_beneficiaries"),
                      validator.display("direct_beneficiaries"))
    assert widget.edit.property("state") == "error"
    assert "人数应为整数" in widget.message_text("direct_beneficiaries")
    assert widget.input.reading.text() == ""  # an error stores no number, so none is shown
