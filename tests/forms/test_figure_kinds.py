"""Figures by kind, many variants each (issue 12 §1, review audit12): the text is read whole,
or it is an error and no number is stored.

Kinds: two figures in one text (any numerals, either order, units between or not); 余/多/来
between a figure and its 万/亿; lower bounds (≥100人, >100人, 100人以上); K and W; traditional
characters; full-width digits; a period between digit groups (12.000人); money past the cent;
counts with decimals; characters in the figure that are not understood; dates, spans of time
and ordinals beside the figure (2024年, 一周内, 第30届: words, not a second figure).
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from forms.issues import ERROR
from forms.quantity import APPROX, AT_LEAST
from forms.registry import parse_field
from forms.spec import FieldSpec

PEOPLE = FieldSpec("f", "参与人数", "count", key="f", full_label="参与人数", unit="人",
                   accept_units=("人次", "名", "位"))
LECTURES = FieldSpec("l", "科普讲座", "count", key="l", full_label="科普讲座", unit="场",
                     accept_units=("场次",))
COPIES = FieldSpec("p", "发放科普知识印刷品", "count", key="p", full_label="发放科普知识印刷品",
                   unit="份")
MONEY = FieldSpec("m", "费用减免", "money", key="m", full_label="费用减免", unit="元",
                  accept_units=("万元",))
MONEY_WAN = FieldSpec("w", "经费", "money", key="w", full_label="经费", unit="万元")
RATE = FieldSpec("r", "人均参与次数", "decimal", key="r", full_label="人均参与次数", unit="次")


def spec_for(text: str) -> FieldSpec:
    if "元" in text or "圓" in text:
        return MONEY
    if "份" in text:
        return COPIES
    return LECTURES if "场" in text or "場" in text else PEOPLE


def read(text: str, spec: FieldSpec | None = None) -> dict:
    parsed = parse_field(spec or spec_for(text), text)
    assert parsed.value is not None, (text, parsed.issues)
    assert not [i for i in parsed.issues if i.is_error], (text, parsed.issues)
    return parsed.value


def refused(text: str, spec: FieldSpec | None = None) -> list[str]:
    """The error codes of a text that must store no number."""
    parsed = parse_field(spec or spec_for(text), text)
    assert parsed.value is None, (text, parsed.value)
    codes = [i.code for i in parsed.issues if i.severity == ERROR]
    assert codes, text
    return codes


# --- two figures in one text: any numerals, either order --------------------------------------------

FIRST = ["三", "十二", "两", "五千", "一百二十", "叁拾", "3", "12", "五万"]
SECOND = ["12", "10", "三", "二十", "3000", "十二"]
JOINERS = ["", "和", "，", "、", "另有", "线上", "线下", "加", "及"]
UNITS = ["场", ""]
TWO_FIGURES = sorted({
    f"{a}{u1}{j}{b}{u2}" for a, b, j, u1, u2 in itertools.product(FIRST, SECOND, JOINERS, UNITS, UNITS)
    if (u1 or j) and u1 + u2  # side by side, 五万3000 is one figure (53000)
})
TWO_FIGURES_WITH_WORDS = [
    "三场讲座和12场义诊", "线下两场线上10场", "五场加12场", "医生三十人护士20人", "12场线上三场",
    "线上十场线下12场", "折页五千份手册3000份", "五万元和3万元", "3万元五千元", "一百人二十",
    "三千人一万", "讲座12场义诊三场", "12场十", "直播五千人次回放2000人次", "讲座十二义诊三",
    "线下两线上3场", "医生三十护士20人", "十二场和十场", "12场和三场", "一百二十人三十",
    "减免五万元另有3万元", "义诊3场讲座十二场", "讲座十场，义诊12场", "12场（另计）三场",
    "共12场其中三场", "12场另三场", "三场另12场", "十二场另有三场", "1万2千人另八百人",
    "壹万元另伍仟元", "12000份另三千份", "约三场约12场", "近十场12场",
]


@pytest.mark.parametrize("text", TWO_FIGURES + TWO_FIGURES_WITH_WORDS)
def test_two_figures_give_no_number(text):
    refused(text)


@pytest.mark.parametrize("text", ["三月12场", "十二月份12场", "二〇二四年12场", "两周12场",
                                  "一季度12场", "12场三月", "12场（三月）三天", "4月12场", "2024年12场",
                                  "2024年 12场", "4月15日12场", "4月15日至21日12场", "7天12场", "1天12场",
                                  "三天十二场", "12场3天", "12场 三月", "2024年4月120人"])
def test_a_bare_date_touching_the_figure_is_not_understood(text):
    """4月12场: the 12th of April? Nothing between says where the date ends."""
    refused(text)


def test_the_date_not_understood_is_named():
    (issue,) = parse_field(LECTURES, "4月12场").issues
    assert "“4月”" in issue.message


# --- dates, spans of time and ordinals beside the figure are words ------------------------------------

ORGS = FieldSpec("o", "参与机构", "count", key="o", full_label="参与机构", unit="家")
HOURS = FieldSpec("h", "培训时长", "count", key="h", full_label="培训时长", unit="小时")
DAYS = FieldSpec("d", "活动天数", "count", key="d", full_label="活动天数", unit="天")

DATES = [
    ("2024年新发展会员120人", 120), ("2024年度共举办12场", 12), ("2024年度开展讲座12场", 12),
    ("4月共举办12场", 12), ("四月共举办十二场", 12), ("十二月开展讲座12场", 12), ("二〇二四年四月共十二场", 12),
    ("4月15日至21日共举办12场", 12), ("4月15日-21日共12场", 12), ("4月15-21日共12场", 12),
    ("2024年4月15日至4月21日共12场", 12), ("四月十五日至二十一日开展讲座十二场", 12),
    ("截至2024年4月底120人", 120), ("截至4月底共计约120人", 120), ("截止2024年12月31日累计120人", 120),
    ("2024年1-4月共120人", 120), ("一至四月共120人", 120), ("2023-2024年度共12场", 12),
    ("2024年，12场", 12), ("自4月15日起共举办12场", 12), ("12场于4月举办", 12), ("开展讲座12场于4月15日", 12),
    ("4月中旬开展讲座12场", 12), ("2024年4月7日世界卫生日期间12场", 12),
]
SPANS = [
    ("一个月内12场", 12), ("一周内举办12场", 12), ("一天内120人", 120), ("三天共12场", 12), ("7天内12场", 12),
    ("为期一周12场", 12), ("为期一周共开展讲座12场", 12), ("历时三天共12场", 12), ("近3个月开展讲座12场", 12),
    ("一个半月共12场", 12), ("一个多月内12场", 12), ("24小时内120人", 120), ("100天内12场", 12),
    ("12场历时3天", 12), ("十二场历时三天", 12), ("三天共十二场", 12), ("半个月内开展讲座12场", 12),
    ("连续5天共120人", 120), ("一周以来120人", 120),
]
ORDINALS = [
    ("第一批12家", ORGS, 12), ("第二季度12场", LECTURES, 12), ("第30届宣传周期间12场", LECTURES, 12),
    ("第三十届宣传周期间十二场", LECTURES, 12), ("第37个世界卫生日12场", LECTURES, 12),
    ("2024年第二季度共12场", LECTURES, 12), ("第3次培训共120人", PEOPLE, 120), ("第二期培训班120人", PEOPLE, 120),
    ("第1批共12家", ORGS, 12), ("第三轮督导12家", ORGS, 12),
]


@pytest.mark.parametrize(("text", "value"), DATES)
def test_a_date_beside_the_figure_is_words(text, value):
    assert read(text)["value"] == value


@pytest.mark.parametrize(("text", "value"), SPANS)
def test_a_span_of_time_beside_the_figure_is_words(text, value):
    assert read(text)["value"] == value


@pytest.mark.parametrize(("text", "spec", "value"), ORDINALS)
def test_an_ordinal_beside_the_figure_is_words(text, spec, value):
    assert read(text, spec)["value"] == value


@pytest.mark.parametrize(("text", "spec", "value"), [
    ("7天", DAYS, 7), ("为期7天", DAYS, 7), ("4月共7天", DAYS, 7), ("24小时", HOURS, 24),
])
def test_a_figure_of_time_in_a_field_of_time(text, spec, value):
    assert read(text, spec)["value"] == value


@pytest.mark.parametrize(("text", "spec"), [
    ("2024年三场讲座和12场义诊", LECTURES), ("4月医生三十人护士20人", PEOPLE), ("全市二十个区县300场", LECTURES),
    ("2024年全市二十个区县300场", LECTURES), ("2023年10场2024年12场", LECTURES), ("一周内12场3天内5场", LECTURES),
    ("第3场12场", LECTURES), ("每3天12场", LECTURES), ("3月比2月增加12场", LECTURES), ("较2023年增加12场", LECTURES),
    ("13月共12场", LECTURES), ("第12场", LECTURES), ("第3期", PEOPLE), ("2024年", PEOPLE), ("一周内", PEOPLE),
    ("4月15日至21日", PEOPLE), ("计划4月举办12场", LECTURES), ("4月未举办12场", LECTURES),
    # a span beside a figure of time (or one with no unit) may be a second figure of the field
    ("讲座2小时义诊3小时", HOURS), ("讲座2天义诊3天", DAYS), ("一周内共7天", DAYS), ("讲座2周义诊3", LECTURES),
    ("7天内120", PEOPLE), ("15日共120", PEOPLE),
])
def test_second_figures_beside_dates_stay_errors(text, spec):
    refused(text, spec)


@pytest.mark.parametrize(("text", "value"), [
    ("健康四川12场", 12), ("十二场健康四川", 12), ("开展两癌筛查300人", 300), ("三甲医院医生30人", 30),
    ("一线医务人员300人", 300), ("一次性发放500份", 500), ("二十大精神宣讲12场", 12),
    ("万人健步走3000人", 3000), ("百场讲座进社区12场", 12), ("三下乡活动12场", 12), ("十佳医生10人", 10),
("十四五规划宣讲12场", 12), ("12场（其中线上三场）", 12),
    ("十二场（线上三场）", 12), ("20人（另有志愿者十人）", 20), ("开展讲座十二场", 12),
    ("线上观看约八万人次", 80000), ("五一期间开展讲座12场", 12), ("十一期间开展讲座12场", 12),
    ("十堰市开展讲座12场", 12), ("万州区12场", 12), ("两学一做12场", 12), ("一老一小300人", 300),
])
def test_numerals_inside_words_are_words(text, value):
    assert read(text)["value"] == value


@pytest.mark.parametrize(("text", "value"), [
    ("世界无烟日期间12场", 12), ("无烟日宣传12场", 12), ("无烟单位创建培训12场", 12),
    ("无偿献血宣传12场", 12), ("无创筛查300人", 300), ("无痛胃肠镜筛查300人", 300),
    ("无障碍设施宣传12场", 12), ("非遗文化进社区12场", 12), ("非公医疗机构医生30人", 30),
])
def test_names_with_wu_and_fei_are_words(text, value):
    """无烟日 is the day of a campaign, not "none"; 无 and 非 only negate elsewhere."""
    assert read(text)["value"] == value


@pytest.mark.parametrize("text", ["无12场", "非12场", "并无12场", "无法统计12场", "非讲座12场",
                                  "无线上12场"])
def test_wu_and_fei_that_negate_stay_errors(text):
    refused(text)


@pytest.mark.parametrize("text", ["暂无数据", "无数据", "没有数据", "数据暂无", "暂无此项"])
@pytest.mark.parametrize("spec", [LECTURES, MONEY, PEOPLE])
def test_no_data_means_none(text, spec):
    assert read(text, spec)["value"] == 0


# --- 余/多/来 between a figure and its 万: 20余万人 ---------------------------------------------------

INNER = [
    ("20余万人", 200_000, AT_LEAST), ("二十多万人", 200_000, AT_LEAST), ("1千余万元", 10_000_000, AT_LEAST),
    ("十多万", 100_000, AT_LEAST), ("40多万份", 400_000, AT_LEAST), ("100多万元", 1_000_000, AT_LEAST),
    ("20来万人", 200_000, APPROX), ("三百多万元", 3_000_000, AT_LEAST), ("十余万人次", 100_000, AT_LEAST),
    ("5千多万元", 50_000_000, AT_LEAST), ("200余万", 2_000_000, AT_LEAST), ("两千余万元", 20_000_000, AT_LEAST),
    ("3亿多人次", 300_000_000, AT_LEAST), ("十多亿元", 1_000_000_000, AT_LEAST),
    ("约20余万人", 200_000, APPROX), ("20 余万人", 200_000, AT_LEAST), ("20余萬人", 200_000, AT_LEAST),
    ("２０余万人", 200_000, AT_LEAST), ("二十余人", 20, AT_LEAST), ("二十来人", 20, APPROX),
    ("百来人", 100, APPROX), ("千把人", 1000, APPROX), ("两万余人", 20_000, AT_LEAST),
    ("1.2万多人", 12_000, AT_LEAST), ("1.5万余元", 15_000, AT_LEAST), ("3百多人", 300, AT_LEAST),
    ("5千多人", 5000, AT_LEAST), ("万余人次", 10_000, AT_LEAST), ("近万人", 10_000, APPROX),
    ("十余场", 10, AT_LEAST), ("百余人", 100, AT_LEAST), ("千余人", 1000, AT_LEAST),
]


@pytest.mark.parametrize(("text", "value", "qualifier"), INNER)
def test_more_than_before_wan(text, value, qualifier):
    found = read(text)
    assert (found["value"], found["qualifier"]) == (value, qualifier)


@pytest.mark.parametrize("text", ["十几万人", "几十万人", "二十几万元", "几万人", "几百场", "几千份",
                                  "十几人", "几十场", "百几人"])
def test_ji_is_vague(text):
    assert "vague_amount" in refused(text)


# --- lower bounds and approximations ----------------------------------------------------------------

BOUNDS = [
    ("≥100人", AT_LEAST), (">100人", AT_LEAST), ("100人以上", AT_LEAST), ("＞100人", AT_LEAST),
    (">=100人", AT_LEAST), ("≥ 100人", AT_LEAST), ("100+人", AT_LEAST), ("100人+", AT_LEAST),
    ("100＋", AT_LEAST), ("大于100人", AT_LEAST), ("超过100人", AT_LEAST), ("不少于100人", AT_LEAST),
    ("100余人", AT_LEAST), ("100多人", AT_LEAST), ("逾100人", AT_LEAST), ("100人出头", AT_LEAST),
    ("约100人", APPROX), ("近100人", APPROX), ("100人左右", APPROX), ("~100人", APPROX),
    ("～100人", APPROX), ("大约100人", APPROX), ("约计100人", APPROX), ("估计100人", APPROX),
    ("100来人", APPROX), ("<100人", APPROX), ("不到100人", APPROX), ("100人上下", APPROX),
    ("共约100人", APPROX), ("大致100人", APPROX),
]


@pytest.mark.parametrize(("text", "qualifier"), BOUNDS)
def test_bounds_and_approximations(text, qualifier):
    found = read(text)
    assert (found["value"], found["qualifier"]) == (100, qualifier)


def test_a_lower_bound_reads_as_one():
    assert parse_field(PEOPLE, "≥100人").display == parse_field(PEOPLE, "3200+人").display.replace(
        "3,200", "100") == "≥ 100 人"


# --- K and W, traditional characters, full-width digits ------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("12K人", 12000), ("12k", 12000), ("1.5K人", 1500), ("5k人", 5000), ("12.5k人", 12500), ("3K+", 3000),
    ("1.2w人", 12000), ("10W+", 100000), ("2W", 20000), ("１２Ｋ人", 12000),
])
def test_latin_multipliers(text, value):
    assert read(text)["value"] == value


@pytest.mark.parametrize(("text", "value"), [("1300千元", 1_300_000), ("1,300千元", 1_300_000),
                                             ("12.5千元", 12_500), ("约300千元", 300_000)])
def test_thousands_of_yuan(text, value):
    assert read(text, MONEY)["value"] == value


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("12場", 12, "场"), ("12場次", 12, "场次"), ("約3萬人", 30000, "人"), ("3萬餘人", 30000, "人"),
    ("兩千人", 2000, "人"), ("約1.2萬人次", 12000, "人次"), ("12個", 12, "个"), ("1.2萬份", 12000, "份"),
    ("總計12場", 12, "场"), ("壹萬圓整", 10000, "元"), ("參拾萬元", 300000, "元"), ("貳萬陸仟元整", 26000, "元"),
    ("十二場", 12, "场"), ("12場（其中線上3場）", 12, "场"), ("20餘萬人", 200000, "人"), ("1億元", 10**8, "元"),
])
def test_traditional_characters(text, value, unit):
    found = read(text)
    assert (found["value"], found["unit"]) == (value, unit)


@pytest.mark.parametrize(("text", "value"), [
    ("１２场", 12), ("１２，０００人", 12000), ("１．５万人", 15000), ("３２００＋人", 3200), ("１２　０００人", 12000),
    ("約３万人", 30000), ("（约）３万人", None), ("１２，０００，０００元", 12_000_000), ("４６．２１万人", 462100),
    ("≥１００人", 100), ("１２Ｋ人", 12000), ("２０余万人", 200000), ("１２场（其中线上３场）", 12),
])
def test_full_width(text, value):
    if value is None:
        refused(text)
    else:
        assert read(text)["value"] == value


@pytest.mark.parametrize(("text", "value"), [("廿人", 20), ("廿五人", 25), ("卅人", 30), ("俩人", 2),
                                             ("仨人", 3), ("一百廿人", 120)])
def test_colloquial_numerals(text, value):
    assert read(text)["value"] == value


# --- a period between digit groups: 12.000人 is 12000 or 12? Asked, never 12 -------------------------

POINT_GROUPS = ["12.000人", "38.000份", "100.000人", "1.000人", "1.200人", "12.000场", "2.000元",
                "12.345元", "1.000.000人", "12.000.000元", "约12.000人", "12.000余人", "１２．０００人",
                "12.000人次", "3.500份", "12.000"]


@pytest.mark.parametrize("text", POINT_GROUPS)
def test_a_period_between_groups_is_asked_about(text):
    assert refused(text) == ["ambiguous_point"]


def test_the_question_names_both_readings():
    (issue,) = parse_field(PEOPLE, "12.000人").issues
    assert "12000" in issue.message and "12" in issue.message
    assert "12,000" in issue.suggestion


@pytest.mark.parametrize(("text", "spec", "value"), [
    ("1.200万人", PEOPLE, 12000), ("12.000万元", MONEY, 120_000), ("2.500", RATE, Decimal("2.5")),
    ("12.345", MONEY_WAN, 123450), ("0.500元", MONEY, Decimal("0.5")), ("12.50元", MONEY, Decimal("12.5")),
    ("1,234.50元", MONEY, Decimal("1234.5")), ("12.0人", PEOPLE, 12), ("0.005万元", MONEY, 50),
])
def test_decimals_that_are_decimals(text, spec, value):
    assert Decimal(str(read(text, spec)["value"])) == value


# --- money is never rounded; counts with decimals store no number -----------------------------------------

@pytest.mark.parametrize("text", ["0.005元", "12.3456元", "1,234.567元", "0.001元", "1.2345678万元",
                                  "12.3456", "约0.125元", "99.999元"])
def test_money_past_the_cent_is_an_error(text):
    codes = refused(text, MONEY)
    assert set(codes) <= {"money_precision", "ambiguous_point"}


def test_money_precision_says_how_to_fix():
    (issue,) = parse_field(MONEY, "12.3456元").issues
    assert issue.message.startswith("金额最多精确到分") and "12.3456" in issue.message


@pytest.mark.parametrize("text", ["46.21人", "12.5场", "1.5人", "0.5场", "约46.21人", "46.21人次",
                                  "三点五人", "12.5场（其中线上3场）"])
def test_counts_with_decimals_store_no_number(text):
    assert "fractional_count" in refused(text)


# --- look-alike letters and misplaced separators -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "l2场", "I2场", "O场", "1O0人", "12O人", "1O万元", "l.5万人", "3l人", "约l2场", "共l2场",
    "l,200人", "12,0O0人", "I00人", "20O份", "lO场",
])
def test_lookalike_letters(text):
    assert "lookalike_letter" in refused(text)


@pytest.mark.parametrize("text", [
    "12,00份", "1,2000人", "12，00人", "1,23,456人", "12 00人", "1 2000人", "12,000,0人", "1,2万人",
    "123,4567人", "12、000人", "12。5万人",
])
def test_misplaced_separators(text):
    refused(text)


# --- characters not understood, anywhere -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "12场#", "#12场", "12#场", "约#12场", "12场x", "x12场", "12x场", "约x12场", "12场万", "12场千",
    "12场@", "12场&", "12场?", "12场$", "12场_", "12场|", "12场^", "12场%", "12场*3", "12场 十",
])
def test_characters_not_understood(text):
    refused(text)


# --- words beside the figure that share the field's label --------------------------------------------------

STAFF = FieldSpec("s", "是否有专（兼）职工作人员及人数", "count", key="s",
                  full_label="是否有专（兼）职工作人员及人数", unit="人", accept_units=("名",))


@pytest.mark.parametrize(("text", "spec", "value"), [
    ("减免费用约12.5万元", MONEY, 125000), ("减免金额125000元", MONEY, 125000),
    ("共计减免费用12.56万元", MONEY, 125600), ("为群众减免费用约8万元", MONEY, 80000),
    ("有，2人", STAFF, 2), ("是，3名", STAFF, 3), ("有专职人员2人", STAFF, 2), ("开展科普讲座12场", LECTURES, 12),
])
def test_words_from_the_label_are_fine(text, spec, value):
    assert read(text, spec)["value"] == value


@pytest.mark.parametrize(("text", "spec"), [
    ("计划讲座12场", LECTURES), ("减少讲座12场", LECTURES), ("同比减少3万元", MONEY), ("每场减免5000元", MONEY),
    ("去年减免3万元", MONEY), (",5人", PEOPLE), ("有,,2人", STAFF),
])
def test_words_that_change_the_figure_are_not_understood(text, spec):
    refused(text, spec)


@pytest.mark.parametrize(("unit", "text", "value"), [
    ("千元", "130", 130_000), ("千元", "13.5", 13_500), ("千元", "130千元", 130_000),
    ("千元", "130元", 130), ("千元", "1.3万元", 13_000), ("万元", "130", 1_300_000),
    ("亿元", "1.2", 120_000_000),
])
def test_a_bare_figure_in_a_field_kept_in_thousands_or_wan_of_yuan(unit, text, value):
    """A template may keep money in 千元: a bare 130 there is 130,000 元, never 130 元."""
    spec = FieldSpec("k", "经费", "money", key="k", full_label="经费", unit=unit)
    assert read(text, spec)["value"] == value
