"""A database that receives packages of a form it lacks imports the template they carry."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import storage
from exports.package import write_package
from tests.exports.merge_helpers import A, B
from ui import catalogue, operations
from ui.catalogue import IMPORTED, template_catalogue
from ui.cli import main

NO_TOBACCO = Path(__file__).resolve().parents[1] / "fixtures" / "templates" / "no_tobacco_day.toml"
FORM = "no_tobacco_day_summary"


@pytest.fixture
def sent(tmp_path) -> list[Path]:
    """Two units' packages of the imported 无烟日 form, made in their own databases."""
    paths = []
    for number, (unit, lectures) in enumerate(((A, "3场"), (B, "约5场"))):
        with storage.open_database(tmp_path / f"unit{number}.db", daily_backup=False) as unit_db:
            catalogue.import_template_file(unit_db, NO_TOBACCO)
            report_id = operations.create_report(
                unit_db, FORM, raw={"unit_name": unit, "lectures": lectures,
                                    "fill_date": "2024年5月31日"})
            assert operations.complete_report(unit_db, report_id) == []
            data = operations.report_data(unit_db, report_id)
            paths.append(write_package(data, tmp_path / f"{unit}.zip"))
    return paths


def test_a_fresh_database_imports_the_form_and_merges(store, sent):
    outcome = operations.merge_into_new_report(store, sent, unit="某市疾病预防控制中心")
    assert outcome.report_id is not None and outcome.imported_form == FORM
    assert outcome.rejected == []
    stored = storage.get_imported_template(store, FORM)
    assert stored.source == NO_TOBACCO.read_text(encoding="utf-8")
    assert stored.source_name == f"{A}.zip"
    entry = template_catalogue(store).entry(FORM)
    assert (entry.origin, entry.reports) == (IMPORTED, 1)
    data = operations.report_data(store, outcome.report_id)
    assert data.template.id == FORM and data.check.values["lectures"]["value"] == 8
    assert [s["status"] for s in data.sources] == ["complete", "complete"]


def test_the_second_merge_uses_the_imported_form(store, sent):
    operations.merge_into_new_report(store, sent)
    again = operations.merge_into_new_report(store, sent)
    assert again.report_id is not None and again.imported_form is None
    assert len(storage.list_imported_templates(store)) == 1


def test_a_package_whose_template_is_broken_stores_nothing(store, tmp_path):
    template = catalogue.check_template_file(NO_TOBACCO)[0]
    broken = dataclasses.replace(template, source=template.source.replace(
        'type = "count"', 'type = "countt"', 1))
    from exports.model import ReportData

    data = ReportData.from_raw(broken, {"unit_name": A}, unit=A)
    path = write_package(data, tmp_path / "坏.zip")
    outcome = operations.merge_into_new_report(store, [path])
    assert outcome.report_id is None and "countt" in outcome.rejected[0][1]
    assert storage.list_imported_templates(store) == []
    assert storage.list_reports(store) == []


def test_the_merge_command_imports_the_form(capsys, tmp_path, sent):
    db = tmp_path / "city.db"
    code = main(["--db", str(db), "merge", *map(str, sent), "--json"])
    out = capsys.readouterr().out
    assert code == 0 and json.loads(out)["imported_form"] == FORM
    assert main(["--db", str(db), "templates", "list"]) == 0
    assert f"{FORM}\t世界无烟日活动总结表\t第1版\t导入\t1份报表" in capsys.readouterr().out


@pytest.mark.gui
def test_the_window_takes_up_a_form_that_came_with_packages(window, store, sent, monkeypatch):
    from ui import merge_dialog

    def merge(parent, opened):
        return operations.merge_into_new_report(opened, sent).report_id

    monkeypatch.setattr(merge_dialog, "run_merge_dialog", merge)
    window.merge()
    assert window.templates[FORM].title == "世界无烟日活动总结表"
    assert window.report_list.model.form_titles[FORM] == "世界无烟日活动总结表"
