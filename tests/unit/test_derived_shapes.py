"""The free clip among a master's derived videos, in both shapes Pixop may send.

The sandbox's first reading types clips ``FREE_CLIP``; Pixop's SDK (OpenAPI 1.0.1) lists every
related video, processed ones too, and marks clips with ``flags.isClip`` / ``clipId``.
"""

from __future__ import annotations

from pixop_desktop.api.models import DerivedVideo
from pixop_desktop.api.clips import choose_free_clip, free_clips, is_free_clip


def _videos(*items: dict) -> list[DerivedVideo]:
    return [DerivedVideo.model_validate(item) for item in items]


PROCESSED = {"id": "p1", "flags": {"isProcessed": True, "isClip": False}, "clipId": None}
CLIP = {"id": "c1", "flags": {"isClip": True, "isProcessed": False}, "clipId": "c1"}


def test_the_sdk_list_gives_the_flagged_clip_even_after_a_processed_video():
    assert choose_free_clip(_videos(PROCESSED, CLIP)).id == "c1"


def test_a_processed_video_is_never_the_free_clip_even_when_it_names_a_clip():
    processed_clip = {"id": "p2", "flags": {"isProcessed": True}, "clipId": "c1"}
    assert choose_free_clip(_videos(PROCESSED, processed_clip)) is None
    assert not is_free_clip(_videos(processed_clip)[0])


def test_an_unflagged_video_with_a_clip_id_or_the_old_type_is_a_clip():
    assert is_free_clip(_videos({"id": "c2", "clipId": "c2"})[0])
    assert choose_free_clip(_videos({"id": "c2", "clipId": "c2"}, {"id": "c3", "type": "FREE_CLIP"})).id == "c3"


def test_nothing_marked_is_no_clip():
    assert free_clips(_videos({"id": "x"}, {"id": "y", "flags": {}})) == []
