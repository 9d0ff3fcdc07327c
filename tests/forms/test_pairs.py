"""Compound rows: a whole cell with its total keeps both parts and checks the total; a figure
typed into the other part's box is not stored there."""

from __future__ import annotations

import itertools

import pytest

from forms.pairs import split_compound
from forms.validate import Validator, expand_values

KEY = "lecture_attendance"
OFF, ON = f"{KEY}.offline", f"{KEY}.online"

TOTAL_FIRST = ["共{t}人次，其中线下参与{a}人，线上观看{b}人次", "合计{t}人次；其中线下{a}人，线上{b}人次",
               "共计{t}人次，线下参与{a}人，线上观看{b}人次", "{t}人次，其中线下参与{a}人、线上观看{b}人次",
               "总计{t}人次：线下{a}人，线上{b}人次", "共{t}人次\n线下参与{a}人\n线上观看{b}人次",
               "累计{t}人次，其中线上观看{b}人次，线下参与{a}人"]
TOTAL_LAST = ["线下参与{a}人，线上观看{b}人次，共{t}人次", "线下{a}人、线上{b}人次，合计{t}人次",
              "线下参与{a}人；线上观看{b}人次；总计{t}人次"]
BRACKETED = ["{t}人次（线下{a}人，线上{b}人次）", "共{t}人次（其中线下参与{a}人、线上观看{b}人次）",
             "{t}人次(线下参与{a}人;线上观看{b}人次)"]
LAYOUTS = TOTAL_FIRST + TOTAL_LAST + BRACKETED
FIGURES = [(860, 3200), (1, 0), (210546, 245975), (12000, 80000)]


def figures(validator: Validator) -> tuple[int | None, int | None]:
    values = validator.values()
    return (values.get(OFF, {}).get("value"), values.get(ON, {}).get("value"))


def row_issues(validator: Validator) -> list:
    return [i for i in validator.issues() if i.field in (OFF, ON)]


def totals(validator: Validator) -> list[str]:
    return [i.message for i in validator.issues() if i.code == "total_mismatch"]


@pytest.mark.parametrize(("layout", "a", "b"), [(layout, a, b) for layout, (a, b)
                                                in itertools.product(LAYOUTS, FIGURES)])
def test_both_parts_kept_and_a_right_total_says_nothing(week_template, layout, a, b):
    validator = Validator(week_template)
    validator.set(KEY, layout.format(t=a + b, a=a, b=b))
    assert figures(validator) == (a, b)
    assert totals(validator) == []
    assert not [i for i in validator.issues() if i.field in (OFF, ON) and i.is_error]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_wrong_total_is_a_warning_kept_with_the_report(week_template, layout):
    validator = Validator(week_template)
    validator.set(KEY, layout.format(t=4160, a=860, b=3200))
    assert figures(validator) == (860, 3200)
    (message,) = totals(validator)
    assert message == "合计4,160人次与各项之和4,060（线下参与860人、线上观看3,200人次）不一致"
    # the total is kept in the parts' texts: a report opened again still says so
    again = Validator(week_template, {OFF: validator.raw[OFF], ON: validator.raw[ON]})
    assert totals(again) == [message]
    assert "4160" in validator.raw[OFF]


def test_fixing_a_part_clears_the_warning_on_the_other(week_template):
    validator = Validator(week_template)
    validator.set(KEY, "共4160人次，其中线下参与860人，线上观看3200人次")
    touched = validator.set(ON, "线上观看3300人次")
    assert OFF in touched
    assert totals(validator) == []
    assert validator.issues_for(OFF) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("共4060人次，其中线下参与860人，线上观看3200人次", {OFF: "线下参与860人（共4060人次）", ON: "线上观看3200人次"}),
    ("4060人次（线下860人，线上3200人次）", {OFF: "线下860人（合计4060人次）", ON: "线上3200人次"}),
    ("线下参与210546人线上观看245975人次", {OFF: "线下参与210546人", ON: "线上观看245975人次"}),
    ("210546人；245975人次", {OFF: "210546人", ON: "245975人次"}),
])
def test_split_compound(week_template, text, expected):
    assert split_compound(week_template.field(KEY), text) == expected


