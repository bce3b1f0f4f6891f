"""services.runner: a runner with the saved limits, a command line option winning for one run."""

from __future__ import annotations

import pytest

from pixop_desktop.jobs.pipeline import PollPolicy
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.services.runner import apply_bandwidth_limit, make_runner, runner_limits
from pixop_desktop.settings import Settings
from pixop_desktop.transfer.throttle import default_limiter


@pytest.fixture
def limiter():
    limiter = default_limiter()
    yield limiter
    limiter.set_rate(0)


def test_the_saved_limit_unless_one_is_given(limiter):
    settings = Settings(bandwidth_limit_mbps=8)
    assert apply_bandwidth_limit(settings) is limiter and limiter.rate == 1_000_000
    apply_bandwidth_limit(settings, 0)
    assert limiter.rate == 0
    apply_bandwidth_limit(settings, 80)
    assert limiter.rate == 10_000_000
    apply_bandwidth_limit(Settings(bandwidth_limit_mbps=0.024))
    assert limiter.rate == 3000


def test_parallel_transfers_from_settings_unless_given():
    settings = Settings(parallel_uploads=3, parallel_downloads=4)
    assert (runner_limits(settings).uploads, runner_limits(settings).downloads) == (3, 4)
    limits = runner_limits(settings, uploads=1, downloads=8)
    assert (limits.uploads, limits.downloads) == (1, 8)


def test_make_runner_is_not_started_and_carries_everything(tmp_path, client, limiter):
    settings = Settings(parallel_uploads=3, bandwidth_limit_mbps=16)
    poll = PollPolicy(first=0.1, longest=1.0)
    with JobStore(tmp_path / "q.sqlite3") as store:
        runner = make_runner(store, client, settings, server="https://api.pixop.com", poll=poll,
                             downloads=5, only_jobs=[3, 4])
        assert runner.limits.uploads == 3 and runner.limits.downloads == 5
        assert runner.poll is poll and runner.only_jobs == frozenset({3, 4})
        assert runner.server == "https://api.pixop.com" and limiter.rate == 2_000_000
        assert runner._thread is None  # not started
