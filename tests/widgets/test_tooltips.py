"""Hovering over a field shows its help and an example (``example``, else the placeholder)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from widgets.base import field_tooltip

pytestmark = pytest.mark.gui


def test_help_then_the_example_from_the_placeholder(qtbot, make, week_template):
    spec = week_template.field("hospitals")
    assert spec.placeholder and spec.help and spec.placeholder not in spec.help
    widget = make(spec)
    tip = widget.names.toolTip()
    assert tip == f"{spec.help}\n例如：{spec.placeholder}"
    assert widget.label_widget().toolTip() == tip


def test_an_example_key_wins_over_the_placeholder(qtbot, make, week_template):
    spec = replace(week_template.field("posters"), example="8234张", placeholder="数量")
    assert field_tooltip(spec).endswith("例如：8234张")
    assert make(spec).edit.toolTip().endswith("例如：8234张")


def test_an_example_already_in_the_help_is_not_repeated(award_template):
    spec = award_template.field("year")
    assert spec.example in spec.help
    assert field_tooltip(spec) == spec.help


def test_a_part_takes_its_parents_help_with_its_own_example(qtbot, make, week_template):
    spec = week_template.field("lecture_attendance")
    widget = make(spec)
    for part in spec.parts:
        tip = widget.edits[part.key].toolTip()
        assert tip.startswith(spec.help) and tip.endswith(f"例如：{part.placeholder}")


def test_a_field_without_help_still_shows_its_example(week_template):
    spec = replace(week_template.field("unit_name"), help="")
    assert field_tooltip(spec) == f"例如：{spec.placeholder}"
    assert field_tooltip(replace(spec, placeholder="")) == ""
