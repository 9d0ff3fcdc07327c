"""Helpers shared by the storage modules: write transactions, times, JSON, the OS user."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import getpass
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from storage.errors import translate

if TYPE_CHECKING:
    from storage.store import Store

    DbLike = Database | Store  # what every storage function takes: a Store or its .db
else:
    DbLike = Database


def as_db(db: Database | Store) -> Database:
    """Accept a Store or its ``.db`` wherever a database is expected."""
    return db if isinstance(db, Database) else db.db


def database_file(db: Database) -> str | None:
    try:
        return db.execute("PRAGMA database_list").fetchone()[2] or None
    except sqlite3.Error:
        return None


@contextmanager
def writing(db: Database) -> Iterator[Database]:
    """``db.atomic()`` that reports "disk full" / "read-only" as StorageErrors.

    Writes from different threads (the editor saves on a worker) are serialised by the
    connection's write lock, so two never share one transaction.
    """
    gate = getattr(db, "_tianbao_gate", None)
    if gate is not None:
        gate.wait()  # a quickly opened file: not before its full check has passed
    try:
        with write_lock(db), db.atomic():
            yield db
    except (sqlite3.Error, OSError) as exc:
        error = translate(exc, database_file(db))
        if error is None:
            raise
        raise error from exc


@contextmanager
def transaction(db: Database | Store) -> Iterator[Database]:
    """Several storage calls as one transaction: all or nothing, under the write lock.

    For a caller on any thread (the editor's database thread shares the connection):
    never open ``db.atomic()`` yourself.

        >>> with transaction(store):  # doctest: +SKIP
        ...     report_id = create_report(store, ...)
        ...     save_values(store, report_id, {...})
    """
    with writing(as_db(db)) as database:
        yield database


def write_lock(db: Database) -> threading.RLock:
    """The lock every write on this connection holds; made with the connection."""
    lock = getattr(db, "_tianbao_write_lock", None)
    if lock is None:
        lock = threading.RLock()
        db._tianbao_write_lock = lock  # type: ignore[attr-defined]
    return lock


def now() -> str:
    """Local time, ISO 8601 to the second: ``2024-04-26T15:30:00``."""
    return dt.datetime.now().isoformat(timespec="seconds")


@functools.cache
def os_user() -> str:
    """The OS login name for the audit trail, never failing."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # noqa: BLE001 - getuser raises OSError/KeyError/ImportError by platform
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown"


class JsonText(str):
    """Marks a string that already is JSON text, so it is stored as is (not re-encoded)."""


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        # Integral decimals become JSON integers; others keep their exact digits as a number.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def to_json(value: Any) -> str | None:
    """JSON text for ``value`` (None stays NULL); JsonText passes through after a check."""
    if value is None:
        return None
    if isinstance(value, JsonText):
        json.loads(value)
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=_json_default, separators=(",", ":"))


def from_json(text: str | None) -> Any:
    return None if text is None else json.loads(text)
