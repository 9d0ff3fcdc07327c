"""Facts every export records: app version, export time, and the canonical hash of the values."""

from __future__ import annotations

import hashlib
import json
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

# The one place the version is written; the built bundle carries this file too.
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def project_version(path: Path = PYPROJECT) -> str:
    """The ``[project] version`` of pyproject.toml ("unknown" if it cannot be read)."""
    try:
        with path.open("rb") as file:
            return str(tomllib.load(file)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


APP_VERSION = project_version()


def canonical_json(values: dict[str, Any]) -> str:
    """JSON as docs/PACKAGE.md hashes it: sorted keys, no blanks, non-ASCII kept."""
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def values_sha256(values: dict[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of ``values``.

    >>> values_sha256({"b": 1, "a": "四"}) == values_sha256({"a": "四", "b": 1})
    True
    """
    return hashlib.sha256(canonical_json(values).encode("utf-8")).hexdigest()


def manifest_sha256(manifest: dict[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of a package manifest without its own hash.

    It covers every field (form, version, unit, status, export time, the values and the
    hash of each file), so a manifest edited by hand no longer matches it.
    """
    body = {key: value for key, value in manifest.items() if key != "manifest_sha256"}
    return values_sha256(body)


def export_time(when: datetime | None = None) -> datetime:
    """``when`` (or now), as an aware local time to the second."""
    when = when or datetime.now()
    return when.astimezone().replace(microsecond=0)


def iso_time(when: datetime) -> str:
    return when.isoformat(timespec="seconds")


def printed_time(when: datetime) -> str:
    """The export time as printed on a page: 2024-04-28 10:30."""
    return when.strftime("%Y-%m-%d %H:%M")
