"""Every cell of seeds 000 and 004, exactly as it stands in the form, parses to the right value."""

from __future__ import annotations

import re

import pytest

from forms.issues import ERROR, WARNING
from forms.validate import Validator, expand_values, validate_report


def quantity(value, unit, qualifier=None):
    return {"value": value, "unit": unit, "qualifier": qualifier}


def blanks_removed(text: str) -> int:
    return len(re.sub(r"\s", "", text))


# --- seed 000: 第30届全国肿瘤防治宣传周活动总结表 --------------------------------------------------------

HOSPITAL_NAMES = (
    "成都市卫生健康委员会、四川省肿瘤医院、成都市第七人民医院官微、自贡市癌防中心官微、阆中市人民医院官微、"
    "四川省肿瘤医院官微、四川大学华西医院、阿坝藏族羌族自治州人民医院、成都市第五人民医院、"
    "四川大学华西医院龙泉医院、四川天府新区永兴卫生院、遂宁市中心医院、南充市高坪区人民医院、富顺县人民医院、"
    "宜宾市第二人民医院、成都大学附属医院、眉山市彭山区疾病预防控制中心、甘孜州卫健委、隆昌市疾控中心、"
    "凉山州第一人民医院（凉山州癌症防治中心）、自贡市疾病预防控制中心"
).split("、")
ORGANIZATION_NAMES = (
    "四川省抗癌协会、四川省西部放射治疗协会、四川省预防医学会成都市抗癌协会、成都市科学技术协会、"
    "绵阳市癌症防治中心、广安市癌症防治中心、泸州市癌症防治中心、攀枝花市癌症防治中心、米易县癌症防治中心、"
    "盐边县癌症防治中心、内江市抗癌协会"
).split("、")
MEDIA_NAMES = (
    "人民网、健康报、健康四川、红星新闻、搜狐新闻、锦观新闻、新浪财经、四川手机报、四川法制网、川观新闻、四川新闻、"
    "四川在线、成都市第七人民医院官微、自贡市癌防中心官微、阆中市人民医院官微、四川省肿瘤医院官微、"
    "四川大学华西医院、阿坝藏族羌族自治州人民医院、成都市抗癌协会、成都市第五人民医院、四川大学华西医院龙泉医院、"
    "四川天府新区永兴卫生院、遂宁市中心医院、南充市高坪区人民医院、富顺县人民医院、宜宾市第二人民医院、"
    "成都大学附属医院、眉山市彭山区疾病预防控制中心、甘孜州卫健委、隆昌市疾控中心、"
    "凉山州第一人民医院（凉山州癌症防治中心）、自贡市疾病预防控制中心、39健康网"
).split("、")
MEDIA_NOTE = "同时，各地医疗卫生行政部门、各参与医疗卫生机构也充分利用自媒体平台，如微信视频号、微信公众号、医院官网等进行了活动的广泛宣传。"
INTERVIEW_NAMES = ["四川电视台《防癌大讲堂》", "锦江区融媒体中心", "成都日报", "华西都市报", "成华区电视台",
                   "都江堰市新闻中心", "四川日报——川观新闻", "川观新闻"]
