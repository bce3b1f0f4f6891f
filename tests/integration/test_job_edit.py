"""Editing a queued job's processing, end to end against the sandbox: the runner uses the edited request."""

from __future__ import annotations

import json

import pytest

from pixop_desktop import cli
from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD

from .jobs_helpers import running, video_shape

pytestmark = pytest.mark.timeout(90)

ORIGINAL = {"resolution": {"tag": "2x"}}
EDITED = {"resolution": {"tag": "3x"}}


def test_edited_while_waiting_for_approval_then_processed_as_edited(sandbox, clip_factory, tmp_path, monkeypatch,
                                                                     capsys):
    clip = clip_factory("edit.mp4", seconds=1, fps=10)
    with JobStore() as store:
        job_id = store.add(Job(Source.local(str(clip)), processing=ORIGINAL, needs_approval=True,
                               output_folder=str(tmp_path / "out")))
        with running(store, sandbox) as runner:
            assert runner.wait_for([job_id], timeout=30, settled={State.NEEDS_APPROVAL})
            monkeypatch.setenv("PIXOP_SERVER", sandbox.url)
            monkeypatch.setenv("PIXOP_EMAIL", DEFAULT_EMAIL)
            monkeypatch.setenv("PIXOP_PASSWORD", DEFAULT_PASSWORD)
            assert cli.main(["edit", str(job_id), "--process", json.dumps(EDITED)]) == 0
            assert capsys.readouterr().out.strip() == f"{job_id}\tneeds_approval\tcustom processing"
            runner.approve(job_id)
            assert runner.wait_for([job_id], timeout=60)
        job = store.get(job_id)
        assert job.state is State.DONE, job.error
        assert video_shape(job.output_path)[:2] == (480, 360)  # not the 2x (320x240) first asked for
        ordered = sandbox.state.video(job.processed_video_id)
        assert ordered.parent_id == job.video_id
        # Once processing started, the CLI refuses in one line and changes nothing.
        assert cli.main(["edit", str(job_id), "--no-processing"]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert err == ["pixop-desktop: The processing cannot be changed: the job is done."]
        assert store.get(job_id).processing == EDITED


def test_edit_refuses_a_job_being_processed(tmp_path, capsys):
    with JobStore() as store:
        job_id = store.add(Job(Source.local(str(tmp_path / "a.mp4")), processing=ORIGINAL))
        store.transition(job_id, State.RUNNING)
        store.transition(job_id, State.QUEUED, stage=Stage.WAIT_PROCESSING)
    assert cli.main(["edit", str(job_id), "--preset", "Smooth 60 fps"]) == 1
    assert capsys.readouterr().err.strip() == (
        "pixop-desktop: The processing cannot be changed: Pixop has already started processing it.")
    assert cli.main(["edit", "99", "--no-processing"]) == 1
    assert "There is no job 99" in capsys.readouterr().err
