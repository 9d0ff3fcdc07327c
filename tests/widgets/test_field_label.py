"""Field labels: plain text (Qt's own QLabel where it sizes a label alike), yet sized exactly
as rich text sizes them."""

from __future__ import annotations

import html
import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel

from forms.loader import builtin_templates
from forms.template_fields import LABEL_LIMIT
from widgets.look import FieldLabel, field_label

MIXED = "国际肿瘤防治宣传周活动总结表（）人次万元第栏数量、，。：“”《》count abcfjy0123456789-/%_·…—～"


def label_texts() -> list[str]:
    """Every label of the built-in forms, and mixed texts of every length up to 60, and of
    longer ones up to the longest a template may have."""
    texts = [spec.label for template in builtin_templates().values() for spec in template.leaves()]
    rng = random.Random(20261202)
    lengths = [*range(1, 61), *range(61, LABEL_LIMIT + 1, 7), LABEL_LIMIT]
    texts += ["".join(rng.choice(MIXED) for _ in range(n)) for n in lengths for _ in range(4)]
    return [" ".join(text.split()) for text in texts if text.strip()]


def bundled_font() -> QFont:
    """The app's own font (registered, not made the application's font here)."""
    from ui.startup import FONT_DIR, FONT_FILES

    font = QFont(QApplication.font())
    for name in FONT_FILES:
        families = QFontDatabase.applicationFontFamilies(
            QFontDatabase.addApplicationFont(str(FONT_DIR / name)))
        if families:
            font.setFamilies([families[0], *font.families()])
    font.setPointSize(10)
    return font


@pytest.mark.parametrize("points", [None, 9.0, 12.5, "bundled"])
def test_sized_as_rich_text_and_shrinks_as_a_label(qtbot, points):
    """The hint is the rich-text label's (a block about as wide as tall, not one long line;
    one-line texts take the quick path, the rest the document), and the minimum is the plain
    word-wrapped label's, for every text and font size."""
    font = bundled_font() if points == "bundled" else QFont(QApplication.font())
    if isinstance(points, float):
        font.setPointSizeF(points)
    wrong, kinds = [], set()
    for text in label_texts():
        ours = field_label(text, font)
        kinds.add(type(ours))
        rich = QLabel()
        rich.setTextFormat(Qt.TextFormat.RichText)
        rich.setText(html.escape(text))
        plain = QLabel(text)
        plain.setTextFormat(Qt.TextFormat.PlainText)
        for label in (rich, plain):
            label.setWordWrap(True)
        for label in (ours, rich, plain):
            label.setFont(font)
        if ours.sizeHint() != rich.sizeHint() or ours.minimumSizeHint() != plain.minimumSizeHint():
            wrong.append((text, ours.sizeHint(), rich.sizeHint(), ours.minimumSizeHint(),
                          plain.minimumSizeHint()))
    assert not wrong, wrong[:5]
    assert kinds == {QLabel, FieldLabel}  # Qt's own for a one-line label, else ours


def test_a_long_label_is_a_block_and_a_new_font_is_measured_again(qtbot):
    label = field_label("宣传活动直接受益人数（包括线下讲座、义诊、咨询和线上直播的观看人次）",
                        QApplication.font())
    assert isinstance(label, FieldLabel)
    qtbot.addWidget(label)
    line = label.fontMetrics().height()
    hint = label.sizeHint()
    assert hint.height() >= 2 * line  # wrapped into a block
    assert hint.width() < label.fontMetrics().horizontalAdvance(label.text())
    bigger = QFont(label.font())
    bigger.setPointSizeF(bigger.pointSizeF() * 1.5)
    label.setFont(bigger)
    assert label.sizeHint().height() > hint.height()
