"""run-queue's verdict (D5), remove / clear-finished (D5), a vanished source (D6),
``download`` of a video without a result (D7), the saved limits in the CLI (D4)."""

from __future__ import annotations

import argparse

import pytest

from pixop_desktop import cli
from pixop_desktop.api.client import PixopClient
from pixop_desktop.commands.queue_run import add_limit_options, make_runner
from pixop_desktop.jobs.model import Job, JobError, Source, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.settings import load_settings, save_settings
from pixop_desktop.transfer.throttle import default_limiter
from tests.fixtures.sandbox import client_kwargs, upload_video, v1_headers

pytestmark = pytest.mark.timeout(90)

@pytest.fixture
def limiter():
    """The process-wide limiter, back to unlimited afterwards (later tests share it)."""
    yield default_limiter()
    default_limiter().set_rate(0)


def _failed_job(store: JobStore, name: str, tmp_path) -> int:
    job_id = store.add(Job(Source.local(str(tmp_path / name)), processing={}))
    store.transition(job_id, State.RUNNING)
    store.transition(job_id, State.FAILED, error=JobError("Upload failed", "The network went away."))
    return job_id


def test_run_queue_judges_only_the_jobs_it_ran(signed_in, clip_factory, tmp_path, capsys):
    with JobStore() as store:
        _failed_job(store, "old.mp4", tmp_path)  # failed long ago, never retried
    clip = clip_factory("fresh.mp4", seconds=1, fps=10)
    assert cli.main(["upload", str(clip), "--light", "--no-wait", "--process", "{}"]) == 0
    assert cli.main(["run-queue", "--poll-max", "0.2"]) == 0, capsys.readouterr().err
    assert cli.main(["run-queue", "--poll-max", "0.2"]) == 0  # nothing to run: still fine
    assert "nothing to run" in capsys.readouterr().err


def test_a_source_deleted_while_queued_fails_before_anything_is_created(signed_in, clip_factory, capsys):
    clip = clip_factory("gone.mp4", seconds=1, fps=10)
    assert cli.main(["upload", str(clip), "--no-wait", "--process", "{}"]) == 0
    clip.unlink()
    assert cli.main(["run-queue", "--poll-max", "0.2"]) == 1
    err = capsys.readouterr().err
    assert "File not found: “gone.mp4” does not exist (any more)" in err
    with JobStore() as store:
        [job] = store.list_jobs()
    assert job.state is State.FAILED and job.error.title == "File not found" and job.video_id is None
    assert signed_in.state.videos() == []


def test_remove_and_clear_finished(signed_in, tmp_path, capsys):
    with JobStore() as store:
        queued, done, cancelled, running = store.add_many(
            [Job(Source.local(str(tmp_path / f"{n}.mp4"))) for n in range(4)])
        failed = _failed_job(store, "f.mp4", tmp_path)
        store.transition(done, State.RUNNING)
        store.transition(done, State.DONE)
        store.transition(cancelled, State.CANCELLED)
        store.transition(running, State.RUNNING)
    assert cli.main(["remove", str(running)]) == 1
    assert f"Job {running} is running" in capsys.readouterr().err
    assert cli.main(["remove", "99"]) == 1
    assert cli.main(["clear-finished"]) == 0
    with JobStore() as store:
        assert {job.id for job in store.list_jobs()} == {queued, running, failed}
    assert cli.main(["clear-finished", "--failed"]) == 0
    assert cli.main(["remove", str(queued)]) == 0
    with JobStore() as store:
        assert [job.id for job in store.list_jobs()] == [running]


def test_download_of_an_original_says_it_has_no_result(signed_in, small_clip, tmp_path, capsys):
    video_id = upload_video(signed_in, small_clip, v1_headers(signed_in), wait=False)
    assert cli.main(["download", video_id, "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == (
        "pixop-desktop: No processed result: This video has no processed result yet (or it is an original): "
        "use --original to fetch the original, or the processed video's id.")
    assert cli.main(["download", "no-such-video", "-o", str(tmp_path)]) == 1
    assert "Not found on Pixop" in capsys.readouterr().err


def test_the_saved_bandwidth_limit_applies_unless_limit_overrides_it(signed_in, limiter):
    settings = load_settings()
    save_settings(settings.model_copy(update={"bandwidth_limit_mbps": 80.0}))
    assert cli.main(["run-queue"]) == 0
    assert limiter.rate == 10_000_000  # 80 Mbit/s in bytes per second
    assert cli.main(["run-queue", "--limit", "8"]) == 0
    assert limiter.rate == 1_000_000
    assert cli.main(["run-queue", "--limit", "0"]) == 0
    assert limiter.rate == 0


def test_the_saved_parallel_transfers_apply_unless_given(signed_in, limiter):
    save_settings(load_settings().model_copy(update={"parallel_uploads": 3, "parallel_downloads": 4}))
    parser = argparse.ArgumentParser()
    add_limit_options(parser)
    client = PixopClient(**client_kwargs(signed_in))
    try:
        with JobStore() as store:
            saved = make_runner(store, client, signed_in.url, parser.parse_args([]))
            given = make_runner(store, client, signed_in.url, parser.parse_args(["--uploads", "1"]))
    finally:
        client.close()
    assert (saved.limits.uploads, saved.limits.downloads) == (3, 4)
    assert (given.limits.uploads, given.limits.downloads) == (1, 4)
    assert saved.limiter is limiter