@pytest.mark.parametrize(("text", "warned"), [
    ("共约4000人次，其中线下约800人，线上约3200人次", False),  # 约: nothing exact to add
    ("共4060人次，其中线下参与860人", True),  # the online part is missing: 4060 ≠ 860
    ("共4060场，其中线下参与860人，线上观看3200人次", False),  # counted in something else
])
def test_totals_that_cannot_be_checked_or_miss_a_part(week_template, text, warned):
    validator = Validator(week_template)
    validator.set(KEY, text)
    assert bool(totals(validator)) is warned


def test_values_file_with_a_whole_cell(week_template):
    raw, unknown = expand_values(week_template, {"科普讲座的人数": "共4160人次，其中线下参与860人，线上观看3200人次"})
    assert unknown == []
    assert totals(Validator(week_template, raw))


# --- a figure typed into the other part ----------------------------------------------------------

@pytest.mark.parametrize(("key", "text"), [
    (ON, "线下参与210546人"), (ON, "线下210546人"), (OFF, "线上观看245975人次"), (OFF, "线上245975人次"),
    (OFF, "观看245975人次"), (ON, "参与210546人"),
])
def test_the_other_parts_label_gives_an_error_and_no_number(week_template, key, text):
    validator = Validator(week_template, {key: text})
    assert [i.code for i in validator.issues_for(key)] == ["other_part"]
    assert key not in validator.values()


@pytest.mark.parametrize(("key", "text"), [
    (ON, "网络直播3200人次"), (ON, "线上直播3200人次"), (ON, "直播观看3200人次"), (OFF, "现场参与860人"),
    (OFF, "线下讲座860人"), (ON, "3200人次"), (OFF, "860名听众"), (ON, "线上观看约3200人次"),
])
def test_own_or_neutral_words_are_fine(week_template, key, text):
    validator = Validator(week_template, {key: text})
    assert validator.issues_for(key) == [] or all(not i.is_error for i in validator.issues_for(key))
    assert key in validator.values()


# --- full-width thousands separators ---------------------------------------------------------

def wide(number: int) -> str:
    """3200 → 3，200: the full-width comma a Chinese keyboard types."""
    return f"{number:,}".replace(",", "，")


WIDE_LAYOUTS = ["线下{a}人，线上{b}人次", "线下参与{a}人，线上观看{b}人次", "线下{a}人、线上{b}人次",
                "线上{b}人次，线下{a}人", "线下：{a}人；线上：{b}人次", "{a}人，{b}人次", "{a}人、{b}人次",
                "线下{a}人\n线上{b}人次", "共{t}人次，其中线下{a}人，线上{b}人次",
                "线下{a}人，线上{b}人次，合计{t}人次", "{t}人次（线下{a}人，线上{b}人次）"]
WIDE_FIGURES = [(3200, 1500), (1000, 2000), (210546, 245975), (1234567, 12000), (999, 1500),
                (3200, 80)]


@pytest.mark.parametrize(("layout", "a", "b"), [
    (layout, a, b) for layout, (a, b) in itertools.product(WIDE_LAYOUTS, WIDE_FIGURES)])
def test_full_width_thousands_separators_are_read_whole(week_template, layout, a, b):
    validator = Validator(week_template)
    validator.set(KEY, layout.format(a=wide(a), b=wide(b), t=wide(a + b)))
    assert figures(validator) == (a, b)
    assert row_issues(validator) == []


@pytest.mark.parametrize(("text", "a", "b"), [
    ("3200，500人次", 3200, 500), ("12000，8000人次", 12000, 8000),  # four digits: a clause break
    ("线下500，线上300", 500, 300), ("线下500人，线上1，500人次", 500, 1500),
    ("线下3，200人，线上1500人次", 3200, 1500), ("12，000人次", 12000, None),  # 000 is no figure
])
def test_a_comma_that_can_only_be_one_thing(week_template, text, a, b):
    validator = Validator(week_template)
    validator.set(KEY, text)
    assert figures(validator) == (a, b)
    assert not [i for i in row_issues(validator) if i.is_error]


