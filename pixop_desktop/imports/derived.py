"""The free 10-second clip Pixop makes after an import (seed 003, "Free 10-Second Clip").

The clip is a separate video under its master (``GET /v1/videos/{id}/derived``). It appears a
little after the import is ingested, and never when the team has it disabled — so we look for
a bounded time and then say plainly that there is none.

The derived list is read two ways at once. The sandbox's first reading lists clips only, each
typed ``FREE_CLIP``; Pixop's SDK (OpenAPI 1.0.1) lists *every* related video of a master —
processed ones too — and marks clips with ``flags.isClip`` / ``clipId``, with no ``type``. So a
derived video is taken for the free clip only when it is marked as a clip, and a processed
video (``flags.isProcessed`` without ``isClip``) never is: taking it would hide the processing
a job ordered and make the pipeline order it a second time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient
    from pixop_desktop.api.models import DerivedVideo

POLL_SECONDS = 0.5
FREE_CLIP_TYPE = "FREE_CLIP"


def _clip_rank(video) -> int | None:
    """How surely ``video`` is a clip: 0 typed FREE_CLIP, 1 flagged isClip, 2 only a clipId; None: not one."""
    if str(getattr(video, "type", None) or "").upper() == FREE_CLIP_TYPE:
        return 0
    flags = getattr(video, "flags", None)
    if flags is not None and flags.is_clip:
        return 1
    if flags is not None and flags.is_processed:
        return None  # processed (e.g. from a clip: it names the clip in clipId), not the clip itself
    return 2 if getattr(video, "clip_id", None) else None


def is_free_clip(video) -> bool:
    """Is this derived video marked as a clip (either shape), rather than a processed video?"""
    return _clip_rank(video) is not None


def free_clips(videos: Iterable) -> list:
    """The derived videos marked as clips, the surest first (a stable order otherwise)."""
    ranked = [(rank, n, video) for n, video in enumerate(videos) if (rank := _clip_rank(video)) is not None]
    return [video for _, _, video in sorted(ranked, key=lambda item: item[:2])]


def choose_free_clip(videos: Iterable):
    """The free clip among a master's derived videos, or None (processed videos never count)."""
    clips = free_clips(videos)
    return clips[0] if clips else None


def derived_clips(client: PixopClient, video_id: str) -> list[DerivedVideo]:
    """The master's derived videos that are clips (the SDK lists processed ones there too)."""
    return free_clips(client.imports.iter_derived(video_id))


def wait_for_derived(client: PixopClient, video_id: str, timeout: float, *,
                     pause: Callable[[float], object] | None = None,
                     clock: Callable[[], float] = time.monotonic) -> list[DerivedVideo]:
    """The master's derived clips, waiting up to ``timeout`` seconds for the first one."""
    pause = pause or threading.Event().wait
    deadline = clock() + max(0.0, timeout)
    while True:
        clips = derived_clips(client, video_id)
        if clips or clock() >= deadline:
            return clips
        pause(min(POLL_SECONDS, max(0.0, deadline - clock())))
