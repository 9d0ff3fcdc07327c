"""The count of a name list: written before or after the names, or refused with no count at
all (never one made up from the names): vague amounts, look-alike letters, misplaced
separators, ranges; what a merge adds up."""

from __future__ import annotations

import itertools

import pytest

from exports.merge_values import combine
from forms.name_cells import split_cell, written_as_count
from forms.registry import parse_field
from forms.validate import Validator

KEY = "hospitals"
NAMES = ["四川省肿瘤医院", "成都市第五人民医院"]
LISTED = "、".join(NAMES)


@pytest.fixture
def hospitals(week_template):
    return week_template.field(KEY)


def errors(parsed) -> list[str]:
    return [issue.code for issue in parsed.issues if issue.is_error]


# --- the count after the names --------------------------------------------------------------

AFTER = [  # (layout, partial): {n} the count, {names} the list
    ("{names}等{n}家", True), ("{names}等{n}家医院", True), ("{names}等共{n}家", True),
    ("{names}等，共{n}家", True), ("{names}；等{n}家", True), ("{names}、等{n}家", True),
    ("{names}等\n共{n}家", True), ("{names}等{n}家。", True), ("{names}等{n}家单位", True),
    ("{names}共{n}家", False), ("{names}，共计{n}家", False), ("{names}，合计{n}家", False),
    ("{names}共 {n} 家", False), ("{names}等约{n}家", True), ("{names}等{n}家，另有说明。", True),
    ("{names}等{n}", True),
]
COUNTS = [("5", 5), ("1431", 1431), ("1,431", 1431), ("十二", 12), ("三十余", 30)]


@pytest.mark.parametrize(("layout", "partial", "written", "count"), [
    (layout, partial, written, count)
    for (layout, partial), (written, count) in itertools.product(AFTER, COUNTS)])
def test_a_count_written_after_the_names_is_the_count(hospitals, layout, partial, written, count):
    parsed = parse_field(hospitals, layout.format(names=LISTED, n=written))
    assert parsed.value["count"]["value"] == count
    assert parsed.value["names"] == NAMES
    assert parsed.value["partial"] is partial
    assert errors(parsed) == []


@pytest.mark.parametrize(("text", "count", "names"), [
    ("1431家医院；A医院、B医院；等", 1431, ["A医院", "B医院"]),
    ("共5家：A医院、B医院等", 5, ["A医院", "B医院"]),
    ("约30家；A医院、B医院等", 30, ["A医院", "B医院"]),
    ("5家（含民营2家）；A医院、B医院；等", 5, ["A医院", "B医院"]),
    ("1431 家；A医院、B医院；等", 1431, ["A医院", "B医院"]),
    ("5；A医院、B医院；等", 5, ["A医院", "B医院"]), ("5 A医院、B医院；等", 5, ["A医院", "B医院"]),
    ("1,431 A医院、B医院等", 1431, ["A医院", "B医院"]),
    ("一千四百三十一家；A医院、B医院；等", 1431, ["A医院", "B医院"]),
    ("5家医院", 5, []), ("五家", 5, []), ("1.2万家", 12000, []),
    ("平等医院、乙等医院共2家", 2, ["平等医院", "乙等医院"]),  # 等 inside a name
])
def test_counts_written_first(hospitals, text, count, names):
    parsed = parse_field(hospitals, text)
    assert (parsed.value["count"]["value"], parsed.value["names"]) == (count, names)
    assert errors(parsed) == []


# --- a count that is not one plain figure: an error, and no count from the names -------------

REFUSED = [
    # vague amounts
    ("数十家；A医院、B医院等", "vague_amount"), ("上百家医院参与", "vague_amount"),
    ("多家医院", "vague_amount"), ("几十家；A医院、B医院", "vague_amount"),
    ("十几家：A医院、B医院等", "vague_amount"), ("若干家；A医院", "vague_amount"),
    ("数家", "vague_amount"), ("上千家；A医院、B医院；等", "vague_amount"),
    ("A医院、B医院等数十家", "vague_amount"), ("A医院、B医院等多家医院", "vague_amount"),
    ("A医院、B医院等十几家单位", "vague_amount"), ("两三家：A医院、B医院", "vague_amount"),
    # look-alike letters and misplaced separators
    ("l431家；A医院、B医院；等", "bad_count"), ("I2家；A医院", "bad_count"),
    ("1O家；A医院、B医院；等", "bad_count"), ("12,00家；A医院、B医院", "bad_count"),
    ("1,2345家；A医院；等", "bad_count"), ("12，00家；A医院、B医院", "bad_count"),
    ("A医院、B医院等l2家", "bad_count"), ("12..5家；A医院", "bad_count"),
    # ranges and several figures
    ("3000-5000家", "several_numbers"), ("3000~5000家；A医院；等", "several_numbers"),
    ("30至50家：A医院、B医院等", "several_numbers"), ("A医院、B医院等30-50家", "several_numbers"),
    ("12家医院和3家诊所；A医院", "several_numbers"),
    # not a whole number, or counted in another unit
    ("12.5家；A医院", "fractional_count"), ("46.21家", "fractional_count"),
    ("5人；A医院、B医院", "unit_mismatch"), ("A医院、B医院等5场", "unit_mismatch"),
]


