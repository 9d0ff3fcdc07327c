"""Default locations follow each platform's convention (platformdirs), resolved without Qt."""

from __future__ import annotations

from pathlib import Path

import platformdirs.windows
import pytest

import storage
from storage.paths import backups_dir, lock_path

HOME = Path("/home/zhang")
WINDOWS_FOLDERS = {"CSIDL_LOCAL_APPDATA": r"C:\Users\zhang\AppData\Local",
                   "CSIDL_APPDATA": r"C:\Users\zhang\AppData\Roaming"}


@pytest.fixture
def home(monkeypatch):
    monkeypatch.setenv("HOME", str(HOME))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", WINDOWS_FOLDERS.__getitem__)
    return HOME


def _slashes(path: Path) -> str:
    return str(path).replace("\\", "/")


def test_windows_keeps_the_data_in_local_appdata_which_does_not_roam(home):
    assert _slashes(storage.data_dir(platform="win32")) == "C:/Users/zhang/AppData/Local/Tianbao"
    assert _slashes(storage.default_db_path(platform="win32")) == \
        "C:/Users/zhang/AppData/Local/Tianbao/tianbao.db"


def test_the_old_windows_place_was_roaming_appdata(home, monkeypatch):
    monkeypatch.setenv("APPDATA", r"C:\Users\zhang\AppData\Roaming")
    assert _slashes(storage.old_data_dir(platform="win32")) == \
        "C:/Users/zhang/AppData/Roaming/Tianbao"
    monkeypatch.delenv("APPDATA")
    assert storage.old_data_dir(platform="win32") == HOME / "AppData" / "Roaming" / "Tianbao"
    assert storage.old_data_dir(platform="linux") is None
    assert storage.old_data_dir(platform="darwin") is None


@pytest.mark.parametrize(("platform", "xdg", "expected"), [
    ("darwin", None, HOME / "Library" / "Application Support" / "Tianbao"),
    ("linux", None, HOME / ".local" / "share" / "tianbao"),
    ("linux", "/data/xdg", Path("/data/xdg/tianbao")),
    ("linux", "relative/ignored", HOME / ".local" / "share" / "tianbao"),
])
def test_data_dir_elsewhere(home, monkeypatch, platform, xdg, expected):
    if xdg is not None:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert storage.data_dir(platform=platform) == expected
    assert storage.default_db_path(platform=platform) == expected / "tianbao.db"


@pytest.mark.parametrize("environ", [
    {},
    {"HOME": "relative/home"},  # a broken login environment
    {"XDG_DATA_HOME": "relative/xdg"},
    {"HOME": "relative/home", "XDG_DATA_HOME": "relative/xdg", "APPDATA": "relative"},
], ids=["as_is", "relative_home", "relative_xdg", "all_relative"])
def test_defaults_on_this_machine_are_absolute(monkeypatch, tmp_path, environ):
    """Whatever the environment says, the database never depends on the working folder."""
    monkeypatch.chdir(tmp_path)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    path = storage.default_db_path()
    assert path.is_absolute()
    assert path.parent == storage.data_dir()
    assert not path.is_relative_to(tmp_path)


def test_sidecar_paths(tmp_path):
    db = tmp_path / "x" / "tianbao.db"
    assert backups_dir(db) == tmp_path / "x" / "backups"
    assert lock_path(db) == tmp_path / "x" / "tianbao.db.lock"
