"""The template language's checks: show_if, calculate, options with codes, aggregate and
declared comparisons — each mistake named with its line, all of them at once."""

from __future__ import annotations

import pytest

from forms.loader import check_template_text
from tests.forms.feature_form import TEXT


def problems_of(text: str) -> list[tuple[int | None, str, str]]:
    check = check_template_text(text, "t.toml")
    assert check.template is None, "the template should be refused"
    return [(p.line, p.where, p.message) for p in check.problems]


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_feature_form_is_good():
    check = check_template_text(TEXT)
    assert check.ok, [p.text() for p in check.problems]


# (text in the feature form, its replacement, where, the message)
MISTAKES = [
    ('show_if = { field = "live_streamed", equals = "是" }',
     'show_if = { field = "streamed", equals = "是" }',
     "字段“viewers”", "show_if 引用了不存在的字段“streamed”"),
    ('show_if = { field = "live_streamed", equals = "是" }',
     'show_if = { field = "live_streamed", equals = "也许" }',
     "字段“viewers”", "show_if 的 equals“也许”不是字段“live_streamed”能填的值"),
    ('show_if = { field = "live_streamed", equals = "是" }',
     'show_if = { field = "viewers", equals = "1" }', "字段“viewers”", "show_if 不能引用本字段自己"),
    ('show_if = { field = "live_streamed", equals = "是" }',
     'show_if = { field = "live_streamed", value = "是" }', "字段“viewers”", "未知的键：value"),
    ('calculate = { sum = ["offline", "screened", "viewers"] }',
     'calculate = { sum = ["offline", "visitors"] }',
     "字段“total”", "calculate 引用了不存在的字段“visitors”"),
    ('calculate = { sum = ["offline", "screened", "viewers"] }',
     'calculate = { sum = ["offline", "unit"] }',
     "字段“total”", "字段“unit”（类型 text）不是数字，不能相加"),
    ('calculate = { sum = ["offline", "screened", "viewers"] }',
     'calculate = { sum = ["offline", "budget"] }',
     "字段“total”", "不能把金额和数量相加（“budget”）"),
    ('calculate = { sum = ["offline", "screened", "viewers"] }',
     'calculate = { product = ["offline"] }', "字段“total”", "未知的键：product"),
    ('options = [{ code = "p", label = "省级" }, { code = "c", label = "市级" }',
     'options = [{ code = "p", label = "省级" }, { code = "p", label = "市级" }',
     "字段“level”", "选项代码“p”用了2次"),
    ('options = [{ code = "p", label = "省级" }, { code = "c", label = "市级" }',
     'options = [{ code = "p", label = "省级" }, { code = "c", name = "市级" }',
     "字段“level”的第2个选项", "未知的键：name"),
    ('aggregate = "mean"', 'aggregate = "average"', "字段“per_session”",
     "aggregate 只能是 sum、min、max、mean、none（类型 count）"),
    ('expression = "spent <= budget"', 'expression = "spent <= budgets"', "规则 1",
     "引用了不存在的字段“budgets”"),
    ('expression = "spent <= budget"', 'expression = "spent budget"', "规则 1",
     "expression 有误：需要一个比较符号：<=、<、>=、>、== 或 !="),
    ('expression = "spent <= budget"', 'expression = "spent <= filled_on"', "规则 1",
     "不能把日期和数字相比"),
    ('expression = "spent <= budget"', 'expression = "unit == budget"', "规则 1",
     "字段“unit”（类型 text）不能比较大小"),
    ('expression = "spent <= budget"', 'expression = "spent <= budget +"', "规则 1",
     "expression 有误：右边缺少字段或数字"),
    ('period = "year"', 'period = "years"', "角色 period", "引用了不存在的字段“years”"),
]


@pytest.mark.parametrize(("old", "new", "where", "message"), MISTAKES,
                         ids=[m[3][:24] for m in MISTAKES])
def test_each_mistake_is_named_on_its_line(old, new, where, message):
    assert old in TEXT
    text = TEXT.replace(old, new, 1)
    found = problems_of(text)
    assert (line_of(text, new.split("\n")[0]), where, message) in found
    assert len(found) == 1 or message.startswith("未知的键")  # (then the missing key too)


def test_a_calculation_cycle_is_named():
    text = TEXT.replace('id = "expected"\nlabel = "预计受益人数"\ntype = "count"\nunit = "人"',
                        'id = "expected"\nlabel = "预计受益人数"\ntype = "count"\nunit = "人"\n'
                        'calculate = { sum = ["total"] }').replace(
        'calculate = { sum = ["offline", "screened", "viewers"] }',
        'calculate = { sum = ["offline", "expected"] }')
    ((line, where, message),) = problems_of(text)
    assert message.startswith("calculate 循环引用：")
    assert {"total", "expected"} <= set(message.split("：")[1].split(" → "))


def test_a_show_if_cycle_is_named():
    text = TEXT.replace('id = "live_streamed"\nlabel = "是否开展线上直播"\ntype = "yes_no"',
                        'id = "live_streamed"\nlabel = "是否开展线上直播"\ntype = "yes_no"\n'
                        'show_if = { field = "viewers", equals = "1" }')
    ((_line, _where, message),) = problems_of(text)
    assert message.startswith("show_if 循环引用：")


def test_every_mistake_is_found_at_once():
    text = TEXT
    for old, new, *_ in MISTAKES[:1] + MISTAKES[4:5] + MISTAKES[8:9] + MISTAKES[16:17]:
        text = text.replace(old, new, 1)
    text = text.replace('type = "phone"', 'type = "telephone"')
    messages = [message for _line, _where, message in problems_of(text)]
    assert len(messages) == 5
    assert any(m.startswith("未知的类型“telephone”") for m in messages)


@pytest.mark.parametrize(("equals", "expected"), [
    ('"是"', (True,)), ("true", (True,)), ('"有"', (True,)), ('["否", "是"]', (False, True))])
def test_show_if_compares_parsed_values(equals, expected):
    from forms.loader import load_template_text

    text = TEXT.replace('equals = "是" }', f"equals = {equals} }}")
    assert load_template_text(text).field("viewers").show_if.values == expected


def test_show_if_on_a_choice_takes_the_label_or_the_code():
    from forms.loader import load_template_text

    for written in ("市级", "c", "2"):
        text = TEXT.replace('show_if = { field = "live_streamed", equals = "是" }',
                            f'show_if = {{ field = "level", equals = "{written}" }}')
        assert load_template_text(text).field("viewers").show_if.values == ("c",)


def test_old_rule_kinds_still_load_and_keep_their_checks():
    text = TEXT.replace('kind = "compare"\nexpression = "spent <= budget"',
                        'kind = "not_greater"\nfields = ["spent", "budget"]')
    from forms.loader import load_template_text

    rule = load_template_text(text).rules[0]
    assert (rule.kind, rule.expression, rule.op) == ("compare", "spent <= budget", "<=")
    wrong = TEXT.replace('kind = "compare"\nexpression = "spent <= budget"',
                         'kind = "date_not_before"\nfields = ["spent", "budget"]')
    assert problems_of(wrong)[0][2] == "规则“date_not_before”不能用于字段“spent”（类型 money）"
