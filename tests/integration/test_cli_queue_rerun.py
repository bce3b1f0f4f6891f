"""Running the same queued ``upload`` again resumes its job (D1) and runs only its own jobs (D2)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from pixop_desktop import cli
from pixop_desktop.jobs.model import JobError, State
from pixop_desktop.jobs.store import JobStore

from .test_cli_transfer import interrupt, run_cli, start_cli, wait_until

pytestmark = pytest.mark.timeout(120)

TWICE = '{"resolution": {"tag": "2x"}}'


def _sources(sandbox):
    return [video for video in sandbox.state.videos() if not video.parent_id]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_then_the_same_command_resumes_the_same_job(sandbox, small_clip, tmp_path):
    with small_clip.open("ab") as handle:  # more than the socket buffers hold: the cut is mid-body
        handle.write(os.urandom(8 * 1024 * 1024))
    out_dir = tmp_path / "out"
    command = ("upload", str(small_clip), "--light", "--process", TWICE, "--download", str(out_dir),
               "--poll-max", "0.2")
    sandbox.faults.limit_rate(200_000)
    process = start_cli(sandbox, *command)
    wait_until(lambda: any(v.upload_status == "IN_PROGRESS" for v in sandbox.state.videos()))
    _, err = interrupt(process)
    assert process.returncode == 130, err
    sandbox.faults.limit_rate(0)

    again = run_cli(sandbox, *command)
    assert again.returncode == 0, again.stderr
    assert "small.mp4\tresuming job 1" in again.stderr
    with JobStore() as store:
        [job] = store.list_jobs()
    assert job.state is State.DONE
    [source] = _sources(sandbox)
    assert sandbox.state.process_orders(source.id) == 1
    assert [p.name for p in out_dir.iterdir()] == [Path(job.output_path).name]

    third = run_cli(sandbox, *command)  # done: reported, not paid for again
    assert third.returncode == 0, third.stderr
    assert f"already done: job 1 → {job.output_path}" in third.stderr
    assert third.stdout == f"small.mp4\t{source.id}\t{job.output_path}\n"
    assert len(_sources(sandbox)) == 1 and sandbox.state.process_orders(source.id) == 1
    assert len(list(out_dir.iterdir())) == 1


def test_a_failed_twin_is_retried_and_again_adds_a_new_job(signed_in, clip_factory, tmp_path, capsys):
    clip = clip_factory("twin.mp4", seconds=1, fps=10)
    command = ["upload", str(clip), "--light", "--process", TWICE, "--download", str(tmp_path / "out"),
               "--poll-max", "0.2"]
    assert cli.main([*command, "--no-wait"]) == 0
    with JobStore() as store:
        [job] = store.list_jobs()
        store.transition(job.id, State.RUNNING)
        store.transition(job.id, State.FAILED, error=JobError("Upload failed", "The network went away."))
    capsys.readouterr()
    assert cli.main(command) == 0
    assert f"resuming job {job.id}" in capsys.readouterr().err
    assert cli.main([*command, "--again"]) == 0
    with JobStore() as store:
        jobs = store.list_jobs()
    assert [j.state for j in jobs] == [State.DONE, State.DONE] and len(_sources(signed_in)) == 2


def test_other_options_are_another_job(signed_in, clip_factory, tmp_path):
    clip = clip_factory("other.mp4", seconds=1, fps=10)
    assert cli.main(["upload", str(clip), "--process", TWICE, "--no-wait"]) == 0
    assert cli.main(["upload", str(clip), "--process", "{}", "--no-wait"]) == 0
    assert cli.main(["upload", str(clip), "--process", TWICE, "--no-wait"]) == 0  # the first one's twin
    with JobStore() as store:
        assert len(store.list_jobs()) == 2


def test_a_foreground_upload_leaves_other_queued_jobs_alone(signed_in, clip_factory, tmp_path, capsys):
    later, now = clip_factory("later.mp4", seconds=1, fps=10), clip_factory("now.mp4", seconds=1, fps=10)
    assert cli.main(["upload", str(later), "--process", "{}", "--no-wait"]) == 0
    assert cli.main(["upload", str(now), "--light", "--process", TWICE, "--download", str(tmp_path / "out"),
                     "--poll-max", "0.2"]) == 0
    assert capsys.readouterr().out.startswith("now.mp4\t")
    with JobStore() as store:
        waiting, ran = store.list_jobs()
    assert (waiting.source.file_name, waiting.state, waiting.stage.value) == ("later.mp4", State.QUEUED,
                                                                            "create_video")
    assert ran.state is State.DONE
    assert [v.name.split(" ")[0] for v in _sources(signed_in)] == ["now.mp4"]
