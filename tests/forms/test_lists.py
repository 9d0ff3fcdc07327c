"""Name lists with a count, link lists and offline/online pairs, from whole pasted cells."""

from __future__ import annotations

import pytest

from forms.issues import ERROR, WARNING
from forms.lists import split_compound, split_links, split_names, valid_url
from forms.registry import parse_field
from forms.spec import FieldSpec
from forms.validate import Validator

HOSPITALS = FieldSpec("hospitals", "参与活动的医院数量/名称", "name_list", key="hospitals",
                      full_label="参与活动的医院数量/名称", unit="家")
COMMITTEES = FieldSpec("committee_names", "下属专业委员会名称", "name_list", key="committee_names",
                       full_label="下属专业委员会名称")
LINKS = FieldSpec("media_links", "主要媒体报道链接", "link_list", key="media_links",
                  full_label="主要媒体报道链接")


def codes(parsed) -> list[str]:
    return [issue.code for issue in parsed.issues]


# --- split_names --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "names", "partial", "note"), [
    ("四川省肿瘤医院、成都市第五人民医院；等", ["四川省肿瘤医院", "成都市第五人民医院"], True, ""),
    ("甲医院；乙医院;丙医院", ["甲医院", "乙医院", "丙医院"], False, ""),
    ("甲医院,乙医院，丙医院", ["甲医院", "乙医院", "丙医院"], False, ""),
    ("甲医院\n乙医院\n\n丙医院", ["甲医院", "乙医院", "丙医院"], False, ""),
    ("甲医院、乙医院等", ["甲医院", "乙医院"], True, ""),
    ("甲医院、乙医院、等等", ["甲医院", "乙医院"], True, ""),
    ("甲医院、乙医院……", ["甲医院", "乙医院"], True, ""),
    ("甲医院、……、乙医院", ["甲医院", "乙医院"], True, ""),
    ("甲医院、乙医院、...", ["甲医院", "乙医院"], True, ""),
    ("内江市抗癌协会、；等", ["内江市抗癌协会"], True, ""),
    ("甲、乙等\n\n同时，各地也做了宣传。", ["甲", "乙"], True, "同时，各地也做了宣传。"),
    ("甲、乙；等\n\n同时，各地也做了宣传。", ["甲", "乙"], True, "同时，各地也做了宣传。"),
    ("平等医院、乙等医院", ["平等医院", "乙等医院"], False, ""),  # 等 inside a name
    ("甲、乙等、丙", ["甲", "乙等", "丙"], False, ""),  # 乙等 mid-list is a name
    ("", [], False, ""),
])
def test_split_names(text, names, partial, note):
    assert split_names(text) == (names, partial, note)


# --- name lists with a count --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "count", "names", "partial"), [
    ("3家；甲医院、乙医院、丙医院", 3, ["甲医院", "乙医院", "丙医院"], False),
    ("1431家；成都市卫生健康委员会、四川省肿瘤医院；等", 1431, ["成都市卫生健康委员会", "四川省肿瘤医院"], True),
    ("1,431家；甲、乙；等", 1431, ["甲", "乙"], True),
    ("5家：甲医院,乙医院\n丙医院；等", 5, ["甲医院", "乙医院", "丙医院"], True),
    ("5家 甲医院、乙医院 等", 5, ["甲医院", "乙医院"], True),
    ("约500家；甲、乙；等", 500, ["甲", "乙"], True),
    ("五家；甲、乙；等", 5, ["甲", "乙"], True),
    ("515 家", 515, [], False),
])
def test_name_list_with_count(text, count, names, partial):
    parsed = parse_field(HOSPITALS, text)
    assert parsed.value["count"]["value"] == count
    assert parsed.value["count"]["unit"] == "家"
    assert parsed.value["names"] == names
    assert parsed.value["partial"] is partial
    assert parsed.issues == ()


def test_more_names_than_count_is_an_error():
    parsed = parse_field(HOSPITALS, "2家；甲医院、乙医院、丙医院")
    (issue,) = parsed.issues
    assert (issue.code, issue.severity) == ("more_names_than_count", ERROR)
    assert issue.message == "列出了3个名称，多于填写的数量2家"


def test_fewer_names_is_fine_with_etc_and_a_warning_without():
    assert parse_field(HOSPITALS, "5家；甲医院、乙医院；等").issues == ()
    assert parse_field(HOSPITALS, "5家；甲医院、乙医院等").issues == ()
    (issue,) = parse_field(HOSPITALS, "5家；甲医院、乙医院").issues
    assert (issue.code, issue.severity) == ("fewer_names_than_count", WARNING)
    assert issue.message == "只列出了2个名称，少于填写的数量5家"
    assert issue.suggestion == "如名单不完整，请在末尾加“等”"


