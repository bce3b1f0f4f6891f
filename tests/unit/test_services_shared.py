"""The command line and the window answer "is this already queued?" and "what do we call this stage?"
from the same functions: ``services.twins.find_twin`` and ``services.words.state_words``.

Each test feeds the same store state (or the same job) to both front ends' entry points and
to the service, and expects the same answer from all three.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import pytest

from pixop_desktop.jobs.model import Ingestion, Job, JobError, Source, Stage, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.processing import ProcessingRequest
from pixop_desktop.services.twins import Action, find_twin
from pixop_desktop.services.words import stage_words
from pixop_desktop.settings import load_settings
from pixop_desktop.transfer.probe import LocalMedia

REQUEST = ProcessingRequest.from_json({}).to_json()
MEDIA = LocalMedia(Path("/videos/clip.mp4"), 1000, 5, 1000, 720, 576, 25.0, "h264", "mov,mp4,m4a,3gp,3g2,mj2", None)


def _stored(store: JobStore, state: State) -> int:
    """A job in ``state`` doing exactly what ``upload clip.mp4 --process '{}'`` asks."""
    job_id = store.add(Job(Source.local(str(MEDIA.path.resolve()), MEDIA.size, MEDIA.mtime_ns),
                           ingestion=Ingestion.FULL, processing=REQUEST))
    if state is State.PAUSED:
        store.transition(job_id, State.PAUSED)
    elif state is State.CANCELLED:
        store.transition(job_id, State.CANCELLED)
    elif state is not State.QUEUED:
        store.transition(job_id, State.RUNNING, stage=Stage.UPLOAD)
        if state is not State.RUNNING:
            error = JobError("Upload failed", "The network went away.") if state is State.FAILED else None
            store.transition(job_id, state, error=error)
    return job_id


def _cli_answer(store: JobStore, job_id: int) -> str:
    """What ``upload clip.mp4 --process '{}' --no-wait`` does about the stored job."""
    from pixop_desktop.commands.queue_upload import run_queued

    before = len(store.list_jobs())
    args = argparse.Namespace(process="{}", preset=None, download=None, hold=False, light=False, project=None,
                              no_wait=True, again=False, server=None, team=None)
    run_queued(args, [MEDIA])
    if len(store.list_jobs()) > before:
        return "add"
    return "report done" if store.get(job_id).state is State.DONE else "take up"


def _window_answer(store: JobStore) -> str:
    """Does a drop of the same file with the same processing ask "already in the queue: add again?"?"""
    from pixop_desktop.intake import JobOptions
    from pixop_desktop.ui.intake.flow import already_queued

    options = JobOptions(ingestion=Ingestion.FULL, processing=REQUEST)
    return "ask" if already_queued(store, [MEDIA], options, load_settings().server) else "add"


@pytest.mark.parametrize("state", [
    State.QUEUED, State.RUNNING, State.PAUSED, State.NEEDS_APPROVAL,
    State.FAILED,
    State.DONE, State.CANCELLED,
])
def test_already_queued_is_one_answer(state):
    with JobStore() as store:
        job_id = _stored(store, state)
        wanted = dataclasses.replace(store.get(job_id), id=None, state=State.QUEUED)
        twin = find_twin(store.list_jobs(), wanted, load_settings().server)
        cli_expected = {Action.TAKE_UP: "take up", Action.REPORT_DONE: "report done"}.get(twin and twin.action, "add")
        window_expected = "add" if twin is None else "ask"
        window = _window_answer(store)  # before the CLI acts on the store
        assert (_cli_answer(store, job_id), window) == (cli_expected, window_expected)


def _cli_words(job: Job) -> str:
    from pixop_desktop.commands.queue_progress import job_words

    return job_words(job)


def _window_words(job: Job) -> str:
    from pixop_desktop.ui.queue.text import stage_text

    return stage_text(job)


@pytest.mark.parametrize("front_end", [_window_words, _cli_words], ids=["window", "cli"])
def test_a_stage_has_one_name(front_end):
    different = []
    for state in State:
        for stage in Stage:
            job = Job(Source.local("/videos/clip.mp4"), state=state, stage=stage)
            if front_end(job) != stage_words(job):
                different.append((state.value, stage.value, front_end(job), stage_words(job)))
    assert not different
