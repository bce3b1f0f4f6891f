"""What the Library does with a video Pixop already holds: fetch its media, or process it again.

Processing a video on Pixop goes through the queue like any other job — a job whose video
exists already, starting at the ingestion check — so ordering, waiting, the download and
"never order twice" are the pipeline's, not a second code path. Nothing is uploaded again.
With an API key alone the pipeline follows the job through Pixop's current API
(``jobs/stages/current.py``); ``key_only_refusal`` says beforehand what that API cannot order.
Qt-free: the window's Library calls it; a command could too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pixop_desktop.jobs.model import Job, Source, Stage


def processing_job(video: Any, processing: dict, *, preset: str | None = None,
                   output_folder: str | Path | None = None, server: str | None = None) -> Job:
    """A queue job that processes ``video`` (a listed original: ``id``, ``name``, ``filename``,
    ``project_id``) with ``processing`` and, with ``output_folder``, downloads the result.

    The source is named by the file the video was uploaded from (for the queue's Name column and
    the result's name template); the job never reads it: the video is on Pixop already.
    """
    name = video.filename or video.name or f"video-{video.id}"
    return Job(Source.local(name), processing=processing, preset=preset, project_id=video.project_id,
               output_folder=str(Path(output_folder).resolve()) if output_folder else None,
               video_id=video.id, stage=Stage.WAIT_INGEST, server=server)


def download_video(client: Any, video_id: str, folder: str | Path, original: bool,
                   limiter: Any = None) -> Path:
    """Fetch a video's original (``original``) or processed media into ``folder`` (resumable,
    validated; the name Pixop offers, made safe); the final path. Blocking: run it off the GUI thread."""
    from pixop_desktop.transfer.download import download_media
    from pixop_desktop.transfer.throttle import default_limiter

    Path(folder).mkdir(parents=True, exist_ok=True)
    limiter = limiter or default_limiter()  # the bandwidth limit every transfer shares
    return download_media(client, video_id, Path(folder), original=original, limiter=limiter).path


def key_only_refusal(client: Any, processing: dict) -> str | None:
    """Why ``processing`` cannot be ordered with the client's API key alone, or None when it can.

    Without email and password the order goes through Pixop's current API, which has no words
    for a few choices (``api.current_options``): said before ordering, so nothing is ordered
    that the queue would then fail."""
    if client is None or client.has_v1_credentials or not client.has_api_key:
        return None
    from pixop_desktop.api.current_options import NotExpressible, to_current

    try:
        to_current(processing)
    except NotExpressible as refused:
        return refused.message
    return None
