"""services.batch: "3 of 12 done · 1.2 GB left · about 14 min" counted from the jobs."""

from __future__ import annotations

from pixop_desktop.jobs.model import Job, Progress, Source, Stage, State
from pixop_desktop.services.batch import batch_progress


def job(state, stage=Stage.UPLOAD, created=100.0, size=1_000_000, **progress) -> Job:
    return Job(Source.local("/v.mp4", size=size), state=state, stage=stage, created_at=created,
               progress=Progress(**progress))


def test_no_batch_without_open_jobs():
    assert batch_progress([]) is None
    assert batch_progress([job(State.DONE, Stage.FINISHED), job(State.FAILED)]) is None


def test_counts_bytes_and_time_of_the_current_batch():
    jobs = [job(State.DONE, Stage.FINISHED, created=50.0),                     # an older batch: left out
            job(State.DONE, Stage.FINISHED, created=120.0),
            job(State.CANCELLED, Stage.UPLOAD, created=130.0),                  # cancelled: not counted
            job(State.RUNNING, created=100.0, bytes_done=400_000, bytes_total=1_000_000, speed_bps=100_000),
            job(State.QUEUED, Stage.CREATE_VIDEO, created=140.0, size=2_000_000),
            job(State.RUNNING, Stage.DOWNLOAD, created=150.0, bytes_done=1_000, bytes_total=501_000,
                speed_bps=100_000),
            job(State.QUEUED, Stage.WAIT_PROCESSING, created=160.0)]            # nothing to move: unknown
    batch = batch_progress(jobs)
    assert (batch.done, batch.total) == (1, 5)
    assert batch.bytes_left == 600_000 + 2_000_000 + 500_000
    assert batch.seconds_left == 3_100_000 / 200_000


def test_no_time_while_nothing_moves():
    batch = batch_progress([job(State.PAUSED, bytes_done=10, bytes_total=100)])
    assert (batch.done, batch.total, batch.bytes_left, batch.seconds_left) == (0, 1, 90, None)
