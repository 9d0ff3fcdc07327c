"""App settings, kept in the database as key/value rows (values are JSON)."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from typing import Any

from storage.common import DbLike, as_db, writing


@dataclass(frozen=True, slots=True)
class Settings:
    unit_name: str = ""
    contact_person: str = ""
    phone: str = ""
    export_folder: str = ""  # empty: ask, or use the user's documents folder
    language: str = "zh_CN"
    attachment_max_mb: int = 500

    @property
    def attachment_max_bytes(self) -> int:
        return self.attachment_max_mb * 1024 * 1024


_TYPES = {f.name: type(getattr(Settings(), f.name)) for f in fields(Settings)}


def get_settings(db: DbLike) -> Settings:
    """Stored settings over the defaults; unknown or ill-typed rows are ignored."""
    stored: dict[str, Any] = {}
    for key, text in as_db(db).execute("SELECT key, value FROM settings"):
        if key not in _TYPES:
            continue
        try:
            value = json.loads(text)
        except ValueError:
            continue
        if _valid(key, value):
            stored[key] = value
    return replace(Settings(), **stored)


def update_settings(db: DbLike, **changes: Any) -> Settings:
    """Change some settings (ValueError for an unknown name or wrong type); returns all."""
    for key, value in changes.items():
        if key not in _TYPES:
            raise ValueError(f"unknown setting {key!r}")
        if not _valid(key, value):
            raise ValueError(f"setting {key!r} must be {_TYPES[key].__name__}: {value!r}")
    db = as_db(db)
    with writing(db):
        for key, value in changes.items():
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       [key, json.dumps(value, ensure_ascii=False)])
    return get_settings(db)


def _valid(key: str, value: Any) -> bool:
    kind = _TYPES[key]
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) and value > 0
    return isinstance(value, kind)
