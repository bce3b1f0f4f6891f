"""Preview 10 seconds: a short piece of a job's video processed with the job's settings.

The cheapest honest way to see a result before paying for all of it: a separate order of
Pixop's processing on a clip range of the video already on Pixop, downloaded into the app's
cache (``cache_dir()/previews/<job uid>/``; removed with the job, old ones tidied up by
``jobs.preview_files``), never mixed with the job's real result. The
order is recorded (``jobs.previews``) so that

- the job's process stage never adopts it as the job's own processing, and
- asking for the same preview again reuses the order and the file instead of paying twice.

The "before" side is the same range of the original: the file on this computer, or for an
import (nothing local) the free 10-second clip Pixop made of its start — the preview then
covers those same first seconds. Qt-free: the window runs ``make_preview`` on a pool thread.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pixop_desktop.errors import UserFacingError
from pixop_desktop.i18n import QT_TRANSLATE_NOOP
from pixop_desktop.jobs.model import Job, SourceKind
from pixop_desktop.jobs.preview_files import job_folder, prune_once
from pixop_desktop.jobs.previews import record_preview, recorded_preview

PREVIEW_MS = 10_000
PREVIEW_LIMIT_S = 15 * 60  # a 10-second piece that takes longer has a problem worth telling
_PART_SUFFIXES = (".part", ".json")

# Why a job has no preview now (None: it can have one). Marked for the window to translate.
NO_PROCESSING = QT_TRANSLATE_NOOP("Preview", "This video is only uploaded: there is no processing to preview.")
NOT_ON_PIXOP = QT_TRANSLATE_NOOP("Preview", "A preview can be made once the video is on Pixop.")
NO_ORIGINAL = QT_TRANSLATE_NOOP("Preview", "A preview of an import needs Pixop's free clip of it, "
                                           "and there is none (yet).")

Report = Callable[[str, "float | None"], None]  # (what is happening, percent or None)


class PreviewFailed(UserFacingError):
    """The preview could not be made; the message says why and what to try."""


class PreviewCancelled(Exception):
    """The person stopped waiting (the order stays recorded: asking again picks it up)."""


@dataclass(frozen=True)
class Preview:
    """A finished preview: where the two sides are and which part of the video they show."""

    job_id: int
    original: Path          # the "before" file
    original_start_ms: int  # where the range starts in ``original``
    result: Path            # the processed piece (starts at the range's start)
    start_ms: int           # the range in the job's video
    end_ms: int


def unavailable_reason(job: Job) -> str | None:
    """Why no preview can be made of ``job`` now, in plain words; None when one can."""
    if not job.processing:
        return NO_PROCESSING
    if not job.video_id:
        return NOT_ON_PIXOP
    return None


def preview_range(duration_ms: int | None, processing: dict | None = None,
                  length_ms: int = PREVIEW_MS) -> tuple[int, int]:
    """``length_ms`` from the middle of what the job processes (its clip range, else the whole)."""
    chosen = (processing or {}).get("range") or {}
    start = int(chosen.get("startPositionMilliseconds") or 0)
    end = chosen.get("endPositionMilliseconds")
    end = int(end) if end is not None else duration_ms
    if end is None:  # unknown length: the start is the one safe place
        return start, start + length_ms
    if end - start <= length_ms:
        return start, end
    first = start + (end - start - length_ms) // 2
    return first, first + length_ms


def preview_request(processing: dict, start_ms: int, end_ms: int) -> dict:
    """The job's processing limited to the range, checked as any order is."""
    from pixop_desktop.processing import ProcessingRequest
    from pixop_desktop.processing.model import ClipRange

    request = ProcessingRequest.from_json(processing)
    limited = request.with_changes(range=ClipRange(start_position_milliseconds=start_ms,
                                                   end_position_milliseconds=end_ms))
    return limited.to_json()


