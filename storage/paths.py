"""Where Tianbao keeps its data, following each platform's convention (no Qt needed)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_DIR_WINDOWS_MAC = "Tianbao"
APP_DIR_LINUX = "tianbao"
DB_FILE_NAME = "tianbao.db"


def _dirs_class(platform: str) -> type[platformdirs.PlatformDirsABC]:
    if platform.startswith("win"):
        from platformdirs.windows import Windows  # noqa: PLC0415 - for tests off Windows

        return Windows
    if platform == "darwin":
        from platformdirs.macos import MacOS  # noqa: PLC0415

        return MacOS
    from platformdirs.unix import Unix  # noqa: PLC0415

    return Unix


def data_dir(*, platform: str | None = None) -> Path:
    """The per-user data folder (database, backups, log file).

    Windows ``%LOCALAPPDATA%\\Tianbao`` (not roaming: the database holds every attachment),
    macOS ``~/Library/Application Support/Tianbao``, elsewhere ``$XDG_DATA_HOME/tianbao``
    or ``~/.local/share/tianbao``. ``platform`` exists for tests.
    """
    platform = platform or sys.platform
    if platform == sys.platform:
        dirs: type[platformdirs.PlatformDirsABC] = platformdirs.PlatformDirs
    else:
        dirs = _dirs_class(platform)
    name = APP_DIR_WINDOWS_MAC if platform.startswith("win") or platform == "darwin" \
        else APP_DIR_LINUX
    # platformdirs keeps it absolute even when $HOME or $XDG_DATA_HOME is relative (a test
    # checks this machine's defaults with such an environment).
    return Path(dirs(name, appauthor=False, roaming=False).user_data_dir)


def old_data_dir(*, platform: str | None = None) -> Path | None:
    """Where versions before 0.2 kept the data, if that differs: Windows ``%APPDATA%\\Tianbao``."""
    platform = platform or sys.platform
    if not platform.startswith("win"):
        return None
    appdata = os.environ.get("APPDATA")
    base = Path(appdata) if appdata else Path.home() / "AppData" / "Roaming"
    return base / APP_DIR_WINDOWS_MAC


def default_db_path(*, platform: str | None = None) -> Path:
    """The database file used when no ``--db PATH`` is given."""
    return data_dir(platform=platform) / DB_FILE_NAME


def backups_dir(db_path: str | Path) -> Path:
    """Automatic backups live in ``backups/`` beside the database."""
    return Path(db_path).absolute().parent / "backups"


def lock_path(db_path: str | Path) -> Path:
    """The sidecar file whose OS lock marks the one writer."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")
