"""services.twins: one rule for "is this file already queued?" (CLI and window alike)."""

from __future__ import annotations

import dataclasses

import pytest

from pixop_desktop.jobs.model import Job, JobError, Source, Stage, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.services.twins import Action, find_twin, find_twins, take_up

SERVER = "https://api.pixop.com"
CLIP = Source.local("/videos/clip.mp4", 1000, 5)


def wanted(**changes) -> Job:
    fields = {"source": CLIP, "processing": {"resolution": {"tag": "2x"}}, "output_folder": "/out"}
    return Job(**{**fields, **changes})


def stored(state: State, job_id: int = 1, **changes) -> Job:
    return dataclasses.replace(wanted(**changes), id=job_id, state=state)


@pytest.mark.parametrize("state, action", [
    (State.QUEUED, Action.TAKE_UP), (State.RUNNING, Action.TAKE_UP), (State.PAUSED, Action.TAKE_UP),
    (State.NEEDS_APPROVAL, Action.TAKE_UP),
    (State.FAILED, Action.TAKE_UP),  # retried rather than paid twice
    (State.DONE, Action.REPORT_DONE),
    (State.CANCELLED, None),  # given up on purpose
])
def test_what_to_do_with_a_twin_doing_the_same_work(state, action):
    twin = find_twin([stored(state)], wanted(), SERVER)
    assert (twin.action if twin else None) is action
    if twin:
        assert twin.job.id == 1


@pytest.mark.parametrize("state, action", [
    (State.QUEUED, Action.ASK), (State.FAILED, Action.ASK), (State.DONE, None), (State.CANCELLED, None),
])
def test_other_work_on_the_same_file_is_asked_about_while_open(state, action):
    twin = find_twin([stored(state, output_folder="/elsewhere")], wanted(), SERVER)
    assert (twin.action if twin else None) is action


@pytest.mark.parametrize("source", [
    Source.local("/videos/other.mp4", 1000, 5), Source.local("/videos/clip.mp4", 1001, 5),
    Source.local("/videos/clip.mp4", 1000, 6), Source.https("https://example.com/clip.mp4"),
])
def test_another_file_or_version_is_no_twin(source):
    assert find_twin([dataclasses.replace(stored(State.QUEUED), source=source)], wanted(), SERVER) is None


def test_a_job_bound_to_another_server_is_no_twin():
    other = dataclasses.replace(stored(State.QUEUED), server="http://127.0.0.1:8000")
    ours = dataclasses.replace(stored(State.QUEUED, job_id=2), server=SERVER)
    assert find_twin([other], wanted(), SERVER) is None
    assert find_twin([other, ours], wanted(), SERVER).job.id == 2


def test_the_strongest_kind_then_the_newest_wins():
    jobs = [stored(State.DONE, 1), stored(State.QUEUED, 2, output_folder="/x"), stored(State.FAILED, 3),
            stored(State.PAUSED, 4), stored(State.DONE, 5)]
    assert find_twin(jobs, wanted(), SERVER) == find_twin(jobs[::-1], wanted(), SERVER)
    twin = find_twin(jobs, wanted(), SERVER)
    assert (twin.job.id, twin.action) == (4, Action.TAKE_UP)
    twin = find_twin([jobs[0], jobs[1], jobs[4]], wanted(), SERVER)
    assert (twin.job.id, twin.action) == (5, Action.REPORT_DONE)


def test_find_twins_reads_the_store_and_take_up_makes_the_twin_runnable(tmp_path):
    with JobStore(tmp_path / "q.sqlite3") as store:
        failed = store.add(wanted())
        store.transition(failed, State.RUNNING, stage=Stage.UPLOAD)
        store.transition(failed, State.FAILED, error=JobError("Upload failed", "The network went away."))
        paused = store.add(wanted(source=Source.local("/videos/b.mp4", 1, 1)))
        store.transition(paused, State.PAUSED)
        new = wanted(source=Source.local("/videos/c.mp4", 1, 1))
        twins = find_twins(store, [wanted(), wanted(source=Source.local("/videos/b.mp4", 1, 1)), new], SERVER)
        assert [t.job.id if t else None for t in twins] == [failed, paused, None]
        assert [take_up(store, t.job).state for t in twins[:2]] == [State.QUEUED, State.QUEUED]
        assert store.get(failed).state is State.QUEUED and store.get(paused).state is State.QUEUED
