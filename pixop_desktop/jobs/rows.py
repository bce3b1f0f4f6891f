"""Job ⇄ SQLite row: one flat row per job, columns in a fixed order.

Kept apart from the store so the mapping is easy to check against the schema,
and written for speed: loading 10,000 jobs is a plain loop over tuples.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .model import AfterAction, Ingestion, Job, JobError, Progress, Source, SourceKind, Stage, State

COLUMNS = (
    "id", "uid", "source_kind", "source_path", "source_url", "source_location_id",
    "source_object_key", "source_size", "source_mtime_ns", "ingestion", "project_id",
    "processing", "preset", "needs_approval", "output_folder", "name_template",
    "after_action", "done_folder", "priority", "position", "state", "stage",
    "bytes_done", "bytes_total", "percent", "speed_bps", "eta_seconds",
    "error_title", "error_message", "video_id", "processed_video_id", "output_path",
    "attempts", "not_before", "created_at", "updated_at", "started_at", "finished_at",
    "watch_rule_id", "server", "free_clip_id", "import_options", "error_kind",
)
SELECT_JOBS = f"SELECT {', '.join(COLUMNS)} FROM jobs"
INSERT_JOB = (f"INSERT INTO jobs ({', '.join(COLUMNS[1:])}) "
              f"VALUES ({', '.join('?' for _ in COLUMNS[1:])})")

PROGRESS_COLUMNS = ("bytes_done", "bytes_total", "percent", "speed_bps", "eta_seconds")


def _json_or_none(value: dict | None) -> str | None:
    return None if value is None else json.dumps(value, separators=(",", ":"))


def job_to_row(job: Job) -> tuple:
    """Values for ``INSERT_JOB`` (every column but ``id``)."""
    s, p, e = job.source, job.progress, job.error
    return (
        job.uid, s.kind.value, s.path, s.url, s.location_id, s.object_key, s.size, s.mtime_ns,
        job.ingestion.value, job.project_id,
        None if job.processing is None else json.dumps(job.processing, separators=(",", ":")),
        job.preset, int(job.needs_approval), job.output_folder, job.name_template,
        job.after_action.value, job.done_folder, job.priority, job.position,
        job.state.value, job.stage.value,
        p.bytes_done, p.bytes_total, p.percent, p.speed_bps, p.eta_seconds,
        e.title if e else None, e.message if e else None,
        job.video_id, job.processed_video_id, job.output_path, job.attempts, job.not_before,
        job.created_at, job.updated_at, job.started_at, job.finished_at, job.watch_rule_id, job.server,
        job.free_clip_id, _json_or_none(job.import_options), e.kind if e else None,
    )


def row_to_job(row: tuple) -> Job:
    (id_, uid, kind, path, url, location_id, object_key, size, mtime_ns, ingestion, project_id,
     processing, preset, needs_approval, output_folder, name_template, after_action, done_folder,
     priority, position, state, stage, bytes_done, bytes_total, percent, speed_bps, eta_seconds,
     error_title, error_message, video_id, processed_video_id, output_path, attempts, not_before,
     created_at, updated_at, started_at, finished_at, watch_rule_id, server, free_clip_id, import_options,
     error_kind) = row
    return Job(
        source=Source(SourceKind(kind), path, url, location_id, object_key, size, mtime_ns),
        id=id_, uid=uid, ingestion=Ingestion(ingestion), project_id=project_id,
        processing=None if processing is None else json.loads(processing),
        preset=preset, needs_approval=bool(needs_approval), output_folder=output_folder,
        name_template=name_template, after_action=AfterAction(after_action), done_folder=done_folder,
        priority=priority, position=position, state=State(state), stage=Stage(stage),
        progress=Progress(bytes_done, bytes_total, percent, speed_bps, eta_seconds),
        error=None if error_title is None else JobError(error_title, error_message or "", error_kind),
        video_id=video_id, processed_video_id=processed_video_id, output_path=output_path,
        attempts=attempts, not_before=not_before, created_at=created_at, updated_at=updated_at,
        started_at=started_at, finished_at=finished_at, watch_rule_id=watch_rule_id, server=server,
        free_clip_id=free_clip_id, import_options=None if import_options is None else json.loads(import_options),
    )


@dataclass(slots=True, frozen=True)
class HistoryEntry:
    """One recorded state (or stage) change."""

    job_id: int
    at: float
    from_state: State | None
    to_state: State
    stage: Stage | None
    message: str | None


def row_to_history(row: tuple) -> HistoryEntry:
    job_id, at, from_state, to_state, stage, message = row
    return HistoryEntry(job_id, at, State(from_state) if from_state else None, State(to_state),
                        Stage(stage) if stage else None, message)
