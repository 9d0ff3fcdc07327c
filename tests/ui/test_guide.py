"""帮助 › 使用说明 (F1): the guide opens in the app, in the interface's language, with its
screenshots and a section for each task."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.guide import GUIDE_DIR, GuideDialog, guide_path
from ui.startup import install_translators, remove_translators

pytestmark = pytest.mark.gui

SECTIONS = ["start", "fill", "complete", "attach", "export", "merge", "backup", "import", "keys"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_guide_has_every_section_and_its_pictures(language):
    html = (GUIDE_DIR / f"guide_{language}.html").read_text(encoding="utf-8")
    assert re.findall(r'<a name="(\w+)">', html) == SECTIONS
    assert [f"#{name}" for name in SECTIONS] == re.findall(r'<a href="(#\w+)">', html)
    images = re.findall(r'<img src="([^"]+)"', html)
    assert len(images) >= 8
    for image in images:
        assert image.startswith(f"images/{language}/"), image
        path = GUIDE_DIR / image
        assert path.is_file(), image
        assert path.stat().st_size < 80_000, image  # kept small


def test_f1_opens_the_guide_in_the_window(window, qtbot):
    assert "使用说明(&G)" in [a.text() for a in window.findChild(
        type(window.menuBar().actions()[0].menu()), "help_menu").actions()]
    assert window.commands.guide.shortcut().toString() == "F1"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(GuideDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.isModal()  # it can stay open while the person works
    browser = dialog.browser
    assert browser.source().toLocalFile().endswith("guide_zh.html")
    text = browser.toPlainText()
    for title in ("开始一份报表", "填写，并查看检查结果", "标记为完成", "添加附件", "打包发送",
                  "汇总下级单位的报送包", "备份与恢复", "导入表单"):
        assert title in text
    document = browser.document()
    assert "kbd" in document.defaultStyleSheet()  # guide.css, shared by both languages
    image = document.resource(2, browser.source().resolved(  # 2: QTextDocument.ImageResource
        type(browser.source())("images/zh/editor.png")))
    assert image is not None and not image.isNull()
    window.show_guide()  # F1 again: the same window, not a second one
    assert len(window.findChildren(GuideDialog)) == 1


def test_the_guide_is_in_english_in_english_mode(qapp):
    translators = install_translators(qapp, "en")
    try:
        assert guide_path().name == "guide_en.html"
        dialog = GuideDialog()
        assert dialog.windowTitle() == "User Guide"
        assert "Start a report" in dialog.browser.toPlainText()
        dialog.deleteLater()
    finally:
        remove_translators(qapp, translators)
    remove_translators(qapp, install_translators(qapp, "zh_CN"))  # QLocale back to Chinese
    assert guide_path().name == "guide_zh.html"
    assert QApplication.translate("MainActions", "使用说明(&G)") == "使用说明(&G)"
