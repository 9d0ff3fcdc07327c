r"""Is a file on a network drive? SQLite's write-ahead log needs shared memory that network
file systems do not provide, so such a database is kept in rollback-journal mode instead.

    >>> on_network_drive(Path(r"\\server\share\tianbao.db"), platform="win32")
    True
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

# Linux file system types whose files may live on another machine (or, for 9p and
# virtiofs, in another OS: WSL2's /mnt/c is 9p, where WAL is known to break).
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "virtiofs",
    "ceph", "glusterfs", "lustre", "gpfs", "ocfs2", "gfs2", "fuse.sshfs", "sshfs",
    "fuse.glusterfs", "fuse.cephfs", "fuse.davfs", "davfs", "fuse.rclone", "fuse.s3fs",
})
DRIVE_REMOTE = 4  # GetDriveTypeW
MOUNTS_FILE = Path("/proc/self/mounts")


def on_network_drive(path: Path, *, platform: str | None = None) -> bool:
    r"""True when ``path`` (a file that may not exist yet) is on a network file system.

    Windows: a UNC path (\\\\server\\share) or a mapped network drive; Linux: a mount of a
    network type in /proc/self/mounts. Elsewhere, or when unsure, False.
    """
    platform = platform or sys.platform
    if platform.startswith("win"):
        return _windows_remote(str(path))
    if platform.startswith("linux"):
        try:
            table = MOUNTS_FILE.read_text(encoding="utf-8", errors="surrogateescape")
        except OSError:
            return False
        return mount_fs_type(_real(path), table) in NETWORK_FS_TYPES
    return False


def mount_fs_type(path: str, mounts_table: str) -> str | None:
    """The file system type of the mount that holds ``path`` (longest mount point wins)."""
    best, best_type = "", None
    for line in mounts_table.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point, fs_type = _unescape(fields[1]), fields[2]
        if _contains(point, path) and len(point) >= len(best):
            best, best_type = point, fs_type  # later lines mount over earlier ones
    return best_type


def _contains(mount_point: str, path: str) -> bool:
    if mount_point == "/":
        return path.startswith("/")
    return path == mount_point or path.startswith(mount_point.rstrip("/") + "/")


def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def _real(path: Path) -> str:
    """The absolute path with symlinks resolved, also when the file does not exist yet."""
    return os.path.realpath(os.path.abspath(path))


def _windows_remote(text: str) -> bool:
    path = PureWindowsPath(text)
    anchor = path.anchor
    if anchor.startswith(("\\\\?\\UNC\\", "//?/UNC/")):
        return True
    if anchor.startswith(("\\\\?\\", "\\\\.\\")):  # \\?\C:\... is a local path
        anchor = anchor[4:]
    elif anchor.startswith(("\\\\", "//")):
        return True  # \\server\share
    drive = anchor[:2].upper()
    if len(drive) != 2 or drive[1] != ":":
        return False  # relative: callers pass absolute paths
    return drive_type(drive + "\\") == DRIVE_REMOTE


def drive_type(root: str) -> int:
    """``GetDriveTypeW(root)``; 0 (unknown) off Windows."""
    try:
        import ctypes  # noqa: PLC0415

        windll = ctypes.windll  # type: ignore[attr-defined]
    except (ImportError, AttributeError):
        return 0
    return int(windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))