# Copied by hand from the seed's 主要媒体报道链接 cell, one link per line.
SEED_LINKS = """
中国新闻网 http://www.sc.chinanews.com.cn/kjws/2024-04-11/207528.html
四川在线 https://sichuan.scol.com.cn/ggxw/202404/82508054.html
网易新闻 https://www.163.com/dy/article/IVOO3FSO0514D3UH.html
人民网 http://sc.people.com.cn/n2/2024/0418/c407319-40814936.html
搜狐网 https://www.sohu.com/a/771638244_123753
四川新闻 http://scnews.newssc.org/system/20240415/001443603.html
腾讯 https://new.qq.com/rain/a/20240416A082R400
中国报道 http://ctsc.chinareports.org.cn/ctsc/news/18080.html
川观新闻 https://cbgc.scol.com.cn/news/4910477
四川省预防医学会 https://www.healthydream.org/News_read_id_1932.shtml
四川发布 http://www.scpublic.cn/news/wx/detail?newsid=772848
云南网 https://m.yunnan.cn/system/2024/04/19/033020057.shtml
封面新闻 https://www.thecover.cn/news/GbPtkfy23YaH90qSdq8Jkw==
四川法制网 http://www.scfzw.net/kejiao/57/102946.html
39健康网 https://cm.39.net/schxgb/240417/g4okc8p.html
健康四川 https://mp.weixin.qq.com/s/RxrV0ahFQ11-RtIwvOF0Fg
成都市第七人民医院 https://mp.weixin.qq.com/s/_c2Jt-smsg93lUtonPdPfA
自贡市癌防中心官微 https://mp.weixin.qq.com/s/jY51cI4Q5I2_q93JgWIO2Q
阆中市人民医院 https://mp.weixin.qq.com/s/W6BiHz6ARgCmyJREV7TQ3g
四川省肿瘤医院 https://mp.weixin.qq.com/s/iAx94yvuL_yv6acjOaoRSg
四川大学华西医院 https://mp.weixin.qq.com/s/jg9foMeTWaRu_dyj8EHTsg
阿坝藏族羌族自治州人民医院 https://mp.weixin.qq.com/s/dnL684Ep-VQrZqHLK2hZ9w
成都市抗癌协会 https://mp.weixin.qq.com/s/TBNdaiBaS_CgZEciZPkJRg
成都市第五人民医院 https://mp.weixin.qq.com/s/rP2fC77EsWgfL_oPqfS_8g
四川大学华西医院龙泉医院 https://mp.weixin.qq.com/s/y-n1STGcPyUBo1b4XW5pxg
四川天府新区永兴卫生院 https://mp.weixin.qq.com/s/O8yxyTg0ShSGbq0ksMxjHA
遂宁市中心医院 https://mp.weixin.qq.com/s/4IEvxFwGaZdQ1r7-km5SlQ
南充市高坪区人民医院 https://mp.weixin.qq.com/s/MNbPaWyaLFZbJbnC8xF6cw
富顺县人民医院 https://mp.weixin.qq.com/s/6UvV5yWlgOy8P087jVX9CA
宜宾市第二人民医院 https://mp.weixin.qq.com/s/YoOB78MHlEgS67cx5ksFyQ
成都大学附属医院 https://mp.weixin.qq.com/s/r1_eC_6TuxnKAe0CYElt_Q
西部战区总医院 https://mp.weixin.qq.com/s/xGoQfBi2HMmX8ryKI3qEbQ
四川省建筑医院 https://mp.weixin.qq.com/s/ph9UslYPohob28g2Ai9Jcg
四川省第三人民医院 https://mp.weixin.qq.com/s/47ZrpZXXtPJzr3H7RRa0wg
雅安市卫生健康委员会 https://mp.weixin.qq.com/s/IyMSYiDRWLCjYA6pXg7YEg
眉山市彭山区疾病预防控制中心 https://mp.weixin.qq.com/s/kxLgT1Qsl-t6ecj98WHqZg
甘孜州卫健委 https://mp.weixin.qq.com/s/GrLgCbsyJRo9YXQEAVt_lw
隆昌市疾控中心 https://mp.weixin.qq.com/s/K49pQZl9HXPeYXrNH7b6EA
旌阳区疾控中心 https://mp.weixin.qq.com/s/X6Ems2Z_BF9N5xDZblCc0g
凉山州第一人民医院（凉山州癌症防治中心） https://mp.weixin.qq.com/s/-awEnPTI9de2zI2IX-BKaw
自贡市疾病预防控制中心 https://mp.weixin.qq.com/s/zJnk8NZdrq7WRaWtXbpHgA
"""

