"""A database on a network drive is kept out of WAL mode (WAL needs shared memory that network
file systems do not give), detected from fake mount tables and a faked GetDriveTypeW."""

from __future__ import annotations

import ctypes
import sqlite3
from pathlib import Path

import pytest

import storage
from storage import network
from storage.network import DRIVE_REMOTE, mount_fs_type, on_network_drive

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
//nas/科室 /mnt/share cifs rw,vers=3.0 0 0
nas:/export /srv/nfs nfs4 rw 0 0
/dev/sdb1 /srv/nfs/local-disk ext4 rw 0 0
me@host:/home /home/me/remote fuse.sshfs rw 0 0
C:\\134 /mnt/c 9p rw 0 0
/dev/sdc1 /media/my\\040disk ext4 rw 0 0
//nas/other /media/my\\040disk/net smb3 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize(("path", "expected"), [
    ("/home/zhang/tianbao.db", "ext4"),
    ("/mnt/share/填报/tianbao.db", "cifs"),
    ("/mnt/shared/tianbao.db", "ext4"),  # a prefix of the name is not the mount point
    ("/srv/nfs/tianbao.db", "nfs4"),
    ("/srv/nfs/local-disk/tianbao.db", "ext4"),  # the longest mount point wins
    ("/home/me/remote/tianbao.db", "fuse.sshfs"),
    ("/mnt/c/Users/tianbao.db", "9p"),
    ("/media/my disk/tianbao.db", "ext4"),
    ("/media/my disk/net/tianbao.db", "smb3"),
    ("/tmp", "tmpfs"),
])
def test_the_mount_that_holds_a_path(path, expected):
    assert mount_fs_type(path, MOUNTS) == expected


def test_later_mounts_over_the_same_point_win():
    table = "/dev/sda1 /data ext4 rw 0 0\nserver:/x /data nfs rw 0 0\n"
    assert mount_fs_type("/data/tianbao.db", table) == "nfs"


@pytest.fixture
def mounts(tmp_path, monkeypatch):
    """/proc/self/mounts replaced by MOUNTS plus a cifs mount at tmp_path/share."""
    table = tmp_path / "mounts"
    share = tmp_path / "share"
    share.mkdir()
    table.write_text(MOUNTS + f"//nas/x {share} cifs rw 0 0\n", encoding="utf-8")
    monkeypatch.setattr(network, "MOUNTS_FILE", table)
    return share


def test_linux_network_mounts_are_detected(mounts, tmp_path):
    assert on_network_drive(mounts / "tianbao.db", platform="linux")
    assert on_network_drive(Path("/srv/nfs/tianbao.db"), platform="linux")
    assert not on_network_drive(tmp_path / "tianbao.db", platform="linux")
    assert not on_network_drive(Path("/srv/nfs/local-disk/tianbao.db"), platform="linux")


def test_a_symlink_to_a_share_is_followed(mounts, tmp_path):
    (tmp_path / "link").symlink_to(mounts)
    assert on_network_drive(tmp_path / "link" / "tianbao.db", platform="linux")


def test_no_mount_table_means_local(monkeypatch, tmp_path):
    monkeypatch.setattr(network, "MOUNTS_FILE", tmp_path / "missing")
    assert not on_network_drive(Path("/mnt/share/tianbao.db"), platform="linux")


class FakeKernel32:
    def __init__(self, remote: set[str]) -> None:
        self.remote, self.asked = remote, []

    def GetDriveTypeW(self, root):  # noqa: N802 - the Windows name
        self.asked.append(root.value)
        return DRIVE_REMOTE if root.value in self.remote else 3  # DRIVE_FIXED


@pytest.fixture
def kernel32(monkeypatch):
    fake = FakeKernel32({"Z:\\"})
    monkeypatch.setattr(ctypes, "windll", type("WinDLL", (), {"kernel32": fake})(), raising=False)
    return fake


@pytest.mark.parametrize(("path", "expected"), [
    (r"\\nas\科室\tianbao.db", True),
    ("//nas/share/tianbao.db", True),
    (r"\\?\UNC\nas\share\tianbao.db", True),
    (r"Z:\填报\tianbao.db", True),  # a mapped network drive
    (r"z:/tianbao.db", True),
    (r"C:\Users\zhang\AppData\Local\Tianbao\tianbao.db", False),
    (r"\\?\C:\Tianbao\tianbao.db", False),
    (r"\\?\Z:\Tianbao\tianbao.db", True),
])
def test_windows_unc_paths_and_mapped_drives(kernel32, path, expected):
    assert on_network_drive(Path(path), platform="win32") is expected


def test_windows_asks_for_the_drive_root(kernel32):
    on_network_drive(Path(r"C:\Tianbao\tianbao.db"), platform="win32")
    assert kernel32.asked == ["C:\\"]


def test_without_windll_drives_are_local(monkeypatch):
    monkeypatch.delattr(ctypes, "windll", raising=False)
    assert not on_network_drive(Path(r"Z:\tianbao.db"), platform="win32")
    assert on_network_drive(Path(r"\\nas\share\tianbao.db"), platform="win32")


def _journal_mode(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()


def test_a_database_on_a_share_uses_the_rollback_journal_and_keeps_its_lock(mounts):
    path = mounts / "tianbao.db"
    with storage.open_database(path, daily_backup=False) as store:
        assert store.on_network_drive
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        storage.create_report(store, form_id="f", form_version=1, template_source="", title="t")
        assert not (mounts / "tianbao.db-wal").exists()
        with pytest.raises(storage.DatabaseLockedError):
            storage.open_database(path, daily_backup=False)
    assert _journal_mode(path) == "delete"


def test_a_wal_database_moved_onto_a_share_leaves_wal_mode(mounts, tmp_path):
    local = tmp_path / "local.db"
    with storage.open_database(local, daily_backup=False) as store:
        assert not store.on_network_drive
        storage.create_report(store, form_id="f", form_version=1, template_source="", title="t")
    assert _journal_mode(local) == "wal"
    local.rename(mounts / "tianbao.db")
    with storage.open_database(mounts / "tianbao.db", daily_backup=False) as store:
        assert [r.title for r in storage.list_reports(store.db)] == ["t"]
    assert _journal_mode(mounts / "tianbao.db") == "delete"