@pytest.mark.parametrize("text", ["3，200人", "500，300人次", "1，500人次", "3，200", "12，345人"])
def test_a_comma_that_may_be_either_is_an_error_and_no_number(week_template, text):
    validator = Validator(week_template, {OFF: "100人", ON: "200人次"})
    validator.set(KEY, text)
    assert figures(validator) == (None, None)
    (issue,) = [i for i in row_issues(validator) if i.is_error]
    assert (issue.code, issue.field) == ("unclear_separator", OFF)
    assert "千位分隔符" in issue.message and "去掉逗号" in issue.suggestion
    assert text in validator.raw[OFF]  # kept whole, for the person to fix
    again = Validator(week_template, dict(validator.raw))  # and still an error when reopened
    assert [i.code for i in row_issues(again) if i.is_error] == ["unclear_separator"]


# --- none in one part, or in the whole row ---------------------------------------------------

NONE_MARKS = ["无", "/", "——", "-", "暂无", "暂无数据", "无数据", "没有", "0", "未开展"]


@pytest.mark.parametrize(("layout", "mark"), list(itertools.product(
    ["线下500人，线上{m}", "线下500人；线上：{m}", "线上{m}，线下500人", "线下500人 线上观看{m}",
     "线下500人\n线上观看：{m}", "线下参与500人、线上观看 {m}"], NONE_MARKS)))
def test_a_mark_for_none_in_one_part_is_zero(week_template, layout, mark):
    validator = Validator(week_template)
    validator.set(KEY, layout.format(m=mark))
    assert figures(validator) == (500, 0)
    assert validator.display(ON) == "= 0（无）"
    assert row_issues(validator) == []


@pytest.mark.parametrize("mark", NONE_MARKS + ["暂无。", "无；"])
def test_a_mark_for_none_in_the_whole_row_is_none_in_each_part(week_template, mark):
    validator = Validator(week_template)
    validator.set(KEY, mark)
    assert figures(validator) == (0, 0)
    assert row_issues(validator) == []


@pytest.mark.parametrize(("key", "text"), [(ON, "线上无"), (ON, "线上观看：暂无数据"), (OFF, "线下/"),
                                           (ON, "暂无数据"), (OFF, "线下参与 暂无")])
def test_a_part_typed_as_none_is_zero(week_template, key, text):
    validator = Validator(week_template, {key: text})
    assert validator.values()[key]["value"] == 0
    assert validator.issues_for(key) == []


# --- a total alone -----------------------------------------------------------------------------

TOTALS = ["共5000人次", "合计5000人次", "总计约5000人次", "共计 5,000 人次", "共5，000人次", "累计5000人次",
          "总共：5000人次", "合计：5000人次。"]


@pytest.mark.parametrize("text", TOTALS)
def test_a_total_alone_asks_for_the_parts_and_stores_no_figure(week_template, text):
    validator = Validator(week_template)
    validator.set(KEY, text)
    assert figures(validator) == (None, None)
    (issue,) = row_issues(validator)
    assert (issue.code, issue.field, issue.is_error) == ("total_only", OFF, True)
    assert "请分别填写“线下参与”和“线上观看”的数字" in issue.message
    reopened = Validator(week_template, dict(validator.raw))
    assert [i.code for i in row_issues(reopened)] == ["total_only"]


@pytest.mark.parametrize("text", TOTALS)
def test_a_total_alone_keeps_the_parts_written_and_is_checked_against_them(week_template, text):
    validator = Validator(week_template, {OFF: "线下参与800人（共4000人次）", ON: "4200人次"})
    validator.set(KEY, text)
    assert figures(validator) == (800, 4200)  # never wiped
    assert row_issues(validator) == []  # 800 + 4200 = 5000
    assert validator.raw[OFF].startswith("线下参与800人（") and "4000" not in validator.raw[OFF]
    validator.set(ON, "4300人次")
    exact = "约" not in text  # 约: nothing exact to check
    assert [i.code for i in row_issues(validator)] == (["total_mismatch"] if exact else [])


def test_a_values_file_with_a_total_alone_keeps_the_parts(week_template):
    raw, _unknown = expand_values(week_template, {KEY: "共5000人次"},
                                  {OFF: "100人", ON: "4900人次"})
    assert (raw[OFF], raw[ON]) == ("100人（共5000人次）", "4900人次")
    raw, _unknown = expand_values(week_template, {KEY: "共5000人次"})
    assert (raw[OFF], raw[ON]) == ("（共5000人次）", "")
