"""Attachments: streamed in chunks, hash-checked on the way out, refused with reasons."""

from __future__ import annotations

import hashlib
import os

import pytest

import storage
from storage import attachments


@pytest.fixture
def small_chunks(monkeypatch):
    """4 KiB chunks, so multi-chunk behaviour is tested on small files."""
    monkeypatch.setattr(attachments, "CHUNK_SIZE", 4096)
    return 4096


def _count(store, table):
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_round_trip_with_hash_and_metadata(store, report_id, tmp_path, small_chunks):
    data = os.urandom(small_chunks * 5 + 123)
    source = tmp_path / "活动照片.jpg"
    source.write_bytes(data)
    calls = []
    att_id = storage.add_attachment(store, report_id, source, note="讲座现场",
                                    progress=lambda done, total: calls.append((done, total)))
    info = storage.get_attachment(store, att_id)
    assert (info.file_name, info.mime_type, info.size, info.note) == (
        "活动照片.jpg", "image/jpeg", len(data), "讲座现场")
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert _count(store, "attachment_chunks") == 6
    assert calls[0] == (0, len(data)) and calls[-1] == (len(data), len(data))
    chunks = list(storage.iter_attachment(store, att_id))
    assert b"".join(chunks) == data and max(map(len, chunks)) == small_chunks

    dest = tmp_path / "out" / "copy.jpg"
    dest.parent.mkdir()
    saved = []
    storage.save_attachment_to(store, att_id, dest, progress=lambda d, t: saved.append(d))
    assert dest.read_bytes() == data and saved[-1] == len(data)
    assert [p.name for p in dest.parent.iterdir()] == ["copy.jpg"]


def test_corrupt_chunk_is_detected_and_nothing_written(store, report_id, tmp_path, small_chunks):
    source = tmp_path / "a.pdf"
    source.write_bytes(os.urandom(small_chunks * 3))
    att_id = storage.add_attachment(store, report_id, source)
    store.db.execute("UPDATE attachment_chunks SET data = ? WHERE attachment_id = ? AND seq = 1",
                     [os.urandom(small_chunks), att_id])
    with pytest.raises(storage.AttachmentCorruptError) as caught:
        list(storage.iter_attachment(store, att_id))
    assert "a.pdf" in caught.value.text() and "损坏" in caught.value.text()
    dest = tmp_path / "out.pdf"
    with pytest.raises(storage.AttachmentCorruptError):
        storage.save_attachment_to(store, att_id, dest)
    assert not dest.exists() and not list(tmp_path.glob(".out.pdf*"))


def test_missing_chunk_is_detected(store, report_id, tmp_path, small_chunks):
    source = tmp_path / "a.bin"
    source.write_bytes(os.urandom(small_chunks * 3))
    att_id = storage.add_attachment(store, report_id, source)
    store.db.execute("DELETE FROM attachment_chunks WHERE seq = 2")
    with pytest.raises(storage.AttachmentCorruptError):
        list(storage.iter_attachment(store, att_id))


def test_refusals_have_clear_reasons_and_store_nothing(store, report_id, tmp_path):
    empty = tmp_path / "空文件.txt"
    empty.touch()
    big = tmp_path / "video.mp4"
    big.write_bytes(b"x" * 2048)
    cases = [
        (empty, storage.AttachmentEmptyError, "空文件"),
        (tmp_path / "不存在.doc", storage.AttachmentFileMissingError, "找不到"),
        (tmp_path, storage.AttachmentIsDirectoryError, "文件夹"),
        (big, storage.AttachmentTooLargeError, "超过"),
    ]
    for path, error, words in cases:
        with pytest.raises(error) as caught:
            storage.add_attachment(store, report_id, path, max_size=1024)
        assert isinstance(caught.value, storage.AttachmentError)
        assert str(path) in caught.value.text() and words in caught.value.text()
    assert _count(store, "attachments") == 0 and _count(store, "attachment_chunks") == 0


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_refused(store, report_id, tmp_path):
    locked = tmp_path / "secret.txt"
    locked.write_text("x")
    locked.chmod(0)
    with pytest.raises(storage.AttachmentUnreadableError):
        storage.add_attachment(store, report_id, locked)


