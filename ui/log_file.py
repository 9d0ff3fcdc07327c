"""The log file: ``tianbao.log`` in the data folder, 1 MB at most, the three before it kept.

Set up before the window is built, so that what happens while it starts is in the file too.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_FILE_NAME = "tianbao.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RotatingLog(logging.FileHandler):
    """``logging.handlers.RotatingFileHandler`` in small (that module imports socket, pickle
    and queue: ~10 ms that the window's start would wait for).

    Before a record would take the file past ``max_bytes``, ``tianbao.log`` becomes
    ``tianbao.log.1`` (``.1`` becomes ``.2``, and so on up to ``backups``). If the files
    cannot be renamed (another Tianbao has the log open, on Windows), the record is appended.
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._full(record):
                self._rotate()
        except OSError:
            pass  # kept whole in the current file rather than lost
        super().emit(record)

    def _full(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        size = self.stream.seek(0, os.SEEK_END)
        return size > 0 and size + len(self.format(record)) + 1 > self.max_bytes

    def _rotate(self) -> None:
        self.stream.close()
        self.stream = None  # reopened by FileHandler.emit
        names = [self.baseFilename, *(f"{self.baseFilename}.{n}" for n in range(1, self.backups + 1))]
        for older, newer in reversed(list(zip(names, names[1:], strict=False))):
            if os.path.exists(older):
                os.replace(older, newer)


def setup_logging(folder: Path) -> Path | None:
    """Log to ``folder/tianbao.log`` (once, however often called); its path, or None."""
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == str(path):
            return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingLog(path)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return path
