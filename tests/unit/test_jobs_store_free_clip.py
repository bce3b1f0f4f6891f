"""The job record knows its import's free clip: schema step 4, the store method, the CLI listing."""

from __future__ import annotations

import json
import sqlite3

from pixop_desktop import cli
from pixop_desktop.jobs.migrations import MIGRATIONS, SCHEMA_VERSION
from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.jobs.store import JobStore


def _v3_file(path) -> None:
    """A queue file exactly as the version with three schema steps left it, holding one import."""
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:3]:
        for statement in step:
            conn.execute(statement)
    conn.execute(
        "INSERT INTO jobs (uid, source_kind, source_url, ingestion, name_template, after_action, position,"
        " state, stage, created_at, updated_at, video_id, server) VALUES ('u3', 'url', 'https://e.com/a.mp4',"
        " 'light', '{stem}', 'leave', 0, 'done', 'finished', 1.0, 2.0, 'master-1', 'http://127.0.0.1:1')")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()


def test_a_version_3_file_gains_the_free_clip_column_and_keeps_its_jobs(tmp_path):
    path = tmp_path / "v3.sqlite3"
    _v3_file(path)
    assert SCHEMA_VERSION >= 4
    with JobStore(path) as store:
        assert store.found_version == 3
        [job] = store.list_jobs()
        assert (job.uid, job.state, job.video_id, job.server, job.free_clip_id) == (
            "u3", State.DONE, "master-1", "http://127.0.0.1:1", None)
        store.set_free_clip(job.id, "clip-1")
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT free_clip_id FROM jobs").fetchall() == [("clip-1",)]
    finally:
        conn.close()


def test_set_free_clip_is_stored_returned_and_read_back_after_reopening(tmp_path):
    path = tmp_path / "queue.sqlite3"
    with JobStore(path) as store:
        job_id = store.add(Job(Source.s3("loc", "tape.mp4")))
        assert store.get(job_id).free_clip_id is None
        changed = store.set_free_clip(job_id, "clip-9")
        assert changed.id == job_id and changed.free_clip_id == "clip-9"
        store.transition(job_id, State.RUNNING, stage=Stage.WAIT_INGEST)  # other changes keep it
    with JobStore(path) as store:
        assert store.get(job_id).free_clip_id == "clip-9"


def test_the_queue_listing_mentions_the_free_clip(tmp_path, capsys):
    with JobStore() as store:
        with_clip = store.add(Job(Source.https("https://example.com/reel.mp4")))
        store.add(Job(Source.s3("loc", "other.mp4")))
        store.set_free_clip(with_clip, "clip-42")
    assert cli.main(["queue"]) == 0
    lines = capsys.readouterr().out.splitlines()
    [reel] = [line for line in lines if "reel.mp4" in line]
    [other] = [line for line in lines if "other.mp4" in line]
    assert "free clip clip-42" in reel and "free clip" not in other
    assert cli.main(["queue", "--json"]) == 0
    listed = {item["source"]: item["freeClipId"] for item in json.loads(capsys.readouterr().out)}
    assert listed == {"https://example.com/reel.mp4": "clip-42", "other.mp4": None}
