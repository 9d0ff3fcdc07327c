"""The attachments panel: add (dialog, drop), thumbnails, open, remove; big files in a thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage
from PySide6.QtWidgets import QProgressDialog, QPushButton

import storage
from tests.ui.editor_helpers import WEEK
from tests.waiting import WAIT_MS, WAIT_S
from ui import operations
from ui.editor import ReportEditor, attachments

pytestmark = pytest.mark.gui


@pytest.fixture
def editor(qtbot, store):
    widget = ReportEditor(store)
    qtbot.addWidget(widget)
    widget.show()
    widget.load_report(operations.create_report(store, WEEK))
    yield widget
    widget.flush()


@pytest.fixture
def files(tmp_path):
    text = tmp_path / "活动总结.txt"
    text.write_text("宣传周活动照片说明", encoding="utf-8")
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#3b78d8"))
    picture = tmp_path / "现场照片.png"
    assert image.save(str(picture))
    return text, picture


def test_add_files_lists_them_with_a_thumbnail(editor, qtbot, store, files, monkeypatch):
    panel = editor.attachments
    monkeypatch.setattr(attachments, "ask_files", lambda parent, folder=None: list(files))
    panel.add_button.click()
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=WAIT_MS)
    stored = storage.list_attachments(store.db, editor.current_report_id())
    assert [a.file_name for a in stored] == ["活动总结.txt", "现场照片.png"]
    first = panel.list.item(0).text()
    assert first.startswith("活动总结.txt\n") and " B · " in first
    assert editor.tabs.tabText(1) == "附件（2）"
    generic = panel._file_icon.cacheKey()  # noqa: SLF001
    qtbot.waitUntil(lambda: panel.list.item(1).icon().cacheKey() != generic, timeout=WAIT_MS)
    assert panel.list.item(0).icon().cacheKey() == generic  # not an image


def test_the_file_dialog_opens_where_the_last_attachments_came_from(editor, qtbot, store, files,
                                                                    monkeypatch):
    panel = editor.attachments
    asked: list = []
    monkeypatch.setattr(attachments, "ask_files",
                        lambda parent, folder=None: asked.append(folder) or [files[0]])
    panel.add_button.click()
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: panel.add_button.isEnabled(), timeout=WAIT_MS)
    panel.add_button.click()
    assert asked == [None, files[0].parent]
    settings = storage.get_settings(store.db)
    assert (settings.last_attachment_folder, settings.last_export_folder) == (
        str(files[0].parent), "")


def test_files_dropped_on_the_panel_are_added(editor, qtbot, store, files):
    panel = editor.attachments
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(files[0]))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    assert panel._can_take(drop)  # noqa: SLF001 - what dragEnterEvent checks
    panel.dropEvent(drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT_MS)
    assert storage.list_attachments(store.db, editor.current_report_id())[0].size \
        == files[0].stat().st_size


def test_open_extracts_a_copy_for_the_system_viewer(editor, qtbot, files, monkeypatch):
    opened = []
    monkeypatch.setattr(attachments, "open_with_system", lambda path: opened.append(path) or True)
    panel = editor.attachments
    panel.add_files([files[0]])
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT_MS)
    panel.list.item(0).setSelected(True)
    panel.open_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT_MS)
    assert opened[0].name == "活动总结.txt"
    assert opened[0].read_text(encoding="utf-8") == "宣传周活动照片说明"


def test_remove_moves_to_the_trash_after_asking(editor, qtbot, store, files, messages):
    panel = editor.attachments
    panel.add_files(list(files))
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=WAIT_MS)
    panel.list.item(0).setSelected(True)
    panel.remove_button.click()
    assert messages.texts("question") and "活动总结.txt" in messages.texts("question")[0]
    assert panel.list.count() == 1
    report_id = editor.current_report_id()
    assert [a.file_name for a in storage.list_attachments(store.db, report_id)] == ["现场照片.png"]
    trashed = storage.list_attachments(store.db, report_id, include_trashed=True)
    assert len(trashed) == 2 and trashed[0].trashed


def test_big_file_copies_in_a_worker_thread_and_can_be_cancelled(editor, qtbot, store,
                                                                 tmp_path, monkeypatch):
    big = tmp_path / "录像.mp4"
    big.write_bytes(b"\0" * (3 * storage.CHUNK_SIZE + 10))
    gate = threading.Event()
    threads = []
    real_add = storage.add_attachment

    def slow_add(*args, **kwargs):
        threads.append(threading.current_thread())
        gate.wait(WAIT_S)  # hold the copy until the test has pressed 取消
        return real_add(*args, **kwargs)

    monkeypatch.setattr(storage, "add_attachment", slow_add)
    panel = editor.attachments
    panel.add_files([big])
    assert panel.adding and not panel.add_button.isEnabled()
    dialog = panel.findChild(QProgressDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: bool(threads), timeout=WAIT_MS)
    assert threads[0] is not threading.main_thread()
    dialog.findChild(QPushButton).click()  # 取消: the window still answers during the copy
    gate.set()
    qtbot.waitUntil(lambda: not panel.adding, timeout=WAIT_MS)
    assert storage.list_attachments(store.db, editor.current_report_id()) == []
    assert panel.list.count() == 0


def test_a_refused_file_is_explained(editor, qtbot, tmp_path, messages):
    empty = tmp_path / "空文件.txt"
    empty.write_bytes(b"")
    editor.attachments.add_files([empty])
    qtbot.waitUntil(lambda: bool(messages.texts("warning")), timeout=WAIT_MS)
    assert "空文件" in messages.texts("warning")[0]
    assert editor.attachments.list.count() == 0
