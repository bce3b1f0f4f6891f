"""One bandwidth limit shared by every transfer.

A token bucket: each transfer asks for the bytes it is about to move and is
made to wait until the bucket holds them. The rate can change while transfers
run (the settings panel applies it live); 0 means unlimited. The bucket holds
at most a quarter second of bytes so a transfer that was idle cannot burst far
above the limit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class BandwidthLimiter:
    """A thread-safe token bucket shared by all uploads and downloads."""

    BURST_SECONDS = 0.25

    def __init__(
        self,
        bytes_per_second: int = 0,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clock = clock
        self._changed = threading.Condition()
        self._rate = 0
        self._tokens = 0.0
        self._stamp = clock()
        self.set_rate(bytes_per_second)

    @property
    def rate(self) -> int:
        """Bytes per second; 0 means unlimited."""
        return self._rate

    def set_rate(self, bytes_per_second: int) -> None:
        """Change the limit now; waiting transfers pick it up at once."""
        if bytes_per_second < 0:
            raise ValueError("the bandwidth limit cannot be negative")
        with self._changed:
            self._refill()
            self._rate = int(bytes_per_second)
            self._tokens = min(self._tokens, self._capacity())
            self._changed.notify_all()

    def acquire(self, nbytes: int, cancelled: Callable[[], bool] | None = None) -> bool:
        """Wait until ``nbytes`` may be sent; False if ``cancelled()`` turned true."""
        with self._changed:
            while True:
                if cancelled is not None and self._rate and cancelled():
                    return False
                wait = self._take(nbytes)
                if wait <= 0:
                    return True
                # Woken early by set_rate; re-checks cancellation at least every 0.1 s.
                self._changed.wait(timeout=min(wait, 0.1))

    def try_acquire(self, nbytes: int) -> float:
        """Take ``nbytes`` now and return 0, or return the seconds to wait before asking again."""
        with self._changed:
            return self._take(nbytes)

    def _take(self, nbytes: int) -> float:
        if self._rate == 0:
            return 0.0
        self._refill()
        # Large chunks are let through once the bucket is full, going into
        # debt, so a chunk larger than the burst never waits forever.
        wanted = min(nbytes, self._capacity())
        if self._tokens >= wanted - 1e-6:  # float rounding must not leave a hair to wait for
            self._tokens -= nbytes
            return 0.0
        return (wanted - self._tokens) / self._rate

    def _capacity(self) -> float:
        return max(self._rate * self.BURST_SECONDS, 1.0)

    def _refill(self) -> None:
        now = self._clock()
        if self._rate:
            self._tokens = min(self._capacity(), self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now


_DEFAULT = BandwidthLimiter(0)


def default_limiter() -> BandwidthLimiter:
    """The process-wide limiter every transfer shares unless told otherwise.

    Settings apply the user's limit live with ``default_limiter().set_rate(n)``.
    """
    return _DEFAULT
