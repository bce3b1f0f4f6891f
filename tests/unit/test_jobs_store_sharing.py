"""The job store shared: WAL, another process, many threads, schema migrations."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading

import pytest

from pixop_desktop.jobs.migrations import MIGRATIONS, SCHEMA_VERSION, NewerSchemaError
from pixop_desktop.jobs.model import Job, Source, Stage, State, WorkKind
from pixop_desktop.jobs.store import JobStore


def local_job(name="a.mov", **kw) -> Job:
    return Job(Source.local(f"/media/{name}", 1234, 99), **kw)


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_wal_mode_is_on(tmp_path):
    with JobStore(tmp_path / "q.sqlite3") as store:
        store.add(local_job())
        plain = sqlite3.connect(store.path)
        try:
            assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert plain.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        finally:
            plain.close()
        assert (tmp_path / "q.sqlite3-wal").exists()


def test_another_process_reads_committed_jobs_while_this_one_writes(tmp_path):
    path = tmp_path / "q.sqlite3"
    with JobStore(path) as store:
        job_id = store.add(local_job("committed.mov"))
        store.transition(job_id, State.RUNNING, stage=Stage.UPLOAD)
        reader = f"""
            from pixop_desktop.jobs.store import JobStore
            with JobStore({str(path)!r}) as other:
                print([(j.id, j.source.file_name, j.state.value, j.stage.value) for j in other.list_jobs()])
        """
        # This process holds its connection and even an open write transaction; the reader is not blocked.
        with store.transaction():
            store.add(local_job("uncommitted.mov"))
            seen = run_python(reader)
        assert seen == "[(1, 'committed.mov', 'running', 'upload')]"
        assert len(store.list_jobs()) == 2


def test_a_change_from_another_process_is_seen_and_validated(tmp_path):
    path = tmp_path / "q.sqlite3"
    with JobStore(path) as store:
        job_id = store.add(local_job(processing={"x": 1}))
        store.transition(job_id, State.RUNNING, stage=Stage.APPROVAL)
        store.transition(job_id, State.NEEDS_APPROVAL)
        approve = f"""
            from pixop_desktop.jobs.model import State, Stage
            from pixop_desktop.jobs.store import JobStore
            with JobStore({str(path)!r}) as other:
                other.transition({job_id}, State.QUEUED, stage=Stage.PROCESS, message="approved",
                                 expect=State.NEEDS_APPROVAL)
            print("ok")
        """
        assert run_python(approve) == "ok"
        assert store.get(job_id).state is State.QUEUED
        assert [j.id for j in store.runnable(WorkKind.CONTROL)] == [job_id]
        assert store.history(job_id)[-1].message == "approved"


def test_concurrent_progress_claims_and_reads_from_many_threads(tmp_path):
    store = JobStore(tmp_path / "q.sqlite3", flush_interval=0.0)  # every report goes to SQLite
    ids = store.add_many([local_job(f"{i}.mov") for i in range(24)])
    claimed: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            for job in store.claim(WorkKind.CONTROL, limit=3):
                with lock:
                    claimed.append(job.id)
                for done in range(0, 200_001, 10_000):
                    store.update_progress(job.id, done, 200_000)
                store.transition(job.id, State.RUNNING, stage=Stage.UPLOAD)
        except BaseException as exc:  # reported below: an assert in a thread would be lost
            errors.append(exc)

    def reader() -> None:
        try:
            for _ in range(50):
                assert len(store.list_jobs()) == len(ids)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)] + [threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(claimed) == ids  # every job claimed exactly once
    store.close()
    with JobStore(store.path) as reopened:
        for job in reopened.list_jobs():
            assert (job.state, job.stage, job.progress.bytes_done, job.progress.percent) == (
                State.RUNNING, Stage.UPLOAD, 200_000, 100.0)


def test_a_new_file_and_an_empty_version_0_file_get_the_current_schema(tmp_path):
    sqlite3.connect(tmp_path / "empty.sqlite3").close()
    for name in ("new.sqlite3", "empty.sqlite3"):
        with JobStore(tmp_path / name) as store:
            assert store.found_version == 0
            store.add(local_job())
        with JobStore(tmp_path / name) as store:
            assert store.found_version == SCHEMA_VERSION and len(store.list_jobs()) == 1


def test_a_version_1_file_is_migrated_keeping_its_jobs(tmp_path):
    path = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute(
        "INSERT INTO jobs (uid, source_kind, source_path, ingestion, name_template, after_action, position,"
        " state, stage, created_at, updated_at) VALUES ('u1', 'local', '/m/old.mov', 'full', '{stem}', 'leave',"
        " 0, 'failed', 'upload', 1.0, 2.0)")
    conn.execute("INSERT INTO history (job_id, at, from_state, to_state) VALUES (1, 1.0, NULL, 'queued')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with JobStore(path) as store:
        assert store.found_version == 1
        job = store.get(1)
        assert (job.uid, job.source.path, job.state, job.stage, job.not_before) == (
            "u1", "/m/old.mov", State.FAILED, Stage.UPLOAD, None)
        store.transition(1, State.QUEUED, not_before=5.0)
        assert store.get(1).not_before == 5.0 and len(store.history(1)) == 2


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(NewerSchemaError, match="newer version of Pixop Desktop"):
        JobStore(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == []
    finally:
        conn.close()


def test_kill_9_loses_at_most_buffered_progress_never_a_state(tmp_path):
    path = tmp_path / "q.sqlite3"
    crash = f"""
        import os, signal
        from pixop_desktop.jobs.model import Job, Source, Stage, State
        from pixop_desktop.jobs.store import JobStore
        store = JobStore({str(path)!r}, flush_interval=3600)
        job_id = store.add(Job(Source.local("/m/a.mov")))
        store.transition(job_id, State.RUNNING, stage=Stage.UPLOAD)
        store.set_server_ids(job_id, video_id="v-42")
        store.update_progress(job_id, 100, 1000)   # written at once (first report)
        store.update_progress(job_id, 900, 1000)   # buffered
        os.kill(os.getpid(), signal.SIGKILL)
    """
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(crash)], capture_output=True, timeout=60,
                            check=False)
    assert result.returncode == -9, result.stderr
    with JobStore(path) as store:
        job = store.get(1)
        assert (job.state, job.stage, job.video_id, job.progress.bytes_done) == (
            State.RUNNING, Stage.UPLOAD, "v-42", 100)
        assert store.recover_interrupted() == [1]
