"""Default locations follow each platform's convention, resolved without Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

import storage
from storage.paths import backups_dir, lock_path

HOME = Path("/home/zhang")


@pytest.mark.parametrize(("platform", "environ", "expected"), [
    ("win32", {"APPDATA": r"C:\Users\zhang\AppData\Roaming"},
     Path(r"C:\Users\zhang\AppData\Roaming") / "Tianbao"),
    ("win32", {}, HOME / "AppData" / "Roaming" / "Tianbao"),
    ("darwin", {}, HOME / "Library" / "Application Support" / "Tianbao"),
    ("linux", {}, HOME / ".local" / "share" / "tianbao"),
    ("linux", {"XDG_DATA_HOME": "/data/xdg"}, Path("/data/xdg/tianbao")),
    ("linux", {"XDG_DATA_HOME": "relative/ignored"}, HOME / ".local" / "share" / "tianbao"),
])
def test_data_dir_per_platform(platform, environ, expected):
    assert storage.data_dir(platform=platform, environ=environ, home=HOME) == expected
    db = storage.default_db_path(platform=platform, environ=environ, home=HOME)
    assert db == expected / "tianbao.db"


def test_defaults_on_this_machine_are_absolute():
    assert storage.default_db_path().is_absolute()
    assert storage.default_db_path().parent == storage.data_dir()


def test_sidecar_paths(tmp_path):
    db = tmp_path / "x" / "tianbao.db"
    assert backups_dir(db) == tmp_path / "x" / "backups"
    assert lock_path(db) == tmp_path / "x" / "tianbao.db.lock"
