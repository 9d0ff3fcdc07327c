"""Where Tianbao keeps its data, following each platform's convention (no Qt needed)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP_DIR_WINDOWS_MAC = "Tianbao"
APP_DIR_LINUX = "tianbao"
DB_FILE_NAME = "tianbao.db"


def data_dir(*, platform: str | None = None, environ: Mapping[str, str] | None = None,
             home: Path | None = None) -> Path:
    """The per-user data folder (database, backups, log file).

    Windows ``%APPDATA%\\Tianbao``, macOS ``~/Library/Application Support/Tianbao``,
    elsewhere ``$XDG_DATA_HOME/tianbao`` or ``~/.local/share/tianbao``.
    The keyword arguments exist for tests.
    """
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    home = home or Path.home()
    if platform.startswith("win"):
        appdata = environ.get("APPDATA")
        base = Path(appdata) if appdata else home / "AppData" / "Roaming"
        return base / APP_DIR_WINDOWS_MAC
    if platform == "darwin":
        return home / "Library" / "Application Support" / APP_DIR_WINDOWS_MAC
    xdg = environ.get("XDG_DATA_HOME", "")
    # The XDG spec says relative paths are invalid and must be ignored.
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / APP_DIR_LINUX


def default_db_path(**kwargs) -> Path:
    """The database file used when no ``--db PATH`` is given."""
    return data_dir(**kwargs) / DB_FILE_NAME


def backups_dir(db_path: str | Path) -> Path:
    """Automatic backups live in ``backups/`` beside the database."""
    return Path(db_path).absolute().parent / "backups"


def lock_path(db_path: str | Path) -> Path:
    """The sidecar file whose OS lock marks the one writer."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")
