"""Safe file writing: a temporary file in the destination folder, renamed into place at the end.

On any failure the temporary file is removed, so no half-written export is ever left behind;
what a killed export left is removed by the next one (see exports.parts). A new file gets
the permissions the umask allows, as any program's; a replaced one keeps its own.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from exports.parts import new_part, remove_stale_parts
from forms.messages import msg

CancelCheck = Callable[[], bool]


class ExportError(Exception):
    """An export that could not be written; ``text()`` says what happened and what to do."""

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def text(self) -> str:
        return self.message


class ExportCancelled(ExportError):
    """The user cancelled; nothing was written."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(msg("已取消导出，没有生成任何文件。"), path=path)


_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_NO_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}
_NO_FOLDER = {errno.ENOENT, errno.ENOTDIR}


def error_for(exc: OSError, path: Path, *, renaming: bool = False) -> ExportError:
    """Turn an OS error while writing ``path`` into a message a user can act on."""
    folder = path.parent
    code = exc.errno
    names = {"path": str(path), "name": path.name, "folder": str(folder)}
    if code in _NO_SPACE:
        text = msg("磁盘空间不足，无法写入“{name}”（文件夹 {folder}）。"
                   "请清理磁盘空间或选择其他位置（如 U 盘、其他磁盘）后重试。", **names)
    elif code in _NO_PERMISSION and renaming:
        text = msg("无法保存“{path}”：该文件可能正被其他程序（如 Excel、WPS、PDF 阅读器）打开，"
                   "或没有写入权限。请关闭该文件或换一个文件名后重试。", **names)
    elif code in _NO_PERMISSION:
        text = msg("无法写入文件夹 {folder}：没有写入权限。请选择其他文件夹。", **names)
    elif code in _NO_FOLDER:
        text = msg("无法写入文件夹 {folder}：文件夹不存在。请选择其他文件夹。", **names)
    elif code == errno.EISDIR:
        text = msg("无法保存“{path}”：已有同名文件夹。请换一个文件名。", **names)
    elif code == errno.ENAMETOOLONG:
        text = msg("无法保存“{name}”：文件名或路径太长。请缩短文件名或选择层级较浅的文件夹。", **names)
    else:
        reason = exc.strerror or type(exc).__name__
        text = msg("写入“{path}”时出错（{reason}）。请检查该位置是否可用，或选择其他文件夹后重试。",
                   reason=reason, **names)
    return ExportError(text, path=path)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def check_destination(path: Path) -> None:
    """Fail early, with a clear message, when ``path`` cannot be a file in an existing folder."""
    folder = path.parent
    if not folder.exists():
        raise error_for(OSError(errno.ENOENT, "No such directory"), path)
    if not folder.is_dir():
        raise error_for(OSError(errno.ENOTDIR, "Not a directory"), path)
    if path.is_dir():
        raise error_for(OSError(errno.EISDIR, "Is a directory"), path)


@contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path``.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> with atomic_path(folder / "a.txt") as tmp:
    ...     _ = tmp.write_text("ok")
    >>> sorted(p.name for p in folder.iterdir())
    ['a.txt']
    """
    path = Path(path)
    check_destination(path)
    remove_stale_parts(path.parent)
    try:
        tmp = new_part(path.parent)
    except OSError as exc:
        raise error_for(exc, path) from exc
    try:
        yield tmp
    except BaseException as exc:
        _remove_quietly(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, ExportError):
            raise error_for(exc, path) from exc
        raise
    try:
        _keep_mode(path, tmp)
        os.replace(tmp, path)
    except OSError as exc:
        _remove_quietly(tmp)
        raise error_for(exc, path, renaming=True) from exc


def _keep_mode(path: Path, tmp: Path) -> None:
    """A file being replaced keeps its permissions (a new one has the umask's)."""
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return
    os.chmod(tmp, mode)


def check_cancel(cancel: CancelCheck | None, path: Path | None = None) -> None:
    """Raise ExportCancelled when the caller asked to stop."""
    if cancel is not None and cancel():
        raise ExportCancelled(path)
