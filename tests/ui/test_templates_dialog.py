"""The 表单管理 dialog: the list, import (broken ones stored never), export, delete, preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import storage
from forms.loader import FORMS_DIR
from tests.ui.editor_helpers import enter, state_of
from ui import catalogue, operations
from ui.dialogs import templates as templates_dialog
from ui.dialogs.template_preview import TemplatePreview
from ui.dialogs.templates import TemplatesDialog

pytestmark = pytest.mark.gui

NO_TOBACCO = Path(__file__).resolve().parents[1] / "fixtures" / "templates" / "no_tobacco_day.toml"
FORM = "no_tobacco_day_summary"
WEEK = "cancer_week_summary"
BROKEN = 'id = "old_form"\ntitle = "高血压日活动总结表"\nversion = 3\n'


@pytest.fixture
def dialog(qtbot, store):
    made = TemplatesDialog(store)
    qtbot.addWidget(made)
    return made


def choose_file(monkeypatch, path: Path | None) -> None:
    monkeypatch.setattr(templates_dialog, "ask_import_path", lambda parent, folder: path)


def rows(dialog) -> list[list[str]]:
    model = dialog.model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_the_model_passes_qt_s_checks(qtmodeltester, store, dialog):
    catalogue.import_template_file(store, NO_TOBACCO)
    storage.import_template(store, form_id="old_form", version=3, title="高血压日", source=BROKEN)
    dialog.reload()
    qtmodeltester.check(dialog.model)


def test_the_list_shows_every_form_with_origin_reports_and_state(store, dialog):
    catalogue.import_template_file(store, NO_TOBACCO)
    operations.create_report(store, FORM)
    storage.import_template(store, form_id="old_form", version=3, title="高血压日活动总结表",
                            source=BROKEN)
    dialog.reload()
    assert dialog.model.headers() == ["表单", "编号（id）", "版本", "来源", "报表数", "状态"]
    assert rows(dialog) == [
        ["省、市、自治区抗癌协会评优汇总表", "association_award_summary", "2", "内置", "0", "可用"],
        ["全国肿瘤防治宣传周活动总结表", WEEK, "2", "内置", "0", "可用"],
        ["世界无烟日活动总结表", FORM, "1", "导入", "1", "可用"],
        ["高血压日活动总结表", "old_form", "3", "导入", "0", "有 1 处错误"]]
    broken = dialog.model.index(3, 5)
    assert dialog.model.data(broken, Qt.ItemDataRole.ForegroundRole).name() == "#b00020"
    assert "sections" in dialog.model.data(broken, Qt.ItemDataRole.ToolTipRole)


def test_a_broken_template_shows_its_problems_and_cannot_be_used(store, dialog):
    storage.import_template(store, form_id="old_form", version=3, title="高血压日活动总结表",
                            source=BROKEN)
    dialog.reload()
    dialog.select("old_form")
    assert "1 处错误" in dialog.details.toPlainText()
    assert "sections" in dialog.details.toPlainText()
    assert not dialog.preview_button.isEnabled() and not dialog.export_button.isEnabled()
    assert dialog.delete_button.isEnabled()  # a broken import can be removed


def test_import_stores_the_template_and_selects_it(monkeypatch, messages, store, dialog):
    choose_file(monkeypatch, NO_TOBACCO)
    assert dialog.import_file() is True
    assert dialog.changed and dialog.selected().form_id == FORM
    assert [t.form_id for t in storage.list_imported_templates(store)] == [FORM]
    assert messages.texts("information") == ["已导入表单“世界无烟日活动总结表”（第 1 版）。"]
    assert "导入自“no_tobacco_day.toml”" in dialog.details.toPlainText()


def test_the_file_dialogs_start_in_the_folder_last_used(monkeypatch, store, dialog, tmp_path):
    asked = []
    monkeypatch.setattr(templates_dialog, "ask_import_path",
                        lambda parent, folder: asked.append(folder) or NO_TOBACCO)
    dialog.import_file()
    assert asked == [Path.home()]
    assert storage.get_settings(store).last_template_folder == str(NO_TOBACCO.parent)
    monkeypatch.setattr(templates_dialog, "ask_export_path",
                        lambda parent, suggested: asked.append(suggested))
    dialog.select(FORM)
    dialog.export_selected()
    assert asked[1] == NO_TOBACCO.parent / f"{FORM}.toml"


def test_import_cancelled_does_nothing(monkeypatch, store, dialog):
    choose_file(monkeypatch, None)
    assert dialog.import_file() is False and not dialog.changed


def test_a_broken_template_is_shown_and_nothing_is_stored(monkeypatch, messages, store, dialog,
                                                          tmp_path):
    path = tmp_path / "坏表.toml"
    path.write_text(NO_TOBACCO.read_text(encoding="utf-8").replace(
        'type = "count"', 'type = "countt"', 1), encoding="utf-8")
    choose_file(monkeypatch, path)
    assert dialog.import_file() is False
    assert storage.list_imported_templates(store) == [] and not dialog.changed
    warning = messages.texts("warning")[0]
    assert "“坏表.toml”有 1 处错误，没有导入任何内容" in warning and "countt" in warning
    assert "countt" in dialog.details.toPlainText()


def test_a_file_of_another_kind_is_explained(monkeypatch, messages, store, dialog, tmp_path):
    path = tmp_path / "表.docx"
    path.write_bytes(b"PK")
    choose_file(monkeypatch, path)
    assert dialog.import_file() is False
    assert "不是有效的 Word（.docx）或 Excel（.xlsx）文件" in "".join(messages.texts())


def test_export_writes_the_template(monkeypatch, messages, dialog, tmp_path):
    dialog.select(WEEK)
    target = tmp_path / "week.toml"
    monkeypatch.setattr(templates_dialog, "ask_export_path", lambda parent, suggested: target)
    assert dialog.export_selected() == target
    assert target.read_bytes() == (FORMS_DIR / "cancer_week_summary.toml").read_bytes()


def test_delete_only_an_imported_form_without_reports_after_confirming(messages, store, dialog):
    from PySide6.QtWidgets import QMessageBox

    catalogue.import_template_file(store, NO_TOBACCO)
    dialog.reload()
    dialog.select(WEEK)
    assert not dialog.delete_button.isEnabled() and dialog.delete_selected() is False
    dialog.select(FORM)
    assert dialog.delete_button.isEnabled()
    messages.answer = QMessageBox.StandardButton.No
    assert dialog.delete_selected() is False
    assert storage.list_imported_templates(store)
    messages.answer = QMessageBox.StandardButton.Yes
    assert dialog.delete_selected() is True
    assert "删除导入的表单“世界无烟日活动总结表”" in messages.texts("question")[-1]
    assert storage.list_imported_templates(store) == [] and dialog.changed
    assert FORM not in [row[1] for row in rows(dialog)]


def test_a_form_with_reports_cannot_be_deleted(store, dialog):
    catalogue.import_template_file(store, NO_TOBACCO)
    operations.create_report(store, FORM)
    dialog.reload()
    dialog.select(FORM)
    assert not dialog.delete_button.isEnabled()
    assert "已有 1 份报表使用这个表单，不能删除" in dialog.details.toPlainText()


def test_read_only_allows_looking_and_exporting_only(qtbot, tmp_path, store):
    path = store.path
    store.close()
    with storage.open_database(path, read_only=True) as view:
        made = TemplatesDialog(view)
        qtbot.addWidget(made)
        assert not made.import_button.isEnabled() and not made.delete_button.isEnabled()
        assert made.export_button.isEnabled() and made.preview_button.isEnabled()
        made.close()


def test_preview_opens_the_chosen_template(monkeypatch, dialog):
    shown = []
    monkeypatch.setattr(TemplatePreview, "show_for",
                        classmethod(lambda cls, parent, template: shown.append(template.id)))
    dialog.select(WEEK)
    dialog.preview_selected()
    assert shown == [WEEK]


def test_the_preview_is_a_real_editor_on_a_throwaway_report(qtbot, store):
    template = catalogue.check_template_file(NO_TOBACCO)[0]
    preview = TemplatePreview(template)
    qtbot.addWidget(preview)
    folder = preview.folder
    widget = preview.editor.form.widget_for("participants")
    enter(widget, "participants", "46.21人")
    qtbot.waitUntil(lambda: state_of(widget, "participants") == "error")
    preview.editor.flush()
    assert storage.list_reports(preview.store)  # saved, in the throwaway file
    preview.close()
    assert not folder.exists()
    assert storage.list_reports(store) == []  # never in the person's own database


# --- the main window ---------------------------------------------------------------------------

def test_the_menu_item_and_its_shortcut(window):
    action = window.commands.templates
    assert action.text() == "表单管理(&G)…"
    assert [s.toString() for s in action.shortcuts()] == ["Ctrl+Shift+M"]
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    assert action.isEnabled()


def test_the_window_takes_up_forms_imported_in_the_dialog(window, store, monkeypatch):
    def run(cls, parent, opened):
        catalogue.import_template_file(opened, NO_TOBACCO)
        return True

    monkeypatch.setattr(TemplatesDialog, "run", classmethod(run))
    window.commands.templates.trigger()
    assert window.templates[FORM].title == "世界无烟日活动总结表"
    assert window.report_list.model.form_titles[FORM] == "世界无烟日活动总结表"


def test_english(qtbot, qapp, store):
    from ui.startup import install_translators, remove_translators

    translators = install_translators(qapp, "en")
    try:
        made = TemplatesDialog(store)
        qtbot.addWidget(made)
        assert made.windowTitle() == "Manage Forms"
        assert made.model.headers()[0] == "Form"
        assert made.model.data(made.model.index(0, 3)) == "Built-in"
    finally:
        remove_translators(qapp, translators)
