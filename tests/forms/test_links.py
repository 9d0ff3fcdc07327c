"""Link lists: URLs with Chinese in their path, internationalised hosts, names in brackets."""

from __future__ import annotations

import itertools

import pytest

from forms.issues import ERROR
from forms.lists import split_links, valid_url
from forms.registry import parse_field
from forms.spec import FieldSpec

LINKS = FieldSpec("media_links", "主要媒体报道链接", "link_list", key="media_links",
                  full_label="主要媒体报道链接")

CHINESE_PATHS = [
    "https://baike.baidu.com/item/肿瘤防治宣传周", "https://zh.wikipedia.org/wiki/癌症",
    "http://www.fucheng.gov.cn/新闻中心/2024/0418.html", "http://a.com/搜索?q=肿瘤&page=2",
    "https://www.sc.gov.cn/10462/c102914/2024/4/15/文章.shtml", "http://a.cn/x/健康四川/",
    "https://mp.weixin.qq.com/s?__biz=MzA&mid=1&title=宣传周", "http://a.com/%E8%82%BF/癌",
    "https://a.com/path/抗癌协会#第二节", "http://b.cn/一/二/三.htm",
]
IDN_HOSTS = [
    "http://例子.中国", "http://例子.中国/新闻", "https://疾控.公司/a", "http://卫健委.政务/b.html",
    "https://xn--fsqu00a.xn--fiqs8s/", "http://a.xn--fiqs8s/x",
    "https://www.例子.cn/x", "http://健康.网络/1", "https://四川疾控.中国:8080/x",
]
NAMES = ["人民网", "四川发布", "CCTV", "39健康网"]


@pytest.mark.parametrize(("url", "name", "layout"), list(itertools.product(
    CHINESE_PATHS + IDN_HOSTS, NAMES, ("{name} {url}", "{name}\n{url}", "{name}：{url}",
                                       "{url} （{name}）", "{url}（{name}）", "{url} ({name})"))))
def test_url_kept_whole_with_its_name(url, name, layout):
    parsed = parse_field(LINKS, layout.format(name=name, url=url))
    assert parsed.value == [{"name": name, "url": url}]
    assert parsed.issues == ()


@pytest.mark.parametrize("url", CHINESE_PATHS + IDN_HOSTS)
def test_valid_international_urls(url):
    assert valid_url(url)


@pytest.mark.parametrize("url", ["http://例子", "http://例子.", "http://-例子.中国", "http://例子.中国-",
                                 "http://a.1中国", "http://a_b.com", "http://例子。中国"])
def test_invalid_international_urls(url):
    assert not valid_url(url)


@pytest.mark.parametrize(("text", "expected"), [
    ("http://www.fucheng.gov.cn/news/1.html （涪城发布）",
     [("涪城发布", "http://www.fucheng.gov.cn/news/1.html")]),
    ("涪城区人民政府 http://www.fucheng.gov.cn/news/1.html（涪城发布）",
     [("涪城区人民政府（涪城发布）", "http://www.fucheng.gov.cn/news/1.html")]),
    ("http://a.com/x （甲）\nhttp://b.com/y （乙）\nhttp://c.com/z （丙）",
     [("甲", "http://a.com/x"), ("乙", "http://b.com/y"), ("丙", "http://c.com/z")]),
    ("http://a.com/x.html四川在线https://b.com/y",
     [("", "http://a.com/x.html"), ("四川在线", "https://b.com/y")]),
    ("人民网http://a.com/新闻，新华网https://b.cn/y",
     [("人民网", "http://a.com/新闻"), ("新华网", "https://b.cn/y")]),
    ("甲 http://a.com/x；乙 http://b.com/y", [("甲", "http://a.com/x"), ("乙", "http://b.com/y")]),
    ("甲 http://a.com/x、乙 http://b.com/y", [("甲", "http://a.com/x"), ("乙", "http://b.com/y")]),
    ("“甲” http://a.com/路径 “乙” http://b.com/y",
     [("“甲”", "http://a.com/路径"), ("“乙”", "http://b.com/y")]),
])
def test_link_layouts(text, expected):
    links, orphans = split_links(text)
    assert [(link["name"], link["url"]) for link in links] == expected
    assert orphans == []


def test_a_bracket_name_is_one_link_not_two_warnings():
    parsed = parse_field(LINKS, "http://www.fucheng.gov.cn/a.html （涪城发布）")
    assert parsed.issues == ()
    assert len(parsed.value) == 1


def test_bad_urls_with_chinese_are_still_named():
    parsed = parse_field(LINKS, "甲 http://例子\n乙 http//例子.中国/x")
    bad = [i for i in parsed.issues if i.code == "bad_url"]
    assert [i.message for i in bad] == ["第1条链接格式不正确：http://例子",
                                        "第2条链接格式不正确：http//例子.中国/x"]
    assert all(i.severity == ERROR for i in bad)
