"""``pixop-desktop queue [--json]``: list the jobs in the queue and their states.

Reads the queue file only (works while the app or ``run-queue`` is running).
"""

from __future__ import annotations

import argparse

from pixop_desktop.commands._common import add_json_option, print_json, print_table
from pixop_desktop.jobs.model import Job
from pixop_desktop.jobs.store import JobStore

HELP = "list the jobs in the queue and their states"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_json_option(parser)


def job_json(job: Job) -> dict:
    p, e = job.progress, job.error
    return {
        "id": job.id, "uid": job.uid, "state": job.state.value, "stage": job.stage.value,
        "source": job.source.path or job.source.url or job.source.object_key,
        "priority": job.priority, "percent": p.percent, "bytesDone": p.bytes_done, "bytesTotal": p.bytes_total,
        "error": None if e is None else {"title": e.title, "message": e.message},
        "videoId": job.video_id, "processedVideoId": job.processed_video_id, "outputPath": job.output_path,
        "freeClipId": job.free_clip_id,
        "attempts": job.attempts, "server": job.server, "createdAt": job.created_at, "finishedAt": job.finished_at,
    }


def _row(job: Job) -> list:
    percent = job.progress.percent
    state = job.state.value.replace("_", " ")
    detail = f"{job.error.title}: {job.error.message}" if job.error else (job.output_path or "")
    if job.free_clip_id:  # an import's free 10-second clip: `pixop-desktop download ID` fetches it
        detail = "; ".join(filter(None, (detail, f"free clip {job.free_clip_id}")))
    return [job.id, state, job.stage.value.replace("_", " "), "" if percent is None else f"{percent:.0f}%",
            job.source.file_name, detail]


def run(args: argparse.Namespace) -> int:
    with JobStore() as store:
        jobs = store.list_jobs()
    if args.json:
        print_json([job_json(job) for job in jobs])
    else:
        print_table(["JOB", "STATE", "STAGE", "DONE", "FILE", "RESULT / ERROR"], [_row(job) for job in jobs])
    return 0
