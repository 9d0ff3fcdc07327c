"""Storage fixtures: real database files in tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import storage

TEMPLATE = """id = "cancer_week_summary"
title = "全国肿瘤防治宣传周活动总结表"
version = 1
"""


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "tianbao.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[storage.Store]:
    with storage.open_database(db_path, daily_backup=False) as opened:
        yield opened


def new_report(store: storage.Store, title: str = "第30届全国肿瘤防治宣传周活动总结表",
               **meta) -> int:
    return storage.create_report(store, form_id=meta.pop("form_id", "cancer_week_summary"),
                                 form_version=meta.pop("form_version", 1),
                                 template_source=meta.pop("template_source", TEMPLATE),
                                 title=title, **meta)


@pytest.fixture
def report_id(store: storage.Store) -> int:
    return new_report(store, unit="成都市疾病预防控制中心", period="第30届", year=2024)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to prove nothing was touched.

    The empty ``.lock`` sidecar is left out: taking the lock is not touching the data.
    """
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix != ".lock"}


@contextmanager
def unprivileged() -> Iterator[None]:
    """Drop root's effective uid so that file permissions apply, as for a normal user."""
    if os.name != "posix" or os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