def preview_key(video_id: str, request: dict) -> str:
    """Same video, same settings, same range → the same key (the order and the file are reused)."""
    text = json.dumps({"video": video_id, "request": request}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def preview_folder(job: Job) -> Path:
    return job_folder(job.uid)


def _finished_file(folder: Path) -> Path | None:
    if not folder.is_dir():
        return None
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(_PART_SUFFIXES))
    return files[0] if files else None


# ----- the pieces of one preview ---------------------------------------------------------

def _duration_ms(client, job: Job) -> int | None:
    """The video's length as Pixop measured it (the local probe's when Pixop does not say)."""
    metadata = client.videos.get(job.video_id).metadata if client.has_v1_credentials else None
    if metadata is not None and metadata.duration_in_millis:
        return int(metadata.duration_in_millis)
    if job.source.kind is SourceKind.LOCAL:
        from pixop_desktop.transfer.probe import preflight

        return preflight(job.source.path).duration_ms
    return None


def _clip_ms(path: Path) -> int:
    from pixop_desktop.transfer.probe import preflight

    return min(PREVIEW_MS, preflight(path).duration_ms or PREVIEW_MS)


def _uses_current_api(job: Job, client) -> bool:
    """Imports live in the current API (as the pipeline follows them); uploads in v1."""
    return job.source.kind is not SourceKind.LOCAL and client.has_api_key


def _order(client, job: Job, request: dict) -> str:
    """Order the preview's processing (one order: never retried blindly); the processed id."""
    if _uses_current_api(job, client):
        from pixop_desktop.api.current_options import NotExpressible, to_current

        try:
            options, query = to_current(request)
        except NotExpressible as refused:
            raise PreviewFailed(refused.title, refused.message) from refused
        # Named without the job's tag: the job's own re-run adopts only names carrying it.
        name = f"{job.source.file_name or 'video'} (preview)"[:240]
        return client.imports.start_processing(job.video_id, options, query=query, video_name=name).video_id
    return client.videos.process(job.video_id, request).processed_video_id


def _status(client, job: Job, processed_id: str):
    """(status word, percent, reason) of the preview's processing."""
    if _uses_current_api(job, client):
        answer = client.imports.processing_status(processed_id)
        state = answer.processing_state
        return answer.status, (state.progress_percentage if state else None), (state.error if state else None)
    state = client.videos.processing_progress(processed_id).processing_state
    return state.processing_status, state.processing_progress_percent, state.error_message


def _wait(client, job: Job, processed_id: str, report: Report, cancelled: Callable[[], bool],
          poll: float, sleep: Callable[[float], None]) -> None:
    from pixop_desktop.api.states import ENDED, Phase, phase_of, reason_text

    deadline = time.monotonic() + PREVIEW_LIMIT_S
    while True:
        status, percent, reason = _status(client, job, processed_id)
        phase = phase_of(status)
        if phase is Phase.DONE:
            return
        if phase in ENDED:
            raise PreviewFailed(QT_TRANSLATE_NOOP("Preview", "Pixop could not make the preview"),
                                reason_text(reason) or QT_TRANSLATE_NOOP(
                                    "Preview", "Try other settings, or process the whole video."))
        if time.monotonic() > deadline:
            raise PreviewFailed(QT_TRANSLATE_NOOP("Preview", "The preview takes too long"),
                                QT_TRANSLATE_NOOP("Preview", "Pixop has not finished it; try again later."))
        report(QT_TRANSLATE_NOOP("Preview", "Pixop is processing the preview…"), percent)
        _sleep_unless_cancelled(poll, cancelled, sleep)


def _sleep_unless_cancelled(seconds: float, cancelled: Callable[[], bool], sleep) -> None:
    end = time.monotonic() + seconds
    while True:
        if cancelled():
            raise PreviewCancelled()
        left = end - time.monotonic()
        if left <= 0:
            return
        sleep(min(left, 0.1))


