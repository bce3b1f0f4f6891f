"""Which of a master's derived videos is its free clip: a reading of Pixop's answer.

Two shapes are seen: the seed's ``type: FREE_CLIP``, and the SDK's ``flags.isClip`` /
``clipId``. A processed video is never a clip, even when it names the clip it came from.
Pure functions on the models, so the pipeline (jobs/) and imports/ both ask here.
"""

from __future__ import annotations

from collections.abc import Iterable

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
