"""Imports followed through the current API (``/api/v1``, API key alone), stage by stage.

A video Pixop imported (HTTPS URL or S3) is followed with the same API that created it, so an
API key is all an import needs. So is a video already on Pixop (the Library's "Process…") when
the client has no email and password: ``in/status`` (copy and ingestion) → ``processing/start`` →
``processing/status`` → ``out/https`` (a signed link, fetched without credentials, CRC32C
checked). The processing request is translated by ``api.current_options``; a choice the
current API cannot express fails the job before anything is ordered.

Never ordered twice: a re-run of the process stage first asks Pixop what already exists —
the v1 children when email/password are there too, else the master's related videos
(``derived``: the SDK lists processed videos there as well as clips) — and adopts a
processed video named with this job's tag.
"""

from __future__ import annotations

from pathlib import Path

from pixop_desktop.api.current_options import NotExpressible, to_current
from pixop_desktop.transfer.filenames import safe_file_name

from ..model import Job, JobError, SourceKind
from ..pipeline import Advance, Fail, Outcome, StageContext, is_ours, video_name
from ..templates import render, template_values

def follows_current_api(job: Job, ctx: StageContext) -> bool:
    """Imports are followed through the current API (they exist only there; an API key made them);
    so is any job past its upload when only an API key is at hand (v1 needs email and password)."""
    if not ctx.client.has_api_key:
        return False
    return job.source.kind is not SourceKind.LOCAL or not ctx.client.has_v1_credentials

def processed_name(job: Job) -> str:
    """The processed video's name: carries the job's tag, which a re-run searches for."""
    return f"{video_name(job)[:230]} (processed)"

def _already_ordered(job: Job, ctx: StageContext, clips: set[str]) -> str | None:
    """A processed video this job ordered before (found by its tag), or None."""
    if ctx.client.has_v1_credentials:
        candidates = [(v.id, v.name) for v in ctx.client.videos.iter_videos(parent_id=job.video_id)]
    else:
        candidates = [(v.id, v.name) for v in ctx.client.imports.iter_derived(job.video_id)]
    for video_id, name in candidates:
        if video_id not in clips and is_ours((name or "").removesuffix(" (processed)"), job):
            return video_id
    return None

def process(job: Job, ctx: StageContext, rerun: bool, clips: set[str]) -> Outcome:
    if job.processed_video_id:
        return Advance()
    try:
        options, query = to_current(job.processing)
    except NotExpressible as refused:
        return Fail(JobError(refused.title, refused.message))
    if rerun and (found := _already_ordered(job, ctx, clips)) is not None:
        return Advance({"processed_video_id": found})
    started = ctx.client.imports.start_processing(job.video_id, options, query=query,
                                                  video_name=processed_name(job))
    return Advance({"processed_video_id": started.video_id})

def download(job: Job, ctx: StageContext) -> Outcome:
    """Fetch the result through ``out/https`` into the planned file (resumed from its ``.part``)."""
    from pixop_desktop.transfer.signed_download import SignedDownload

    if job.output_folder is None:
        return Advance()
    get_link = lambda: ctx.client.imports.download_link(job.processed_video_id)  # noqa: E731
    if job.output_path:
        path = Path(job.output_path)
        if path.exists() and not path.with_name(path.name + ".part").exists():
            return Advance()  # renamed into place before a crash could record it
    else:
        link = get_link()
        path = _plan_output(job, link.suggested_file_name)
        ctx.store.set_output_path(job.id, str(path))  # before the first byte: a restart resumes it
    final = SignedDownload(ctx.client, job.processed_video_id, get_link, path, progress=ctx.progress,
                           cancelled=ctx.cancelled, limiter=ctx.limiter).run()
    return Advance({"output_path": str(final)})

def _plan_output(job: Job, suggested: str | None) -> Path:
    """A free file name from the job's template; the extension from Pixop's (sanitised) name."""
    from pixop_desktop.transfer.filenames import numbered_names

    safe = safe_file_name(suggested, f"video-{job.processed_video_id}")
    ext = safe.rsplit(".", 1)[1] if "." in safe else None
    name = render(job.name_template, template_values(job.source.file_name, preset=job.preset, ext=ext))
    folder = Path(job.output_folder)
    folder.mkdir(parents=True, exist_ok=True)
    for candidate in numbered_names(name):
        path = folder / candidate
        if not path.exists() and not path.with_name(path.name + ".part").exists():
            return path
    raise AssertionError("unreachable")
