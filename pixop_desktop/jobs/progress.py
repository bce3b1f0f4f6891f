"""Speed and ETA of a transfer: a rolling average over the last few seconds."""

from __future__ import annotations

import time
from collections import deque


class ProgressMeter:
    """Feed it (bytes done, total); it answers (bytes/s, seconds left) — None until it knows."""

    def __init__(self, window: float = 5.0, clock=time.monotonic) -> None:
        self.window, self._clock = window, clock
        self._samples: deque[tuple[float, int]] = deque()

    def update(self, done: int, total: int | None) -> tuple[float | None, float | None]:
        now = self._clock()
        if self._samples and done < self._samples[-1][1]:
            self._samples.clear()  # the transfer restarted (a retry sends the file again)
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[0][0] > self.window:
            self._samples.popleft()
        first_time, first_done = self._samples[0]
        elapsed = now - first_time
        if elapsed <= 0:
            return None, None
        speed = (done - first_done) / elapsed
        eta = (total - done) / speed if total and speed > 0 else None
        return speed, eta
