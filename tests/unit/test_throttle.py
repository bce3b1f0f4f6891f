"""The shared bandwidth limiter: accuracy (injected clock), live changes, 0 = unlimited, threads."""

from __future__ import annotations

import threading
import time

import pytest

from pixop_desktop.transfer.throttle import BandwidthLimiter, default_limiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def drain(limiter: BandwidthLimiter, clock: FakeClock, seconds: float, piece: int) -> int:
    """Send ``piece``-sized chunks as fast as allowed for ``seconds`` of fake time."""
    sent, end = 0, clock.now + seconds
    while clock.now < end:
        wait = limiter.try_acquire(piece)
        if wait:
            clock.now += wait
        else:
            sent += piece
    return sent


@pytest.mark.parametrize("piece", [1000, 64 * 1024, 1 << 20])
def test_rate_is_accurate(piece):
    clock = FakeClock()
    limiter = BandwidthLimiter(500_000, clock=clock)
    sent = drain(limiter, clock, 20.0, piece)
    assert sent == pytest.approx(500_000 * 20, rel=0.06)


def test_rate_changes_live():
    clock = FakeClock()
    limiter = BandwidthLimiter(100_000, clock=clock)
    slow = drain(limiter, clock, 10.0, 4096)
    limiter.set_rate(400_000)
    fast = drain(limiter, clock, 10.0, 4096)
    assert slow == pytest.approx(1_000_000, rel=0.05)
    assert fast == pytest.approx(4_000_000, rel=0.05)


def test_zero_means_unlimited():
    clock = FakeClock()
    limiter = BandwidthLimiter(0, clock=clock)
    assert all(limiter.try_acquire(1 << 30) == 0 for _ in range(100))
    assert limiter.acquire(1 << 40)
    limiter.set_rate(1000)
    limiter.try_acquire(1000)
    assert limiter.try_acquire(1000) > 0
    limiter.set_rate(0)
    assert limiter.try_acquire(1000) == 0


def test_negative_rate_is_refused():
    with pytest.raises(ValueError):
        BandwidthLimiter(-1)


def test_threads_share_one_budget():
    """Two threads pulling as fast as they can get about the rate together, not each."""
    limiter = BandwidthLimiter(2_000_000)
    totals = [0, 0]
    stop = threading.Event()

    def pull(index: int) -> None:
        while not stop.is_set():
            if limiter.acquire(16 * 1024, stop.is_set):
                totals[index] += 16 * 1024

    threads = [threading.Thread(target=pull, args=(i,)) for i in range(2)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # measuring a rate needs a measured span of real time
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    combined = sum(totals)
    burst = 2_000_000 * BandwidthLimiter.BURST_SECONDS
    assert combined <= 2_000_000 * elapsed + burst + 32 * 1024
    assert combined >= 2_000_000 * elapsed * 0.6
    assert min(totals) > 0


def test_a_waiting_transfer_picks_up_a_new_rate_at_once():
    limiter = BandwidthLimiter(1)  # one byte a second: a 1 MB chunk would wait ~forever
    limiter.try_acquire(1)
    done = threading.Event()
    thread = threading.Thread(target=lambda: (limiter.acquire(1 << 20), done.set()))
    thread.start()
    limiter.set_rate(0)
    assert done.wait(2)
    thread.join()


def test_cancelled_wait_returns_false():
    limiter = BandwidthLimiter(1)
    limiter.try_acquire(1)
    assert limiter.acquire(1 << 20, lambda: True) is False


def test_default_limiter_is_one_per_process():
    assert default_limiter() is default_limiter()
    assert default_limiter().rate == 0
