"""The temporary ``.part`` files exports write before renaming them into place.

An export killed half way (power cut, task manager) leaves its ``.part`` behind, maybe
gigabytes of a package. The next export into that folder, and the next start of the app,
remove such leftovers: only files named as we name them, and only when their export is
surely dead. Anything else in the folder is never touched.

Names carry the computer and the process that writes them:
``.~tianbao-<host hash>-<pid>-<random>.part``. Before that, names came from
``tempfile.mkstemp`` (``.~<8 characters>.part``); those are removed once they are an hour
old and hold the start of an XLSX, PDF or zip (or nothing).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import secrets
import socket
import sys
import time
from pathlib import Path

PREFIX = ".~tianbao-"
SUFFIX = ".part"
SILENT_FOR = 3600  # seconds: an export that has written nothing for this long is dead
_OURS = re.compile(r"^\.~tianbao-(?P<host>[0-9a-f]{8})-(?P<pid>\d{1,10})-[0-9a-f]{8}\.part$")
_OLDER = re.compile(r"^\.~[a-z0-9_]{8}\.part$")  # tempfile.mkstemp(prefix=".~", suffix=".part")
_EXPORT_STARTS = (b"PK", b"%PDF")


@functools.cache
def host_tag() -> str:
    """This computer, as 8 hex digits (a shared network folder may hold other PCs' parts)."""
    try:
        name = socket.gethostname()
    except OSError:
        name = ""
    return hashlib.sha256(name.encode("utf-8", "replace")).hexdigest()[:8]


def new_part(folder: Path) -> Path:
    """Create an empty, new ``.part`` file in ``folder`` (permissions as the umask says)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = folder / f"{PREFIX}{host_tag()}-{os.getpid()}-{secrets.token_hex(4)}{SUFFIX}"
        try:
            os.close(os.open(path, flags, 0o666))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free temporary name in {folder}")


def remove_stale_parts(folder: Path | str) -> list[Path]:
    """Remove the ``.part`` files that dead exports left in ``folder``; returns them."""
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(folder)
                   if e.name.startswith(".~") and e.name.endswith(SUFFIX)]
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        try:
            if entry.is_file(follow_symlinks=False) and _is_stale(entry, now):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # gone already, or not ours to remove: leave it
    return removed


def _is_stale(entry: os.DirEntry, now: float) -> bool:
    silent = now - entry.stat(follow_symlinks=False).st_mtime > SILENT_FOR
    ours = _OURS.match(entry.name)
    if ours is not None:
        pid = int(ours["pid"])
        if ours["host"] != host_tag():
            return silent  # another computer's: only its age tells
        if pid == os.getpid():
            return False  # this process may be exporting into the folder right now
        return silent or not process_alive(pid)
    if _OLDER.match(entry.name) and silent:
        with open(entry.path, "rb") as file:
            start = file.read(4)
        return not start or start.startswith(_EXPORT_STARTS)
    return False


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (True when unsure)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only checks (never on Windows, where it would kill)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True


def _windows_process_alive(pid: int) -> bool:
    import ctypes  # noqa: PLC0415 - Windows only

    query_limited_information, still_active, access_denied = 0x1000, 259, 5
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return kernel32.GetLastError() == access_denied
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
