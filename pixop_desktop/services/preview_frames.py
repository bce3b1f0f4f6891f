"""Frames of a preview's two sides by time, decoded with PyAV (Qt-free; the viewer's worker thread calls it).

Both sides are read on one clock: seconds from the start of the previewed range. The
original's range starts somewhere in the file (``start_s``); the processed piece starts at
its own beginning. ``frame_at(t)`` gives the frame on screen at ``t`` — the last one that
started at or before it — so a result at another frame rate (50 fps from 25) still shows
the moment the original shows. Stepping forward decodes on; going back or far ahead seeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

MAX_WIDTH = 3840  # bigger frames are scaled down here: nobody's screen shows more
_FAR_AHEAD_S = 2.0  # further than this, a seek is quicker than decoding on


@dataclass(frozen=True)
class Picture:
    """One decoded frame as packed RGB (``stride`` bytes a line)."""

    time_s: float  # on the preview's clock
    width: int
    height: int
    stride: int
    rgb: bytes


class FrameReader:
    """One file's frames by time on the preview's clock. Not thread-safe: one thread uses it."""

    def __init__(self, path: str | Path, start_s: float = 0.0) -> None:
        self.container = av.open(str(path))
        self.stream = self.container.streams.video[0]
        self.stream.thread_type = "AUTO"
        first = self.stream.start_time
        self.base_s = (float(first * self.stream.time_base) if first is not None else 0.0) + start_s
        rate = self.stream.average_rate or self.stream.guessed_rate or Fraction(25)
        self.fps = float(rate)
        self._frames = None          # the decoding iterator, from the last seek
        self._current = None         # (time, frame) on screen
        self._ahead = None           # (time, frame) decoded but not yet due
        self._picture: Picture | None = None

    @property
    def display_aspect(self) -> float:
        ctx = self.stream.codec_context
        sar = ctx.sample_aspect_ratio or Fraction(1)
        return float(ctx.width * sar) / ctx.height if ctx.height else 16 / 9

    def close(self) -> None:
        self.container.close()

    def frame_at(self, t: float) -> Picture | None:
        """The frame on screen ``t`` seconds into the range (the first one before it starts)."""
        target = self.base_s + t + 1e-3  # a frame due within a millisecond counts as due
        if self._current is None or target < self._current[0] or target - self._current[0] > _FAR_AHEAD_S:
            self._seek(target)
        while True:
            upcoming = self._ahead or self._next()
            if upcoming is None or (upcoming[0] > target and self._current is not None):
                self._ahead = upcoming
                break
            self._current, self._ahead = upcoming, None
        return self._as_picture()

    def _seek(self, target: float) -> None:
        offset = int(max(0.0, target - 0.001) / self.stream.time_base)
        self.container.seek(offset, stream=self.stream, backward=True, any_frame=False)
        self._frames = self.container.decode(self.stream)
        self._current = self._ahead = None

    def _next(self):
        try:
            frame = next(self._frames)
        except (StopIteration, av.error.EOFError):
            return None
        time = frame.time if frame.time is not None else (self._current[0] + 1 / self.fps if self._current else 0.0)
        return time, frame

    def _as_picture(self) -> Picture | None:
        if self._current is None:
            return None
        time, frame = self._current
        if self._picture is not None and self._picture.time_s == time - self.base_s:
            return self._picture
        width, height = frame.width, frame.height
        if width > MAX_WIDTH:
            width, height = MAX_WIDTH, max(2, round(height * MAX_WIDTH / width))
        rgb = frame.reformat(width=width, height=height, format="rgb24")
        plane = rgb.planes[0]
        self._picture = Picture(time - self.base_s, width, height, plane.line_size, bytes(plane))
        return self._picture


def frame_count(duration_s: float, fps: float) -> int:
    """How many original frames the range holds (at least one)."""
    return max(1, round(duration_s * fps))
