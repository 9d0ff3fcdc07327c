"""English is complete (.ts has no unfinished entry) and switching to it changes the menus."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtWidgets import QApplication

import storage
from ui.startup import TRANSLATIONS_DIR, install_translators, remove_translators

pytestmark = pytest.mark.gui


def _english_forms(message) -> list[str]:
    """The translation, or for a count (numerus) its singular and plural forms."""
    translation = message.find("translation")
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def test_every_english_translation_is_finished():
    root = ET.parse(TRANSLATIONS_DIR / "tianbao_en.ts").getroot()
    messages = root.findall("./context/message")
    assert len(messages) > 150
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
                  or not all(form.strip() for form in _english_forms(m))]
    assert unfinished == []
    for message in messages:  # placeholders survive translation
        source, forms = message.findtext("source"), _english_forms(message)
        for name in ("{path}", "{name}", "{title}", "{time}", "{where}", "{n}", "{version}",
                     "{errors}", "{warnings}", "{folder}"):
            # A singular may say "this file" where the plural says "these {n} files".
            assert (name in source) == (name in forms[-1]), (source, forms)
            assert all(name in source for form in forms if name in form), (source, forms)
        if message.get("numerus") == "yes":
            assert len(forms) == 2, source  # English: one, many
    assert (TRANSLATIONS_DIR / "tianbao_en.qm").stat().st_size > 1000


def test_counts_are_singular_or_plural_in_english(qtbot, store):
    """Issues (1 error, 2 warnings), never "1 errors"; Chinese needs no plural."""
    from ui.editor.editor import ReportEditor

    app = QApplication.instance()
    editor = ReportEditor(store)
    qtbot.addWidget(editor)
    for language, counts, title in [
            ("en", (1, 2), "Issues (1 error, 2 warnings)"),
            ("en", (3, 1), "Issues (3 errors, 1 warning)"),
            ("zh_CN", (1, 2), "问题（1 个错误，2 个警告）")]:
        translators = install_translators(app, language)
        try:
            editor._set_counts(*counts)  # noqa: SLF001
            assert editor.tabs.tabText(0) == title
        finally:
            remove_translators(app, translators)
    translators = install_translators(app, "en")
    try:
        one = QApplication.translate("AttachmentsPanel", "已添加 {n} 个附件", "", 1)
        many = QApplication.translate("AttachmentsPanel", "已添加 {n} 个附件", "", 4)
        assert (one.format(n=1), many.format(n=4)) == ("1 attachment added", "4 attachments added")
    finally:
        remove_translators(app, translators)


def test_switching_to_english_changes_the_menus(qtbot, store):
    from ui.main_window import MainWindow

    app = QApplication.instance()
    translators = install_translators(app, "en")
    try:
        assert translators, "tianbao_en.qm did not load"
        window = MainWindow(store, storage.get_settings(store.db))
        qtbot.addWidget(window)
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["&File", "&Edit", "&Help"]
        assert window.report_list.model.headers()[0] == "Form"
        assert window.commands.print.text() == "&Print…"
    finally:
        remove_translators(app, translators)
    assert QApplication.translate("MainActions", "文件(&F)") == "文件(&F)"


def test_chinese_needs_no_translation_file(qapp, tmp_path):
    translators = install_translators(qapp, "zh_CN", folder=tmp_path)
    try:
        assert QApplication.translate("MainActions", "文件(&F)") == "文件(&F)"
    finally:
        remove_translators(qapp, translators)


def test_the_ts_file_covers_every_string_in_the_source(tmp_path):
    """pyside6-lupdate over ui/ and widgets/ finds no text that tianbao_en.ts lacks."""
    import subprocess
    import sys
    from pathlib import Path

    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed")
    root = TRANSLATIONS_DIR.parent.parent
    sources = sorted(str(p) for folder in ("ui", "widgets") for p in (root / folder).rglob("*.py")
                     if "cli" not in p.parts)
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), "-locations", "none", *sources, "-ts", str(fresh)],
                   check=True, capture_output=True, timeout=60)

    def texts(path):
        return {(context.findtext("name"), message.findtext("source"))
                for context in ET.parse(path).getroot().findall("context")
                for message in context.findall("message")}

    missing = texts(fresh) - texts(TRANSLATIONS_DIR / "tianbao_en.ts")
    assert not missing, f"run pyside6-lupdate and translate: {sorted(missing)[:10]}"


def test_qt_s_own_dialogs_speak_chinese(qapp):
    """Qt's file and print dialogs: PySide6's qtbase_zh_CN.qm plus the labels it lacks."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

    translators = install_translators(qapp, "zh_CN")
    try:
        assert len(translators) == 2
        dialog = QFileDialog(None, "x")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        assert labels == ["查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："]
        printing = QPrintDialog(QPrinter())
        assert "页面集(&S)：" in [label.text() for label in printing.findChildren(QLabel)]
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert buttons.buttons()[0].text() == "取消"
        dialog.deleteLater()
        printing.deleteLater()
    finally:
        remove_translators(qapp, translators)


def test_column_titles_fit_in_both_languages(qtbot, store):
    from ui.report_list import ReportListPanel

    app = QApplication.instance()
    for language in ("zh_CN", "en"):
        translators = install_translators(app, language)
        try:
            panel = ReportListPanel(store, {}, None)
            qtbot.addWidget(panel)
            panel.set_store(store)  # sorting on: room for the arrow too
            header = panel.view.horizontalHeader()
            shown = [c for c in range(header.count()) if not panel.view.isColumnHidden(c)]
            assert len(shown) == 5  # 表单 is hidden: every title names its form
            for column in shown:
                assert panel.view.columnWidth(column) >= header.sectionSizeHint(column), (
                    language, panel.model.headers()[column])
        finally:
            remove_translators(app, translators)
