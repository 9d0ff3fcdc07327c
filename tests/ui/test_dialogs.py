"""The new-report dialog's choices, and opening databases that are locked, damaged or newer."""

from __future__ import annotations

import sqlite3

import pytest

import storage
from forms.loader import builtin_templates
from tests.ui.conftest import make_report
from ui import open_store as open_store_module
from ui.dialogs.backups import BackupDialog
from ui.dialogs.new_report import NewReportDialog, SourceReport
from ui.open_store import open_store

pytestmark = pytest.mark.gui

WEEK, AWARD = "cancer_week_summary", "association_award_summary"


@pytest.fixture
def dialog(qtbot):
    templates = builtin_templates()
    reports = [SourceReport(7, WEEK, "第30届 · 成都", 30), SourceReport(8, AWARD, "2024", 2024)]
    made = NewReportDialog(templates, "成都市疾控中心", reports, {WEEK: 31, AWARD: 2025})
    qtbot.addWidget(made)
    return made


def test_new_report_dialog_defaults_and_labels(dialog):
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findData(WEEK))
    assert dialog.period_label.text() == "届次"
    assert dialog.period_spin.value() == 31
    request = dialog.request()
    assert (request.form_id, request.period, request.unit) == (WEEK, 31, "成都市疾控中心")
    assert request.values_path is None and request.copy_from is None
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findData(AWARD))
    assert dialog.period_label.text() == "年度"
    assert dialog.period_spin.value() == 2025
    assert dialog.report_combo.count() == 1  # only reports of the chosen form


def test_new_report_dialog_copy_starts_next_period(dialog):
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findData(WEEK))
    dialog.copy_radio.setChecked(True)
    assert dialog.period_spin.value() == 31
    request = dialog.request()
    assert request.copy_from == 7


def test_new_report_dialog_refuses_a_missing_values_file(dialog, tmp_path):
    dialog.file_edit.setText(str(tmp_path / "missing.json"))
    assert dialog.file_radio.isChecked()
    dialog.accept()
    assert "找不到数值文件" in dialog.error_label.text()
    assert dialog.result() != NewReportDialog.DialogCode.Accepted
    (tmp_path / "missing.json").write_text("{}", encoding="utf-8")
    assert dialog.problem() == ""
    assert dialog.request().values_path == tmp_path / "missing.json"


def test_new_report_dialog_preselects_a_copy(qtbot):
    reports = [SourceReport(8, AWARD, "2024", 2024)]
    made = NewReportDialog(builtin_templates(), "", reports, {}, copy_from=8)
    qtbot.addWidget(made)
    assert made.copy_radio.isChecked()
    assert made.request().form_id == AWARD
    assert made.request().period == 2025


def choose(monkeypatch, answer: int) -> list[str]:
    asked: list[str] = []

    def ask(parent, title, text, choices, *, critical=False):
        asked.append(text)
        return answer

    monkeypatch.setattr(open_store_module, "ask_choice", ask)
    return asked


def test_locked_database_offers_a_read_only_view(store, monkeypatch):
    asked = choose(monkeypatch, 0)
    second = open_store(None, store.path)
    assert second is not None and second.read_only
    assert "另一个" in asked[0]
    second.close()
    choose(monkeypatch, 1)
    assert open_store(None, store.path) is None


def test_damaged_database_is_restored_from_the_newest_backup(tmp_path, monkeypatch, messages):
    path = tmp_path / "tianbao.db"
    with storage.open_database(path, daily_backup=False) as first:
        report_id = make_report(first, edition="第30届", unit_name="成都市疾控中心")
        storage.auto_backup(first, reason="manual")
    damaged = b"SQLite format 3\x00" + b"\x13" * 5000
    path.write_bytes(damaged)
    asked = choose(monkeypatch, 0)
    restored = open_store(None, path)
    assert restored is not None
    assert "已损坏" in asked[0] and str(path) in asked[0]
    assert storage.get_report(restored.db, report_id).unit == "成都市疾控中心"
    restored.close()
    kept = [p for p in tmp_path.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # never overwritten
    assert any("已从备份" in text for text in messages.texts("information"))


def test_damaged_database_without_backup_is_left_alone(tmp_path, monkeypatch):
    path = tmp_path / "tianbao.db"
    path.write_bytes(b"not a database at all" * 100)
    asked = choose(monkeypatch, 0)
    assert open_store(None, path) is None
    assert "没有找到可用的自动备份" in asked[0]
    assert path.read_bytes() == b"not a database at all" * 100


def test_newer_database_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "tianbao.db"
    with storage.open_database(path, daily_backup=False):
        pass
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    asked = choose(monkeypatch, 0)
    assert open_store(None, path) is None
    assert "更新版本" in asked[0]


def test_backup_dialog_lists_and_chooses(qtbot, store, messages):
    dialog = BackupDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 0
    dialog.backup_now()
    assert dialog.tree.topLevelItemCount() == 1
    assert dialog.tree.topLevelItem(0).text(1) == "手动备份"
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.choose_restore()
    assert dialog.restore_path == storage.list_backups(store.path)[0].path


def test_restore_from_backup_in_the_window(window, store, monkeypatch):
    first = make_report(store, edition="第29届")
    storage.auto_backup(store, reason="manual")
    make_report(store, edition="第30届")
    backup = storage.list_backups(store.path)[0].path
    monkeypatch.setattr(BackupDialog, "run", classmethod(lambda cls, *a: backup))
    window.show_backups()
    assert [r.id for r in storage.list_reports(window.store.db)] == [first]
    assert window.store is not store


@pytest.mark.parametrize("form_id", [WEEK, AWARD])
def test_new_report_dialog_starts_on_the_form_used_last(qtbot, form_id):
    made = NewReportDialog(builtin_templates(), "", [], {WEEK: 31, AWARD: 2025}, form_id=form_id)
    qtbot.addWidget(made)
    assert made.request().form_id == form_id
    assert made.period_spin.value() == (31 if form_id == WEEK else 2025)
