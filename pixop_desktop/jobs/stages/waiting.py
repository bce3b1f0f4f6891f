"""The stages that wait for Pixop: ingestion (after an upload or an import's copy) and processing.

Every wait ends (``jobs/deadlines.py``): on DONE it advances; on a failed or
stopped state, an unknown word that stays too long, or the stage's limit
(sized by the video) it fails with the reason, and a person may Retry. The
limit is measured from when this stage was last taken up from the queue (the
job's history), so restarting the app does not restart it, while Retry does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pixop_desktop.api.answers import parse_json
from pixop_desktop.api.errors import PixopError
from pixop_desktop.api.states import Phase, phase_of, reason_text
from pixop_desktop.api.urls import segment

from ..deadlines import (IMPORT, INGESTION, PROCESSING, Operation, Work, copy_limit, ending, ingestion_limit,
                         processing_limit)
from ..model import PROCESSING_ENDED, Ingestion, Job, JobError, SourceKind, State
from ..pipeline import Advance, Fail, Outcome, StageContext, Wait
from . import current
from .server import _look_for_free_clip


def _waited(job: Job, ctx: StageContext) -> float:
    """Seconds since a worker last took this stage up from the queue (not counting repeated polls)."""
    since = None
    for entry in ctx.store.history(job.id):
        if entry.stage is job.stage and entry.to_state is State.RUNNING and entry.from_state is not State.RUNNING:
            since = entry.at
    return 0.0 if since is None else max(0.0, time.time() - since)


def _asked_reason(ctx: StageContext, path: str, key: str) -> str | None:
    """The reason in a progress answer, read raw: servers name it ``errorMessage`` or ``error``."""
    try:
        state = (parse_json(ctx.client.send_v1("GET", path)) or {}).get(key)
    except PixopError:
        return None
    return reason_text(state) if isinstance(state, dict) else None


def _ended(job: Job, ctx: StageContext, op: Operation, status: Any, limit: float,
           reason: Callable[[], str | None]) -> Fail | None:
    unknown_for = ctx.memory.unknown_for((job.id, job.stage, op.noun), status)
    end = ending(op, job.source.file_name, status, waited=_waited(job, ctx), limit=limit,
                 unknown_for=unknown_for, reason=reason)
    if end is None:
        return None
    # Pixop ended the order itself: a retry orders again (jobs/reorder.py) instead of re-asking a dead order
    ended = op is PROCESSING and phase_of(status) in (Phase.FAILED, Phase.STOPPED)
    return Fail(JobError(end.title, end.message, PROCESSING_ENDED if ended else None))


def _wait(ctx: StageContext) -> Wait:
    return Wait(ctx.poll.delay(ctx.polls_done))


# ----- ingestion -----------------------------------------------------------------------------

def _copy_outcome(job: Job, ctx: StageContext) -> Outcome | None:
    """For imports: Wait while Pixop copies, Fail when the copy ends badly; None once copied."""
    status = ctx.client.imports.status(job.video_id)
    upload_state = status.upload.upload_state if status.upload else None
    if phase_of(status.upload_status) is Phase.DONE:
        return None
    reason = lambda: reason_text(upload_state.error if upload_state else None)  # noqa: E731
    return _ended(job, ctx, IMPORT, status.upload_status, copy_limit(Work()), reason) or _wait(ctx)


def _stored_size(job: Job, ctx: StageContext) -> Work | None:
    """The size Pixop holds (an import's source size is known only once copied); None on an error."""
    try:
        upload = ctx.client.videos.get(job.video_id).upload
    except PixopError:
        return None
    return Work(size_bytes=upload.file_size if upload else None)


def _ingestion_limit(job: Job, ctx: StageContext) -> float:
    full = job.ingestion is Ingestion.FULL
    if job.source.kind is SourceKind.LOCAL:
        return ingestion_limit(Work(size_bytes=job.source.size), full=full)
    work = ctx.memory.work((job.id, job.stage, "size"), lambda: _stored_size(job, ctx))
    return copy_limit(work) + ingestion_limit(work, full=full)  # the stage's clock covers the copy too


def wait_ingest(job: Job, ctx: StageContext) -> Outcome:
    if current.follows_current_api(job, ctx):  # an import: its own API, an API key is enough
        return _wait_ingest_current(job, ctx)
    if job.source.kind is not SourceKind.LOCAL and (outcome := _copy_outcome(job, ctx)) is not None:
        return outcome
    given = ctx.store.server_urls(job.id).get("checkIngestProgressUrl")
    state = ctx.client.videos.ingestion_progress(job.video_id, url=given).ingestion_state
    if phase_of(state.ingestion_status) is Phase.DONE:
        _look_for_free_clip(job, ctx)
        return Advance()
    path = f"/videos/v1/check-ingest-video-progress/{segment(job.video_id)}"
    reason = lambda: reason_text(state.error_message) or _asked_reason(ctx, path, "ingestionState")  # noqa: E731
    if (failed := _ended(job, ctx, INGESTION, state.ingestion_status, _ingestion_limit(job, ctx), reason)):
        return failed
    ctx.percent(state.processing_progress_percent)
    return _wait(ctx)


def _wait_ingest_current(job: Job, ctx: StageContext) -> Outcome:
    """An import through the current API: ``in/status`` carries the copy and the ingestion.
    Sizes are not asked for (v1 may not be at hand), so the limits are those for an unknown size."""
    status = ctx.client.imports.status(job.video_id)
    upload = status.upload.upload_state if status.upload else None
    if phase_of(status.upload_status) is not Phase.DONE:
        reason = lambda: reason_text(upload.error if upload else None)  # noqa: E731
        return _ended(job, ctx, IMPORT, status.upload_status, copy_limit(Work()), reason) or _wait(ctx)
    ingestion = status.ingestion.ingestion_state if status.ingestion else None
    if phase_of(status.ingestion_status) is Phase.DONE:
        _look_for_free_clip(job, ctx)
        return Advance()
    limit = copy_limit(Work()) + ingestion_limit(Work(), full=job.ingestion is Ingestion.FULL)
    reason = lambda: reason_text(ingestion.error if ingestion else None)  # noqa: E731
    if (failed := _ended(job, ctx, INGESTION, status.ingestion_status, limit, reason)):
        return failed
    ctx.percent(ingestion.progress_percentage if ingestion else None)
    return _wait(ctx)


# ----- processing ------------------------------------------------------------------------------

def _clip_seconds(processing: dict | None) -> float | None:
    """The length of the part asked for (``range``), when the request narrows it."""
    clip = (processing or {}).get("range") or {}
    start, end = clip.get("startPositionMilliseconds") or 0, clip.get("endPositionMilliseconds")
    if isinstance(start, (int, float)) and isinstance(end, (int, float)) and end > start:
        return (end - start) / 1000
    return None


def _source_work(job: Job, ctx: StageContext) -> Work | None:
    """Duration and size of what Pixop processes, from the source's metadata; None on an error."""
    try:
        video = ctx.client.videos.get(job.video_id)
    except PixopError:
        return None
    meta = video.metadata
    millis = meta.duration_in_millis if meta else None
    duration = millis / 1000 if millis and millis > 0 else None
    clip = _clip_seconds(job.processing)
    if clip is not None:
        duration = min(duration, clip) if duration else clip
    size = (meta.size if meta else None) or (video.upload.file_size if video.upload else None) or job.source.size
    return Work(size_bytes=size, duration_s=duration)


def wait_processing(job: Job, ctx: StageContext) -> Outcome:
    if current.follows_current_api(job, ctx):
        return _wait_processing_current(job, ctx)
    given = ctx.store.server_urls(job.id).get("checkProgressUrl")
    state = ctx.client.videos.processing_progress(job.processed_video_id, url=given).processing_state
    _look_for_free_clip(job, ctx)  # each poll, until found
    if phase_of(state.processing_status) is Phase.DONE:
        return Advance()
    work = ctx.memory.work((job.id, job.stage, "work"), lambda: _source_work(job, ctx))
    path = f"/videos/v1/check-process-video-progress/{segment(job.processed_video_id)}"
    reason = lambda: reason_text(state.error_message) or _asked_reason(ctx, path, "processingState")  # noqa: E731
    if (failed := _ended(job, ctx, PROCESSING, state.processing_status, processing_limit(work), reason)):
        return failed
    ctx.percent(state.processing_progress_percent)
    return _wait(ctx)


__all__ = ["wait_ingest", "wait_processing"]


def _wait_processing_current(job: Job, ctx: StageContext) -> Outcome:
    status = ctx.client.imports.processing_status(job.processed_video_id)
    state = status.processing_state
    _look_for_free_clip(job, ctx)
    if phase_of(status.status) is Phase.DONE:
        return Advance()
    work = Work(duration_s=_clip_seconds(job.processing))
    reason = lambda: reason_text(state.error if state else None)  # noqa: E731
    if (failed := _ended(job, ctx, PROCESSING, status.status, processing_limit(work), reason)):
        return failed
    ctx.percent(state.progress_percentage if state else None)
    return _wait(ctx)