@pytest.mark.parametrize(("text", "code"), REFUSED)
def test_a_count_not_understood_is_an_error_and_no_number(hospitals, text, code):
    parsed = parse_field(hospitals, text)
    assert code in errors(parsed)
    assert parsed.value is None  # no count, and none to make up from the names


@pytest.mark.parametrize("text", [
    "A医院、B医院等", "A医院、B医院、……", "A医院；B医院；等", "A医院、B医院等\n\n同时，各地也进行了宣传。",
    "全市各级医院", "各乡镇卫生院", "A医院及其他医院", "A医院、部分民营医院", "辖区内所有医院",
])
def test_no_count_with_etc_or_words_for_many_needs_the_figure(hospitals, text):
    parsed = parse_field(hospitals, text)
    (issue,) = [i for i in parsed.issues if i.is_error]
    assert issue.code in ("count_needed", "vague_amount")
    assert "请在开头写明" in issue.suggestion
    assert parsed.value is None


@pytest.mark.parametrize("text", ["A医院、B医院", "A医院\nB医院\nC医院", "A医院；B医院"])
def test_a_closed_list_without_a_count_is_counted_with_a_warning(hospitals, text):
    parsed = parse_field(hospitals, text)
    (issue,) = parsed.issues
    assert (issue.code, issue.is_error) == ("missing_count", False)
    assert parsed.value["count"] is None and parsed.value["names"]


@pytest.mark.parametrize("name", [
    "八一医院", "七台河市人民医院", "五家渠市人民医院", "三甲医院", "十堰市人民医院", "39健康网",
    "120急救中心", "12320卫生热线", "一医院", "成都市第三人民医院", "第2人民医院", "百色市人民医院",
    "万州区人民医院", "上海市第一人民医院", "多伦县医院", "成都市中西医结合医院", "三门峡市中心医院",
])
def test_names_that_start_with_a_numeral_are_names(hospitals, name):
    assert not written_as_count(name)
    parsed = parse_field(hospitals, f"3家；{name}、四川省肿瘤医院；等")
    assert parsed.value["names"] == [name, "四川省肿瘤医院"]
    assert errors(parsed) == []


@pytest.mark.parametrize(("text", "count"), [
    ("1431家", True), ("约30余家", True), ("数十家", True), ("l431家", True), ("12,00家", True),
    ("3000-5000家", True), ("5家医院", True), ("多家医院", True), ("1431", True), ("共5家", True),
    ("八一医院", False), ("七台河市", False), ("A医院", False), ("", False), ("等", False),
])
def test_written_as_count(text, count):
    assert written_as_count(text) is count


def test_the_cell_is_split_the_same_way_everywhere():
    cell = split_cell("A医院、B医院等5家\n\n同时，各地也进行了宣传。")
    assert (cell.count, cell.names, cell.partial, cell.note) == (
        "5家", ["A医院", "B医院"], True, "同时，各地也进行了宣传。")
    assert cell.compose() == "5家；A医院、B医院；等\n\n同时，各地也进行了宣传。"


# --- what a merge adds up ----------------------------------------------------------------------

def merged_count(template, *cells: str):
    units = [(f"单位{n}", Validator(template, {KEY: cell}).values()) for n, cell in
             enumerate(cells)]
    _raw, values = combine(template, units)
    return values.get(KEY, {}).get("count")


def test_a_count_after_the_names_is_added_in_a_merge(week_template):
    count = merged_count(week_template, "5家；C医院、D医院；等", "A医院、B医院等5家")
    assert count["value"] == 10


@pytest.mark.parametrize("refused", [text for text, _code in REFUSED] + [
    "A医院、B医院等", "全市各级医院"])
def test_a_list_with_an_error_adds_nothing_to_a_merge(week_template, refused):
    count = merged_count(week_template, "5家；C医院、D医院；等", refused)
    assert count["value"] == 5  # only what was written as a count


@pytest.mark.parametrize("text", ["暂无数据", "无", "暂无。", "/", "——", "无数据"])
def test_a_mark_for_none_is_none_not_a_name(hospitals, text):
    parsed = parse_field(hospitals, text)
    assert parsed.value["count"]["value"] == 0 and parsed.value["names"] == []
    assert parsed.issues == ()


@pytest.mark.parametrize("mark", ["无", "暂无数据", "/"])
def test_a_mark_for_none_among_names_is_left_out_everywhere(hospitals, mark):
    text = f"2家；甲医院、{mark}、乙医院"
    assert parse_field(hospitals, text).value["names"] == ["甲医院", "乙医院"]
    assert split_cell(text).listed() == ["甲医院", "乙医院"]  # the footer counts the same
