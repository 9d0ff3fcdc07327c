"""Search by title, unit and value text, with Chinese queries of any length."""

from __future__ import annotations

import pytest

import storage
from storage import fts
from tests.storage.conftest import new_report


@pytest.fixture
def reports(store):
    chengdu = new_report(store, title="第30届全国肿瘤防治宣传周活动总结表",
                         unit="成都市疾病预防控制中心", period="第30届", year=2024)
    storage.save_values(store, chengdu, {
        "hospitals": "1431家；四川省肿瘤医院、成都市第七人民医院、阆中市人民医院",
        "lectures": "603场",
        "media": "CDC WeChat official account",
    })
    zigong = new_report(store, title="2024年宣传周总结", unit="自贡市癌防中心", year=2024)
    storage.save_values(store, zigong, {"venue": "自贡市体育馆", "note": "与都江堰、成华区合作"})
    award = new_report(store, title="抗癌协会评优汇总表", unit="四川省抗癌协会", period="2023",
                       year=2023, form_id="association_award_summary")
    storage.save_value(store, award, "winner", "Café Chengdu 团队")
    return {"chengdu": chengdu, "zigong": zigong, "award": award}


@pytest.fixture(params=["pending", "indexed"])
def searchable(request, store, reports):
    """Run every search test twice: before and after the index catches up."""
    if request.param == "indexed":
        assert storage.flush_search_index(store) == 3
        assert fts.pending_reports(store.db) == []
    else:
        assert len(fts.pending_reports(store.db)) == 3
    return reports


def _found(store, query, **filters):
    return {r.id for r in storage.search_reports(store, query, **filters)}


@pytest.mark.parametrize(("query", "expected"), [
    ("成都", {"chengdu"}),                    # two characters; "成华" / "都江堰" do not count
    ("成", {"chengdu", "zigong"}),            # one character
    ("肿瘤", {"chengdu"}),                    # in a value
    ("肿瘤医院", {"chengdu"}),                # four characters
    ("阆中市人民医院", {"chengdu"}),          # longer phrase in the middle of a value
    ("自贡", {"zigong"}),                     # unit
    ("宣传周", {"chengdu", "zigong"}),        # title
    ("第30届", {"chengdu"}),                  # mixed Chinese and digits
    ("603", {"chengdu"}),
    ("60", set()),                            # numbers match whole, not as prefixes
    ("wechat", {"chengdu"}),                  # Latin, case-insensitive
    ("Offic", {"chengdu"}),                   # word prefix
    ("cafe", {"award"}),                      # accents folded
    ("ＣＤＣ", {"chengdu"}),                  # full-width letters
    ("成都 603", {"chengdu"}),                # every term must match somewhere
    ("成都 协会", set()),
    ("医院四川", set()),                      # a phrase must be contiguous
    ("医院成都", {"chengdu"}),                # ... but punctuation between is ignored
    ("都江堰", {"zigong"}),
    ("，。！", set()),                        # punctuation only
    ("北京", set()),
])
def test_queries(store, searchable, query, expected):
    assert _found(store, query) == {searchable[name] for name in expected}


def test_a_phrase_does_not_span_two_values(store, searchable):
    # "603场" ends one value and "CDC" starts another: no match across the boundary.
    assert _found(store, "场CDC") == set()


def test_filters_and_empty_query(store, searchable):
    ids = searchable
    assert _found(store, "成", year=2024) == {ids["chengdu"], ids["zigong"]}
    assert _found(store, "协会", form_id="association_award_summary") == {ids["award"]}
    assert _found(store, "") == set(ids.values())
    storage.trash_report(store, ids["chengdu"])
    assert _found(store, "成都") == set()
    assert _found(store, "成都", trashed=True) == {ids["chengdu"]}


def test_results_follow_updates_and_edits(store, searchable):
    ids = searchable
    storage.save_value(store, ids["zigong"], "venue", "成都市体育中心")
    storage.update_report(store, ids["award"], unit="绵阳市抗癌协会")
    assert _found(store, "成都") == {ids["chengdu"], ids["zigong"]}
    assert _found(store, "绵阳") == {ids["award"]}
    assert _found(store, "四川省抗癌") == set()
    storage.flush_search_index(store)
    assert _found(store, "成都") == {ids["chengdu"], ids["zigong"]}
    assert _found(store, "绵阳") == {ids["award"]}
    results = storage.search_reports(store, "成都")
    assert results[0].id == ids["zigong"]  # most recently updated first


def test_copies_and_purges_are_searchable(store, searchable):
    ids = searchable
    copy = storage.copy_report(store, ids["award"], title="评优汇总表2025")
    assert _found(store, "Chengdu") == {ids["award"], copy}
    storage.purge_report(store, ids["award"])
    storage.flush_search_index(store)
    assert _found(store, "Chengdu") == {copy}
    assert _found(store, "2025") == {copy}


def test_read_only_view_searches_pending_reports(store, reports, db_path):
    assert fts.pending_reports(store.db)
    # Simulate a writer that crashed before flushing: the view must still find them.
    view = storage.open_database(db_path, read_only=True)
    try:
        assert {r.id for r in storage.search_reports(view, "成都")} == {reports["chengdu"]}
    finally:
        view.close()


def test_closing_and_opening_flush_the_index(store, reports, db_path):
    store.close()
    with storage.open_database(db_path, read_only=True) as view:
        assert fts.pending_reports(view.db) == []
        assert _found(view, "阆中") == {reports["chengdu"]}


def test_rebuild_index(store, searchable):
    store.db.execute("DELETE FROM report_search")
    assert _found(store, "自贡") in (set(), {searchable["zigong"]})
    storage.rebuild_search_index(store)
    assert _found(store, "自贡") == {searchable["zigong"]}


def test_query_parsing():
    assert [p.fts() for p in fts.parse_query("成都  Chen 第30届 ，")] == [
        '"成 都"', '"chen"*', '"第 30 届"']
    assert fts.index_text("成都市CDC") == " 成 都 市 CDC"


def test_search_hits_say_where_each_term_was_found(store, searchable):
    chengdu = searchable["chengdu"]
    hits = storage.search_hits(store, chengdu, "阆中 成都市疾病")
    assert [hit.key for hit in hits] == ["hospitals", None]  # a value, then the unit
    assert "阆中市人民医院" in hits[0].excerpt
    assert "成都市疾病预防控制中心" in hits[1].excerpt
    assert storage.search_hits(store, chengdu, "自贡") == []
    assert storage.search_hits(store, chengdu, "，。") == []


def test_excerpt_is_one_line_around_the_term():
    from storage.search import excerpt

    text = "成都市卫生健康委员会、四川省肿瘤医院、成都市第七人民医院官微、\n自贡市癌防中心官微"
    cut = excerpt(text, "第七人民", width=16)
    assert "第七人民" in cut and "\n" not in cut
    assert cut.startswith("…") and cut.endswith("…")
    assert len(cut) == 18
    assert excerpt("短文本", "无") == "短文本"
    assert excerpt("ABC def", "DEF") == "ABC def"