def test_missing_count_duplicates_and_fractions():
    missing = parse_field(HOSPITALS, "甲医院、乙医院")
    assert codes(missing) == ["missing_count"] and missing.value["count"] is None
    assert "2家" in missing.issues[0].message
    repeated = parse_field(HOSPITALS, "2家；甲医院、乙医院、甲医院")
    assert codes(repeated) == ["duplicate_names"]
    assert repeated.value["names"] == ["甲医院", "乙医院"]
    assert repeated.issues[0].message == "名称重复：甲医院"
    assert codes(parse_field(HOSPITALS, "2.5家；甲、乙")) == ["fractional_count"]


def test_joined_names_are_flagged_not_split():
    parsed = parse_field(HOSPITALS, "3家；四川省抗癌协会、四川省预防医学会成都市抗癌协会；等")
    assert parsed.value["names"] == ["四川省抗癌协会", "四川省预防医学会成都市抗癌协会"]
    (issue,) = parsed.issues
    assert (issue.code, issue.severity) == ("joined_names", WARNING)
    assert issue.suggestion == "是否漏了顿号？如“四川省预防医学会、成都市抗癌协会”"


@pytest.mark.parametrize("name", [
    "四川大学华西医院龙泉医院", "眉山市彭山区疾病预防控制中心", "凉山州第一人民医院（凉山州癌症防治中心）",
    "成都市卫生健康委员会", "中国抗癌协会四川省分会", "阿坝藏族羌族自治州人民医院",
    "成都市第一人民医院社区卫生服务中心",
])
def test_real_single_names_are_not_flagged_as_joined(name):
    assert parse_field(HOSPITALS, f"1家；{name}").issues == ()


@pytest.mark.parametrize(("text", "shown"), [
    ("3家；甲医院、活动效果很好。乙医院；等", "“活动效果很好。乙医院”"),
    ("3家；甲医院、" + "各地医疗卫生行政部门也充分利用自媒体平台如微信视频号微信公众号医院官网进行了活动的广泛宣传；等",
     "“各地医疗卫生行政部门也充分利用自媒体平台……”"),
])
def test_prose_is_not_a_name(text, shown):
    parsed = parse_field(HOSPITALS, text)
    assert codes(parsed) == ["not_a_name"]
    assert parsed.issues[0].message == f"{shown}不像是一个名称"


def test_name_list_without_unit():
    assert parse_field(COMMITTEES, "肿瘤微创专业委员会").value == {
        "count": None, "names": ["肿瘤微创专业委员会"], "partial": False, "note": ""}
    assert parse_field(COMMITTEES, "肿瘤微创专业委员会").issues == ()
    parsed = parse_field(COMMITTEES, "2个；肿瘤微创专业委员会、肿瘤护理专业委员会")
    assert parsed.value["count"]["value"] == 2
    assert parsed.value["names"] == ["肿瘤微创专业委员会", "肿瘤护理专业委员会"]


# --- link lists ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "links"), [
    ("人民网\nhttp://sc.people.com.cn/n2/2024/0418/c407319-40814936.html\n搜狐网\n\n"
     "https://www.sohu.com/a/771638244_123753",
     [("人民网", "http://sc.people.com.cn/n2/2024/0418/c407319-40814936.html"),
      ("搜狐网", "https://www.sohu.com/a/771638244_123753")]),
    ("中国新闻网http://www.sc.chinanews.com.cn/kjws/2024-04-11/207528.html\n\n四川在线\n\n"
     "https://sichuan.scol.com.cn/ggxw/202404/82508054.html",
     [("中国新闻网", "http://www.sc.chinanews.com.cn/kjws/2024-04-11/207528.html"),
      ("四川在线", "https://sichuan.scol.com.cn/ggxw/202404/82508054.html")]),
    ("人民网 http://a.com/x\n新华网：https://b.cn/y", [("人民网", "http://a.com/x"),
                                                     ("新华网", "https://b.cn/y")]),
    ("人民网http://a.com/x，新华网https://b.cn/y", [("人民网", "http://a.com/x"),
                                                  ("新华网", "https://b.cn/y")]),
    ("CCTVhttp://cctv.com/x", [("CCTV", "http://cctv.com/x")]),
    ("39健康网\nhttps://cm.39.net/schxgb/240417/g4okc8p.html",
     [("39健康网", "https://cm.39.net/schxgb/240417/g4okc8p.html")]),
    ("封面新闻 https://www.thecover.cn/news/GbPtkfy23YaH90qSdq8Jkw==",
     [("封面新闻", "https://www.thecover.cn/news/GbPtkfy23YaH90qSdq8Jkw==")]),
])
def test_link_list(text, links):
    parsed = parse_field(LINKS, text)
    assert parsed.value == [{"name": name, "url": url} for name, url in links]
    assert parsed.issues == ()
    assert parsed.display == f"{len(links)}条链接"


