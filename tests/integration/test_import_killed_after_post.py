"""An import whose answer never arrived (the app killed after Pixop accepted it) is never sent twice.

The crash is real: ``run-queue`` runs in a child process; the sandbox carries out the import
and holds its answer (``faults.hold_import_answers``) until the child has been killed, so the
job's store never learns the new video's id. The next ``run-queue`` must find that import by
the job's tag, with email and password, and with an API key alone (the current API).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pixop_desktop import cli
from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD, DEMO_S3_LOCATION_ID

pytestmark = pytest.mark.timeout(90)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["api-key-only", "email-and-password"])
def credentials(request, sandbox, monkeypatch):
    """The CLI's environment: the sandbox with an API key, and email/password or not."""
    monkeypatch.setenv("PIXOP_SERVER", sandbox.url)
    monkeypatch.setenv("PIXOP_API_KEY", DEFAULT_API_KEY)
    if request.param == "api-key-only":
        monkeypatch.delenv("PIXOP_EMAIL", raising=False)
        monkeypatch.delenv("PIXOP_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("PIXOP_EMAIL", DEFAULT_EMAIL)
        monkeypatch.setenv("PIXOP_PASSWORD", DEFAULT_PASSWORD)
    return request.param


def _originals(sandbox) -> list[str]:
    return [v.id for v in sandbox.state.videos() if v.kind == "original"]


def _killed_after_the_post(sandbox) -> None:
    """Run the queue in a child process and kill it while Pixop holds the import's answer."""
    sandbox.faults.hold_import_answers(1)
    child = subprocess.Popen([sys.executable, "-m", "pixop_desktop", "run-queue", "--poll-max", "0.2"],
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        held = sandbox.faults.wait_import_held(timeout=45)
    finally:
        child.kill()
        _out, err = child.communicate(timeout=30)
        sandbox.faults.release_stuck()
    assert held, f"the child never sent the import: {err}"


@pytest.mark.usefixtures("credentials")
def test_a_rerun_after_a_kill_between_the_import_and_its_answer_adopts_it(sandbox, small_clip):
    shutil.copy(small_clip, sandbox.s3_folder() / "tape.mp4")
    with JobStore() as store:
        job_id = store.add(Job(Source.s3(DEMO_S3_LOCATION_ID, "tape.mp4"), stage=Stage.IMPORT))
    _killed_after_the_post(sandbox)
    [made] = _originals(sandbox)  # Pixop has the import; the queue does not know its id
    with JobStore() as store:
        assert store.get(job_id).video_id is None
    status = cli.main(["run-queue", "--poll-max", "0.2"])
    with JobStore() as store:
        job = store.get(job_id)
    assert job.state is State.DONE and status == 0, job.error
    assert job.video_id == made, "the import sent before the kill is adopted"
    assert _originals(sandbox) == [made], "never a second import for one job"


def test_when_pixop_cannot_list_its_videos_the_job_asks_before_sending_again(sandbox, small_clip, monkeypatch,
                                                                           capsys):
    """With an API key alone and no video list, a second send could make a second copy: the job
    stops and says how to check; the person's Retry is their word that it is not there."""
    monkeypatch.setenv("PIXOP_SERVER", sandbox.url)
    monkeypatch.setenv("PIXOP_API_KEY", DEFAULT_API_KEY)
    monkeypatch.delenv("PIXOP_EMAIL", raising=False)
    monkeypatch.delenv("PIXOP_PASSWORD", raising=False)
    sandbox.variants.enable("no-video-list")
    shutil.copy(small_clip, sandbox.s3_folder() / "tape.mp4")
    with JobStore() as store:
        job_id = store.add(Job(Source.s3(DEMO_S3_LOCATION_ID, "tape.mp4"), stage=Stage.IMPORT))
    _killed_after_the_post(sandbox)
    [made] = _originals(sandbox)
    _fails_unsure(job_id, sandbox, [made])
    capsys.readouterr()

    assert cli.main(["retry", str(job_id)]) == 0  # the person looked and found nothing
    _killed_after_the_post(sandbox)  # ... and the confirmed send's answer is lost too
    assert len(_originals(sandbox)) == 2
    _fails_unsure(job_id, sandbox, _originals(sandbox))  # the person's word counted once

    assert cli.main(["retry", str(job_id)]) == 0
    assert cli.main(["run-queue", "--poll-max", "0.2"]) == 0, capsys.readouterr().err
    with JobStore() as store:
        job = store.get(job_id)
    assert job.state is State.DONE and job.error is None
    assert len(_originals(sandbox)) == 3 and job.video_id in _originals(sandbox), "sent once more, as confirmed"


def _fails_unsure(job_id: int, sandbox, originals: list[str]) -> None:
    assert cli.main(["run-queue", "--poll-max", "0.2"]) == 1
    with JobStore() as store:
        job = store.get(job_id)
    assert job.state is State.FAILED and job.video_id is None
    assert job.error.title == "Pixop may already have this video"
    assert "Pixop website" in job.error.message and "Retry" in job.error.message
    assert f"[{job.uid[:8]}]" in job.error.message, "names what to look for"
    assert sorted(_originals(sandbox)) == sorted(originals), "nothing sent while unsure"
