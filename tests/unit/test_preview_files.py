"""Preview clips on disk: they go with their job, old and surplus ones are tidied up, and a
folder a viewer shows is never deleted. Real files (ages set with os.utime), the real JobStore."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from pixop_desktop.cli import main
from pixop_desktop.jobs import preview_files
from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.jobs.preview_files import forget_jobs, hold, job_folder, prune, prune_once, release
from pixop_desktop.jobs.store import JobStore

DAY = 24 * 3600
MB = 1024 * 1024


def _preview(uid: str, *, size: int = 1000, age_days: float = 0) -> os.PathLike:
    """A job's preview folder as make_preview leaves it: a processed piece under a settings key."""
    folder = job_folder(uid)
    piece = folder / "k1" / "piece.mp4"
    piece.parent.mkdir(parents=True)
    piece.write_bytes(b"\0" * size)
    when = time.time() - age_days * DAY
    for path in (piece, piece.parent, folder):
        os.utime(path, (when, when))
    return piece


def _job(store: JobStore, state: State = State.DONE) -> Job:
    job_id = store.add(Job(Source.local("/videos/reel.mp4", 10, 1)))
    if state is State.DONE:
        store.transition(job_id, State.RUNNING)
        store.transition(job_id, State.DONE)
    return store.get(job_id)


def test_removing_a_job_removes_its_previews_only():
    with JobStore() as store:
        gone, kept = _job(store), _job(store)
        _preview(gone.uid), _preview(kept.uid)
        store.delete([gone.id])
        assert not job_folder(gone.uid).exists()
        assert (job_folder(kept.uid) / "k1" / "piece.mp4").is_file()


def test_the_command_line_remove_and_clear_finished_take_the_previews(capsys):
    with JobStore() as store:
        removed, finished, waiting = _job(store), _job(store), _job(store, State.QUEUED)
    for job in (removed, finished, waiting):
        _preview(job.uid)
    assert main(["remove", str(removed.id)]) == 0
    assert not job_folder(removed.uid).exists() and job_folder(finished.uid).exists()
    assert main(["clear-finished"]) == 0
    assert not job_folder(finished.uid).exists()
    assert job_folder(waiting.uid).exists()  # still in the queue


def test_a_shown_preview_survives_its_jobs_removal_and_goes_later():
    with JobStore() as store:
        job = _job(store)
        piece = _preview(job.uid)
        held = hold([piece, "/videos/reel.mp4"])  # a local original is no preview: not held
        assert held == [job_folder(job.uid).resolve()]
        store.delete([job.id])
        assert piece.is_file()
        assert prune(known_uids=set(), now=time.time() + DAY) == []  # still shown
        release(held)
        assert prune(known_uids={j.uid for j in store.list_jobs()}, now=time.time() + DAY) == [job.uid]
        assert not job_folder(job.uid).exists()


def test_another_live_process_holding_a_folder_keeps_it():
    piece = _preview("elsewhere", age_days=40)
    marker = job_folder("elsewhere") / f".in-use-{os.getppid()}"  # the process that ran pytest: alive
    marker.touch()
    forget_jobs(["elsewhere"])
    assert prune() == [] and piece.is_file()
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                           text=True, check=True)
    stale = marker.with_name(f".in-use-{ended.stdout.strip()}")  # its viewer's process ended
    marker.rename(stale)
    old = time.time() - 40 * DAY
    for path in (stale, job_folder("elsewhere")):
        os.utime(path, (old, old))
    assert prune() == ["elsewhere"]


def test_previews_unused_for_thirty_days_go():
    _preview("old", age_days=31)
    _preview("recent", age_days=29)
    assert prune() == ["old"]
    assert job_folder("recent").is_dir()


def test_beyond_the_size_cap_the_least_recently_used_go_first():
    for uid, age in (("a", 20), ("b", 10), ("c", 5), ("now", 0)):
        _preview(uid, size=MB, age_days=age)
    assert prune(max_bytes=int(2.5 * MB)) == ["a", "b"]
    # Even over the cap, a preview being fetched or just shown stays.
    assert prune(max_bytes=0) == ["c"] and job_folder("now").is_dir()


def test_tidying_up_runs_once_a_session_and_spares_the_previewed_job(monkeypatch):
    monkeypatch.setattr(preview_files, "_pruned", False)
    with JobStore() as store:
        job = _job(store)
        _preview(job.uid, age_days=60)
        _preview("orphan", age_days=1)  # its job was removed while it was shown
        assert prune_once(store, keep=[job.uid]) == ["orphan"]
        _preview("orphan")
        assert prune_once(store) == []
        assert job_folder(job.uid).is_dir()


@pytest.mark.skipif(shutil.which("chattr") is None, reason="needs chattr (Linux) to refuse a deletion")
def test_a_file_that_cannot_be_deleted_stays_quietly_until_next_time(tmp_path):
    piece = _preview("locked", age_days=40)
    locked = piece.parent / "locked.mp4"
    locked.write_bytes(b"x")
    old = time.time() - 40 * DAY
    for path in (locked, piece.parent):
        os.utime(path, (old, old))
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode != 0:
        pytest.skip("this file system cannot refuse a deletion")
    try:
        assert prune() == []  # like Windows refusing a file another program has open
        assert locked.is_file()
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)
    assert prune() == ["locked"]
