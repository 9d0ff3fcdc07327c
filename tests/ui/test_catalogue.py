"""The template catalogue: built-in and imported forms, broken ones listed, never blocking."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import storage
from forms.loader import FORMS_DIR
from ui import catalogue, operations
from ui.catalogue import BUILTIN, IMPORTED, TemplateRejected, template_catalogue

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "templates"
NO_TOBACCO = FIXTURES / "no_tobacco_day.toml"
FORM = "no_tobacco_day_summary"
WEEK = "cancer_week_summary"


@pytest.fixture
def forms_dir(tmp_path) -> Path:
    """A copy of resources/forms to spoil."""
    folder = tmp_path / "forms"
    shutil.copytree(FORMS_DIR, folder)
    return folder


def write(tmp_path: Path, text: str, name: str = "form.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_without_a_store_the_catalogue_is_the_built_in_forms():
    found = template_catalogue()
    assert [(e.form_id, e.origin, e.usable) for e in found.entries] == [
        ("association_award_summary", BUILTIN, True), (WEEK, BUILTIN, True)]
    assert found.get(WEEK).title == "全国肿瘤防治宣传周活动总结表"
    assert found.get("全国肿瘤防治宣传周活动总结表").id == WEEK


@pytest.mark.parametrize(("order", "expected"), [
    ("", [WEEK, "association_award_summary", FORM]),  # none declared: after the others
    ("order = 1\n", [WEEK, FORM, "association_award_summary"]),  # a tie keeps the listing's order
    ("order = 9999\n", [WEEK, "association_award_summary", FORM]),
])
def test_forms_come_in_the_order_their_templates_declare(store, tmp_path, order, expected):
    text = NO_TOBACCO.read_text(encoding="utf-8").replace("version = 1\n", f"version = 1\n{order}")
    catalogue.import_template_file(store, write(tmp_path, text))
    assert list(template_catalogue(store).templates()) == expected
    assert list(template_catalogue().templates()) == [WEEK, "association_award_summary"]


def test_an_imported_form_is_listed_with_its_reports(store):
    catalogue.import_template_file(store, NO_TOBACCO)
    operations.create_report(store, FORM, raw={"lectures": "3场"})
    operations.create_report(store, WEEK)
    entry = template_catalogue(store).entry(FORM)
    assert (entry.origin, entry.origin_text, entry.version, entry.title, entry.reports) == (
        IMPORTED, "导入", 1, "世界无烟日活动总结表", 1)
    assert entry.source_name == "no_tobacco_day.toml" and entry.imported_at
    assert template_catalogue(store).entry(WEEK).reports == 1
    assert set(template_catalogue(store).templates()) == {FORM, WEEK, "association_award_summary"}


def test_a_broken_built_in_file_is_listed_and_the_others_load(forms_dir):
    (forms_dir / "cancer_week_summary.toml").write_text('id = "x"\ntitle = ', encoding="utf-8")
    found = template_catalogue(folder=forms_dir)
    broken = found.entry("cancer_week_summary", BUILTIN)
    assert broken.template is None and not broken.usable
    assert "TOML" in broken.problems[0] and "cancer_week_summary.toml" in broken.problems[0]
    assert list(found.templates()) == ["association_award_summary"]
    with pytest.raises(operations.OperationError, match="模板有错误"):
        found.get("cancer_week_summary")


def test_a_built_in_file_that_is_not_utf8_or_repeats_an_id_is_listed(forms_dir):
    (forms_dir / "zz_copy.toml").write_bytes((FORMS_DIR / "cancer_week_summary.toml").read_bytes())
    (forms_dir / "bad.toml").write_bytes("title = '表'".encode("gbk"))
    found = template_catalogue(folder=forms_dir)
    problems = {e.source_name: e.problems for e in found.entries if e.problems}
    assert "无法读取" in problems["bad.toml"][0]
    assert "重复" in problems["zz_copy.toml"][0]
    assert found.get(WEEK).path.endswith("cancer_week_summary.toml")


def test_a_stored_template_that_no_longer_loads_is_listed_with_its_problem(store):
    storage.import_template(store, form_id="old_form", version=3, title="旧表", source="id = 1")
    found = template_catalogue(store)
    entry = found.entry("old_form", IMPORTED)
    assert (entry.title, entry.version, entry.usable) == ("旧表", 3, False)
    assert entry.problems
    assert WEEK in found.templates()


def test_import_refuses_a_broken_template_and_stores_nothing(store, tmp_path):
    text = NO_TOBACCO.read_text(encoding="utf-8").replace('type = "count"', 'type = "countt"', 1)
    with pytest.raises(TemplateRejected) as caught:
        catalogue.import_template_file(store, write(tmp_path, text))
    assert "countt" in caught.value.text() and caught.value.problems
    assert storage.list_imported_templates(store) == []


def test_importing_the_same_file_twice_stores_it_once(store):
    assert catalogue.import_template_file(store, NO_TOBACCO).stored is True
    assert catalogue.import_template_file(store, NO_TOBACCO).stored is False
    assert len(storage.list_imported_templates(store)) == 1


def test_a_built_in_form_is_taken_over_only_by_a_higher_version(store, tmp_path):
    text = (FORMS_DIR / "cancer_week_summary.toml").read_text(encoding="utf-8")
    version = int(re.search(r"^version = (\d+)$", text, re.M)[1])
    with pytest.raises(operations.OperationError, match=f"version 须大于 {version}"):
        catalogue.import_template_file(store, write(tmp_path, text + "\n# 改过\n"))
    assert storage.list_imported_templates(store) == []
    newer = text.replace(f"version = {version}", f"version = {version + 1}", 1).replace(
        'title = "全国肿瘤防治宣传周活动总结表"', 'title = "全国肿瘤防治宣传周活动总结表（新）"', 1)
    catalogue.import_template_file(store, write(tmp_path, newer))
    found = template_catalogue(store)
    assert found.get(WEEK).version == version + 1 and found.entry(WEEK).origin == IMPORTED
    builtin = found.entry(WEEK, BUILTIN)
    assert not builtin.in_use and f"第{version + 1}版" in builtin.note
    report_id = operations.create_report(store, WEEK)
    assert storage.get_report(store, report_id).form_version == version + 1


@pytest.mark.parametrize(("name", "words"), [
    ("表.docx", "暂不支持从 Word"), ("表.xlsx", "暂不支持从 Excel"),
    ("表.pdf", "无法识别"), ("missing.toml", "找不到")])
def test_other_kinds_of_file_get_a_clear_chinese_error(store, tmp_path, name, words):
    path = tmp_path / name
    if name != "missing.toml":
        path.write_bytes(b"PK\x03\x04")
    with pytest.raises(operations.OperationError, match=words):
        catalogue.import_template_file(store, path)


def test_a_template_file_that_is_not_utf8_says_how_to_fix_it(store, tmp_path):
    path = tmp_path / "gbk.toml"
    path.write_bytes(NO_TOBACCO.read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(operations.OperationError, match="UTF-8"):
        catalogue.import_template_file(store, path)


def test_export_writes_what_import_reads_back_identically(store, tmp_path):
    catalogue.import_template_file(store, NO_TOBACCO)
    out = catalogue.export_template(store, FORM, tmp_path / "out.toml")
    with storage.open_database(tmp_path / "other.db", daily_backup=False) as other:
        outcome = catalogue.import_template_file(other, out)
        again = catalogue.export_template(other, FORM, tmp_path / "again.toml")
        assert storage.get_imported_template(other, FORM).sha256 == \
            storage.get_imported_template(store, FORM).sha256
    assert out.read_bytes() == again.read_bytes() == NO_TOBACCO.read_bytes()
    assert outcome.template == template_catalogue(store).get(FORM)


def test_a_built_in_form_exports_as_its_file(store, tmp_path):
    out = catalogue.export_template(store, WEEK, tmp_path / "week.toml")
    assert out.read_bytes() == (FORMS_DIR / "cancer_week_summary.toml").read_bytes()


def test_delete_an_imported_form_but_never_a_built_in_one_or_one_with_reports(store):
    with pytest.raises(operations.OperationError, match="内置表单"):
        catalogue.delete_template(store, WEEK)
    catalogue.import_template_file(store, NO_TOBACCO)
    report_id = operations.create_report(store, FORM)
    with pytest.raises(storage.TemplateInUseError):
        catalogue.delete_template(store, FORM)
    assert not template_catalogue(store).entry(FORM).deletable
    storage.purge_report(store, report_id)
    catalogue.delete_template(store, FORM)
    assert template_catalogue(store).entry(FORM) is None


def test_new_report_of_an_imported_form_keeps_its_snapshot(store):
    catalogue.import_template_file(store, NO_TOBACCO)
    report_id = operations.new_report(store, FORM, unit="某某县疾病预防控制中心")
    session = operations.open_session(store, report_id)
    assert session.template.id == FORM
    assert session.validator.raw["unit_name"] == "某某县疾病预防控制中心"
    assert storage.get_report(store, report_id).unit == "某某县疾病预防控制中心"
    assert storage.get_report_template_source(store, report_id) == NO_TOBACCO.read_text("utf-8")


def test_an_unknown_form_names_the_available_ones(store):
    with pytest.raises(operations.OperationError, match=f"没有表单“nope”.*{WEEK}"):
        operations.create_report(store, "nope")


# --- the window takes up imported forms ------------------------------------------------------

@pytest.mark.gui
def test_the_new_report_dialog_offers_imported_forms(window, store, monkeypatch):
    from ui.dialogs.new_report import NewReportDialog, NewReportRequest

    catalogue.import_template_file(store, NO_TOBACCO)
    window.reload_templates()
    offered: list[dict] = []

    def ask(cls, parent, templates, unit, reports, defaults, **kwargs):
        offered.append(templates)
        return NewReportRequest(FORM, None, "某某县疾病预防控制中心")

    monkeypatch.setattr(NewReportDialog, "ask", classmethod(ask))
    report_id = window.new_report()
    assert FORM in offered[0] and WEEK in offered[0]
    assert storage.get_report(store, report_id).form_id == FORM
    assert window.report_list.model.form_titles[FORM] == "世界无烟日活动总结表"
    assert window.current_report_id() == report_id


def test_peek_reads_the_titles_of_imported_forms_for_the_first_paint(store):
    from storage.peek import peek_database

    catalogue.import_template_file(store, NO_TOBACCO)
    store.db.conn.commit()
    assert peek_database(store.path).form_titles == {FORM: "世界无烟日活动总结表"}
