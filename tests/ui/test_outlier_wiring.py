"""Outlier warnings where a store exists: opening a report, changing its unit or period, the
command line's show and check, and the editor."""

from __future__ import annotations

import json

import pytest

from tests.ui.editor_helpers import WEEK, line_edit
from ui import operations
from ui.cli import main

UNIT = "成都市疾病预防控制中心"
MESSAGE = "去年为 60场，今年 603场，请核实"  # 第1届 was in 1995: 第29届 was last year


def outliers(issues) -> list[str]:
    return [i.message for i in issues if i.code == "outlier"]


@pytest.fixture
def last_year(store) -> int:
    return operations.create_report(store, WEEK, raw={"edition": "第29届", "unit_name": UNIT,
                                                      "lectures": "60场"})


@pytest.fixture
def this_year(store, last_year) -> int:
    return operations.create_report(store, WEEK, raw={"edition": "第30届", "unit_name": UNIT,
                                                      "lectures": "603场"})


def test_open_session_compares_with_the_units_last_report(store, this_year):
    session = operations.open_session(store, this_year)
    assert outliers(session.validator.issues()) == [MESSAGE]
    # the earlier report has nothing earlier to compare with
    assert outliers(operations.open_session(store, this_year - 1).validator.issues()) == []


def test_another_unit_or_a_later_period_has_no_history(store, last_year):
    other = operations.create_report(store, WEEK, raw={"edition": "第30届", "unit_name": "自贡市",
                                                       "lectures": "603场"})
    assert outliers(operations.open_session(store, other).validator.issues()) == []


def test_changing_the_unit_or_period_reloads_the_history(store, this_year):
    session = operations.open_session(store, this_year)
    operations.save_field(store, session, "unit_name", "自贡市疾病预防控制中心")
    assert outliers(session.validator.issues()) == []
    operations.save_field(store, session, "unit_name", UNIT)
    assert outliers(session.validator.issues()) == [MESSAGE]
    operations.save_fields(store, session, {"edition": "第29届"})  # the same period: not earlier
    assert outliers(session.validator.issues()) == []


def test_typing_a_figure_is_checked_against_the_loaded_history(store, this_year):
    session = operations.open_session(store, this_year)
    session.validator.set("lectures", "61场")
    assert outliers(session.validator.issues_for("lectures")) == []
    session.validator.set("lectures", "5场")
    assert outliers(session.validator.issues_for("lectures")) == [
        "去年为 60场，今年 5场，请核实"]


def test_cli_show_prints_the_outlier(capsys, tmp_path, store, this_year):
    store.close()
    assert main(["--db", str(tmp_path / "tianbao.db"), "show", str(this_year)]) == 0
    assert MESSAGE in capsys.readouterr().out


def test_cli_check_compares_a_values_file_with_the_database(capsys, tmp_path, store, last_year):
    store.close()
    values = tmp_path / "values.json"
    values.write_text(json.dumps({"届次": "第30届", "单位名称": UNIT, "科普讲座": "603场"},
                                 ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "tianbao.db"
    main(["--db", str(db), "check", WEEK, "--values", str(values), "--json"])
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert [i["message"] for i in issues if i["code"] == "outlier"] == [MESSAGE]
    main(["--db", str(tmp_path / "none.db"), "check", WEEK, "--values", str(values), "--json"])
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert not [i for i in issues if i["code"] == "outlier"]
    assert not (tmp_path / "none.db").exists()


@pytest.mark.gui
def test_editor_reloads_the_history_when_the_unit_changes(qtbot, store, this_year):
    from ui.editor import ReportEditor

    editor = ReportEditor(store)
    qtbot.addWidget(editor)
    editor.show()
    editor.load_report(this_year)
    editor.refresh_issues()
    assert outliers(editor.issues.model.issues()) == [MESSAGE]
    line_edit(editor, "unit_name").setText("自贡市疾病预防控制中心")
    editor.flush()
    qtbot.waitUntil(lambda: outliers(editor.session.validator.issues()) == [])
    qtbot.waitUntil(lambda: outliers(editor.issues.model.issues()) == [])
    line_edit(editor, "unit_name").setText(UNIT)
    editor.flush()
    qtbot.waitUntil(lambda: outliers(editor.issues.model.issues()) == [MESSAGE])
    editor.flush()
