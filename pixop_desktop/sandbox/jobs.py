"""Background jobs: ingest an upload, process a video, make the free 10-second clip.

Each job re-reads the video between steps and stops quietly when the video was deleted, its
media replaced by a newer upload (``generation`` moved on) or the sandbox is stopping. The media
work itself is ``sandbox.media`` (PyAV/FFmpeg); these functions only keep the records true.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
from pathlib import Path

from pixop_desktop.sandbox.context import Context
from pixop_desktop.sandbox.faults import STUCK
from pixop_desktop.sandbox.store import now_text
from pixop_desktop.sandbox.variants import failure_word

log = logging.getLogger(__name__)

FREE_CLIP_MS = 10_000
CONTAINER_SUFFIX = {"mov": ".mov", "mxf": ".mxf", "mp4": ".mp4", "mts": ".ts"}
CONTAINER_MIME = {"mov": "video/quicktime", "mxf": "application/mxf", "mp4": "video/mp4",
                  "mts": "video/mp2t"}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _generation(ctx: Context, video_id: str) -> int | None:
    with ctx.store.lock:
        video = ctx.store.videos.get(video_id)
        return None if video is None else video["upload"].get("generation", 0)


def _ended_by_fault(ctx: Context, video_id: str, kind: str, cancel) -> bool:
    """A fault chose how this work ends: record it; True when the work must stop here.

    Stuck work stays IN_PROGRESS, its percentage frozen, until released (then it goes on).
    """
    taken = ctx.faults.take_ending(kind)
    if taken is None:
        return False
    state, reason = taken
    if state == STUCK:
        return not ctx.faults.wait_released(cancel) or cancel()
    if not cancel():
        ctx.store.update(video_id, kind, status=failure_word(ctx.variants) if state == "FAILED" else state,
                         error=reason)
    return True


def ingest(ctx: Context, video_id: str, generation: int, full: bool, *, faults: bool = True) -> None:
    """Probe the stored media: metadata always, quality assessment only for full ingestion.

    ``faults``: whether an ingestion fault may end it (not for a processed video's own ingestion).
    """
    from pixop_desktop.sandbox import media

    stale = ctx.workers.cancel_flag(lambda: _generation(ctx, video_id) != generation)
    if stale():
        return
    ctx.store.update(video_id, "ingestion", status="IN_PROGRESS", percent=5.0, full=full,
                     metadata=None, qualityAssessment=None, error=None)
    if faults and _ended_by_fault(ctx, video_id, "ingestion", stale):
        return
    path = ctx.store.media_path(video_id)
    try:
        probe = media.probe(path)
    except media.NotAVideo as exc:
        if not stale():
            ctx.store.update(video_id, "ingestion", status=failure_word(ctx.variants), percent=100.0,
                             error=_reason(exc))
        return
    if stale():
        return
    ctx.store.update(video_id, "ingestion", percent=50.0 if full else 90.0,
                     metadata=probe.to_metadata_json())
    quality = media.quality_assessment(path, probe) if full else None
    if stale():
        return
    ctx.store.update(video_id, "ingestion", status="DONE", percent=100.0,
                     qualityAssessment=quality)


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "reason", None) or exc) or type(exc).__name__


def plan_or_none(request_json: dict, source):
    """The output plan of an accepted request, or None when the output cannot be made (the
    processing will then fail, saying why; ``processingParameters`` leave the target open)."""
    from pixop_desktop.processing import ProcessingRequest, ProcessingRequestError, plan_output

    try:
        return plan_output(ProcessingRequest.from_json(request_json), source)
    except ProcessingRequestError:
        return None


def process(ctx: Context, processed_id: str, source_id: str, request_json: dict, *,
            faults: bool = True) -> None:
    """Make the processed video's media from its source, with progress, then ingest it.

    ``faults``: whether a processing fault may end it (orders yes, the free clip no).
    """
    from pixop_desktop.processing import ProcessingRequest, plan_output
    from pixop_desktop.sandbox import media

    gone = ctx.workers.cancel_flag(lambda: processed_id not in ctx.store.videos)
    if gone():
        return
    ctx.store.update(processed_id, "processing", status="IN_PROGRESS", percent=0.0)
    if faults and _ended_by_fault(ctx, processed_id, "processing", gone):
        return
    src = ctx.store.media_path(source_id)
    try:
        request = ProcessingRequest.from_json(request_json)
        source = media.source_info(media.probe(src))
        plan = plan_output(request, source)
        work = ctx.store.media_dir / f"{processed_id}.work{CONTAINER_SUFFIX.get(plan.container, '')}"
        media.process(src, work, request, source, progress=_progress_writer(ctx, processed_id),
                      cancel=gone)
    except Exception as exc:  # ProcessingFailed, NotAVideo, or a bug: the record must say so
        if not gone():
            log.info("processing %s failed: %s", processed_id, exc)
            ctx.store.update(processed_id, "processing", status=failure_word(ctx.variants), error=_reason(exc))
        return
    if gone():
        work.unlink(missing_ok=True)
        return
    _store_output(ctx, processed_id, source_id, work, plan.container)
    ctx.store.update(processed_id, "processing", status="DONE", percent=100.0)
    ingest(ctx, processed_id, _generation(ctx, processed_id) or 0, full=False, faults=False)


def _progress_writer(ctx: Context, video_id: str):
    """A ``progress(percent)`` callback that writes the record only when a whole percent moves.

    The engine reports percentages 0–100 only (``media.process``); 1.0 is one
    percent, never a whole 0–1 fraction. The record stays below 100 until the
    output is stored and the job marks it DONE.
    """
    last = [-1.0]

    def report(percent: float) -> None:
        if not math.isfinite(percent):
            return
        percent = max(0.0, min(99.0, float(percent)))
        if percent - last[0] >= 1.0:
            last[0] = percent
            ctx.store.update(video_id, "processing", percent=round(percent, 1))

    return report


def _store_output(ctx: Context, video_id: str, source_id: str, work: Path, container: str) -> None:
    target = ctx.store.media_path(video_id)
    os.replace(work, target)
    with ctx.store.lock:
        source = ctx.store.videos.get(source_id) or {}
        source_name = (source.get("upload") or {}).get("fileName") or "video"
    stem = Path(source_name).stem or "video"
    ctx.store.update(video_id, "upload", status="DONE", done=True,
                     fileName=f"{stem}_pixop{CONTAINER_SUFFIX.get(container, '.mov')}",
                     fileSize=target.stat().st_size, sha256=file_sha256(target),
                     fileType=CONTAINER_MIME.get(container, "application/octet-stream"))


def free_clip(ctx: Context, master_id: str) -> None:
    """The free 10-second clip of an imported master: a derived video of its first 10 s."""
    with ctx.store.lock:
        master = ctx.store.videos.get(master_id)
        if master is None or master["ingestion"].get("status") != "DONE":
            return
        team = ctx.store.teams.get(master["teamId"], {})
        if not team.get("freeClip", True):
            return
        duration = int((master["ingestion"].get("metadata") or {}).get("durationInMillis") or 0)
    request = {"range": {"startPositionMilliseconds": 0,
                         "endPositionMilliseconds": min(FREE_CLIP_MS, duration) or FREE_CLIP_MS}}
    clip = ctx.store.create_video(team_id=master["teamId"], user_id=master["userId"],
                                  project_id=master["projectId"], kind="derived",
                                  parent_id=master_id, name=f"{master['name']} (free 10-second clip)")
    ctx.store.update(clip["id"], processing={"status": "INITIAL", "percent": 0.0,
                                             "updatedAt": now_text(), "parameters": None})
    process(ctx, clip["id"], master_id, request, faults=False)
