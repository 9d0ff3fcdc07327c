"""文件 › 导入报表 and the review of a blank form, driven through the real dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

import storage
from forms.importing import read_document
from forms.importing.blank import draft_from_document
from tests.forms.importing import builders
from ui import catalogue, importing

pytestmark = pytest.mark.gui


@pytest.fixture
def filled_docx(tmp_path):
    return builders.week_docx(tmp_path / "宣传周总结表.docx", builders.seed_000())


def test_report_import_preview_lists_every_cell(qtbot, tmp_path, filled_docx, templates):
    from ui.dialogs.report_import import ReportImportDialog

    document = importing.read_filled(filled_docx)
    preview = importing.match_filled(document, templates)
    dialog = ReportImportDialog(document, templates, preview)
    qtbot.addWidget(dialog)
    assert dialog.matched.rowCount() == 27 and dialog.unmatched.rowCount() == 0
    rows = {dialog.matched.item(r, 0).text(): r for r in range(dialog.matched.rowCount())}
    fractional = dialog.matched.item(rows["直接受益人数"], 3)
    assert fractional.text().startswith("人数应为整数")
    assert dialog.matched.item(rows["发放科普知识印刷品"], 3).text() == "= 380,000 份"
    assert "读到 27 个栏目" in dialog.summary.text()
    # Another form: only the heading's date fits it (its 年度 is a year, not the title's 第30届),
    # so nothing can be imported.
    dialog.form.setCurrentIndex(dialog.form.findData("association_award_summary"))
    assert dialog.matched.rowCount() == 1 and not dialog.import_button.isEnabled()
    dialog.form.setCurrentIndex(dialog.form.findData("cancer_week_summary"))
    assert dialog.import_button.isEnabled()


def test_file_import_creates_and_selects_the_report(qtbot, window, store, filled_docx,
                                                    monkeypatch):
    from ui.dialogs import report_import

    monkeypatch.setattr(report_import, "ask_report_path", lambda parent: filled_docx)
    monkeypatch.setattr(report_import.ReportImportDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)
    report_id = window.import_report()
    assert report_id is not None
    assert [r.id for r in storage.list_reports(store.db)] == [report_id]
    assert window.report_list.current_report_id() == report_id
    report = storage.get_report(store.db, report_id)
    assert report.source_info == {"imported_from": filled_docx.name}
    assert storage.get_values(store.db, report_id)["printed_materials"].raw == "38万份"


def test_cancelled_or_refused_import_creates_nothing(qtbot, window, store, filled_docx, tmp_path,
                                                     monkeypatch, messages):
    from ui.dialogs import report_import

    monkeypatch.setattr(report_import.ReportImportDialog, "exec",
                        lambda self: QDialog.DialogCode.Rejected)
    assert window.import_report(path=filled_docx) is None
    old = tmp_path / "去年.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert window.import_report(path=old) is None
    assert any("另存为" in text for text in messages.texts())
    assert storage.list_reports(store.db) == []


def test_a_long_document_reads_behind_a_progress_bar(qtbot, window, store, tmp_path, monkeypatch):
    from ui.dialogs import report_import

    rows = [["单位名称", "某县疾控中心"]] + [[f"附加第{n}项", f"{n}场"] for n in range(1000)]
    # Too few of its labels match any form: the preview still opens, on the closest form.
    path = builders.write_docx(tmp_path / "长表.docx", ["全国肿瘤防治宣传周活动总结表"], rows, [],
                               width=2)
    seen = []
    real = report_import.run_with_progress

    def watched(parent, label, job, **kwargs):
        def counting(progress, cancelled):
            return job(lambda done, total, text="": (seen.append((done, total)),
                                                     progress(done, total, text)), cancelled)
        return real(parent, label, counting, **kwargs)

    monkeypatch.setattr(report_import, "run_with_progress", watched)
    monkeypatch.setattr(report_import.ReportImportDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)
    report_id = window.import_report(path=path)
    assert report_id is not None
    assert seen and seen[-1] == (1001, 1001)
    assert storage.get_values(store.db, report_id)["unit_name"].raw == "某县疾控中心"


# --- reviewing a blank form ------------------------------------------------------------------

def test_review_lists_guesses_and_saves_corrections(qtbot, store, tmp_path, monkeypatch):
    from ui.dialogs.form_review import FormReviewDialog

    path = builders.no_smoking_docx(tmp_path / "无烟日.docx")
    templates = catalogue.template_catalogue(store).templates()
    draft = draft_from_document(read_document(path), templates)
    dialog = FormReviewDialog(draft, store, templates)
    qtbot.addWidget(dialog)
    labels = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert len(labels) == len(list(draft.fields())) and labels[:2] == ["年度", "单位名称"]
    row = labels.index("活动地点")
    kinds = dialog.table.cellWidget(row, 1)
    assert kinds.currentData() == "text"
    kinds.setCurrentIndex(kinds.findData("long_text"))
    money = labels.index("经费投入（万元）")
    assert dialog.table.cellWidget(money, 2).currentData() == "万元"
    assert dialog.table.item(money, 5).text() == "(万元)"
    shown = []
    from ui.dialogs import template_preview

    monkeypatch.setattr(template_preview.TemplatePreview, "show_for",
                        classmethod(lambda cls, parent, template: shown.append(template)))
    dialog.preview()
    place = next(f.id for f in draft.fields() if f.label == "活动地点")
    assert shown and shown[0].field(place).type == "long_text"
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = catalogue.template_catalogue(store).templates()[dialog.outcome.template.id]
    by_label = {f.label: f for f in stored.fields()}
    assert by_label["活动地点"].type == "long_text"
    assert by_label["经费投入（万元）"].unit == "万元"


def test_review_of_a_known_form_offers_it(qtbot, store, tmp_path):
    from ui.dialogs.form_review import FormReviewDialog

    path = builders.week_docx(tmp_path / "第31届.docx")
    templates = catalogue.template_catalogue(store).templates()
    draft = draft_from_document(read_document(path), templates)
    dialog = FormReviewDialog(draft, store, templates)
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    text = dialog.findChild(QLabel, "matches_banner").text()
    assert "全国肿瘤防治宣传周活动总结表" in text and "第31届" in text
    dialog.existing_button.click()
    assert dialog.use_existing and dialog.outcome is None
    assert storage.list_imported_templates(store.db) == []


def test_templates_dialog_imports_a_blank_form_through_the_review(qtbot, store, tmp_path,
                                                                   monkeypatch, messages):
    from ui.dialogs import form_review, templates

    path = builders.no_smoking_docx(tmp_path / "无烟日.docx")
    monkeypatch.setattr(templates, "ask_import_path", lambda parent, folder: path)
    monkeypatch.setattr(form_review.FormReviewDialog, "exec", lambda self: self.save())
    dialog = templates.TemplatesDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.import_file() is True
    assert [t.title for t in storage.list_imported_templates(store.db)] in (
        [["2025年世界无烟日宣传活动总结表"], ["世界无烟日宣传活动总结表"]])


def test_review_shows_and_changes_how_a_field_is_merged(qtbot, store, tmp_path):
    from ui.dialogs.form_review import FormReviewDialog

    rows = [["平均每场参与人数", "", "参与人数", ""], ["知晓率（%）", "", "活动地点", ""]]
    path = builders.write_docx(tmp_path / "平均.docx", ["某活动统计表"], rows, [])
    templates = catalogue.template_catalogue(store).templates()
    dialog = FormReviewDialog(draft_from_document(read_document(path), templates), store, templates)
    qtbot.addWidget(dialog)
    labels = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    merging = {label: dialog.table.cellWidget(row, 3) for row, label in enumerate(labels)}
    assert merging["平均每场参与人数"].currentText() == "平均"
    assert merging["知晓率（%）"].currentData() == "mean"
    assert merging["参与人数"].currentText() == "相加（默认）"
    assert not merging["活动地点"].isEnabled()  # text is never totalled
    merging["参与人数"].setCurrentIndex(merging["参与人数"].findData("max"))
    merging["平均每场参与人数"].setCurrentIndex(0)  # back to the type's default
    dialog.save()
    stored = catalogue.template_catalogue(store).templates()[dialog.outcome.template.id]
    by_label = {f.label: f for f in stored.fields()}
    assert by_label["参与人数"].aggregate == "max"
    assert by_label["知晓率（%）"].aggregate == "mean"
    assert by_label["平均每场参与人数"].aggregate == ""
