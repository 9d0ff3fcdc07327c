"""``pattern``: a text field whose whole text must match a regular expression (XLSForm regex)."""

from __future__ import annotations

import pytest

from forms.loader import check_template_text
from forms.registry import parse_field

TEMPLATE = """id = "x"
title = "表"
version = 1

[[sections]]
id = "s"
title = "节"

[[sections.fields]]
id = "code"
label = "机构代码"
type = "text"
pattern = "{pattern}"
pattern_message = "机构代码为9位数字"
"""


def field(pattern: str = "[0-9]{9}"):
    checked = check_template_text(TEMPLATE.replace("{pattern}", pattern), "t")
    assert checked.problems == []
    return checked.template.field("code")


@pytest.mark.parametrize(("text", "ok"), [("123456789", True), ("12345678", False),
                                          ("1234567890", False), ("12345678a", False)])
def test_the_whole_text_must_match(text, ok):
    issues = parse_field(field(), text).issues
    assert (issues == ()) is ok
    if not ok:
        assert [(i.code, i.message) for i in issues] == [("pattern_mismatch", "机构代码为9位数字")]


def test_an_empty_field_is_not_checked():
    assert parse_field(field(), "").issues == ()


@pytest.mark.parametrize(("pattern", "words"), [
    ("[0-9", "不是有效的正则表达式"),
    ("(a+)+b", "嵌套的重复"),
    ("(x)\\\\1", "反向引用"),
])
def test_bad_patterns_are_named(pattern, words):
    checked = check_template_text(TEMPLATE.replace("{pattern}", pattern), "t")
    assert checked.template is None or checked.problems
    assert any(words in str(p) for p in checked.problems)


def test_a_long_text_never_reaches_the_expression():
    assert parse_field(field("[0-9]+"), "1" * 5000).issues[0].code == "pattern_mismatch"
