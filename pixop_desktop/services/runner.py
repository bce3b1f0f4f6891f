"""A queue runner with the limits a person saved, for ``run-queue``, ``upload --process`` and the window.

The saved Settings give the defaults (bandwidth, parallel uploads and
downloads, connections per download); a command line option overrides one for that run only. Every
transfer of the process shares one limiter (``throttle.default_limiter``), so
the bandwidth limit holds for direct transfers and queued ones alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pixop_desktop.jobs.pipeline import PollPolicy
from pixop_desktop.jobs.runner import Limits, Runner
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.services.keep_awake import Inhibitor, KeepAwake
from pixop_desktop.services.words import mbps_to_bytes_per_second
from pixop_desktop.settings import Settings

if TYPE_CHECKING:
    from pixop_desktop.transfer.throttle import BandwidthLimiter


def apply_bandwidth_limit(settings: Settings, mbps: float | None = None) -> BandwidthLimiter:
    """Set the limiter every transfer shares, running ones included: ``mbps`` if given (0 = none), else
    the saved limit. Returns that limiter."""
    from pixop_desktop.transfer.throttle import (
        default_limiter,  # the CLI starts fast without it
    )

    limiter = default_limiter()
    limiter.set_rate(mbps_to_bytes_per_second(settings.bandwidth_limit_mbps if mbps is None else mbps))
    return limiter


def apply_download_connections(settings: Settings, connections: int | None = None) -> int:
    """Byte ranges each large download fetches at once from now on: ``connections`` if given,
    else the saved setting. Returns the number applied (1-16)."""
    from pixop_desktop.transfer.segments import default_connections, set_default_connections

    set_default_connections(connections or settings.download_connections)
    return default_connections()


def runner_limits(settings: Settings, *, uploads: int | None = None, downloads: int | None = None) -> Limits:
    """Transfers at once: ``uploads``/``downloads`` if given, else the saved Settings (at least one each)."""
    return Limits(uploads=max(1, uploads or settings.parallel_uploads),
                  downloads=max(1, downloads or settings.parallel_downloads))


def make_runner(store: JobStore, client, settings: Settings, *, server: str, poll: PollPolicy | None = None,
                limit_mbps: float | None = None, uploads: int | None = None, downloads: int | None = None,
                only_jobs: Iterable[int] | None = None, inhibitor: Inhibitor | None = None,
                connections: int | None = None) -> Runner:
    """A runner for ``server`` with the person's limits (the bandwidth limit applied now); ``only_jobs``
    narrows it to those job ids.

    Not started: subscribe to ``runner.events`` first, then ``runner.start()``, so no event is missed.
    """
    limiter = apply_bandwidth_limit(settings, limit_mbps)
    apply_download_connections(settings, connections)
    runner = Runner(store, client, server=server, poll=poll or PollPolicy(), limiter=limiter,
                    limits=runner_limits(settings, uploads=uploads, downloads=downloads),
                    only_jobs=None if only_jobs is None else frozenset(only_jobs))
    # The computer stays awake while any job runs, and may sleep again once the runner stops
    # (jobs interrupted by the stop report no state change).
    awake = KeepAwake(runner.events, inhibitor)
    runner.on_stop.append(awake.close)
    return runner
