"""Failures become Chinese messages in one place; a user never sees a traceback."""

from __future__ import annotations

import errno
import logging
import sys

import pytest

import storage
from exports.atomic import ExportError
from ui.errors import error_text, show_error
from ui.operations import OperationError
from ui.startup import make_excepthook, setup_logging

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(("exc", "expected"), [
    (storage.DiskFullError("/data/tianbao.db"), "磁盘空间已满"),
    (storage.DatabaseLockedError("/data/tianbao.db"), "只读方式"),
    (storage.AttachmentUnreadableError("/home/a/照片.jpg", "权限不足"), "无法读取文件"),
    (ExportError("无法写入文件夹 /x：没有写入权限。请选择其他文件夹。"), "请选择其他文件夹"),
    (OperationError("没有表单“x”。"), "没有表单"),
    (OSError(errno.ENOSPC, "No space left on device", "/media/u/a.xlsx"), "磁盘空间已满"),
    (PermissionError(errno.EACCES, "Permission denied", "/srv/out"), "没有权限访问“/srv/out”"),
    (FileNotFoundError(errno.ENOENT, "No such file", "/tmp/none.json"), "找不到“/tmp/none.json”"),
    (ZeroDivisionError("division by zero"), "意外错误"),
])
def test_error_text_says_what_happened(exc, expected):
    text = error_text(exc)
    assert expected in text
    assert "Traceback" not in text


def test_show_error_uses_a_warning_for_known_failures(messages):
    show_error(None, storage.DiskFullError("/data/tianbao.db"))
    assert messages.shown[0][0] == "warning"
    assert "磁盘空间已满" in messages.shown[0][2]


def test_show_error_logs_unexpected_ones_with_the_traceback(messages, caplog):
    try:
        raise KeyError("boom")
    except KeyError as exc:
        with caplog.at_level(logging.ERROR, logger="tianbao.ui"):
            show_error(None, exc)
    kind, _title, text = messages.shown[0]
    assert kind == "critical" and "KeyError" in text and "Traceback" not in text
    assert caplog.records[0].exc_info is not None


def test_excepthook_logs_and_shows_a_message(qapp, messages, tmp_path):
    log_path = setup_logging(tmp_path / "logs")
    hook = make_excepthook(log_path)
    try:
        raise RuntimeError("内部错误 xyz")
    except RuntimeError:
        hook(*sys.exc_info())
    for handler in logging.getLogger().handlers:
        handler.flush()
    kind, _title, text = messages.shown[0]
    assert kind == "critical"
    assert "Traceback" not in text and str(log_path) in text
    logged = log_path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "内部错误 xyz" in logged
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", "") == str(log_path)]:
        root.removeHandler(handler)
        handler.close()


def test_export_to_a_missing_folder_shows_a_message(window, store, monkeypatch, tmp_path, messages):
    from tests.ui.conftest import make_report

    report_id = make_report(store, edition="第30届", unit_name="成都市疾控中心")
    window.report_list.reload(select_id=report_id)
    target = tmp_path / "no-such-folder" / "a.xlsx"
    monkeypatch.setattr("ui.export_actions.ask_save_path", lambda *a: target)
    assert window.export("xlsx") is None
    assert any("文件夹不存在" in text for text in messages.texts("warning"))
    assert not target.exists()


def test_write_failure_in_read_only_view_is_a_message(qtbot, store, messages, monkeypatch):
    from ui.main_window import MainWindow

    read_only = storage.open_database(store.path, read_only=True)
    window = MainWindow(read_only, storage.get_settings(read_only.db))
    qtbot.addWidget(window)
    from ui.dialogs.settings import SettingsDialog, SettingsResult

    monkeypatch.setattr(SettingsDialog, "ask",
                        classmethod(lambda cls, *a, **k: SettingsResult({"phone": "1"})))
    window.show_settings()
    assert messages.texts("warning") and "Traceback" not in messages.texts("warning")[0]
