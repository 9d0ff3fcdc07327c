"""Storage errors: each carries a message fit to show the user (``text()``): its Chinese
text, which the desktop app says in English when English is chosen (forms.messages).

Like qutebrowser's ``KnownError``: these are problems with the user's file, disk or input,
not bugs. Programming mistakes (a bad status name, an unknown setting) raise ValueError.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from forms.messages import msg, plural


class StorageError(Exception):
    """Base class: ``text()`` is what the user sees; ``path`` names the file if any."""

    def __init__(self, message: str, *, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None

    def text(self) -> str:
        message = self.args[0]
        return message if isinstance(message, str) else str(message)


# --- opening the database -------------------------------------------------------------

class DatabaseNotFoundError(StorageError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(msg("找不到数据库文件“{path}”。请检查路径是否正确。", path=str(path)),
                         path=path)


class DamagedDatabaseError(StorageError):
    """The file is not a readable SQLite database; it is left exactly as it was."""

    def __init__(self, path: str | Path, detail: str = "") -> None:
        super().__init__(msg(
            "数据库文件“{path}”已损坏或不是有效的数据库文件（{detail}）。"
            "该文件未被修改。请从备份恢复，或选择其他文件。", path=str(path), detail=detail)
            if detail else msg("数据库文件“{path}”已损坏或不是有效的数据库文件。"
                               "该文件未被修改。请从备份恢复，或选择其他文件。", path=str(path)),
            path=path,
        )
        self.detail = detail


class NotTianbaoDatabaseError(DamagedDatabaseError):
    """A healthy SQLite file that belongs to some other program."""

    def __init__(self, path: str | Path) -> None:
        StorageError.__init__(
            self,
            msg("文件“{path}”是其他软件的数据库，不是填报数据库。该文件未被修改。请选择其他文件。",
                path=str(path)),
            path=path,
        )
        self.detail = "not_tianbao"


class NewerSchemaError(StorageError):
    def __init__(self, path: str | Path, found: int, supported: int) -> None:
        # found <= supported: a step of the same number this version does not know.
        why = (msg("数据格式版本 {found}，本软件只支持到 {supported}", found=found,
                   supported=supported) if found > supported
               else msg("其中有本软件不认识的数据格式升级"))
        super().__init__(
            msg("数据库文件“{path}”由更新版本的填报软件创建（{why}）。"
                "为保护数据，该文件未被修改。请升级填报软件后再打开。", path=str(path), why=why),
            path=path,
        )
        self.found = found
        self.supported = supported


class DatabaseUnwritableError(StorageError):
    def __init__(self, path: str | Path, detail: str = "") -> None:
        super().__init__(
            msg("无法写入数据库文件“{path}”（{detail}）。请检查该文件及所在文件夹是否只读、"
                "是否有写入权限，或以只读方式打开查看。", path=str(path), detail=detail)
            if detail else msg("无法写入数据库文件“{path}”。请检查该文件及所在文件夹是否只读、"
                               "是否有写入权限，或以只读方式打开查看。", path=str(path)),
            path=path,
        )


class DatabaseUnreadableError(StorageError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(msg("没有权限读取数据库文件“{path}”。请检查该文件的权限设置。",
                             path=str(path)), path=path)


class DatabaseLockedError(StorageError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(
            msg("数据库文件“{path}”已被另一个填报窗口或程序打开。为避免数据冲突，"
                "同一时间只能有一个窗口修改它。请先关闭另一个窗口，或以只读方式打开查看。",
                path=str(path)),
            path=path,
        )


class ReadOnlyError(StorageError):
    def __init__(self, path: str | Path | None = None, detail: str = "") -> None:
        why = detail or msg("当前以只读方式打开，不能修改")
        super().__init__(msg("数据库文件“{path}”{why}。如需修改，请关闭其他填报窗口后重新打开。",
                             path=str(path), why=why) if path else
                         msg("数据库文件{why}。如需修改，请关闭其他填报窗口后重新打开。", why=why),
                         path=path)


class StoreClosedError(StorageError):
    """The database was closed (the window is closing, or another file was opened) while
    work for it was still queued: that work is not done, and nothing is written."""

    def __init__(self, path: str | Path | None = None) -> None:
        super().__init__(
            msg("数据库文件“{path}”已关闭，这一步没有完成。请重新打开该文件后再试。",
                path=str(path)) if path else
            msg("数据库文件已关闭，这一步没有完成。请重新打开该文件后再试。"),
            path=path)


SAVE_FAILED = msg("刚才的修改未能保存")
BACKUP_FAILED = msg("备份未能完成，数据库本身未受影响")
RESTORE_FAILED = msg("恢复未能完成，当前数据库未被改动")
COPY_FAILED = msg("文件未能写出")
CREATE_FAILED = msg("未能新建数据库")


class DiskFullError(StorageError):
    """No space left; ``outcome`` says what did not happen (by default: the last edit)."""

    def __init__(self, path: str | Path | None = None, outcome: str = SAVE_FAILED) -> None:
        super().__init__(msg("“{path}”所在的磁盘空间已满，{outcome}。请清理磁盘空间后重试。",
                             path=str(path), outcome=outcome) if path else
                         msg("磁盘空间已满，{outcome}。请清理磁盘空间后重试。", outcome=outcome),
                         path=path)


class BackupInvalidError(StorageError):
    def __init__(self, path: str | Path, detail: str = "") -> None:
        super().__init__(
            msg("备份文件“{path}”无法使用（{detail}）。当前数据库未被改动。请选择其他备份。",
                path=str(path), detail=detail) if detail else
            msg("备份文件“{path}”无法使用。当前数据库未被改动。请选择其他备份。", path=str(path)),
            path=path,
        )


# --- reports ----------------------------------------------------------------------------

class ReportNotFoundError(StorageError):
    def __init__(self, report_id: int) -> None:
        super().__init__(msg("找不到编号为 {id} 的报表，它可能已被彻底删除。", id=report_id))
        self.report_id = report_id


# --- imported templates -----------------------------------------------------------------

class TemplateNotFoundError(StorageError):
    def __init__(self, form_id: str) -> None:
        super().__init__(msg("数据库中没有导入的表单“{id}”。", id=form_id))
        self.form_id = form_id


class TemplateInUseError(StorageError):
    """An imported template that reports were made with is never deleted."""

    def __init__(self, form_id: str, reports: int, trashed: int) -> None:
        super().__init__(plural("表单“{id}”已有 {n} 份报表（其中 {trashed} 份在回收站中），不能删除。"
                                "请先彻底删除这些报表，或保留这个表单。", n=reports, id=form_id,
                                trashed=trashed) if trashed else
                         plural("表单“{id}”已有 {n} 份报表，不能删除。"
                                "请先彻底删除这些报表，或保留这个表单。", n=reports, id=form_id))
        self.form_id, self.reports, self.trashed = form_id, reports, trashed


class TemplateVersionError(StorageError):
    """An import that would replace a stored template with an older or different one."""

    def __init__(self, form_id: str, stored: int, offered: int) -> None:
        if offered < stored:
            why = msg("数据库中已有第{stored}版，不能换成较旧的第{offered}版", stored=stored,
                      offered=offered)
        else:
            why = msg("数据库中已有内容不同的第{stored}版。修改过的模板请把 version "
                      "改为 {next} 或更大后再导入", stored=stored, next=stored + 1)
        super().__init__(msg("表单“{id}”未导入：{why}。", id=form_id, why=why))
        self.form_id, self.stored, self.offered = form_id, stored, offered


# --- attachments ------------------------------------------------------------------------

class AttachmentError(StorageError):
    """Base for every attachment problem."""


class AttachmentNotFoundError(AttachmentError):
    def __init__(self, attachment_id: int) -> None:
        super().__init__(msg("找不到编号为 {id} 的附件，它可能已被彻底删除。", id=attachment_id))
        self.attachment_id = attachment_id


class AttachmentFileMissingError(AttachmentError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(msg("找不到文件“{path}”，无法添加为附件。请检查文件是否已被移动或删除。",
                             path=str(path)), path=path)


class AttachmentIsDirectoryError(AttachmentError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(msg("“{path}”是一个文件夹，不能作为附件。请选择其中的文件，或先将文件夹压缩。",
                             path=str(path)), path=path)


class AttachmentUnreadableError(AttachmentError):
    def __init__(self, path: str | Path, detail: str = "") -> None:
        super().__init__(msg("无法读取文件“{path}”（{detail}）。请检查是否有读取权限，"
                             "或文件是否正被其他程序占用。", path=str(path), detail=detail)
                         if detail else msg("无法读取文件“{path}”。请检查是否有读取权限，"
                                            "或文件是否正被其他程序占用。", path=str(path)),
                         path=path)


class AttachmentEmptyError(AttachmentError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(msg("文件“{path}”是空文件（0 字节），未添加为附件。", path=str(path)),
                         path=path)


class AttachmentTooLargeError(AttachmentError):
    def __init__(self, path: str | Path, size: int, max_size: int) -> None:
        super().__init__(
            msg("文件“{path}”大小为 {size}，超过附件上限 {limit}，未添加。"
                "请压缩后再添加，或在设置中调高附件大小上限。", path=str(path), size=_mib(size),
                limit=_mib(max_size)),
            path=path,
        )
        self.size = size
        self.max_size = max_size


class AttachmentCancelledError(AttachmentError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(msg("已取消添加附件“{path}”，数据库未做任何改动。", path=str(path)),
                         path=path)


class AttachmentCorruptError(AttachmentError):
    def __init__(self, attachment_id: int, file_name: str) -> None:
        super().__init__(
            msg("附件“{name}”（编号 {id}）的内容校验失败，数据已损坏。"
                "请从备份恢复数据库，或重新添加该附件。", name=file_name, id=attachment_id)
        )
        self.attachment_id = attachment_id


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


# --- translating low-level failures -----------------------------------------------------

def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    return isinstance(exc, sqlite3.Error) and "database or disk is full" in str(exc)


def translate(exc: BaseException, path: str | Path | None,
              outcome: str = SAVE_FAILED) -> StorageError | None:
    """The StorageError for a "disk full" or "read-only" failure, else None."""
    if is_disk_full(exc):
        return DiskFullError(path, outcome)
    if isinstance(exc, sqlite3.Error) and "readonly database" in str(exc):
        return ReadOnlyError(path)
    return None


@contextmanager
def translated(path: str | Path | None, outcome: str = SAVE_FAILED) -> Iterator[None]:
    """Re-raise "disk full" and "read-only" failures from sqlite3/OS as StorageErrors.

    ``outcome`` is what a full disk stopped, as the message says it.
    """
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        error = translate(exc, path, outcome)
        if error is None:
            raise
        raise error from exc
