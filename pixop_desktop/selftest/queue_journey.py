"""The self-test's second journey: what the app does unattended, in the frozen bundle too.

A watched folder (rule → ledger → job in the SQLite store), the runner's threads taking the job
through upload, processing and download, and a download cut in the middle and resumed from its
partial file. It runs against the same in-process sandbox as the first journey.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .report import WAIT_SECONDS, CheckFailed

PROCESSING = {"resolution": {"tag": "2x"}}
CUT_AFTER = 1024  # bytes of the first download attempt before the connection drops


def run_queue_journey(scratch: Path, clip: Path, box, client) -> str:
    """Watched folder → job → runner → result, with one resumed download; a one-line report."""
    from pixop_desktop.jobs.model import State
    from pixop_desktop.jobs.pipeline import PollPolicy
    from pixop_desktop.jobs.runner import Limits, RetryRule, Runner
    from pixop_desktop.jobs.store import JobStore
    from pixop_desktop.watch.ledger import Ledger
    from pixop_desktop.watch.rules import WatchRule
    from pixop_desktop.watch.watcher import RuleWatcher

    incoming, results = scratch / "watched", scratch / "results"
    incoming.mkdir(exist_ok=True)
    shutil.copy2(clip, incoming / "watched.mp4")
    rule = WatchRule(folder=str(incoming), settle_seconds=0, processing=PROCESSING,
                     output_folder=str(results))
    with JobStore(scratch / "self-test-queue.sqlite3") as store:
        watcher = RuleWatcher(rule, store, Ledger(store))
        for _ in range(3):  # settle 0: a later pass takes what an earlier one saw
            watcher.poll()
        jobs = store.list_jobs()
        if len(jobs) != 1:
            raise CheckFailed(f"the watched folder made {len(jobs)} jobs instead of 1")
        box.faults.cut_downloads(1, after_bytes=CUT_AFTER)
        runner = Runner(store, client, poll=PollPolicy(first=0.05, factor=1.5, longest=0.3),
                        retry=RetryRule(max_attempts=3, first_delay=0.2, longest=1.0),
                        limits=Limits(uploads=1, downloads=1, polls=2, control=1), tick=0.05)
        with runner:
            if not runner.wait_for([jobs[0].id], timeout=WAIT_SECONDS):
                raise CheckFailed(f"the queued job did not finish within {WAIT_SECONDS:.0f} s")
        job = store.get(jobs[0].id)
    if job.state is not State.DONE:
        raise CheckFailed(f"the queued job ended {job.state.value}: {job.error}")
    resumed = [start for start in box.faults.download_starts() if start > 0]
    if not resumed:
        raise CheckFailed("the cut download started again from zero instead of resuming")
    return (f"watched folder → job {job.id} → {Path(job.output_path).name}; the cut download resumed "
            f"at byte {resumed[-1]}")
