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
from collections.abc import Callable
from typing import TYPE_CHECKING

from pixop_desktop.api.clips import free_clips

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient
    from pixop_desktop.api.models import DerivedVideo

POLL_SECONDS = 0.5

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
