"""Widget fixtures: build a field widget from a real template spec, shown offscreen."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from forms.spec import FieldSpec


@pytest.fixture
def make(qtbot) -> Callable[[FieldSpec], object]:
    """``make(spec)``: the field widget for ``spec``, owned by qtbot."""
    from widgets import create_field_widget

    def build(spec: FieldSpec):
        widget = create_field_widget(spec)
        qtbot.addWidget(widget)
        return widget

    return build

