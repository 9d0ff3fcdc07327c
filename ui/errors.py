"""One place where failures become messages: what happened and what to do, never a traceback.

Like Anki's operation wrappers: callers catch, call ``show_error(parent, exc)``, and move on.
Storage, export and operation errors carry their own Chinese ``text()``; OS errors and
anything unexpected get a message here, and unexpected ones are logged with their traceback.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from forms.messages import say

translate = QCoreApplication.translate
log = logging.getLogger("tianbao.ui")

_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_NO_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}
_NOT_FOUND = {errno.ENOENT, errno.ENOTDIR}


def is_known(exc: BaseException) -> bool:
    """A failure of the user's file, disk or input (not a bug): it carries its own message."""
    return callable(getattr(exc, "text", None)) or isinstance(exc, OSError)


def error_text(exc: BaseException) -> str:
    """The message for ``exc``: the error's own ``text()``, or one made here."""
    text = getattr(exc, "text", None)
    if callable(text):
        # StorageError, ExportError, OperationError, TemplateError, the CLI's errors.
        message = text()
        if isinstance(message, str) and message:
            return say(message)  # a message of forms.messages in the interface's language
    if isinstance(exc, OSError):
        return os_error_text(exc)
    if isinstance(exc, sqlite3.Error):
        if "disk is full" in str(exc):
            return translate("errors", "磁盘空间已满，刚才的操作未能完成。请清理磁盘空间后重试。")
        return translate(
            "errors", "数据库操作失败（{detail}）。请重试；如果问题反复出现，"
            "请在“备份与恢复”中检查数据库或从备份恢复。").format(detail=exc)
    return translate(
        "errors", "发生了意外错误（{kind}）。刚才的操作未能完成，已保存的数据不受影响。"
        "详细信息已写入日志文件；如果问题反复出现，请把日志文件发给技术支持。"
    ).format(kind=type(exc).__name__)


def os_error_text(exc: OSError) -> str:
    """A file-system failure in words: disk full, no permission, missing file, other."""
    name = exc.filename or ""
    where = translate("errors", "“{name}”").format(name=name) if name else ""
    if exc.errno in _NO_SPACE:
        text = translate("errors", "磁盘空间已满，无法写入{where}。"
                         "请清理磁盘空间或选择其他位置后重试。")
    elif exc.errno in _NO_PERMISSION:
        text = translate("errors", "没有权限访问{where}。请选择其他文件夹，"
                         "或检查该文件是否只读、是否正被其他程序打开。")
    elif exc.errno in _NOT_FOUND:
        text = translate("errors", "找不到{where}。请检查文件或文件夹是否已被移动或删除。")
    else:
        text = translate("errors", "读写{where}时出错（{reason}）。请检查该位置是否可用后重试。")
    return text.format(where=where, reason=exc.strerror or type(exc).__name__)


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """Log ``exc`` and show its message in a warning box (unexpected ones as critical)."""
    message = error_text(exc)
    if is_known(exc):
        log.warning("%s: %s", type(exc).__name__, message)
        QMessageBox.warning(parent, title or translate("errors", "操作未完成"), message)
    else:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        QMessageBox.critical(parent, title or translate("errors", "出错了"), message)


def show_message(parent: QWidget | None, title: str, message: str) -> None:
    """A plain warning that is not an exception (e.g. nothing selected)."""
    QMessageBox.warning(parent, title, message)


def log_file_hint(log_path: Path | None) -> str:
    if log_path is None:
        return ""
    return translate("errors", "日志文件：{path}").format(path=log_path)
