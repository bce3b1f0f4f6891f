"""Order again: a job whose processing Pixop itself ended goes back to the processing order.

Retrying such a job from its stage would only ask again about the dead order and fail at
once. So a retry sets the old processed video aside — noted in ``dropped_orders`` and in the
job's history, left on the server — and sends the job back to the PROCESS stage, which orders
once more with the same request. That stage never adopts a set-aside order
(``dropped_order_ids``) while its usual look-up still adopts the new one after a crash, so
one click places one order. Other failures (the network, our own deadline while Pixop still
works) keep retrying from their stage.
"""

from __future__ import annotations

import time

from .model import PROCESSING_ENDED, IllegalTransition, Job, Stage, State

# The old order's URLs: a new order brings its own (an adopted one falls back to the documented paths).
_ORDER_URLS = ("checkProgressUrl", "downloadMediaUrl")


def orders_again(job: Job) -> bool:
    """Does retrying this job order its processing again (Pixop ended the order it waited for)?"""
    return (job.state is State.FAILED and job.stage is Stage.WAIT_PROCESSING and bool(job.processed_video_id)
            and job.error is not None and job.error.kind == PROCESSING_ENDED)


def order_again(store, job_id: int) -> Job:
    """Send a job whose processing Pixop ended back to the processing order, in one transaction."""
    with store.transaction() as conn:
        job = store.get(job_id)
        if not orders_again(job):
            raise IllegalTransition(job_id, job.state, State.QUEUED, "its processing was not ended by Pixop")
        dropped = job.processed_video_id
        conn.execute("INSERT OR IGNORE INTO dropped_orders (job_id, video_id, at) VALUES (?, ?, ?)",
                     (job_id, dropped, time.time()))
        conn.execute(f"DELETE FROM job_urls WHERE job_id = ? AND name IN ({', '.join('?' * len(_ORDER_URLS))})",
                     (job_id, *_ORDER_URLS))
        return store.transition(
            job_id, State.QUEUED, stage=Stage.PROCESS, expect=State.FAILED, attempts=0, not_before=None,
            processed_video_id=None,
            message=f"Order again: processed video {dropped} set aside (still on Pixop); ordering processing again")


def dropped_order_ids(store, job_id: int | None) -> set[str]:
    """The processed videos a retry set aside for this job: never to be adopted as its order."""
    if job_id is None:
        return set()
    return {row[0] for row in store._query("SELECT video_id FROM dropped_orders WHERE job_id = ?", (job_id,))}
