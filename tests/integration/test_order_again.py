"""Order again: a job whose processing Pixop itself ended is retried by ordering processing anew.

Retrying such a job from its stage would only re-poll the dead order; instead the old processed
video is set aside (in the history, left on the server) and one new order is placed. Other
failures still retry from their stage.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pixop_desktop import cli
from pixop_desktop.jobs import control
from pixop_desktop.jobs.migrations import MIGRATIONS, SCHEMA_VERSION
from pixop_desktop.jobs.model import PROCESSING_ENDED, IllegalTransition, Job, Source, Stage, State
from pixop_desktop.jobs.store import JobStore

from .jobs_helpers import running

pytestmark = pytest.mark.timeout(60)

TWICE = {"resolution": {"tag": "2x"}}


def test_processing_pixop_failed_is_ordered_again_once_and_finishes(sandbox, clip_factory, tmp_path, capsys):
    sandbox.faults.end_next("processing", "FAILED", "The GPU ran out of memory.")
    clip = clip_factory("gpu.mp4", seconds=1, fps=10)
    out = tmp_path / "out"
    with JobStore() as store:  # the queue file the CLI's `retry` opens too (tests/conftest.py's home)
        job_id = store.add(Job(Source.local(str(clip)), processing=TWICE, output_folder=str(out)))
        with running(store, sandbox) as runner:
            assert runner.wait_for([job_id], timeout=30)
            failed = store.get(job_id)
            assert failed.state is State.FAILED and failed.stage is Stage.WAIT_PROCESSING, failed.error
            assert failed.error.kind == PROCESSING_ENDED
            dead = failed.processed_video_id
            assert sandbox.state.process_orders(failed.video_id) == 1

            assert cli.main(["retry", str(job_id)]) == 0
            said = capsys.readouterr().out
            assert said.startswith(f"{job_id}\tqueued\t") and "processing ordered again" in said
            with pytest.raises(IllegalTransition):  # a second click orders nothing more
                control.retry(store, job_id)
            assert runner.wait_for([job_id], timeout=30)
        job = store.get(job_id)
        history = [entry.message or "" for entry in store.history(job_id)]
    assert job.state is State.DONE, job.error
    assert job.processed_video_id not in (None, dead)
    assert sandbox.state.process_orders(job.video_id) == 2  # exactly one new order
    assert Path(job.output_path).parent == out and Path(job.output_path).stat().st_size > 0
    assert any(dead in message and "Order again" in message for message in history)  # nothing silently lost
    assert sandbox.state.video(dead) is not None  # set aside, not deleted


def test_a_job_that_failed_otherwise_retries_from_its_stage(sandbox, clip_factory, tmp_path, capsys):
    clip = clip_factory("gone.mp4", seconds=1, fps=10)
    with JobStore() as store:
        job_id = store.add(Job(Source.local(str(clip)), processing=TWICE, output_folder=str(tmp_path / "out")))
        clip.unlink()
        with running(store, sandbox) as runner:
            assert runner.wait_for([job_id], timeout=20)
        failed = store.get(job_id)
        assert failed.state is State.FAILED and failed.error.kind is None
        assert cli.main(["retry", str(job_id)]) == 0
        assert capsys.readouterr().out == f"{job_id}\tqueued\n"
        job = store.get(job_id)
    assert job.state is State.QUEUED and job.stage is failed.stage
    assert sandbox.state.videos() == []


def test_a_version_6_queue_gains_the_failure_kind_and_keeps_its_failed_jobs(tmp_path):
    path = tmp_path / "v6.sqlite3"
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:6]:
        for statement in step:
            conn.execute(statement)
    conn.execute(
        "INSERT INTO jobs (uid, source_kind, source_path, ingestion, name_template, after_action, position,"
        " state, stage, created_at, updated_at, error_title, error_message, video_id, processed_video_id)"
        " VALUES ('u6', 'local', '/v.mp4', 'light', '{stem}', 'leave', 0, 'failed', 'wait_processing',"
        " 1.0, 2.0, 'Processing failed', 'Pixop could not process it.', 'v1', 'p1')")
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()
    with JobStore(path) as store:
        assert store.found_version == 6 and SCHEMA_VERSION == 7
        [job] = store.list_jobs()
        assert job.error.title == "Processing failed" and job.error.kind is None
        job = control.retry(store, job.id)  # no kind recorded: retried as before, from its stage
        assert (job.stage, job.processed_video_id) == (Stage.WAIT_PROCESSING, "p1")


def test_an_import_followed_with_an_api_key_alone_is_ordered_again_too(private_sandbox, source, tmp_path,
                                                                       monkeypatch, capsys):
    monkeypatch.delenv("PIXOP_EMAIL")  # the current API alone: the order is found by the job's tag
    monkeypatch.delenv("PIXOP_PASSWORD")
    private_sandbox.faults.end_next("processing", "FAILED", "The GPU ran out of memory.")
    out = tmp_path / "out"
    assert cli.main(["import-url", f"{source.base}/clip.mp4", "--process", '{"resolution": {"tag": "2x"}}',
                     "--download", str(out), "--poll-max", "0.2", "--clip-wait", "0"]) == 1
    with JobStore() as store:
        [failed] = store.list_jobs()
    assert failed.state is State.FAILED and failed.error.kind == PROCESSING_ENDED
    assert cli.main(["retry", str(failed.id)]) == 0
    assert cli.main(["run-queue", "--poll-max", "0.2"]) == 0, capsys.readouterr().err
    with JobStore() as store:
        job = store.get(failed.id)
    assert job.state is State.DONE and job.processed_video_id not in (None, failed.processed_video_id)
    assert private_sandbox.state.process_orders(job.video_id) == 2
    assert Path(job.output_path).parent == out
