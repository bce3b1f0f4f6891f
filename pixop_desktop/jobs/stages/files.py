"""Stages that move bytes or files: upload, download, after-action."""

from __future__ import annotations

from pathlib import Path

from pixop_desktop.transfer.download import download_media
from pixop_desktop.transfer.filenames import move_without_overwrite, numbered_names
from pixop_desktop.transfer.partfile import PART_SUFFIX, Sidecar
from pixop_desktop.transfer.upload import upload_file

from ..model import AfterAction, Ingestion, Job, JobError
from .current import download as current_download
from .current import follows_current_api
from ..pipeline import Advance, Fail, Outcome, StageContext
from ..templates import render, template_values

CONTAINER_EXT = {"mov": "mov", "mxf": "mxf", "mp4": "mp4", "mts": "ts", "ts": "ts", "mkv": "mkv"}


FILE_CHANGED_TITLE = "File changed"


def changed_since_queued(job: Job, path: Path) -> JobError | None:
    """The error for a file that is no longer what was queued (size or modification time differ).

    Sending it anyway would process something the person never looked at; Retry
    (``control.retry``) records the file as it is now and sends that.
    """
    try:
        info = path.stat()
    except OSError:
        return None  # missing or unreadable: the upload says so in its own words
    recorded = job.source
    if (recorded.size is None or recorded.size == info.st_size) and \
            (recorded.mtime_ns is None or recorded.mtime_ns == info.st_mtime_ns):
        return None
    return JobError(FILE_CHANGED_TITLE, f"“{path.name}” changed after it was added to the queue "
                                        "(size/time differ). Retry to send the file as it is now.")


def upload(job: Job, ctx: StageContext) -> Outcome:
    """Send the file to the job's video, unless Pixop already holds all of it."""
    path = Path(job.source.path)
    size = path.stat().st_size if path.exists() else None
    held = ctx.client.videos.get(job.video_id).upload
    if held is not None and held.has_finished_uploading and size is not None and held.file_size == size:
        return Advance()
    if (changed := changed_since_queued(job, path)) is not None:
        return Fail(changed)
    light = job.ingestion is Ingestion.LIGHT
    given = ctx.store.server_urls(job.id).get("uploadLightMediaUrl" if light else "uploadMediaUrl")
    result = upload_file(ctx.client, job.video_id, path, light=light, progress=ctx.progress,
                         cancel=ctx.cancelled, limiter=ctx.limiter, url=given)
    ctx.store.set_server_urls(job.id, {"checkIngestProgressUrl": result.server.check_ingest_progress_url,
                                       "processVideoUrl": result.server.process_video_url})
    return Advance()


def _part_of(path: Path) -> list[Path]:
    part = path.with_name(path.name + PART_SUFFIX)
    return [p for p in (part, Sidecar.path_for(part)) if p.exists()]


def _result_shape(job: Job, ctx: StageContext) -> tuple[int | None, int | None, str | None]:
    """(width, height, extension) of the processed video, from what Pixop says about it."""
    video = ctx.client.videos.get(job.processed_video_id)
    meta = video.ingestion.metadata if video.ingestion else None
    params = video.processing.processing_parameters if video.processing else None
    target = params.target_video if params else None
    width = (meta.frame_width if meta else None) or (target.frame_width if target else None)
    height = (meta.frame_height if meta else None) or (target.frame_height if target else None)
    container = target.container.name if target and target.container else None
    ext = CONTAINER_EXT.get((container or "").lower())
    if ext is None and "." in job.source.file_name:
        ext = job.source.file_name.rsplit(".", 1)[1]
    return width, height, ext


def _plan_output(job: Job, ctx: StageContext) -> Path:
    """A free file name in the output folder, from the job's template."""
    width, height, ext = _result_shape(job, ctx)
    name = render(job.name_template, template_values(job.source.file_name, preset=job.preset,
                                                     width=width, height=height, ext=ext))
    folder = Path(job.output_folder)
    folder.mkdir(parents=True, exist_ok=True)
    for candidate in numbered_names(name):
        path = folder / candidate
        if not path.exists() and not _part_of(path):
            return path
    raise AssertionError("unreachable")


def download(job: Job, ctx: StageContext) -> Outcome:
    """Fetch the result to the planned file, resuming its ``.part``; a finished file counts as done."""
    if job.output_folder is None:
        return Advance()
    if follows_current_api(job, ctx):  # an import: the signed link of the current API
        return current_download(job, ctx)
    if job.output_path:
        path = Path(job.output_path)
        if path.exists() and not _part_of(path):
            return Advance()  # renamed into place before a crash could record it
    else:
        path = _plan_output(job, ctx)
        ctx.store.set_output_path(job.id, str(path))  # before the first byte: a restart resumes it
    result = download_media(ctx.client, job.processed_video_id, path, progress=ctx.progress,
                            cancel=ctx.cancelled, limiter=ctx.limiter,
                            url=ctx.store.server_urls(job.id).get("downloadMediaUrl"))
    return Advance({"output_path": str(result.path)})


def after_action(job: Job, ctx: StageContext) -> Outcome:
    """Leave the source, or move it to the Done folder (never over an existing file)."""
    if job.after_action is AfterAction.MOVE and job.source.path:
        source = Path(job.source.path)
        if source.exists():  # gone already: moved by a run that crashed before recording it
            folder = Path(job.done_folder)
            try:
                folder.mkdir(parents=True, exist_ok=True)
                move_without_overwrite(source, folder, source.name)
            except OSError as exc:  # on Windows: open in a player or Explorer's preview
                return Fail(JobError(
                    "Could not move the original",
                    f"The result is ready, but “{source.name}” could not be moved to {folder} "
                    f"({exc.strerror or exc}). Another program may have it open: close it, then "
                    "choose Retry."))
    return Advance()
