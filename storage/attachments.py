"""Attachments, stored inside the database in ~1 MiB chunks and streamed both ways.

A file is never held in memory whole: adding reads and inserts one chunk at a time
(hashing as it goes) inside one transaction, so a failed or cancelled add leaves
nothing behind. Reading yields chunks and checks the SHA-256 at the end.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from forms.messages import msg
from storage.common import DbLike, as_db, now, writing
from storage.errors import (
    COPY_FAILED,
    AttachmentCancelledError,
    AttachmentCorruptError,
    AttachmentEmptyError,
    AttachmentFileMissingError,
    AttachmentIsDirectoryError,
    AttachmentNotFoundError,
    AttachmentTooLargeError,
    AttachmentUnreadableError,
    translated,
)
from storage.reports import ensure_report

CHUNK_SIZE = 1024 * 1024
DEFAULT_MAX_SIZE = 500 * 1024 * 1024
Progress = Callable[[int, int], None]  # progress(done_bytes, total_bytes)
Cancel = Callable[[], bool]  # returns True to stop


@dataclass(slots=True)
class Attachment:
    id: int
    report_id: int
    file_name: str
    mime_type: str
    size: int
    sha256: str
    added_at: str
    note: str
    trashed_at: str | None

    @property
    def trashed(self) -> bool:
        return self.trashed_at is not None


_COLUMNS = "id, report_id, file_name, mime_type, size, sha256, added_at, note, trashed_at"


def add_attachment(db: DbLike, report_id: int, path: str | Path, *, note: str = "",
                   max_size: int = DEFAULT_MAX_SIZE, progress: Progress | None = None,
                   cancel: Cancel | None = None) -> int:
    """Store the file at ``path`` with the report; returns the attachment id.

    Refuses missing, unreadable, empty and over-``max_size`` files and directories
    (AttachmentError subclasses). ``cancel()`` is polled between chunks; when it
    returns True everything is rolled back and AttachmentCancelledError is raised.
    """
    db = as_db(db)
    path = Path(path)
    size = _checked_size(path, max_size)
    try:
        file = path.open("rb")
    except OSError as exc:
        raise AttachmentUnreadableError(path, exc.strerror or "") from exc
    with file, writing(db):
        ensure_report(db, report_id)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        stamp = now()
        attachment_id = db.execute(
            "INSERT INTO attachments (report_id, file_name, mime_type, size, sha256, added_at, "
            "note, trashed_at) VALUES (?, ?, ?, 0, '', ?, ?, NULL)",
            [report_id, path.name, mime, stamp, note]).lastrowid
        digest = hashlib.sha256()
        done = 0
        seq = 0
        if progress:
            progress(0, size)
        while True:
            if cancel is not None and cancel():
                raise AttachmentCancelledError(path)
            try:
                chunk = file.read(CHUNK_SIZE)
            except OSError as exc:
                raise AttachmentUnreadableError(path, exc.strerror or "") from exc
            if not chunk:
                break
            done += len(chunk)
            if done > max_size:  # the file grew while we read it
                raise AttachmentTooLargeError(path, done, max_size)
            digest.update(chunk)
            db.execute("INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (?, ?, ?)",
                       [attachment_id, seq, chunk])
            seq += 1
            if progress:
                progress(done, max(size, done))
        if done == 0:
            raise AttachmentEmptyError(path)
        db.execute("UPDATE attachments SET size = ?, sha256 = ? WHERE id = ?",
                   [done, digest.hexdigest(), attachment_id])
        db.execute("UPDATE reports SET updated_at = ? WHERE id = ?", [stamp, report_id])
    return attachment_id


def _checked_size(path: Path, max_size: int) -> int:
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise AttachmentFileMissingError(path) from exc
    except OSError as exc:
        raise AttachmentUnreadableError(path, exc.strerror or "") from exc
    if stat.S_ISDIR(info.st_mode):
        raise AttachmentIsDirectoryError(path)
    if not stat.S_ISREG(info.st_mode):
        raise AttachmentUnreadableError(path, msg("不是普通文件"))
    if info.st_size == 0:
        raise AttachmentEmptyError(path)
    if info.st_size > max_size:
        raise AttachmentTooLargeError(path, info.st_size, max_size)
    return info.st_size


def get_attachment(db: DbLike, attachment_id: int) -> Attachment:
    row = as_db(db).execute(f"SELECT {_COLUMNS} FROM attachments WHERE id = ?",
                            [attachment_id]).fetchone()
    if row is None:
        raise AttachmentNotFoundError(attachment_id)
    return Attachment(*row)


def list_attachments(db: DbLike, report_id: int, include_trashed: bool = False
                     ) -> list[Attachment]:
    """The report's attachments in the order added."""
    db = as_db(db)
    ensure_report(db, report_id)
    sql = f"SELECT {_COLUMNS} FROM attachments WHERE report_id = ?"
    if not include_trashed:
        sql += " AND trashed_at IS NULL"
    return [Attachment(*row) for row in db.execute(sql + " ORDER BY id", [report_id])]