def _download(client, job: Job, video_id: str, folder: Path, cancelled: Callable[[], bool]) -> Path:
    """Fetch a processed piece (or an import's free clip) into ``folder``; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    if _uses_current_api(job, client):
        from pixop_desktop.transfer.filenames import safe_file_name
        from pixop_desktop.transfer.signed_download import SignedDownload

        get_link = lambda: client.imports.download_link(video_id)  # noqa: E731
        name = safe_file_name(get_link().suggested_file_name, f"video-{video_id}.mp4")
        return SignedDownload(client, video_id, get_link, folder / name, cancelled=cancelled).run()
    from pixop_desktop.transfer.download import download_media

    return download_media(client, video_id, folder, cancel=cancelled).path


def _original(client, store, job: Job, cancelled: Callable[[], bool],
              wait: Callable[[str], None]) -> tuple[Path, int | None]:
    """The "before" file: the local source (start at the range), or an import's free clip (from 0)."""
    if job.source.kind is SourceKind.LOCAL:
        path = Path(job.source.path)
        if not path.is_file():
            raise PreviewFailed(QT_TRANSLATE_NOOP("Preview", "The original file is gone"),
                                str(path))
        return path, None
    folder = preview_folder(job) / "original"
    if (found := _finished_file(folder)) is not None:
        return found, 0
    clip_id = _free_clip_id(client, store, job)
    wait(clip_id)  # listed as soon as Pixop starts making it
    return _download(client, job, clip_id, folder, cancelled), 0


def _free_clip_id(client, store, job: Job) -> str:
    """The import's free clip: on record, else asked of Pixop now (and recorded, as the pipeline does).

    A job waiting for approval stopped looking at its ingestion, often before Pixop listed the clip."""
    if job.free_clip_id:
        return job.free_clip_id
    from pixop_desktop.api.clips import choose_free_clip

    clip = choose_free_clip(client.imports.iter_derived(job.video_id)) if client.has_api_key else None
    if clip is None:
        raise PreviewFailed(QT_TRANSLATE_NOOP("Preview", "No preview for this video"), NO_ORIGINAL)
    store.set_free_clip(job.id, clip.id)
    return clip.id


def make_preview(client, store, job: Job, *, report: Report | None = None,
                 cancelled: Callable[[], bool] = lambda: False, poll: float = 2.0,
                 sleep: Callable[[float], None] = time.sleep) -> Preview:
    """Blocking (a pool thread): order (or reuse), wait for and fetch the preview of ``job``.

    Raises ``PreviewFailed`` (plain words), ``PreviewCancelled``, or the client's ``PixopError``.
    """
    if (reason := unavailable_reason(job)) is not None:
        raise PreviewFailed(QT_TRANSLATE_NOOP("Preview", "No preview for this video"), reason)
    report = report or (lambda text, percent: None)
    prune_once(store, keep=[job.uid])  # the session's first preview tidies up the old ones (this thread)
    report(QT_TRANSLATE_NOOP("Preview", "Getting the original ready…"), None)
    wait = lambda video_id: _wait(client, job, video_id, report, cancelled, poll, sleep)  # noqa: E731
    original, original_start = _original(client, store, job, cancelled, wait)
    if original_start is None:
        start_ms, end_ms = preview_range(_duration_ms(client, job), job.processing)
    else:  # an import: the free clip is its first seconds, so the preview covers the same
        start_ms, end_ms = 0, _clip_ms(original)
    request = preview_request(job.processing, start_ms, end_ms)
    key = preview_key(job.video_id, request)
    folder = preview_folder(job) / key
    result = _finished_file(folder)
    if result is None:
        processed_id = recorded_preview(store, job.video_id, key)
        if processed_id is None:
            report(QT_TRANSLATE_NOOP("Preview", "Ordering the preview…"), None)
            processed_id = _order(client, job, request)
            record_preview(store, job.video_id, key, processed_id, start_ms, end_ms)
        wait(processed_id)
        report(QT_TRANSLATE_NOOP("Preview", "Fetching the preview…"), None)
        result = _download(client, job, processed_id, folder, cancelled)
    return Preview(job.id, original, start_ms if original_start is None else original_start, result,
                   start_ms, end_ms)
