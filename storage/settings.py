"""App settings, kept in the database as key/value rows (values are JSON)."""

from __future__ import annotations

import json
from typing import Any

from storage.common import DbLike, as_db, writing
from storage.records import SETTING_TYPES, Settings, settings_from_rows, valid_setting

__all__ = ["Settings", "get_settings", "update_settings"]


def get_settings(db: DbLike) -> Settings:
    """Stored settings over the defaults; unknown or ill-typed rows are ignored."""
    return settings_from_rows(as_db(db).execute("SELECT key, value FROM settings"))


def update_settings(db: DbLike, **changes: Any) -> Settings:
    """Change some settings (ValueError for an unknown name or wrong type); returns all."""
    for key, value in changes.items():
        if key not in SETTING_TYPES:
            raise ValueError(f"unknown setting {key!r}")
        if not valid_setting(key, value):
            raise ValueError(f"setting {key!r} must be {SETTING_TYPES[key].__name__}: {value!r}")
    db = as_db(db)
    with writing(db):
        for key, value in changes.items():
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       [key, json.dumps(value, ensure_ascii=False)])
    return get_settings(db)
