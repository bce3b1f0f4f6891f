"""The free clip on its master's row comes from the job record: after a restart, and found late."""

from __future__ import annotations

import shutil

import pytest

from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEMO_S3_LOCATION_ID, jobs as sandbox_jobs
from pixop_desktop.settings import load_settings
from pixop_desktop.ui.queue.free_clips import FreeClips
from pixop_desktop.ui.queue.model import RESULT, QueueModel
from tests.gui.queue_window import context_menu_choose, open_main_window

pytestmark = pytest.mark.timeout(90)


def _result(model: QueueModel, job_id: int) -> str:
    return model.index(model.row_of(job_id), RESULT).data()


def _done_import(store: JobStore, key: str, clip_id: str | None) -> int:
    job_id = store.add(Job(Source.s3("loc", key)))
    store.transition(job_id, State.RUNNING)
    store.transition(job_id, State.DONE, stage=Stage.FINISHED, video_id=f"master-{key}")
    if clip_id:
        store.set_free_clip(job_id, clip_id)
    return job_id


def test_the_row_says_free_clip_ready_from_the_record_without_opening_details(qtbot, tmp_path):
    with JobStore(tmp_path / "queue.sqlite3") as store:
        with_clip = _done_import(store, "a.mp4", "clip-a")
        without = _done_import(store, "b.mp4", None)
    with JobStore(tmp_path / "queue.sqlite3") as store:  # as after a restart
        model = QueueModel(store)
        model.reload()
        assert _result(model, with_clip) == "Uploaded to Pixop · Free clip ready"
        assert _result(model, without) == "Uploaded to Pixop"
        model.set_clip_note(with_clip, "Free clip saved")  # news of this session wins
        assert _result(model, with_clip) == "Uploaded to Pixop · Free clip saved"


def _clip_of(sandbox, master_id: str, done: bool = False) -> list[str]:
    return [v.id for v in sandbox.state.videos() if v.parent_id == master_id and v.kind == "derived"
            and (not done or v.processing_status == "DONE")]


def test_a_clip_that_comes_after_the_import_ended_is_found_recorded_and_downloaded(
        qtbot, sandbox, small_clip, tmp_path, monkeypatch):
    monkeypatch.setattr(FreeClips, "RECHECK_DELAYS_MS", (50, 500, 2_000))
    team = sandbox.state.team_id("Demo Team")
    sandbox.set_free_clip(team, False)  # Pixop has not made it by the time the job ends
    shutil.copy(small_clip, sandbox.s3_folder() / "late.mp4")
    folder = tmp_path / "downloads"
    window = open_main_window(qtbot, sandbox, settings=load_settings().model_copy(
        update={"download_folder": str(folder)}))
    try:
        [job_id] = window.store.add_many([Job(Source.s3(DEMO_S3_LOCATION_ID, "late.mp4"))])
        window.queue_model.refresh_jobs([job_id])
        model, clips = window.queue_model, window.extras.free_clips
        qtbot.waitUntil(lambda: model.job(job_id).state is State.DONE, timeout=30_000)
        master = model.job(job_id).video_id
        assert model.job(job_id).free_clip_id is None

        # The first look finds nothing; then Pixop makes the clip; a later look records it.
        qtbot.waitUntil(lambda: clips.looks.get(job_id) == 1 and clips.look_due(job_id), timeout=10_000)
        assert _result(model, job_id) == "Uploaded to Pixop"
        sandbox.set_free_clip(team, True)
        sandbox.ctx.workers.submit(sandbox_jobs.free_clip, sandbox.ctx, master)
        qtbot.waitUntil(lambda: model.job(job_id).free_clip_id is not None, timeout=15_000)
        [clip_id] = _clip_of(sandbox, master)
        assert model.job(job_id).free_clip_id == clip_id == window.store.get(job_id).free_clip_id
        assert _result(model, job_id) == "Uploaded to Pixop · Free clip ready"
        assert not clips.watching(job_id) and clips.looks[job_id] >= 2

        # The download uses the recorded id: it works with the derived list broken.
        qtbot.waitUntil(lambda: bool(_clip_of(sandbox, master, done=True)), timeout=30_000)
        sandbox.faults.unavailable(10_000, retry_after=0, path_prefix=f"/api/v1/videos/{master}/derived")
        context_menu_choose(qtbot, window, job_id, "Download Free Clip")
        qtbot.waitUntil(lambda: "Free clip saved" in _result(model, job_id), timeout=30_000)
        assert [p for p in folder.iterdir() if not p.name.endswith((".part", ".json"))]
    finally:
        window.shutdown()
        sandbox.wait_idle(30)


def test_the_looks_for_a_clip_that_never_comes_stop(qtbot, sandbox, small_clip, monkeypatch):
    monkeypatch.setattr(FreeClips, "RECHECK_DELAYS_MS", (20, 20, 20))
    sandbox.set_free_clip(sandbox.state.team_id("Demo Team"), False)
    shutil.copy(small_clip, sandbox.s3_folder() / "never.mp4")
    window = open_main_window(qtbot, sandbox)
    try:
        [job_id] = window.store.add_many([Job(Source.s3(DEMO_S3_LOCATION_ID, "never.mp4"))])
        window.queue_model.refresh_jobs([job_id])
        model, clips = window.queue_model, window.extras.free_clips
        qtbot.waitUntil(lambda: model.job(job_id).state is State.DONE, timeout=30_000)
        qtbot.waitUntil(lambda: clips.looks.get(job_id) == 3 and not clips.watching(job_id), timeout=10_000)
        qtbot.wait(200)  # time for a fourth look, were there one
        assert clips.looks[job_id] == 3 and not clips.watching(job_id)
        assert not clips.watch(model.job(job_id))  # one bounded series per job and session
        assert model.job(job_id).free_clip_id is None and _result(model, job_id) == "Uploaded to Pixop"
    finally:
        window.shutdown()
