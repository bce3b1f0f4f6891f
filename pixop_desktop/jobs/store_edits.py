"""Changes to a stored job besides its state: the server's ids, the free clip, its processing.

A mixin of ``JobStore`` (needs ``transaction()``, ``get``, ``_record`` and ``_with_live``).
"""

from __future__ import annotations

import json
import time

from pixop_desktop.errors import UserFacingError

from .model import InvalidJob, Job, JobNotFound, Stage, State
from .rows import SELECT_JOBS, row_to_job

# Stages at which Pixop has (or may have) been asked to process: the request is final from here.
PROCESSING_STARTED = frozenset({Stage.PROCESS, Stage.WAIT_PROCESSING, Stage.DOWNLOAD, Stage.AFTER_ACTION,
                                Stage.FINISHED})


class ProcessingLocked(UserFacingError, InvalidJob):
    """A job's processing can no longer be changed; ``message`` says why in plain words."""

    def __init__(self, job_id: int, message: str) -> None:
        super().__init__("The processing cannot be changed", message)
        self.job_id = job_id

    def __str__(self) -> str:
        return f"Job {self.job_id}: {self.message}"  # a log line names the job the title leaves out


def processing_lock_reason(job: Job) -> str | None:
    """Why ``job``'s processing can no longer be edited, or None while it still can."""
    if job.state is State.DONE:
        return "the job is done."
    if job.state is State.CANCELLED:
        return "the job was cancelled."
    if job.stage in PROCESSING_STARTED:
        return "Pixop has already started processing it."
    return None


class EditMixin:
    def set_server_ids(self, job_id: int, *, video_id: str | None = None,
                       processed_video_id: str | None = None) -> None:
        """Record what the server created, the moment it exists (before anything else happens)."""
        changes = {k: v for k, v in (("video_id", video_id), ("processed_video_id", processed_video_id))
                   if v is not None}
        if changes:
            self._update(job_id, changes)

    def move_server(self, old: str, new: str) -> int:
        """Jobs bound to server root ``old`` are now ``new``'s (the in-app sandbox came back on another
        port: same data, same videos); returns how many moved."""
        if old == new:
            return 0
        with self.transaction() as conn:
            return conn.execute("UPDATE jobs SET server = ? WHERE server = ?", (new, old)).rowcount

    def set_free_clip(self, job_id: int, clip_id: str) -> Job:
        """Record the free 10-second clip Pixop derived from an import; returns the updated job.

        The store announces nothing itself: the runner's next event carries the
        job (the pipeline records it mid-stage), and the GUI applies the
        returned job to its model when it found the clip on its own.
        """
        self._update(job_id, {"free_clip_id": clip_id})
        return self.get(job_id)

    def set_processing(self, job_id: int, request, preset: str | None = None) -> Job:
        """Replace a job's processing request (``None``: upload only) until processing starts.

        ``request`` is a ``ProcessingRequest`` or its JSON. Atomic with a history
        row; raises ``ProcessingLocked`` once the stage is PROCESS or later or the
        job is done/cancelled. Upload only also drops the approval hold and the
        download folder (there is nothing to approve or fetch). A running job
        keeps its plan of stages, so it may only swap one request for another.
        """
        body = _request_json(request)
        with self.transaction() as conn:
            row = conn.execute(f"{SELECT_JOBS} WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                raise JobNotFound(job_id)
            job = row_to_job(row)
            if reason := processing_lock_reason(job):
                raise ProcessingLocked(job_id, reason)
            changes: dict = {"processing": None if body is None else json.dumps(body, separators=(",", ":")),
                             "preset": preset if body is not None else None}
            if body is None and job.stage is Stage.APPROVAL:
                raise ProcessingLocked(job_id, "it waits for approval: reject it instead of removing its processing.")
            if (body is None) != (job.processing is None) and job.state is State.RUNNING:
                raise ProcessingLocked(job_id, "it is busy right now: pause it first, then change it.")
            if body is None:
                changes.update(needs_approval=0, output_folder=None)
            now = time.time()
            changes["updated_at"] = now
            conn.execute(f"UPDATE jobs SET {', '.join(f'{c} = ?' for c in changes)} WHERE id = ?",
                         (*changes.values(), job_id))
            what = ("Processing removed (upload only)" if body is None else
                    f"Processing changed to the preset “{preset}”" if preset else "Processing changed")
            self._record(conn, job_id, now, job.state, job.state, job.stage, what)
            job = row_to_job(conn.execute(f"{SELECT_JOBS} WHERE id = ?", (job_id,)).fetchone())
        return self._with_live(job)

    def _update(self, job_id: int, changes: dict) -> None:
        with self.transaction() as conn:
            changes = dict(changes, updated_at=time.time())
            cursor = conn.execute(f"UPDATE jobs SET {', '.join(f'{c} = ?' for c in changes)} WHERE id = ?",
                                  (*changes.values(), job_id))
            if cursor.rowcount == 0:
                raise JobNotFound(job_id)


def _request_json(request) -> dict | None:
    """A validated request's JSON (a ``ProcessingRequest``, its JSON, or None)."""
    if request is None:
        return None
    from pixop_desktop.processing import ProcessingRequest

    if not isinstance(request, ProcessingRequest):
        request = ProcessingRequest.from_json(request)  # ProcessingRequestError in plain words
    return request.to_json()