def test_unreadable_file_is_refused_even_for_root(store, report_id, tmp_path, monkeypatch):
    source = tmp_path / "busy.xlsx"
    source.write_bytes(b"data")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(source), "open", refuse)
    with pytest.raises(storage.AttachmentUnreadableError) as caught:
        storage.add_attachment(store, report_id, source)
    assert "无法读取" in caught.value.text()


def test_file_growing_past_limit_while_read_is_refused(store, report_id, tmp_path, small_chunks):
    source = tmp_path / "growing.log"
    source.write_bytes(b"x" * small_chunks)

    def grow(done, total):
        if done == 0:
            with source.open("ab") as f:
                f.write(b"y" * small_chunks * 2)

    with pytest.raises(storage.AttachmentTooLargeError):
        storage.add_attachment(store, report_id, source, max_size=small_chunks * 2,
                               progress=grow)
    assert _count(store, "attachments") == 0 and _count(store, "attachment_chunks") == 0


def test_cancel_leaves_nothing(store, report_id, tmp_path, small_chunks):
    source = tmp_path / "big.zip"
    source.write_bytes(os.urandom(small_chunks * 10))
    seen = []

    def cancel():
        return len(seen) >= 4

    with pytest.raises(storage.AttachmentCancelledError) as caught:
        storage.add_attachment(store, report_id, source, cancel=cancel,
                               progress=lambda done, total: seen.append(done))
    assert "取消" in caught.value.text()
    assert _count(store, "attachments") == 0 and _count(store, "attachment_chunks") == 0
    assert storage.add_attachment(store, report_id, source)  # the store is still usable


def test_missing_report_or_attachment(store, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("x")
    with pytest.raises(storage.ReportNotFoundError):
        storage.add_attachment(store, 77, source)
    with pytest.raises(storage.AttachmentNotFoundError) as caught:
        list(storage.iter_attachment(store, 77))
    assert "77" in caught.value.text()


def test_trash_restore_purge(store, report_id, tmp_path):
    files = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text(name)
        files.append(storage.add_attachment(store, report_id, path))
    first, second = files
    storage.trash_attachment(store, first)
    assert [a.id for a in storage.list_attachments(store, report_id)] == [second]
    listed = storage.list_attachments(store, report_id, include_trashed=True)
    assert [(a.id, a.trashed) for a in listed] == [(first, True), (second, False)]
    storage.restore_attachment(store, first)
    storage.set_attachment_note(store, first, "已核对")
    assert storage.get_attachment(store, first).note == "已核对"
    assert [a.id for a in storage.list_attachments(store, report_id)] == [first, second]
    storage.purge_attachment(store, first)
    with pytest.raises(storage.AttachmentNotFoundError):
        storage.get_attachment(store, first)
    assert _count(store, "attachment_chunks") == 1


def test_trashed_attachments_are_listed_for_the_trash(store, report_id, tmp_path):
    from tests.storage.conftest import new_report

    other = new_report(store, title="另一份报表")
    made = []
    for rid, name in ((report_id, "照片.jpg"), (other, "签到表.pdf"), (report_id, "保留.txt")):
        file = tmp_path / name
        file.write_bytes(name.encode() * 10)
        made.append(storage.add_attachment(store, rid, file))
    assert storage.list_trashed_attachments(store) == []
    storage.trash_attachment(store, made[0])
    storage.trash_attachment(store, made[1])
    storage.trash_report(store, other)
    listed = storage.list_trashed_attachments(store)
    assert {t.attachment.id for t in listed} == {made[0], made[1]}
    by_id = {t.attachment.id: t for t in listed}
    assert by_id[made[0]].attachment.file_name == "照片.jpg"
    assert by_id[made[0]].report_title == storage.get_report(store, report_id).title
    assert not by_id[made[0]].report_trashed and by_id[made[1]].report_trashed
    storage.restore_attachment(store, made[0])
    assert [t.attachment.id for t in storage.list_trashed_attachments(store)] == [made[1]]
    assert [a.id for a in storage.list_attachments(store, report_id)] == [made[0], made[2]]
