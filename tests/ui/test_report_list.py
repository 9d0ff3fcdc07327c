"""The report list: its model (checked by qtmodeltester), filters and the Chinese search box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

import storage
from tests.ui.conftest import make_report
from tests.waiting import WAIT_MS
from ui.report_list import ID_ROLE, ReportListModel, ReportListPanel, ReportRow

pytestmark = pytest.mark.gui

TITLES = {"cancer_week_summary": "全国肿瘤防治宣传周活动总结表",
          "association_award_summary": "评优汇总表"}


@pytest.fixture
def three_reports(store):
    chengdu = make_report(store, edition="第30届", unit_name="成都市疾病预防控制中心",
                          fill_date="2024年4月28日")
    zigong = make_report(store, edition="第29届", unit_name="自贡市疾病预防控制中心",
                         fill_date="2023年4月28日")
    award = make_report(store, "association_award_summary", association_name="四川省抗癌协会",
                        year="2024")
    storage.set_status(store.db, zigong, "complete")
    return chengdu, zigong, award


def shown_ids(panel: ReportListPanel) -> set[int]:
    return {row.id for row in panel.model.rows()}


def test_model_passes_qtmodeltester(qtmodeltester, store, three_reports):
    model = ReportListModel(TITLES)
    model.set_rows([ReportRow.from_summary(s) for s in storage.list_reports(store.db)])
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    assert model.headers() == ["表单", "标题", "单位", "届次/年度", "状态", "最后修改"]


def test_model_shows_each_column(store, three_reports):
    chengdu, zigong, _award = three_reports
    model = ReportListModel(TITLES)
    model.set_rows([ReportRow.from_summary(s) for s in storage.list_reports(store.db)])
    row = model.row_of(zigong)
    texts = [model.index(row, c).data() for c in range(6)]
    assert texts[:5] == ["全国肿瘤防治宣传周活动总结表", "第29届全国肿瘤防治宣传周活动总结表",
                         "自贡市疾病预防控制中心", "第29届", "已完成"]
    assert texts[5][:2].isdigit() and "T" not in texts[5]  # compact: the time today
    assert model.index(model.row_of(chengdu), 4).data() == "草稿"
    assert model.index(row, 0).data(ID_ROLE) == zigong


def test_filters_by_form_status_and_year(qtbot, store, three_reports):
    chengdu, zigong, award = three_reports
    panel = ReportListPanel(store, TITLES)
    qtbot.addWidget(panel)
    assert shown_ids(panel) == {chengdu, zigong, award}
    years = [panel.year_combo.itemText(i) for i in range(panel.year_combo.count())]
    assert years == ["全部年度", "2024", "2023"]

    panel.form_combo.setCurrentIndex(panel.form_combo.findData("cancer_week_summary"))
    assert shown_ids(panel) == {chengdu, zigong}
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("complete"))
    assert shown_ids(panel) == {zigong}
    panel.status_combo.setCurrentIndex(0)
    panel.year_combo.setCurrentIndex(panel.year_combo.findText("2024"))
    assert shown_ids(panel) == {chengdu}


def test_search_box_finds_chinese_after_a_debounce(qtbot, store, three_reports):
    chengdu, _zigong, award = three_reports
    panel = ReportListPanel(store, TITLES)
    qtbot.addWidget(panel)
    panel.search_edit.setText("成都")  # two characters: below the trigram size
    assert panel.search_timer.isActive()
    qtbot.waitUntil(lambda: shown_ids(panel) == {chengdu}, timeout=WAIT_MS)
    panel.search_edit.setText("抗癌协会")
    qtbot.waitUntil(lambda: shown_ids(panel) == {award}, timeout=WAIT_MS)
    panel.search_edit.clear()
    qtbot.waitUntil(lambda: len(shown_ids(panel)) == 3, timeout=WAIT_MS)


def test_selection_emits_id_and_survives_reload(qtbot, store, three_reports):
    chengdu, zigong, _award = three_reports
    panel = ReportListPanel(store, TITLES)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.report_selected) as blocker:
        panel.select_report(zigong)
    assert blocker.args == [zigong]
    with qtbot.assertNotEmitted(panel.report_selected):
        panel.reload(rescan_years=True)
    assert panel.current_report_id() == zigong
    with qtbot.waitSignal(panel.report_selected) as blocker:
        panel.reload(select_id=chengdu)
    assert blocker.args == [chengdu]


def test_sorting_by_header_keeps_the_selection(qtbot, store, three_reports):
    chengdu, zigong, award = three_reports
    panel = ReportListPanel(store, TITLES)
    qtbot.addWidget(panel)
    panel.select_report(zigong)
    panel.view.sortByColumn(ReportListModel.PERIOD, Qt.SortOrder.AscendingOrder)
    assert [row.id for row in panel.model.rows()] == [zigong, chengdu, award]
    assert panel.current_report_id() == zigong
    panel.view.sortByColumn(ReportListModel.UNIT, Qt.SortOrder.DescendingOrder)
    units = [row.unit for row in panel.model.rows()]
    assert units == sorted(units, reverse=True)
    panel.reload()  # new rows keep the chosen order
    assert [row.unit for row in panel.model.rows()] == units
    assert panel.current_report_id() == zigong


def test_trashed_panel_lists_only_the_trash(qtbot, store, three_reports):
    chengdu, _zigong, _award = three_reports
    storage.trash_report(store.db, chengdu)
    panel = ReportListPanel(store, TITLES, trashed=True)
    qtbot.addWidget(panel)
    assert shown_ids(panel) == {chengdu}


def test_a_search_without_result_says_so(qtbot, store, three_reports):
    panel = ReportListPanel(store, TITLES)
    qtbot.addWidget(panel)
    panel.show()
    panel.search_edit.setText("不存在的单位")
    panel.reload()
    assert panel.model.rowCount() == 0
    assert panel.note.isVisible()
    assert panel.note.text().startswith("没有找到“不存在的单位”")
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("complete"))
    assert "可改为“全部”" in panel.note.text()  # a filter narrows the search: say so
    panel.search_edit.clear()
    panel.reload()
    assert panel.note.text() == "没有符合筛选条件的报表。" or panel.model.rowCount()


def test_a_row_found_by_its_content_shows_where(qtbot, store, three_reports):
    chengdu = three_reports[0]
    storage.save_value(store.db, chengdu, "hospitals", "2家；四川省肿瘤医院、阆中市人民医院",
                       None)
    panel = ReportListPanel(store, TITLES)
    panel.field_labels = {"cancer_week_summary": {"hospitals": "参与活动的医院数量/名称"}}
    qtbot.addWidget(panel)
    panel.show()
    panel.search_edit.setText("阆中")
    panel.reload(select_id=chengdu)
    assert shown_ids(panel) == {chengdu}
    tooltip = panel.model.index(0, ReportListModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "在“参与活动的医院数量/名称”中：" in tooltip and "阆中市人民医院" in tooltip
    assert panel.note.text().startswith("找到 1 份报表。")
    assert "阆中市人民医院" in panel.note.text()  # the selected row's match, under the box
    panel.search_edit.clear()
    panel.reload()
    tooltip = panel.model.index(0, ReportListModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "阆中" not in tooltip and not panel.note.isVisible()


def test_an_empty_database_says_how_to_begin(qtbot, store):
    panel = ReportListPanel(store, TITLES)
    qtbot.addWidget(panel)
    panel.show()
    assert "Ctrl+N" in panel.note.text()
