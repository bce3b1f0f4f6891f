"""A crash between making the video on Pixop and recording its id never makes a second video.

The on-disk and server state of that crash is built exactly: the video exists on the sandbox
under the name the pipeline gives it (``video_name`` / ``import_name``), in the job's project;
the job is queued at CREATE_VIDEO (or IMPORT) with a history row showing the stage already
started once, and no ``video_id``. Running it must adopt that video.
"""

from __future__ import annotations

import shutil

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.jobs.pipeline import video_name
from pixop_desktop.jobs.stages.server import import_name
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEMO_S3_LOCATION_ID
from tests.fixtures.sandbox import client_kwargs

from .jobs_helpers import running

pytestmark = pytest.mark.timeout(120)


def _default_project(sandbox) -> str:
    with PixopClient(**client_kwargs(sandbox)) as client:
        made = client.videos.create(name="probe for the default project")
        project_id = sandbox.state.video(made.video_id).project_id
        client.videos.delete(made.video_id)
    return project_id


def _crashed_after_the_stage_started(store: JobStore, job: Job) -> int:
    """Store ``job`` as a runner left it when killed mid-stage: started once, then re-queued."""
    job_id = store.add(job)
    store.transition(job_id, State.RUNNING, message="Started")           # as claim() does
    store.transition(job_id, State.QUEUED, message="Interrupted; will resume")  # as recover_interrupted()
    assert store.stage_runs(job_id, job.stage) == 1 and store.get(job_id).video_id is None
    return job_id


def _run(store, sandbox, job_id) -> Job:
    with running(store, sandbox) as runner:
        assert runner.wait_for([job_id], timeout=90)
    return store.get(job_id)


def _originals(sandbox) -> list[str]:
    return [v.id for v in sandbox.state.videos() if v.kind == "original"]


def test_create_video_adopts_the_video_made_before_the_crash(sandbox, small_clip, tmp_path):
    info = small_clip.stat()
    job = Job(Source.local(str(small_clip), info.st_size, info.st_mtime_ns), project_id=_default_project(sandbox))
    assert job.stage is Stage.CREATE_VIDEO
    with PixopClient(**client_kwargs(sandbox)) as client:
        made = client.videos.create(name=video_name(job), project_id=job.project_id).video_id
    with JobStore(tmp_path / "queue.sqlite3") as store:
        job_id = _crashed_after_the_stage_started(store, job)
        finished = _run(store, sandbox, job_id)
    assert finished.state is State.DONE, finished.error
    assert finished.video_id == made, "the video made before the crash is adopted"
    assert _originals(sandbox) == [made], "never two videos for one job"
    assert sandbox.state.media_path(made).read_bytes() == small_clip.read_bytes()


@pytest.mark.parametrize("options", [None, {"name": "Tape 7", "description": "Shelf B"}],
                         ids=["file-name", "chosen-name"])
def test_import_source_adopts_the_import_started_before_the_crash(sandbox, small_clip, tmp_path, options):
    shutil.copy(small_clip, sandbox.s3_folder() / "tape.mp4")
    job = Job(Source.s3(DEMO_S3_LOCATION_ID, "tape.mp4"), project_id=_default_project(sandbox),
              import_options=options)
    assert job.stage is Stage.IMPORT
    if options is None:
        assert import_name(job) == video_name(job)
    with PixopClient(**client_kwargs(sandbox)) as client:
        made = client.imports.from_s3(DEMO_S3_LOCATION_ID, "tape.mp4", import_name(job),
                                      project_id=job.project_id).id
    with JobStore(tmp_path / "queue.sqlite3") as store:
        job_id = _crashed_after_the_stage_started(store, job)
        finished = _run(store, sandbox, job_id)
    assert finished.state is State.DONE, finished.error
    assert finished.video_id == made, "the import started before the crash is adopted"
    assert _originals(sandbox) == [made], "never a second import for one job"