def test_each_bad_url_is_named():
    text = ("人民网 http//a.com/x\n新华网 https://b.cn/y\n健康报 htp://c.com\n"
            "川观新闻 http://d\n四川在线 http：//e.cn/1\n搜狐 ftp://f.com/2")
    parsed = parse_field(LINKS, text)
    bad = [i for i in parsed.issues if i.code == "bad_url"]
    assert [i.message for i in bad] == [
        "第1条链接格式不正确：http//a.com/x", "第3条链接格式不正确：htp://c.com",
        "第4条链接格式不正确：http://d", "第5条链接格式不正确：http：//e.cn/1",
        "第6条链接格式不正确：ftp://f.com/2"]
    assert all(i.severity == ERROR for i in bad)
    assert len(parsed.value) == 6


def test_link_warnings():
    www = parse_field(LINKS, "人民网 www.people.com.cn/x")
    assert codes(www) == ["url_without_scheme"]
    assert www.issues[0].suggestion == "改为 http://www.people.com.cn/x"
    assert codes(parse_field(LINKS, "甲 http://a.com/x\n乙 http://a.com/x")) == ["duplicate_url"]
    orphan = parse_field(LINKS, "甲 http://a.com/x\n乙报道")
    assert codes(orphan) == ["name_without_url"] and "乙报道" in orphan.issues[0].message
    assert codes(parse_field(LINKS, "http://a.com/x")) == ["url_without_name"]


def test_many_bad_urls_are_capped():
    parsed = parse_field(LINKS, "\n".join(f"媒体{n} http://bad{n}" for n in range(30)))
    bad = [i for i in parsed.issues if i.code == "bad_url"]
    assert len(bad) == 21
    assert bad[-1].message == "另有10条链接格式不正确"


@pytest.mark.parametrize(("url", "ok"), [
    ("http://a.com", True), ("https://mp.weixin.qq.com/s/-awEnPTI9de2zI2IX-BKaw", True),
    ("http://192.168.1.1/x", True), ("HTTPS://A.COM/x", True), ("http://a.com:8080/x", True),
    ("http://-a.com", False), ("http://a-.com/x", False), ("http://1.2.3", False),
    ("http://a.com:99999", False), ("http://a.1com", False), ("ftp://a.com", False),
    ("http://a", False), ("http//a.com", False), ("http://a.com/" + "x" * 3000, False),
])
def test_valid_url(url, ok):
    assert valid_url(url) is ok


def test_split_links_keeps_orphans():
    links, orphans = split_links("甲 http://a.com/x\n\n乙\n丙")
    assert links == [{"name": "甲", "url": "http://a.com/x"}]
    assert orphans == ["乙", "丙"]


# --- offline/online pairs -----------------------------------------------------------------------

OFFLINE = FieldSpec("offline", "线下参与", "count", key="lecture_attendance.offline", unit="人",
                    accept_units=("人次",), parent="lecture_attendance",
                    full_label="科普讲座的人数（线下参与）")
ONLINE = FieldSpec("online", "线上观看", "count", key="lecture_attendance.online", unit="人次",
                   accept_units=("人",), parent="lecture_attendance",
                   full_label="科普讲座的人数（线上观看）")
PAIR = FieldSpec("lecture_attendance", "科普讲座的人数", "pair", key="lecture_attendance",
                 full_label="科普讲座的人数", parts=(OFFLINE, ONLINE))


@pytest.mark.parametrize("text", [
    "线下参与210546人\n\n\t\n\t\n\t\n\t线上观看245975人次",
    "线下参与210546人 / 线上观看245975人次",
    "线上观看245975人次\n线下参与210546人",
    "线下210546人，线上245975人次",
    "线下参与210546人 线上观看245975人次",
    "线下参与210546人线上观看245975人次",
    "线下：210546人；线上：245975人次",
    "210546人；245975人次",
    "210,546人, 245,975人次",
])
def test_split_compound(text):
    parts = split_compound(PAIR, text)
    assert parse_field(OFFLINE, parts["lecture_attendance.offline"]).value["value"] == 210546
    assert parse_field(ONLINE, parts["lecture_attendance.online"]).value["value"] == 245975
    assert parse_field(ONLINE, parts["lecture_attendance.online"]).value["unit"] == "人次"


def test_split_compound_one_part_and_extra_segments():
    assert split_compound(PAIR, "210546人") == {"lecture_attendance.offline": "210546人"}
    assert split_compound(PAIR, "线上观看约80000人次") == {
        "lecture_attendance.online": "线上观看约80000人次"}
    extra = split_compound(PAIR, "1人；2人；3人")
    assert extra["lecture_attendance.online"] == "2人\n3人"


def test_pair_parts_parse_their_labels():
    assert parse_field(OFFLINE, "线下参与210546人").issues == ()
    assert parse_field(ONLINE, "线上观看约80000人次").value == {
        "value": 80000, "unit": "人次", "qualifier": "approx"}


def test_the_other_parts_figure_is_not_stored_in_this_part(week_template):
    validator = Validator(week_template, {"lecture_attendance.online": "线下参与210546人"})
    assert [i.code for i in validator.issues_for("lecture_attendance.online")] == ["other_part"]
    assert "lecture_attendance.online" not in validator.values()