SEED_000_VALUES = {
    "edition": 30,
    "fill_date": "2024-04-28",
    "unit_name": "四川省抗癌协会",
    "activity_time": {"start": "2024-04-15", "end": "2024-04-26"},
    "activity_place": "四川省",
    "hospitals": {"count": quantity(1431, "家"), "names": HOSPITAL_NAMES, "partial": True,
                  "note": ""},
    "organizations": {"count": quantity(162, "家"), "names": ORGANIZATION_NAMES, "partial": True,
                      "note": ""},
    "lectures": quantity(603, "场"),
    "lecture_attendance.offline": quantity(210546, "人"),
    "lecture_attendance.online": quantity(245975, "人次"),
    "symposia": quantity(123, "场"),
    "symposium_attendance.offline": quantity(5236, "人"),
    "symposium_attendance.online": quantity(80000, "人次", "approx"),
    "clinics": quantity(856, "场"),
    "clinic_attendance.offline": quantity(82651, "人"),
    "clinic_attendance.online": quantity(4000, "人", "approx"),
    "posters": quantity(8234, "张"),
    "printed_materials": quantity(380000, "份"),
    "exhibitions": quantity(15, "场"),
    "quizzes": quantity(52, "场"),
    "fee_reduction": quantity(1_300_000, "元", "approx"),
    "medical_staff": quantity(10000, "人", "approx"),
    "expected_beneficiaries": quantity(1_400_000, "人"),
    "media_reports": {"count": quantity(483, "家"), "names": MEDIA_NAMES, "partial": True,
                      "note": MEDIA_NOTE},
    "media_interviews": {"count": quantity(32, "家"), "names": INTERVIEW_NAMES, "partial": True,
                         "note": ""},
}
# Every issue seed 000 has, and only those: (field, code, severity).
SEED_000_ISSUES = [
    ("organizations", "joined_names", WARNING),
    ("direct_beneficiaries", "fractional_count", ERROR),
    ("media_reports", "duplicate_names", WARNING),
    ("media_reads", "not_a_number", ERROR),
    ("media_reads", "duplicate_text", WARNING),
    ("overall_summary", "too_long", WARNING),
]


@pytest.fixture(scope="module")
def check_000(week_template, seed_000_raw):
    return validate_report(week_template, seed_000_raw)


def test_every_cell_of_seed_000_is_read(week_template, seed_000, seed_000_raw):
    raw, unknown = expand_values(week_template, seed_000)
    assert unknown == []
    assert len(seed_000) == 27
    filled = {key for key, text in raw.items() if text.strip()}
    # Every value-holding field of the form is filled by the seed, except the sign-off block.
    assert filled == {s.key for s in week_template.leaves()} - {"filled_by", "contact_phone"}


@pytest.mark.parametrize(("key", "expected"), list(SEED_000_VALUES.items()))
def test_seed_000_value(check_000, key, expected):
    assert check_000.values[key] == expected


def test_seed_000_fractional_count_stores_no_number(check_000):
    """46.21人 is an error, and no number travels upward to be summed."""
    assert "direct_beneficiaries" not in check_000.values


def test_seed_000_name_counts(check_000):
    assert len(check_000.values["hospitals"]["names"]) == 21
    assert len(check_000.values["organizations"]["names"]) == 11
    assert len(check_000.values["media_reports"]["names"]) == 33
    assert len(check_000.values["media_interviews"]["names"]) == 8


def test_seed_000_link_list(check_000, seed_000_raw):
    links = check_000.values["media_links"]
    expected = [dict(zip(("name", "url"), line.rsplit(" ", 1), strict=True))
                for line in SEED_LINKS.strip().splitlines()]
    # Counted independently of the parser: every URL in the cell is one link.
    assert len(re.findall(r"https?://", seed_000_raw["media_links"])) == len(expected) == 41
    assert links == expected
    assert links[0] == {"name": "中国新闻网",
                        "url": "http://www.sc.chinanews.com.cn/kjws/2024-04-11/207528.html"}
    # Names glued to their URLs in the seed are split off right.
    glued = {link["name"]: link["url"] for link in links}
    assert glued["成都市第七人民医院"] == "https://mp.weixin.qq.com/s/_c2Jt-smsg93lUtonPdPfA"
    assert glued["成都大学附属医院"] == "https://mp.weixin.qq.com/s/r1_eC_6TuxnKAe0CYElt_Q"
    assert check_000.displays["media_links"] == "41条链接"
    assert not [i for i in check_000.issues if i.field == "media_links"]


def test_seed_000_long_texts(check_000, seed_000_raw):
    assert check_000.values["special_activities"] == seed_000_raw["special_activities"].strip()
    assert check_000.values["special_activities"].startswith("第六届天府肿瘤大会同步举行")
    summary = check_000.values["overall_summary"]
    assert summary.startswith("四川省成功举办第30届")
    assert summary.endswith("癌症防治专项行动各项指标落实落地。")


def test_seed_000_issues(check_000):
    assert [(i.field, i.code, i.severity) for i in check_000.issues] == SEED_000_ISSUES


