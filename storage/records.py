"""Plain records shared by the storage modules and ``storage.peek``: no sqlite-utils, cheap to import."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, NamedTuple

SUMMARY_COLUMNS = ("id, form_id, form_version, title, unit, period, year, status, "
                   "trashed_at, created_at, updated_at")


# Named tuples: quick to build from a row (``ReportSummary._make(row)``: a list of 10,000
# reports shows it), and no dataclass to make when the window starts (~1 ms each, plus
# importing dataclasses, before its first paint).
class ReportSummary(NamedTuple):
    """One row of a report list."""

    id: int
    form_id: str
    form_version: int
    title: str
    unit: str
    period: str
    year: int | None
    status: str  # "draft" or "complete"; trashing keeps it
    trashed_at: str | None
    created_at: str
    updated_at: str

    @property
    def trashed(self) -> bool:
        return self.trashed_at is not None


class Settings(NamedTuple):
    unit_name: str = ""
    contact_person: str = ""
    phone: str = ""
    export_folder: str = ""  # empty: ask, or use the user's documents folder
    language: str = "zh_CN"
    attachment_max_mb: int = 500
    # The folders last chosen in the file dialogs (empty: none yet), each kept apart.
    last_export_folder: str = ""
    last_attachment_folder: str = ""
    last_template_folder: str = ""
    last_report_id: int = 0  # the report open when the window last showed one (0: none)
    units_asked: bool = False  # the unit and contact person were asked for once

    @property
    def attachment_max_bytes(self) -> int:
        return self.attachment_max_mb * 1024 * 1024


SETTING_TYPES = {name: type(default) for name, default in Settings._field_defaults.items()}


def valid_setting(key: str, value: Any) -> bool:
    kind = SETTING_TYPES[key]
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) and value > 0
    return isinstance(value, kind)


def settings_from_rows(rows: Iterable[tuple[str, str]]) -> Settings:
    """Stored (key, JSON value) rows over the defaults; unknown or ill-typed rows are ignored."""
    stored: dict[str, Any] = {}
    for key, text in rows:
        if key not in SETTING_TYPES:
            continue
        try:
            value = json.loads(text)
        except ValueError:
            continue
        if valid_setting(key, value):
            stored[key] = value
    return Settings(**stored)
