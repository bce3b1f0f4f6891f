"""What a person can do to a job — from the GUI, the CLI, or another process.

These only change the store; a worker busy with the job notices (it checks
the job's state between chunks and polls) and stops, leaving its stage
resumable. So ``pixop-desktop cancel 17`` works while the app runs the queue.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from pixop_desktop.api.errors import NotFound

from . import reorder
from .model import (IMPORT_UNSURE, SEND_IMPORT_AGAIN, IllegalTransition, InvalidJob, Job, SourceKind, Stage, State,
                    next_stage)
from .store import JobStore

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient

log = logging.getLogger(__name__)


def approve(store: JobStore, job_id: int) -> Job:
    """Let a job waiting for approval go on to processing."""
    job = store.get(job_id)
    if job.state is not State.NEEDS_APPROVAL:
        raise IllegalTransition(job_id, job.state, State.QUEUED, "it is not waiting for approval")
    stage = next_stage(job) if job.stage is Stage.APPROVAL else job.stage
    return store.transition(job_id, State.QUEUED, stage=stage, expect=State.NEEDS_APPROVAL,
                            message="Approved", not_before=None, attempts=0)


def cancel(store: JobStore, job_id: int, *, client: PixopClient | None = None,
           delete_on_server: bool = False, message: str = "Cancelled") -> Job:
    """Stop a job for good; with ``delete_on_server``, also delete its video (and results) on Pixop."""
    job = store.transition(job_id, State.CANCELLED, message=message)
    if delete_on_server:
        if client is None:
            raise InvalidJob("Deleting the server's copy needs a connection to Pixop.")
        delete_server_copy(client, job)
    return job


def reject(store: JobStore, job_id: int, *, client: PixopClient | None = None,
           delete_on_server: bool = False) -> Job:
    """Refuse processing: the job is cancelled; the uploaded video stays on Pixop unless asked."""
    job = store.get(job_id)
    if job.state is not State.NEEDS_APPROVAL:
        raise IllegalTransition(job_id, job.state, State.CANCELLED, "it is not waiting for approval")
    return cancel(store, job_id, client=client, delete_on_server=delete_on_server, message="Rejected")


def retry(store: JobStore, job_id: int) -> Job:
    """Run a failed job again from the stage it failed in (its server ids are kept) — or, when
    Pixop itself ended its processing, order the processing again (``reorder.py``).

    A local file not yet sent is recorded again as it is now (size and modification time):
    the upload refuses a file that changed since it was queued, and retrying is how a
    person says "send it as it is now".
    """
    job = store.get(job_id)
    if reorder.orders_again(job):
        return reorder.order_again(store, job_id)
    unsure = job.error is not None and job.error.kind == IMPORT_UNSURE  # the person checked: send it
    return store.transition(job_id, State.QUEUED, expect=State.FAILED, message=SEND_IMPORT_AGAIN if unsure else "Retry",
                            attempts=0, not_before=None, **_source_as_now(job))


def _source_as_now(job: Job) -> dict:
    """``source_size``/``source_mtime_ns`` of a local file the job has yet to upload; else nothing."""
    if job.source.kind is not SourceKind.LOCAL or job.stage not in (Stage.CREATE_VIDEO, Stage.UPLOAD):
        return {}
    try:
        info = os.stat(job.source.path)
    except OSError:
        return {}  # gone: the upload will say so
    return {"source_size": info.st_size, "source_mtime_ns": info.st_mtime_ns}


def pause(store: JobStore, job_id: int) -> Job:
    return store.transition(job_id, State.PAUSED, message="Paused")


def resume(store: JobStore, job_id: int) -> Job:
    return store.transition(job_id, State.QUEUED, expect=State.PAUSED, message="Resumed", not_before=None)


def delete_server_copy(client: PixopClient, job: Job) -> None:
    """Delete what the job made on Pixop (the source video takes its processed videos with it)."""
    for video_id in (job.video_id, job.processed_video_id):
        if video_id:
            try:
                client.videos.delete(video_id)
            except NotFound:
                pass  # already gone (deleting the source removes its processed videos)
            log.info("Deleted video %s of job %s on the server", video_id, job.id)
            return
