"""Every wait for Pixop ends: ``pixop-desktop upload … --process … --download DIR`` run as a person
runs it (a subprocess, credentials from the environment) against a sandbox told how the work ends.

The limits are shrunk with PIXOP_DESKTOP_DEADLINE_SCALE (0.002: processing a short clip may take
7.2 s, an unknown state may stay 1.8 s), so nothing here sleeps for long.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pixop_desktop import cli
from pixop_desktop.jobs.deadlines import HOUR, UNKNOWN_STATE_LIMIT
from pixop_desktop.jobs.model import Stage, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox
from pixop_desktop.sandbox.faults import STUCK

pytestmark = pytest.mark.timeout(120)

SCALE = 0.002
PROCESSING_LIMIT = HOUR * SCALE           # the floor, for a one-second clip
UNKNOWN_LIMIT = UNKNOWN_STATE_LIMIT * SCALE
REASON = "The GPU ran out of memory."


@pytest.fixture
def error_state(tmp_path):
    with Sandbox(data_dir=tmp_path / "sandbox", variants=["error-state"]) as server:
        yield server


def run_cli(sandbox, *args: str, scale: float = SCALE) -> subprocess.CompletedProcess:
    env = {**os.environ, "PIXOP_SERVER": sandbox.url, "PIXOP_EMAIL": DEFAULT_EMAIL,
           "PIXOP_PASSWORD": DEFAULT_PASSWORD, "PIXOP_DESKTOP_DEADLINE_SCALE": str(scale)}
    return subprocess.run([sys.executable, "-m", "pixop_desktop", *args], env=env, capture_output=True,
                          text=True, timeout=90)


def upload_and_process(sandbox, clip: Path, out: Path, **kwargs) -> subprocess.CompletedProcess:
    return run_cli(sandbox, "upload", str(clip), "--light", "--process", '{"resolution": {"tag": "2x"}}',
                   "--download", str(out), "--poll-max", "0.2", **kwargs)


def error_line(done: subprocess.CompletedProcess) -> str:
    """The one line that says what went wrong (the rest of stderr is progress)."""
    [line] = [line for line in done.stderr.splitlines() if line.startswith("pixop-desktop:")]
    return line


def the_job():
    with JobStore() as store:  # the same PIXOP_DESKTOP_HOME as the subprocess (tests/conftest.py)
        [job] = store.list_jobs()
        return job, store.history(job.id)


def processing_wait(history) -> float:
    """Seconds from the last time the processing wait was taken up to the job's failure."""
    began = [e.at for e in history if e.stage is Stage.WAIT_PROCESSING and e.to_state is State.RUNNING
             and e.from_state is not State.RUNNING][-1]
    failed = [e.at for e in history if e.to_state is State.FAILED][-1]
    return failed - began


def test_failed_processing_reported_as_error_ends_with_one_line_and_one_order(error_state, clip_factory,
                                                                               tmp_path):
    error_state.faults.end_next("processing", "FAILED", REASON)
    done = upload_and_process(error_state, clip_factory("gpu.mp4", seconds=1, fps=10), tmp_path / "out")
    assert done.returncode == 1, done.stderr
    line = error_line(done)
    assert "Processing failed: Pixop could not process “gpu.mp4”: The GPU ran out of memory." in line
    assert line.count(REASON) == 1
    job, history = the_job()
    assert job.state is State.FAILED and processing_wait(history) < PROCESSING_LIMIT
    assert error_state.state.record(job.processed_video_id)["processing"]["status"] == "ERROR"
    assert error_state.state.process_orders(job.video_id) == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_stuck_processing_hits_its_deadline_and_retry_then_finishes_without_a_second_order(
        sandbox, clip_factory, tmp_path):
    sandbox.faults.end_next("processing", STUCK)
    out = tmp_path / "out"
    done = upload_and_process(sandbox, clip_factory("stuck.mp4", seconds=1, fps=10), out)
    assert done.returncode == 1, done.stderr
    assert "Processing took too long: Pixop has not finished processing “stuck.mp4” after" in error_line(done)
    job, history = the_job()
    assert job.state is State.FAILED and job.stage is Stage.WAIT_PROCESSING
    assert PROCESSING_LIMIT <= processing_wait(history) < PROCESSING_LIMIT + 5

    sandbox.faults.release_stuck()
    assert run_cli(sandbox, "retry", str(job.id)).returncode == 0
    again = run_cli(sandbox, "run-queue", "--poll-max", "0.2")
    assert again.returncode == 0, again.stderr
    job, _ = the_job()
    assert job.state is State.DONE and Path(job.output_path).parent == out
    assert sandbox.state.process_orders(job.video_id) == 1


def test_an_unknown_state_that_stays_fails_after_its_bound(sandbox, clip_factory, tmp_path):
    sandbox.faults.end_next("processing", "ON_HOLD_FOREVER")
    done = upload_and_process(sandbox, clip_factory("hold.mp4", seconds=1, fps=10), tmp_path / "out")
    assert done.returncode == 1, done.stderr
    line = error_line(done)
    assert "Processing in an unknown state" in line and "ON_HOLD_FOREVER" in line
    _, history = the_job()
    assert UNKNOWN_LIMIT <= processing_wait(history) < PROCESSING_LIMIT


def test_cancelled_processing_ends_at_once(sandbox, clip_factory, tmp_path):
    sandbox.faults.end_next("processing", "CANCELLED", "Cancelled by an operator.")
    # A roomier scale: an unknown state could stay 9 s here, so ending well before says "at once".
    done = upload_and_process(sandbox, clip_factory("cut.mp4", seconds=1, fps=10), tmp_path / "out", scale=0.01)
    assert done.returncode == 1, done.stderr
    line = error_line(done)
    assert ("Processing stopped: Pixop stopped processing “cut.mp4” (it says CANCELLED): "
            "Cancelled by an operator.") in line
    _, history = the_job()
    assert processing_wait(history) < UNKNOWN_STATE_LIMIT * 0.01 / 2


@pytest.mark.parametrize("state, title", [("FAILED", "Ingestion failed"), ("ABORTED", "Ingestion stopped")])
def test_a_plain_upload_stops_waiting_for_an_ingestion_that_ended(error_state, small_clip, state, title):
    error_state.faults.end_next("ingestion", state, "The file is damaged.")
    done = run_cli(error_state, "upload", str(small_clip), "--light")
    assert done.returncode == 1 and done.stdout == ""
    line = error_line(done)
    assert line.startswith(f"pixop-desktop: {title}: ") and "The file is damaged." in line
    [video] = error_state.state.videos()
    assert error_state.state.record(video.id)["ingestion"]["status"] == ("ERROR" if state == "FAILED" else state)


def test_an_import_whose_copy_failed_as_error_ends(private_sandbox, source, capsys):
    private_sandbox.variants.enable("error-state")
    status = cli.main(["import-url", f"{source.base}/clip.mp4", "--crc32c", "12345", "--poll-max", "0.2"])
    err = capsys.readouterr().err
    assert status == 1 and "Import failed: Pixop could not copy “clip.mp4”: " in err and "CRC32C" in err
    job, _ = the_job()
    assert job.state is State.FAILED
    assert private_sandbox.state.record(job.video_id)["upload"]["status"] == "ERROR"
