"""The queue commands end to end: upload --process --download, queue, approve/reject/cancel/retry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pixop_desktop import cli
from pixop_desktop.jobs.model import Job, JobError, Source, Stage, State
from pixop_desktop.jobs.store import JobStore

from .jobs_helpers import sha256, video_shape

pytestmark = pytest.mark.timeout(90)


def test_upload_with_processing_runs_the_pipeline_in_the_foreground(signed_in, clip_factory, tmp_path, capsys):
    clip = clip_factory("fg.mp4", seconds=1, fps=10)
    status = cli.main(["upload", str(clip), "--light", "--process", '{"resolution": {"tag": "2x"}}',
                       "--download", str(tmp_path / "out"), "--poll-max", "0.2"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    name, video_id, output = captured.out.strip().split("\t")
    assert name == "fg.mp4" and signed_in.state.video(video_id).upload_done
    assert video_shape(output)[:2] == (320, 240)
    processed = [v for v in signed_in.state.videos() if v.parent_id == video_id]
    assert len(processed) == 1 and sha256(output) == signed_in.state.media_sha256(processed[0].id)


def test_hold_uploads_then_waits_for_an_approval_given_from_the_cli(signed_in, clip_factory, tmp_path, capsys):
    clip = clip_factory("held.mp4", seconds=1, fps=10)
    out = tmp_path / "out"
    assert cli.main(["upload", str(clip), "--preset", "Smooth 60 fps", "--download", str(out), "--hold",
                     "--poll-max", "0.2"]) == 0
    err = capsys.readouterr().err
    with JobStore() as store:
        [job] = store.list_jobs()
    assert job.state is State.NEEDS_APPROVAL and job.video_id and job.processed_video_id is None
    assert f"wait for approval: pixop-desktop approve {job.id}" in err
    assert [v for v in signed_in.state.videos() if v.parent_id] == []  # nothing ordered yet

    assert cli.main(["approve", str(job.id)]) == 0
    assert cli.main(["run-queue", "--poll-max", "0.2"]) == 0
    with JobStore() as store:
        done = store.get(job.id)
    assert done.state is State.DONE and Path(done.output_path).parent == out
    assert video_shape(done.output_path)[2] == pytest.approx(60, rel=0.01)


def test_no_wait_only_enqueues_and_queue_lists_it(signed_in, clip_factory, tmp_path, capsys):
    clip = clip_factory("later.mp4", seconds=1, fps=10)
    assert cli.main(["upload", str(clip), "--process", "{}",
                     "--download", str(tmp_path), "--no-wait"]) == 0
    assert signed_in.state.videos() == []  # nothing sent yet
    capsys.readouterr()
    assert cli.main(["queue", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["state"] == "queued" and listed["stage"] == "create_video" and listed["source"] == str(clip)


def test_invalid_process_json_fails_with_one_line(signed_in, clip_factory, capsys):
    clip = clip_factory("bad.mp4", seconds=1, fps=10)
    assert cli.main(["upload", str(clip), "--process", '{"resolution": {"width": 5}}']) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("pixop-desktop: Invalid --process:") and "Width" in err


def test_approve_reject_cancel_retry_from_the_cli(signed_in, tmp_path, capsys):
    with JobStore() as store:
        approve_id, reject_id, cancel_id, retry_id = store.add_many(
            [Job(Source.local(str(tmp_path / f"{n}.mp4")), processing={}, needs_approval=True) for n in range(4)])
        for job_id in (approve_id, reject_id):
            store.transition(job_id, State.RUNNING)
            store.transition(job_id, State.NEEDS_APPROVAL, stage=Stage.APPROVAL)
        store.transition(retry_id, State.RUNNING)
        store.transition(retry_id, State.FAILED, error=JobError("Upload failed", "The network went away."))
    assert cli.main(["approve", str(approve_id)]) == 0
    assert cli.main(["reject", str(reject_id)]) == 0
    assert cli.main(["cancel", str(cancel_id)]) == 0
    assert cli.main(["retry", str(retry_id)]) == 0
    assert cli.main(["approve", str(cancel_id)]) == 1  # cancelled: nothing to approve
    assert "not waiting for approval" in capsys.readouterr().err
    with JobStore() as store:
        approved, rejected, cancelled, retried = (store.get(i) for i in (approve_id, reject_id, cancel_id, retry_id))
    assert (approved.state, approved.stage) == (State.QUEUED, Stage.PROCESS)
    assert rejected.state is State.CANCELLED and cancelled.state is State.CANCELLED
    assert retried.state is State.QUEUED and retried.error is None