def test_seed_000_fractional_beneficiaries(check_000):
    (issue,) = [i for i in check_000.issues if i.field == "direct_beneficiaries"]
    assert f"{issue.message}；{issue.suggestion}" == "人数应为整数；是否漏写'万'（46.21万人）？"


def test_seed_000_copy_pasted_media_reads(check_000):
    not_number, duplicate = [i for i in check_000.issues if i.field == "media_reads"]
    assert not_number.code == "not_a_number" and not_number.severity == ERROR
    assert duplicate.message == "与「媒体报道数量/名称」内容完全相同，是否复制粘贴错误？"
    assert "media_reads" not in check_000.values


def test_seed_000_summary_is_long_but_only_a_warning(check_000, seed_000_raw):
    count = blanks_removed(seed_000_raw["overall_summary"])
    assert count == 1998
    (issue,) = [i for i in check_000.issues if i.field == "overall_summary"]
    assert issue.severity == WARNING
    assert issue.message == f"共{count}字，超过1000字的要求"
    assert check_000.displays["overall_summary"] == f"{count}字"


def test_seed_000_other_issue_details(check_000):
    by_code = {i.code: i for i in check_000.issues}
    assert by_code["joined_names"].suggestion == "是否漏了顿号？如“四川省预防医学会、成都市抗癌协会”"
    assert by_code["duplicate_names"].message == "名称重复：健康四川"


def test_seed_000_through_the_validator_one_field_at_a_time(week_template, seed_000_raw, check_000):
    validator = Validator(week_template)
    for key, text in seed_000_raw.items():
        validator.set(key, text)
    assert validator.check().values == check_000.values
    assert validator.check().issues == check_000.issues


# --- seed 004: 省、市、自治区抗癌协会评优汇总表 --------------------------------------------------------

BONUS = ["承办中国肿瘤学术大会", "承办“4.15”全国肿瘤防治宣传周启动仪式", "承办“2.4”世界癌症日启动仪式",
         "承办协会常务理事会"]
SEED_004_VALUES = {
    "association_name": "浙江省抗癌协会",
    "address": "浙江省杭州市下城区武林广场8号省科协大楼1004室",
    "members_total": quantity(3226, "人"),
    "members_new": quantity(320, "人"),
    "members_online": True,
    "staff_count": quantity(1, "人"),
    "board_reported": True,
    "committees_new": quantity(1, "个"),
    "committee_names": {"count": None, "names": ["肿瘤微创专业委员会"], "partial": False, "note": ""},
    "bonus_items": BONUS,
}


@pytest.fixture(scope="module")
def check_004(award_template, seed_004):
    raw, unknown = expand_values(award_template, seed_004)
    assert unknown == []
    return validate_report(award_template, raw)


@pytest.mark.parametrize(("key", "expected"), list(SEED_004_VALUES.items()))
def test_seed_004_value(check_004, key, expected):
    assert check_004.values[key] == expected


@pytest.mark.parametrize(("key", "start", "count"), [
    ("academic", "承办、参加国际性学术会议", 915),
    ("publicity", "网站建立、开展互动、报送信息及被媒体报道情况", 474),
    ("popularization", "举办2.4世界癌症日、4.15宣传周", 574),
    ("government_functions", "承接省市级以上政府职能项目、向政府建言献策情况", 717),
])
def test_seed_004_long_texts(check_004, seed_004, award_template, key, start, count):
    label = award_template.field(key).label
    assert check_004.values[key] == seed_004[label].strip()
    assert check_004.values[key].startswith(start)
    assert blanks_removed(seed_004[label]) == count
    assert check_004.displays[key] == f"{count}字"


def test_seed_004_has_no_issues_and_its_rules_hold(check_004, award_template):
    assert check_004.issues == []
    assert set(check_004.values) == set(SEED_004_VALUES) | {
        "academic", "publicity", "popularization", "government_functions"}
    assert {r.kind for r in award_template.rules} >= {"compare", "list_matches_count"}


def test_seed_004_rules_bite_when_the_numbers_change(award_template, seed_004):
    raw, _ = expand_values(award_template, {**seed_004, "本年度新发展会员数": "3300",
                                            "本年度新建专业委员会": "2个"})
    codes = {(i.field, i.code) for i in validate_report(award_template, raw).issues}
    assert codes == {("members_new", "greater_than"), ("committee_names", "list_count_mismatch")}
