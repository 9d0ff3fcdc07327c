"""The log file rotates at its size limit, keeping a few, and never loses a record."""

from __future__ import annotations

import logging

from ui import log_file
from ui.log_file import RotatingLog


def _logger(handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger(f"tianbao.test.{id(handler)}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return logger


def _records(*paths):
    return [line for path in paths for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_log_rotates_and_keeps_the_newest_files(tmp_path):
    path = tmp_path / "tianbao.log"
    handler = RotatingLog(path, max_bytes=200, backups=2)
    logger = _logger(handler)
    for number in range(60):
        logger.info("记录 %02d", number)
    handler.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "tianbao.log", "tianbao.log.1", "tianbao.log.2"]
    assert all(p.stat().st_size <= 200 for p in tmp_path.iterdir())
    kept = _records(tmp_path / "tianbao.log.2", tmp_path / "tianbao.log.1", path)
    assert kept[-1] == "记录 59"
    assert kept == [f"记录 {n:02d}" for n in range(60 - len(kept), 60)]  # the newest, in order


def test_a_record_is_appended_when_the_files_cannot_be_renamed(tmp_path, monkeypatch):
    def locked(*_args):
        raise PermissionError("in use by another process")

    monkeypatch.setattr(log_file.os, "replace", locked)
    path = tmp_path / "tianbao.log"
    handler = RotatingLog(path, max_bytes=100, backups=3)
    logger = _logger(handler)
    for number in range(20):
        logger.info("记录 %02d", number)
    handler.close()
    assert [p.name for p in tmp_path.iterdir()] == ["tianbao.log"]
    assert _records(path) == [f"记录 {n:02d}" for n in range(20)]
