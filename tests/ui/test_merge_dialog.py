"""The 汇总 dialog: choose packages, merge in a worker, confirm duplicates, list what was rejected."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

import storage
from tests.exports.merge_helpers import A, copy_packages, export_unit, unit_packages
from ui import merge_dialog
from ui.merge_dialog import MergeResultDialog, MergeSourcesDialog, run_merge_dialog


@pytest.fixture(scope="module")
def packages(tmp_path_factory, week_template):
    return unit_packages(tmp_path_factory, week_template)


@pytest.fixture
def choose(monkeypatch):
    """Make the file dialogs return the given files / folder, and accept the sources dialog."""
    chosen: dict[str, object] = {"files": [], "folder": ""}
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(
        lambda *a, **k: ([str(p) for p in chosen["files"]], "报送包 (*.zip)")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(chosen["folder"])))

    def exec_(dialog):
        if chosen["files"]:
            dialog.add_files()
        if chosen["folder"]:
            dialog.add_folder()
        return QDialog.DialogCode.Accepted if dialog.paths() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(MergeSourcesDialog, "exec", exec_)
    return chosen


@pytest.fixture
def results(monkeypatch):
    """Every result dialog shown: (summary text, rejected rows)."""
    shown: list[tuple[str, list[tuple[str, str]]]] = []

    def exec_(dialog):
        shown.append((dialog.summary.text(), dialog.rows()))
        return 0

    monkeypatch.setattr(MergeResultDialog, "exec", exec_)
    return shown


def test_merge_from_chosen_files(qtbot, store, packages, choose, results):
    choose["files"] = list(packages.values())
    report_id = run_merge_dialog(None, store)
    assert report_id is not None
    report = storage.get_report(store.db, report_id)
    assert len(report.source_info["sources"]) == 3
    (summary, rows), = results
    assert "已汇总 3 个单位" in summary and rows == []


@pytest.mark.parametrize(("answer", "lectures"), [
    (QMessageBox.StandardButton.Yes, 15 + 8 + 20), (QMessageBox.StandardButton.No, 12 + 8 + 20)])
def test_duplicate_units_are_confirmed_on_the_gui_thread(qtbot, store, packages, choose, results,
                                                         messages, tmp_path, week_template,
                                                         answer, lectures):
    newer = export_unit(week_template, A, tmp_path, exported_at=datetime(2024, 5, 1, 9, 0),
                        name="成都_更正.zip", lectures="15场")
    choose["files"] = [*packages.values(), newer]
    messages.answer = answer
    report_id = run_merge_dialog(None, store)
    (question,) = messages.texts("question")
    assert A in question and "成都_更正.zip" in question
    values = storage.get_values(store.db, report_id)
    assert values["lectures"].normalised["value"] == lectures
    (_, rows), = results
    assert rows[0][0] == (packages[A].name if answer == QMessageBox.StandardButton.Yes
                          else "成都_更正.zip")


def test_folder_with_a_bad_file_lists_the_reason(qtbot, store, packages, choose, results,
                                                 tmp_path):
    folder = tmp_path / "收到"
    copy_packages(packages, folder)
    (folder / "坏.zip").write_bytes(b"not a zip")
    choose["folder"] = folder
    assert run_merge_dialog(None, store) is not None
    (summary, rows), = results
    assert "以下 1 个文件未汇总" in summary
    assert rows == [("坏.zip", "这不是 zip 压缩包，不是填报软件导出的报送包。")]


def test_nothing_mergeable(qtbot, store, choose, results, tmp_path):
    bad = tmp_path / "坏.zip"
    bad.write_bytes(b"PK\x03\x04")
    choose["files"] = [bad]
    assert run_merge_dialog(None, store) is None
    (summary, rows), = results
    assert "没有可以汇总" in summary and "不完整" in rows[0][1]
    assert storage.list_reports(store.db, trashed=None) == []


def test_choosing_nothing_does_nothing(qtbot, store, choose, results):
    assert run_merge_dialog(None, store) is None
    assert results == []


def test_cancel_says_nothing_was_made(qtbot, store, packages, choose, results, messages,
                                      monkeypatch):
    from exports.merge import MergeCancelled

    def cancelled(*args, **kwargs):
        raise MergeCancelled()

    monkeypatch.setattr(merge_dialog.operations, "merge_into_new_report", cancelled)
    choose["files"] = list(packages.values())
    assert run_merge_dialog(None, store) is None
    assert "已取消汇总" in messages.texts("information")[0] and results == []


def test_sources_dialog_lists_each_path_once(qtbot):
    dialog = MergeSourcesDialog(None, "四川省抗癌协会")
    qtbot.addWidget(dialog)
    assert not dialog.merge_button.isEnabled()
    dialog.add_paths([Path("/a/1.zip"), Path("/a/2.zip"), Path("/a/1.zip")])
    assert dialog.paths() == [Path("/a/1.zip"), Path("/a/2.zip")]
    assert dialog.merge_button.isEnabled()
    dialog.list.item(0).setSelected(True)
    dialog.remove_selected()
    assert dialog.paths() == [Path("/a/2.zip")]
    assert dialog.unit_edit.text() == "四川省抗癌协会"


def test_main_window_merge_selects_the_new_report(window, store, packages, choose, results):
    choose["files"] = list(packages.values())
    window.merge()
    (report,) = storage.list_reports(store.db)
    assert window.current_report_id() == report.id


@pytest.mark.parametrize(("answer", "merged_units"), [
    (QMessageBox.StandardButton.Yes, 3), (QMessageBox.StandardButton.No, 2),
    (QMessageBox.StandardButton.Cancel, None)])
def test_draft_packages_are_listed_and_asked_about(qtbot, store, packages, choose, results,
                                                   messages, tmp_path, week_template, answer,
                                                   merged_units):
    from tests.exports.merge_helpers import B, C

    draft = export_unit(week_template, B, tmp_path, name="自贡_草稿.zip", status="draft")
    choose["files"] = [packages[A], draft, packages[C]]
    messages.answer = answer
    report_id = run_merge_dialog(None, store)
    (question,) = messages.texts("question")
    assert B in question and "自贡_草稿.zip" in question and "草稿" in question
    if merged_units is None:
        assert report_id is None and storage.list_reports(store.db) == []
        assert "已取消汇总" in messages.texts("information")[0]
        return
    sources = storage.get_report(store.db, report_id).source_info["sources"]
    assert len(sources) == merged_units
    (summary, rows), = results
    if answer == QMessageBox.StandardButton.Yes:
        assert "草稿" in summary and B in summary and rows == []
    else:
        assert rows == [("自贡_草稿.zip", f"“{B}”报送的是草稿（尚未标记为完成），未汇总。")]


def test_no_question_when_every_package_is_complete(qtbot, store, packages, choose, results,
                                                    messages):
    choose["files"] = list(packages.values())
    assert run_merge_dialog(None, store) is not None
    assert messages.texts("question") == []
