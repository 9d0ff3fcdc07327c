"""A text far over its field's limit: a clear error naming the limit, and no value read."""

from __future__ import annotations

from forms.registry import parse_field
from forms.types.base import MAX_INPUT


def test_a_text_over_everything_names_the_templates_limit(week_template):
    spec = week_template.field("unit_name")  # max_length = 100 in the template
    parsed = parse_field(spec, "四川省抗癌协会" * (MAX_INPUT // 7 + 1))
    [issue] = [i for i in parsed.issues if i.is_error]
    assert issue.code == "too_long_input"
    assert f"本栏最多{spec.max_length}字" in issue.message
    assert parsed.value is None


def test_a_text_over_its_limit_but_readable_says_by_how_much(week_template):
    spec = week_template.field("unit_name")
    parsed = parse_field(spec, "四川省抗癌协会" * 100)
    assert [(i.code, i.is_error) for i in parsed.issues] == [("too_long", True)]
    assert "超过100字" in parsed.issues[0].message
