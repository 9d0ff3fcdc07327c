"""Link lists: a 名称 / 链接 table; pasting the seed's run of names and URLs fills it."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms.registry import parse_field
from forms.validate import Validator
from tests.widgets.helpers import record
from widgets.inputs import PasteLineEdit
from widgets.link_list import LinkListWidget, compose_links, rows_from_text

pytestmark = pytest.mark.gui

SEED_KEY = "主要媒体报道链接"


def urls_in(text: str) -> list[str]:
    return re.findall(r"https?://\S+?(?=\s|$|[\u4e00-\u9fff])", text)


def test_compose_is_read_back(week_template):
    rows = [("人民网", "http://sc.people.com.cn/n2/1.html"), ("", "https://www.sohu.com/a/1"),
            ("  ", "  "), ("搜狐网", "https://www.sohu.com/a/2")]
    text = compose_links(rows)
    assert text == ("人民网 http://sc.people.com.cn/n2/1.html\nhttps://www.sohu.com/a/1\n"
                    "搜狐网 https://www.sohu.com/a/2")
    assert rows_from_text(text) == [rows[0], rows[1], rows[3]]
    value = parse_field(week_template.field("media_links"), text).value
    assert [link["url"] for link in value] == [url for _name, url in rows if url.strip()]


def test_pasting_the_seed_cell_fills_every_row(qtbot, make, week_template, seed_000):
    widget = make(week_template.field("media_links"))
    assert isinstance(widget, LinkListWidget)
    cell = seed_000[SEED_KEY]
    expected = urls_in(cell)
    assert len(expected) == 41
    QApplication.clipboard().setText(cell)
    edits = record(widget.edited)
    widget.table.setFocus()
    qtbot.keyClick(widget.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert widget.table.rowCount() == len(expected)
    assert [url for _name, url in widget.rows()] == expected
    assert widget.rows()[0] == ("中国新闻网",
                                "http://www.sc.chinanews.com.cn/kjws/2024-04-11/207528.html")
    assert widget.rows()[16][0] == "成都市第七人民医院"  # the name glued to its URL
    assert len(edits) == 1
    raw = edits[0][1]
    assert raw.count("\n") == len(expected) - 1  # one "名称 URL" per line
    assert [link["url"] for link in parse_field(week_template.field("media_links"), raw).value] \
        == expected


def test_paste_button_appends_after_the_filled_rows(qtbot, make, week_template):
    widget = make(week_template.field("media_links"))
    widget.set_text("media_links", "人民网 http://sc.people.com.cn/n2/1.html")
    widget.add_button.click()  # an empty row, dropped by the paste
    QApplication.clipboard().setText("搜狐网\n\nhttps://www.sohu.com/a/1\n腾讯 https://new.qq.com/a")
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.paste_button.click()
    assert widget.rows() == [("人民网", "http://sc.people.com.cn/n2/1.html"),
                             ("搜狐网", "https://www.sohu.com/a/1"),
                             ("腾讯", "https://new.qq.com/a")]
    assert blocker.args[1].split("\n")[1] == "搜狐网 https://www.sohu.com/a/1"


def test_cell_edits_emit(qtbot, make, week_template):
    widget = make(week_template.field("media_links"))
    widget.add_button.click()
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.table.item(0, 1).setText("https://www.sohu.com/a/1")
    assert blocker.args == ["media_links", "https://www.sohu.com/a/1"]
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.table.item(0, 0).setText("搜狐网")
    assert blocker.args == ["media_links", "搜狐网 https://www.sohu.com/a/1"]


def test_typing_in_a_cell_emits_every_keystroke(qtbot, make, week_template):
    widget = make(week_template.field("media_links"))
    widget.set_text("media_links", "人民网 http://a.cn/")
    widget.show()
    qtbot.waitExposed(widget)
    widget.table.setCurrentCell(0, 1)
    widget.table.editItem(widget.table.item(0, 1))
    editors = widget.table.findChildren(PasteLineEdit)
    assert len(editors) == 1
    editor = editors[0]
    edits = record(widget.edited)
    editor.end(False)
    qtbot.keyClicks(editor, "12")
    assert edits == [("media_links", "人民网 http://a.cn/1"), ("media_links", "人民网 http://a.cn/12")]


def test_remove_rows(qtbot, make, week_template):
    widget = make(week_template.field("media_links"))
    widget.set_text("media_links", "甲 http://a.cn/\n乙 http://b.cn/\n丙 http://c.cn/")
    widget.table.setCurrentCell(1, 0)
    widget.table.selectRow(1)
    with qtbot.waitSignal(widget.edited) as blocker:
        widget.remove_button.click()
    assert blocker.args[1] == "甲 http://a.cn/\n丙 http://c.cn/"


def test_bad_urls_are_tinted(make, week_template):
    spec = week_template.field("media_links")
    widget = make(spec)
    text = "人民网 http://sc.people.com.cn/1.html\n搜狐 htp://www.sohu.com/a\n腾讯 www.qq.com/a"
    widget.set_text("media_links", text)
    validator = Validator(week_template, {"media_links": text})
    issues = validator.issues_for("media_links")
    assert {i.code for i in issues} >= {"bad_url", "url_without_scheme"}
    widget.show_state("media_links", issues, validator.display("media_links"))
    backgrounds = [widget.table.item(row, 1).background().color().name()
                   for row in range(widget.table.rowCount())]
    assert backgrounds[0] != backgrounds[1] and backgrounds[1] != backgrounds[2]
    assert widget.table.item(1, 1).background().color().red() > 200  # pinkish for the error
    assert "格式不正确" in widget.table.item(1, 1).toolTip()
    assert widget.table.property("state") == "error"
    assert widget.display_text("media_links") == "3条链接"
    widget.show_state("media_links", [], "")
    assert widget.table.item(1, 1).toolTip() == ""
    assert widget.table.item(1, 1).background().style() == Qt.BrushStyle.NoBrush


def test_read_only(qtbot, make, week_template):
    widget = make(week_template.field("media_links"))
    widget.set_text("media_links", "甲 http://a.cn/")
    widget.set_read_only(True)
    assert not widget.add_button.isEnabled() and not widget.paste_button.isEnabled()
    assert widget.table.editTriggers() == widget.table.EditTrigger.NoEditTriggers
    assert widget.paste_text("乙 http://b.cn/") is False
    widget.set_read_only(False)
    assert widget.table.editTriggers() != widget.table.EditTrigger.NoEditTriggers


def test_model(qtmodeltester, make, week_template, seed_000):
    widget = make(week_template.field("media_links"))
    widget.set_text("media_links", seed_000[SEED_KEY])
    qtmodeltester.check(widget.table.model())


def test_pasting_links_into_a_cell_editor_adds_rows(qtbot, make, week_template):
    widget = make(week_template.field("media_links"))
    widget.show()
    qtbot.waitExposed(widget)
    widget.add_button.click()  # opens an editor on the new row
    editors = [e for e in widget.table.findChildren(PasteLineEdit) if e.isVisible()]
    assert len(editors) == 1
    QApplication.clipboard().setText("甲 http://a.cn/\n乙 http://b.cn/")
    with qtbot.waitSignal(widget.edited) as blocker:
        editors[0].paste()
    assert widget.rows() == [("甲", "http://a.cn/"), ("乙", "http://b.cn/")]
    assert blocker.args[1] == "甲 http://a.cn/\n乙 http://b.cn/"
