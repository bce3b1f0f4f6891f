"""Stages that only talk to Pixop: create/import the video, order processing (the waits: waiting.py)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from pixop_desktop.api.errors import PixopError
from pixop_desktop.api.retry import is_transient
from pixop_desktop.api.clips import choose_free_clip, is_free_clip

from ..fingerprint import fingerprint, name_token, originals_by_content
from ..previews import preview_video_ids
from ..reorder import dropped_order_ids
from ..model import Ingestion, Job, JobError, JobNotFound, SourceKind, Stage
from . import current, import_rerun
from ..pipeline import Advance, AwaitApproval, Fail, Outcome, StageContext, is_ours, video_name

_CLIP_PAGE = 20  # derived videos asked per look for the free clip: one page, so one request
_RANGE_SLACK_MS = 100  # a processed range matches the asked one within this (rounding of durations)


def _find_video(job: Job, ctx: StageContext) -> str | None:
    """The video an earlier run of this job created (its name carries the job's uid), if any."""
    for summary in ctx.client.videos.iter_videos(project_id=job.project_id):
        if is_ours(summary.name, job) and not summary.parent_id:
            return summary.id
    return None


def _find_same_content(job: Job, ctx: StageContext, token: str) -> str | None:
    """An original Pixop already holds with this file's content (its name carries the fingerprint).

    A watched folder sends a file once, whatever became of its ledger: when the watcher could not
    ask Pixop before queueing (a lost job store while Pixop was unreachable), the job adopts that
    video here, and the process stage then adopts its processing instead of ordering it again."""
    found = originals_by_content(ctx.client.videos.iter_videos(project_id=job.project_id)).get(token)
    return found.video_id if found is not None else None


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
    from pixop_desktop.transfer.probe import (EmptyFile, FileMissing, FileTooLarge, FileUnreadable,
                                              LocalFileRefused, preflight)

    try:
        preflight(job.source.path)
    except (FileMissing, FileUnreadable, EmptyFile, FileTooLarge) as refused:
        return Fail(JobError(refused.title, refused.message))
    except LocalFileRefused:
        return None  # "not a video" and the like: Pixop's ingestion tells
    return None


def _content_token(job: Job) -> str | None:
    """The local file's fingerprint as the name carries it (None if it cannot be read now: the
    upload then says why)."""
    try:
        return name_token(fingerprint(job.source.path))
    except OSError:
        return None


def create_video(job: Job, ctx: StageContext) -> Outcome:
    if job.video_id:
        return Advance()
    if (refused := _missing_source(job)) is not None:
        return refused
    token = _content_token(job)
    video_id = _find_video(job, ctx) if _rerun(job, ctx) else None
    if video_id is None and job.watch_rule_id and token:
        video_id = _find_same_content(job, ctx, token)
    if video_id is None:
        created = ctx.client.videos.create(name=video_name(job, token), project_id=job.project_id)
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
    from pixop_desktop.addresses import allow_private_from_env  # test-only switch, as the CLI's

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
    """Have Pixop copy the video from an HTTPS URL or S3; the copy is followed by wait_ingest.

    Sent once: a re-run first finds what an earlier run sent (``import_rerun``)."""
    if job.video_id:
        return Advance()
    found = None
    if _rerun(job, ctx) and not import_rerun.confirmed_by_retry(job, ctx):
        found = import_rerun.earlier_import(job, ctx, import_name(job))
        if isinstance(found, Fail):
            return found
    return Advance({"video_id": found or _start_import(job, ctx).id})


def approval(job: Job, ctx: StageContext) -> Outcome:
    return AwaitApproval()


# ----- the free 10-second clip of an import ------------------------------------------------

def _may_have_free_clip(job: Job, ctx: StageContext) -> bool:
    """Only imports get a free clip, and only the current API (an API key) lists it."""
    return job.source.kind is not SourceKind.LOCAL and bool(job.video_id) and ctx.client.has_api_key


def _record_free_clip(job: Job, ctx: StageContext, derived: Iterable) -> None:
    clip = choose_free_clip(v for v in derived if v.id != job.processed_video_id)
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
        videos = list(itertools.islice(derived, _CLIP_PAGE))  # never a second page
    except PixopError:
        return
    _record_free_clip(job, ctx, videos)


# ----- never ordering twice ----------------------------------------------------------------

def _derived(job: Job, ctx: StageContext) -> list | None:
    """Everything Pixop lists as derived from an import's master; None when it could not say.

    The list holds the free clip (to be kept apart from the processing this job ordered)
    and, read the SDK's way, the processed videos too. Only imports with an API key have one.
    """
    if not _may_have_free_clip(job, ctx):
        return []
    try:
        return list(ctx.client.imports.iter_derived(job.video_id))
    except PixopError:
        return None


def _wanted_range(job: Job) -> tuple[int, int | None]:
    clip = (job.processing or {}).get("range") or {}
    end = clip.get("endPositionMilliseconds")
    return int(clip.get("startPositionMilliseconds") or 0), None if end is None else int(end)


def _same_range(job: Job, video, source_ms) -> bool:
    """Was ``video`` made from the part of the source this job asks for (as far as Pixop says)?

    A second defence behind the clip marks: the free clip is the first 10 s, a processed
    video of the whole source is not. Unknown values never reject.
    """
    params = video.processing.processing_parameters if video.processing else None
    made = params.source_video if params else None
    if made is None:
        return True
    start, end = _wanted_range(job)
    if (made.start_position_milliseconds or 0) != start:
        return False
    end = end if end is not None else source_ms()
    made_end = made.end_position_milliseconds
    return end is None or made_end is None or abs(made_end - end) <= _RANGE_SLACK_MS


def _source_ms(job: Job, ctx: StageContext):
    """The master's duration, asked once and only when a child's range needs it."""
    seen: list = []

    def duration():
        if not seen:
            try:
                metadata = ctx.client.videos.get(job.video_id).metadata
            except PixopError as exc:
                if is_transient(exc):  # unknown now is not "none": a range could be judged wrongly
                    raise
                metadata = None
            seen.append(metadata.duration_in_millis if metadata else None)
        return seen[0]
    return duration


def _candidates(job: Job, children: Iterable, derived: Iterable, clips: set[str]) -> list[str]:
    """Ids that may be this job's processing: v1 children and derived non-clips, clips left out."""
    ids: list[str] = []
    for video in itertools.chain(children, derived):
        if getattr(video, "parent_id", None) not in (None, job.video_id) or video.id in clips:
            continue  # a server that ignores the filter, or the free clip
        if video.id not in ids:
            ids.append(video.id)
    return ids


def _free_clip_ids(job: Job, ctx: StageContext) -> set[str]:
    """The import's free clips, never to be taken for this job's processing (recorded too).
    A list Pixop could not give leaves only the clip on record: the current API's re-run
    adopts by this job's tag, which the clip's name does not carry."""
    derived = _derived(job, ctx) or []
    _record_free_clip(job, ctx, derived)
    clips = {v.id for v in derived if is_free_clip(v)} | ({job.free_clip_id} if job.free_clip_id else set())
    return clips | preview_video_ids(ctx.store, job.video_id)


def _existing_processed(job: Job, ctx: StageContext) -> str | None:
    """A processed video Pixop already made (or is making) from this job's video, for this request.

    Asked from both sides: the v1 children (``?parent-id=``) and the derived list (the SDK
    lists processed videos there too). Clips, marked either way, are never candidates.
    """
    children = list(ctx.client.videos.iter_videos(parent_id=job.video_id))
    derived = _derived(job, ctx)  # asked second: a clip made meanwhile is not among the children
    if derived is None and not job.free_clip_id:
        if not _rerun(job, ctx):
            return None  # nothing ordered yet, and a child now may be the clip: never adopt it
        derived = list(ctx.client.imports.iter_derived(job.video_id))  # an error: retried later
    derived = derived or []  # unlisted, but the clip is on record: it is left out below
    _record_free_clip(job, ctx, derived)
    clips = {v.id for v in derived if is_free_clip(v)} | ({job.free_clip_id} if job.free_clip_id else set())
    clips |= preview_video_ids(ctx.store, job.video_id)  # a preview a person asked for is not the order
    clips |= dropped_order_ids(ctx.store, job.id)  # an order Pixop ended, set aside by "Order again"
    source_ms = _source_ms(job, ctx)
    for candidate in _candidates(job, children, derived, clips):
        try:
            video = ctx.client.videos.get(candidate)
        except PixopError as exc:
            if is_transient(exc):  # passing it over would order (and pay) again: look next run
                raise
            continue  # gone or not ours
        state = video.processing.processing_state if video.processing else None
        if state is not None and _same_range(job, video, source_ms):
            return candidate
    return None


def process(job: Job, ctx: StageContext) -> Outcome:
    """Order processing once: a processed child already listed is adopted, never ordered twice."""
    if job.processed_video_id:
        return Advance()
    if current.follows_current_api(job, ctx):
        dropped = dropped_order_ids(ctx.store, job.id)  # orders Pixop ended, set aside by "Order again"
        rerun = _rerun(job, ctx) or bool(dropped)
        return current.process(job, ctx, rerun, (_free_clip_ids(job, ctx) | dropped) if rerun else set())
    processed_id = _existing_processed(job, ctx)
    if processed_id is None:
        given = ctx.store.server_urls(job.id).get("processVideoUrl")
        order = ctx.client.videos.process(job.video_id, job.processing, url=given)
        processed_id = order.processed_video_id
        ctx.store.set_server_urls(job.id, {"checkProgressUrl": order.check_progress_url,
                                           "downloadMediaUrl": order.download_media_url})
    return Advance({"processed_video_id": processed_id})


def finished(job: Job, ctx: StageContext) -> Outcome:
    return Advance()


__all__ = ["approval", "choose_free_clip", "create_video", "finished", "import_source", "process", "Stage"]
