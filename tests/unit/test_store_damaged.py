"""A damaged job queue is moved aside with a plain message and a new one started; a busy
(locked) queue is never mistaken for a damaged one."""

from __future__ import annotations

import sqlite3

from pixop_desktop import paths
from pixop_desktop.cli import main
from pixop_desktop.jobs.model import Job, Source
from pixop_desktop.jobs.store import FILE_NAME, JobStore
from pixop_desktop.jobs.store_repair import is_damage


def _queue_path():
    return paths.data_dir() / FILE_NAME


def test_garbage_queue_is_moved_aside_and_the_command_says_so(capsys):
    path = _queue_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database at all, just bytes " * 200)
    assert main(["queue"]) == 0
    err = capsys.readouterr().err
    [line] = err.strip().splitlines()
    assert "job queue was damaged" in line and "moved aside" in line and "pixop-desktop videos" in line
    [aside] = path.parent.glob(f"{FILE_NAME}.damaged-*")
    assert aside.read_bytes().startswith(b"this is not a database")
    with JobStore() as store:
        assert store.list_jobs() == [] and store.recovered_from is None


def test_damaged_pages_inside_a_real_queue_are_found(tmp_path):
    path = tmp_path / FILE_NAME
    with JobStore(path) as store:
        store.add_many([Job(Source.local(str(tmp_path / f"{n:04d}.mp4"))) for n in range(400)])
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):  # keep the header page readable
        data[offset + 8:offset + 200] = b"\xa5" * 192
    path.write_bytes(bytes(data))
    with JobStore(path) as store:
        assert store.recovered_from is not None and store.recovered_from.exists()
        assert store.list_jobs() == []


def test_a_busy_queue_is_not_taken_for_a_damaged_one():
    # What SQLite raises when another process holds the file: never a reason to move it aside.
    assert not is_damage(sqlite3.OperationalError("database is locked"))
    assert not is_damage(sqlite3.OperationalError("database table is locked"))
    assert is_damage(sqlite3.DatabaseError("file is not a database"))
    assert is_damage(sqlite3.DatabaseError("database disk image is malformed"))
