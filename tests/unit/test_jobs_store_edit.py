"""Editing a queued job's processing: allowed until processing starts, atomic, recorded."""

from __future__ import annotations

import pytest

from pixop_desktop.processing import ProcessingRequest, ProcessingRequestError
from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.jobs.store_edits import ProcessingLocked

OLD = {"mediaProcessingParameters": {"container": "MP4", "codec": "H264"}}
NEW = {"mediaProcessingParameters": {"container": "MOV", "codec": "PRORES", "proresProfile": "HQ"}}


@pytest.fixture
def store():
    with JobStore() as store:
        yield store


def job(**kw) -> Job:
    return Job(Source.local("/media/a.mov", 10, 1), processing=OLD, **kw)


def test_a_queued_job_takes_a_new_request_with_a_history_row(store):
    job_id = store.add(job(needs_approval=True, output_folder="/out"))
    changed = store.set_processing(job_id, ProcessingRequest.from_json(NEW), preset="4K ProRes HQ master")
    assert changed.processing == ProcessingRequest.from_json(NEW).to_json() == store.get(job_id).processing
    assert changed.preset == "4K ProRes HQ master" and changed.state is State.QUEUED
    assert store.history(job_id)[-1].message == "Processing changed to the preset “4K ProRes HQ master”"
    assert changed.needs_approval and changed.output_folder == "/out"


def test_upload_only_drops_the_approval_hold_and_the_download(store):
    job_id = store.add(job(needs_approval=True, output_folder="/out", preset="x"))
    changed = store.set_processing(job_id, None)
    assert (changed.processing, changed.preset, changed.needs_approval, changed.output_folder) == (
        None, None, False, None)
    assert store.history(job_id)[-1].message == "Processing removed (upload only)"


def test_a_job_waiting_for_approval_can_be_edited_but_not_emptied(store):
    job_id = store.add(job(needs_approval=True, output_folder="/out"))
    store.transition(job_id, State.RUNNING)
    store.transition(job_id, State.NEEDS_APPROVAL, stage=Stage.APPROVAL)
    assert store.set_processing(job_id, NEW).processing == ProcessingRequest.from_json(NEW).to_json()
    with pytest.raises(ProcessingLocked, match="reject it"):
        store.set_processing(job_id, None)


@pytest.mark.parametrize("stage", [Stage.PROCESS, Stage.WAIT_PROCESSING, Stage.DOWNLOAD, Stage.FINISHED])
def test_refused_once_processing_started_and_nothing_changes(store, stage):
    job_id = store.add(job(output_folder="/out"))
    store.transition(job_id, State.RUNNING)
    store.transition(job_id, State.QUEUED, stage=stage)
    before = len(store.history(job_id))
    with pytest.raises(ProcessingLocked) as caught:
        store.set_processing(job_id, NEW)
    assert caught.value.title == "The processing cannot be changed"
    assert "already started processing" in caught.value.message
    assert store.get(job_id).processing == OLD and len(store.history(job_id)) == before


@pytest.mark.parametrize("state", [State.DONE, State.CANCELLED])
def test_refused_for_ended_jobs(store, state):
    job_id = store.add(job())
    store.transition(job_id, State.RUNNING)
    store.transition(job_id, state)
    with pytest.raises(ProcessingLocked, match="done|cancelled"):
        store.set_processing(job_id, NEW)


def test_a_running_job_may_swap_requests_but_not_gain_or_lose_processing(store):
    job_id = store.add(job())
    store.transition(job_id, State.RUNNING, stage=Stage.UPLOAD)
    assert store.set_processing(job_id, NEW).state is State.RUNNING
    with pytest.raises(ProcessingLocked, match="pause it first"):
        store.set_processing(job_id, None)


def test_an_invalid_request_is_refused_in_plain_words(store):
    job_id = store.add(job())
    with pytest.raises(ProcessingRequestError):
        store.set_processing(job_id, {"resolution": {"width": 5}})
    assert store.get(job_id).processing == OLD