@dataclass(slots=True)
class TrashedAttachment:
    """An attachment in the trash, with the report it belongs to (for the 回收站 dialog)."""

    attachment: Attachment
    report_title: str
    report_trashed: bool  # the report is in the trash too


def list_trashed_attachments(db: DbLike) -> list[TrashedAttachment]:
    """Every attachment moved to the trash, most recently removed first."""
    prefixed = ", ".join(f"a.{column.strip()}" for column in _COLUMNS.split(","))
    rows = as_db(db).execute(
        f"SELECT {prefixed}, r.title, r.trashed_at IS NOT NULL FROM attachments a "
        "JOIN reports r ON r.id = a.report_id WHERE a.trashed_at IS NOT NULL "
        "ORDER BY a.trashed_at DESC, a.id DESC").fetchall()
    return [TrashedAttachment(Attachment(*row[:-2]), row[-2], bool(row[-1])) for row in rows]


def iter_attachment(db: DbLike, attachment_id: int) -> Iterator[bytes]:
    """Yield the content chunk by chunk; raises AttachmentCorruptError at the end if the
    content does not match its recorded size and SHA-256 (so check before trusting it)."""
    db = as_db(db)
    info = get_attachment(db, attachment_id)
    digest = hashlib.sha256()
    total = 0
    seq = 0
    while True:
        row = db.execute("SELECT data FROM attachment_chunks WHERE attachment_id = ? AND seq = ?",
                         [attachment_id, seq]).fetchone()
        if row is None:
            break
        chunk = row[0]
        digest.update(chunk)
        total += len(chunk)
        seq += 1
        yield chunk
    if total != info.size or digest.hexdigest() != info.sha256:
        raise AttachmentCorruptError(attachment_id, info.file_name)


def save_attachment_to(db: DbLike, attachment_id: int, dest_path: str | Path,
                       progress: Progress | None = None) -> Path:
    """Write the attachment to ``dest_path`` (temp file + rename), verifying its hash.

    On AttachmentCorruptError nothing is left at ``dest_path``.
    """
    db = as_db(db)
    dest = Path(dest_path)
    info = get_attachment(db, attachment_id)
    tmp = dest.with_name(f".{dest.name}.part-{os.getpid()}")
    done = 0
    with translated(dest, COPY_FAILED):
        try:
            with tmp.open("wb") as out:
                for chunk in iter_attachment(db, attachment_id):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, info.size)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return dest


def set_attachment_note(db: DbLike, attachment_id: int, note: str) -> None:
    _update(db, attachment_id, "note = ?", [note])


def trash_attachment(db: DbLike, attachment_id: int) -> None:
    _update(db, attachment_id, "trashed_at = COALESCE(trashed_at, ?)", [now()])


def restore_attachment(db: DbLike, attachment_id: int) -> None:
    _update(db, attachment_id, "trashed_at = NULL", [])


def purge_attachment(db: DbLike, attachment_id: int) -> None:
    """Delete the attachment and its content for good."""
    db = as_db(db)
    with writing(db):
        get_attachment(db, attachment_id)
        db.execute("DELETE FROM attachments WHERE id = ?", [attachment_id])  # chunks cascade


def _update(db: Database, attachment_id: int, assignment: str, params: list) -> None:
    db = as_db(db)
    with writing(db):
        report_id = get_attachment(db, attachment_id).report_id
        db.execute(f"UPDATE attachments SET {assignment} WHERE id = ?", [*params, attachment_id])
        db.execute("UPDATE reports SET updated_at = ? WHERE id = ?", [now(), report_id])

