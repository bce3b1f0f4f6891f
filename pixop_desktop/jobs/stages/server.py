"""Stages that only talk to Pixop: create/import the video, wait, order processing."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from pixop_desktop.api.client import parse_json
from pixop_desktop.api.errors import PixopError
from pixop_desktop.api.urls import segment
from pixop_desktop.api.models import OperationStatus

from ..model import Ingestion, Job, JobError, JobNotFound, SourceKind, Stage
from ..pipeline import Advance, AwaitApproval, Fail, Outcome, StageContext, Wait, is_ours, video_name

_MAX_REASON = 300
_CLIP_PAGE = 20  # derived videos asked per look for the free clip: one page, so one request


def _find_video(job: Job, ctx: StageContext) -> str | None:
    """The video an earlier run of this job created (its name carries the job's uid), if any."""
    for summary in ctx.client.videos.iter_videos(project_id=job.project_id):
        if is_ours(summary.name, job) and not summary.parent_id:
            return summary.id
    return None


def _rerun(job: Job, ctx: StageContext) -> bool:
    """Has this stage been started before (so the server may already hold what it made)?"""
    return ctx.store.stage_runs(job.id, job.stage) > 1


def _missing_source(job: Job) -> Fail | None:
    """A local source that vanished, became unreadable or empty since it was queued: fail now.

    Checked before anything is created on Pixop, so a file deleted while its job
    waited leaves no empty video behind. The words are the pre-flight probe's.
    Only the file itself is checked: whether it is a video is Pixop's to judge,
    as when it was queued.
    """
    if job.source.kind is not SourceKind.LOCAL:
        return None
    from pixop_desktop.transfer.probe import EmptyFile, FileMissing, FileTooLarge, FileUnreadable, preflight

    try:
        preflight(job.source.path)
    except (FileMissing, FileUnreadable, EmptyFile, FileTooLarge) as refused:
        return Fail(JobError(refused.title, refused.message))
    except PixopError:
        return None  # "not a video" and the like: Pixop's ingestion tells
    return None


def create_video(job: Job, ctx: StageContext) -> Outcome:
    if job.video_id:
        return Advance()
    if (refused := _missing_source(job)) is not None:
        return refused
    video_id = _find_video(job, ctx) if _rerun(job, ctx) else None
    if video_id is None:
        created = ctx.client.videos.create(name=video_name(job), project_id=job.project_id)
        video_id = created.video_id
        ctx.store.set_server_urls(job.id, {"processVideoUrl": created.process_video_url,
                                           "uploadMediaUrl": created.upload_media_url,
                                           "uploadLightMediaUrl": created.upload_light_media_url})
    return Advance({"video_id": video_id})


def import_name(job: Job) -> str:
    """The server-side name of an import: the person's name (else the file name) plus the job's tag.

    The tag is what a re-run searches for (see ``video_name``), so it is kept even when the
    person chose the name; a long name is shortened to leave room for it.
    """
    named, chosen = video_name(job), str((job.import_options or {}).get("name") or "").strip()
    if not chosen:
        return named
    return chosen[:200] + named[named.rindex(" ["):]  # " [tag]", as video_name ends


def _start_import(job: Job, ctx: StageContext):
    """Send the import with everything the person asked for (name, description, file name, CRC32C, connections)."""
    from pixop_desktop.imports.url_rules import allow_private_from_env  # test-only switch, as the CLI's

    options, source = job.import_options or {}, job.source
    common = dict(project_id=job.project_id, description=options.get("description"),
                  file_name=options.get("file_name") or source.file_name or None,
                  full_ingestion=job.ingestion is Ingestion.FULL)
    if source.kind is SourceKind.URL:
        return ctx.client.imports.from_https(source.url, import_name(job), crc32c=options.get("crc32c"),
                                             max_connections=options.get("connections"),
                                             allow_private_urls=allow_private_from_env(), **common)
    return ctx.client.imports.from_s3(source.location_id, source.object_key, import_name(job), **common)


def import_source(job: Job, ctx: StageContext) -> Outcome:
    """Have Pixop copy the video from an HTTPS URL or S3; the copy is followed by wait_ingest."""
    if job.video_id:
        return Advance()
    video_id = _find_video(job, ctx) if _rerun(job, ctx) else None
    if video_id is None:
        video_id = _start_import(job, ctx).id
    return Advance({"video_id": video_id})


def _reason(value, fallback: str) -> str:
    """An error the server gave (untrusted: one short line)."""
    if isinstance(value, dict):
        value = value.get("message") or value.get("errorMessage")
    text = " ".join(str(value).split()) if value else ""
    return text[:_MAX_REASON] or fallback


def _server_reason(ctx: StageContext, path: str, key: str) -> str:
    """The ``errorMessage`` of a progress answer (the typed models leave it out)."""
    try:
        state = (parse_json(ctx.client.send_v1("GET", path)) or {}).get(key) or {}
    except PixopError:
        state = {}
    return _reason(state.get("errorMessage") if isinstance(state, dict) else None, "no reason given.")


def _import_failure(job: Job, ctx: StageContext) -> Outcome | None:
    """For imports: a copy still running (Wait) or failed (Fail); None when the copy is done."""
    status = ctx.client.imports.status(job.video_id)
    upload_state = status.upload.upload_state if status.upload else None
    if status.upload_status == OperationStatus.FAILED:
        return Fail(JobError("Import failed", "Pixop could not copy the video: " +
                             _reason(upload_state.error if upload_state else None, "no reason given.")))
    if status.upload_status != OperationStatus.DONE:
        return Wait(ctx.poll.delay(ctx.polls_done))
    return None


def wait_ingest(job: Job, ctx: StageContext) -> Outcome:
    if job.source.kind is not SourceKind.LOCAL and (outcome := _import_failure(job, ctx)) is not None:
        return outcome
    given = ctx.store.server_urls(job.id).get("checkIngestProgressUrl")
    state = ctx.client.videos.ingestion_progress(job.video_id, url=given).ingestion_state
    if state.ingestion_status == OperationStatus.DONE:
        _look_for_free_clip(job, ctx)
        return Advance()
    if state.ingestion_status == OperationStatus.FAILED:
        why = _server_reason(ctx, f"/videos/v1/check-ingest-video-progress/{segment(job.video_id)}",
                             "ingestionState")
        return Fail(JobError("Ingestion failed", f"Pixop could not ingest “{job.source.file_name}”: {why}"))
    ctx.percent(state.processing_progress_percent)
    return Wait(ctx.poll.delay(ctx.polls_done))


def approval(job: Job, ctx: StageContext) -> Outcome:
    return AwaitApproval()


# ----- the free 10-second clip of an import ------------------------------------------------

def choose_free_clip(clips: Iterable):
    """The free clip among a master's derived videos (one typed FREE_CLIP first), or None."""
    return min(clips, key=lambda clip: (clip.type or "").upper() != "FREE_CLIP", default=None)


def _may_have_free_clip(job: Job, ctx: StageContext) -> bool:
    """Only imports get a free clip, and only the current API (an API key) lists it."""
    return job.source.kind is not SourceKind.LOCAL and bool(job.video_id) and ctx.client.has_api_key


def _record_free_clip(job: Job, ctx: StageContext, clips: Iterable) -> None:
    clip = choose_free_clip(clips)
    if clip is None or job.free_clip_id == clip.id:
        return
    try:
        ctx.store.set_free_clip(job.id, clip.id)  # the runner's next event carries it to the queue
    except JobNotFound:
        return  # removed meanwhile
    job.free_clip_id = clip.id


def _look_for_free_clip(job: Job, ctx: StageContext) -> None:
    """Record the import's free clip once Pixop lists it: at most one request per call.

    The clip is a bonus: it appears a little after ingestion (or never, when the
    team has it off), so not finding it, or any error asking, never fails the job.
    """
    if job.free_clip_id or not _may_have_free_clip(job, ctx):
        return
    try:
        derived = ctx.client.imports.iter_derived(job.video_id, page_size=_CLIP_PAGE)
        clips = list(itertools.islice(derived, _CLIP_PAGE))  # never a second page
    except PixopError:
        return
    _record_free_clip(job, ctx, clips)


def _free_clips(job: Job, ctx: StageContext) -> set[str] | None:
    """Ids of the free 10-second clips Pixop derives from an imported master; None when unknown.

    They are children of the master too, so they must never be taken for the
    processing this job ordered. The list is there anyway, so the clip is recorded too.
    Unknown: Pixop could not list them and none is on record.
    """
    if not _may_have_free_clip(job, ctx):
        return set()
    known = {job.free_clip_id} if job.free_clip_id else set()
    try:
        clips = list(ctx.client.imports.iter_derived(job.video_id))
    except PixopError:
        return known or None
    _record_free_clip(job, ctx, clips)
    return known | {clip.id for clip in clips}


def _existing_processed(job: Job, ctx: StageContext) -> str | None:
    """A processed video Pixop already made (or is making) from this job's video."""
    children = list(ctx.client.videos.iter_videos(parent_id=job.video_id))
    clips = _free_clips(job, ctx)  # asked second: a clip made meanwhile is not among the children
    if clips is None:
        if not _rerun(job, ctx):
            return None  # nothing ordered yet, and a child now may be the clip: never adopt it
        clips = {clip.id for clip in ctx.client.imports.iter_derived(job.video_id)}  # an error: retried later
    for child in children:
        if child.parent_id not in (None, job.video_id) or child.id in clips:
            continue  # a server that ignores the filter, or the free clip
        try:
            video = ctx.client.videos.get(child.id)
        except PixopError:
            continue
        if video.processing is not None and video.processing.processing_state is not None:
            return child.id
    return None


def process(job: Job, ctx: StageContext) -> Outcome:
    """Order processing once: a processed child already listed is adopted, never ordered twice."""
    if job.processed_video_id:
        return Advance()
    processed_id = _existing_processed(job, ctx)
    if processed_id is None:
        given = ctx.store.server_urls(job.id).get("processVideoUrl")
        order = ctx.client.videos.process(job.video_id, job.processing, url=given)
        processed_id = order.processed_video_id
        ctx.store.set_server_urls(job.id, {"checkProgressUrl": order.check_progress_url,
                                           "downloadMediaUrl": order.download_media_url})
    return Advance({"processed_video_id": processed_id})


def wait_processing(job: Job, ctx: StageContext) -> Outcome:
    given = ctx.store.server_urls(job.id).get("checkProgressUrl")
    state = ctx.client.videos.processing_progress(job.processed_video_id, url=given).processing_state
    _look_for_free_clip(job, ctx)  # each poll, until found
    if state.processing_status == OperationStatus.DONE:
        return Advance()
    if state.processing_status == OperationStatus.FAILED:
        why = _server_reason(ctx, f"/videos/v1/check-process-video-progress/{segment(job.processed_video_id)}",
                             "processingState")
        return Fail(JobError("Processing failed", f"Pixop could not process “{job.source.file_name}”: {why}"))
    ctx.percent(state.processing_progress_percent)
    return Wait(ctx.poll.delay(ctx.polls_done))


def finished(job: Job, ctx: StageContext) -> Outcome:
    return Advance()


__all__ = ["approval", "choose_free_clip", "create_video", "finished", "import_source", "process",
           "wait_ingest", "wait_processing", "Stage"]
