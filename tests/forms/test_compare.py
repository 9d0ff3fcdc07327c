"""Declared comparisons: a <= b, a == b + c, numbers and dates, with the message and severity
the template gives."""

from __future__ import annotations

import re

import pytest

from forms.expressions import ExpressionError, parse_expression
from forms.issues import ERROR, WARNING
from forms.loader import load_template_text
from forms.validate import validate_report
from tests.forms.feature_form import TEXT

RULE = 'kind = "compare"\nexpression = "spent <= budget"\nseverity = "error"\n' \
       'message = "实际支出（{left}元）超过了预算（{right}元）"'


def with_rule(expression: str, extra: str = "") -> object:
    text = TEXT.replace(RULE, f'kind = "compare"\nexpression = "{expression}"{extra}')
    text = text.replace('\n[[rules]]\nkind = "compare"\nexpression = "total <= expected"\n', "")
    assert text.count("[[rules]]") == 1
    return load_template_text(text)


def found(template, raw: dict[str, str], code: str | None = None):
    return [i for i in validate_report(template, raw).issues
            if i.code not in ("required",) and (code is None or i.code == code)
            and i.field in ("spent", "budget", "offline", "expected", "total", "filled_on",
                            "smallest", "largest")]


def test_the_message_and_severity_come_from_the_template():
    template = load_template_text(TEXT)
    (issue,) = found(template, {"spent": "1.2万元", "budget": "1万元"})
    assert (issue.field, issue.severity, issue.code) == ("spent", ERROR, "greater_than")
    assert issue.message == "实际支出（12,000元）超过了预算（10,000元）"
    assert found(template, {"spent": "9000元", "budget": "1万元"}) == []
    assert found(template, {"spent": "9000元"}) == []  # a side left empty: nothing to compare


@pytest.mark.parametrize(("expression", "raw", "code", "message"), [
    ("offline <= expected", {"offline": "12人", "expected": "10人"}, "greater_than",
     "线下参与人数（12）大于预计受益人数（10）"),
    ("offline < expected", {"offline": "10人", "expected": "10人"}, "not_less_than",
     "线下参与人数（10）不小于预计受益人数（10）"),
    ("offline >= 100", {"offline": "99人"}, "less_than", "线下参与人数（99）小于100"),
    ("expected == offline + screened.men - 5", {"expected": "30人", "offline": "20人",
                                                "screened.men": "10人"}, "not_equal",
     "预计受益人数（30）与线下参与人数 + 筛查人数（男） - 5（25）不相等"),
    ("smallest != largest", {"smallest": "8人", "largest": "8人"}, "equal",
     "单场最少人数（8）与单场最多人数（8）相等"),
])
def test_comparisons_of_numbers(expression, raw, code, message):
    (issue,) = found(with_rule(expression), raw)
    assert (issue.code, issue.message, issue.severity) == (code, message, WARNING)


@pytest.mark.parametrize(("expression", "raw"), [
    ("offline <= expected", {"offline": "10人", "expected": "10人"}),
    ("expected == offline + screened.men - 5", {"expected": "25人", "offline": "20人",
                                                "screened.men": "10人"}),
    ("expected == offline + screened.men", {"expected": "约30人", "offline": "20人",
                                            "screened.men": "11人"}),  # 约: not expected exact
])
def test_comparisons_that_hold(expression, raw):
    assert found(with_rule(expression), raw) == []


@pytest.mark.parametrize(("expression", "code", "message"), [
    ("activity_time <= fill_date", "date_after", "活动具体时间（2024-04-26）晚于填表日期（2024-04-20）"),
    ("fill_date > activity_time", "date_not_after", "填表日期（2024-04-20）不晚于活动具体时间（2024-04-26）"),
    ("fill_date == activity_time", "date_not_equal",
     "填表日期（2024-04-20）与活动具体时间（2024-04-15至2024-04-26）不是同一天"),
])
def test_dates_compare_as_periods(week_template, expression, code, message):
    text = week_template.source.replace('expression = "fill_date >= activity_time"',
                                        f'expression = "{expression}"')
    template = load_template_text(text)
    raw = {"fill_date": "2024年4月20日", "activity_time": "2024年4月15-26日"}
    (issue,) = [i for i in validate_report(template, raw).issues if i.code.startswith("date_")]
    assert (issue.code, issue.message) == (code, message)
    later = {"fill_date": "2024年4月28日", "activity_time": "2024年4月15-26日"}
    assert [i for i in validate_report(template, later).issues
            if i.code.startswith("date_")] == ([] if "==" not in expression else [issue.__class__(
                issue.field, issue.label, issue.severity, code,
                message.replace("04-20", "04-28"), issue.suggestion)])


def test_the_week_forms_date_rule_is_a_comparison(week_template):
    check = validate_report(week_template, {"fill_date": "2024年4月20日",
                                            "activity_time": "2024年4月15-26日"})
    (issue,) = [i for i in check.issues if i.code == "date_before"]
    assert issue.message == "填表日期（2024-04-20）早于活动具体时间（2024-04-26）"
    fine = validate_report(week_template, {"fill_date": "2024年4月26日",
                                           "activity_time": "2024年4月15-26日"})
    assert not [i for i in fine.issues if i.code == "date_before"]


@pytest.mark.parametrize(("text", "problem"), [
    ("a <= b <= c", "需要一个比较符号"), ("a b", "需要一个比较符号"), ("a <=", "右边缺少"),
    ("+ a <= b", "左边的“+”位置不对"), ("a + + b <= c", "左边的“+”位置不对"),
    ("a 2 <= b", "前缺少 + 或 -"), ("直接 <= b", "看不懂"), ("", "表达式为空"),
])
def test_expressions_that_cannot_be_read(text, problem):
    with pytest.raises(ExpressionError, match=re.escape(problem)):
        parse_expression(text)


def test_expressions_as_non_programmers_write_them():
    left, op, right = parse_expression("a ≤ b + 1")
    assert op == "<=" and right[1].number == 1.0
    assert parse_expression("a = b")[1] == "=="
    assert parse_expression("a ＞＝ b")[1] == ">="
    assert parse_expression("-a < 3")[0][0].sign == -1
