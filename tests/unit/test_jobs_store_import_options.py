"""Schema step 5: a job keeps its import options; a version-4 queue file gains the column."""

from __future__ import annotations

import sqlite3

import pytest

from pixop_desktop.imports.params import HttpsImport, S3Import
from pixop_desktop.imports.queueing import import_jobs
from pixop_desktop.intake import JobOptions
from pixop_desktop.jobs.migrations import MIGRATIONS
from pixop_desktop.jobs.model import Job, Source, Stage, State, import_options
from pixop_desktop.jobs.migrations import SCHEMA_VERSION
from pixop_desktop.jobs.store import JobStore


def _v4_file(path) -> None:
    """A queue file exactly as the version with four schema steps left it, holding one import."""
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:4]:
        for statement in step:
            conn.execute(statement)
    conn.execute(
        "INSERT INTO jobs (uid, source_kind, source_url, ingestion, name_template, after_action, position,"
        " state, stage, created_at, updated_at, free_clip_id) VALUES ('u4', 'url', 'https://e.com/a.mp4',"
        " 'light', '{stem}', 'leave', 0, 'queued', 'import', 1.0, 2.0, 'clip-4')")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()


def test_a_version_4_file_gains_the_import_options_column_and_keeps_its_jobs(tmp_path):
    path = tmp_path / "v4.sqlite3"
    _v4_file(path)
    with JobStore(path) as store:
        assert store.found_version == 4
        [job] = store.list_jobs()
        assert (job.uid, job.stage, job.free_clip_id, job.import_options) == ("u4", Stage.IMPORT, "clip-4", None)
        store.add(Job(Source.https("https://e.com/b.mp4"), import_options={"name": "B", "crc32c": 7}))
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT import_options FROM jobs ORDER BY id").fetchall() == [
            (None,), ('{"name":"B","crc32c":7}',)]
    finally:
        conn.close()


def test_import_options_survive_reopening(tmp_path):
    path = tmp_path / "queue.sqlite3"
    options = {"name": "Reel", "description": "Shelf", "file_name": "r.mp4", "crc32c": 4294967295,
               "connections": 3}
    with JobStore(path) as store:
        job_id = store.add(Job(Source.https("https://e.com/r.mp4"), import_options=options))
        store.transition(job_id, State.RUNNING)
    with JobStore(path) as store:
        assert store.get(job_id).import_options == options


def test_import_options_leave_out_blanks_and_refuse_unknown_keys():
    assert import_options(name="", description=None, crc32c=0) == {"crc32c": 0}, "0 is a real checksum"
    assert import_options(name=None) is None
    with pytest.raises(TypeError):
        import_options(colour="red")


def test_dialog_imports_become_import_stage_jobs_with_the_panel_choices(tmp_path):
    base = JobOptions(project_id="p-1", processing={"resolution": {"tag": "2x"}}, preset="Sharp",
                      output_folder=str(tmp_path), name_template="{stem}_x", needs_approval=True)
    https = HttpsImport("https://e.com/a.mp4", name="A", description="d", file_name="a1.mp4", crc32c=5,
                        connections=4, full_ingestion=True)
    s3 = S3Import("loc", "k/b.mp4", project_id="p-2", full_ingestion=False)
    first, second = import_jobs([https, s3], base)
    assert (first.stage, first.video_id, first.project_id, first.source.url) == (
        Stage.IMPORT, None, "p-1", "https://e.com/a.mp4")
    assert first.import_options == {"name": "A", "description": "d", "file_name": "a1.mp4", "crc32c": 5,
                                    "connections": 4}
    assert (first.processing, first.preset, first.output_folder, first.name_template, first.needs_approval) == (
        base.processing, "Sharp", str(tmp_path.resolve()), "{stem}_x", True)
    assert first.ingestion.value == "full" and second.ingestion.value == "light"
    assert (second.project_id, second.source.object_key, second.import_options) == ("p-2", "k/b.mp4", None)
    assert first.problem() is None and second.problem() is None
