"""A job: one source video → one result, and the rules for how its state moves.

Two things are kept apart on purpose:

- ``state`` says what the runner should *do* with the job (run it, leave it
  paused, wait for a person, nothing more — it is over);
- ``stage`` says *where in the pipeline* the job is (uploading, waiting for
  Pixop to ingest, downloading …). A paused job keeps its stage, so resuming
  picks up exactly where it stopped.

Models are slotted dataclasses rather than pydantic: they come from our own
SQLite rows (already trusted and typed), and loading 10,000 of them must stay
far below half a second.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum


class State(StrEnum):
    """What the runner should do with a job."""

    QUEUED = "queued"                  # waiting for a worker to run its current stage
    RUNNING = "running"                # a worker is on it right now
    PAUSED = "paused"                  # a person paused it; skipped until resumed
    NEEDS_APPROVAL = "needs_approval"  # ingested; waits for approve/reject before processing
    DONE = "done"
    FAILED = "failed"                  # stopped on an error; can be retried
    CANCELLED = "cancelled"            # cancelled or rejected by a person


class Stage(StrEnum):
    """Where in the pipeline a job is (its next or current step)."""

    CREATE_VIDEO = "create_video"
    UPLOAD = "upload"
    IMPORT = "import"
    WAIT_INGEST = "wait_ingest"
    APPROVAL = "approval"
    PROCESS = "process"
    WAIT_PROCESSING = "wait_processing"
    DOWNLOAD = "download"
    AFTER_ACTION = "after_action"
    FINISHED = "finished"


class WorkKind(StrEnum):
    """Which pool of worker threads runs a stage (each has its own limit)."""

    UPLOAD = "upload"      # moves source bytes to Pixop
    DOWNLOAD = "download"  # moves result bytes back
    POLL = "poll"          # asks Pixop how ingestion / processing is going
    CONTROL = "control"    # short API calls and local file moves


STAGE_KIND: dict[Stage, WorkKind] = {
    Stage.CREATE_VIDEO: WorkKind.CONTROL,
    Stage.UPLOAD: WorkKind.UPLOAD,
    Stage.IMPORT: WorkKind.CONTROL,
    Stage.WAIT_INGEST: WorkKind.POLL,
    Stage.APPROVAL: WorkKind.CONTROL,
    Stage.PROCESS: WorkKind.CONTROL,
    Stage.WAIT_PROCESSING: WorkKind.POLL,
    Stage.DOWNLOAD: WorkKind.DOWNLOAD,
    Stage.AFTER_ACTION: WorkKind.CONTROL,
    Stage.FINISHED: WorkKind.CONTROL,
}


def stages_of_kind(kind: WorkKind) -> tuple[Stage, ...]:
    return tuple(stage for stage, k in STAGE_KIND.items() if k is kind)


# The only legal moves. A self-move (RUNNING → RUNNING, QUEUED → QUEUED) is a
# stage change that keeps the state; it is recorded in the history too.
TRANSITIONS: dict[State, frozenset[State]] = {
    State.QUEUED: frozenset({State.QUEUED, State.RUNNING, State.PAUSED, State.CANCELLED}),
    State.RUNNING: frozenset({State.RUNNING, State.QUEUED, State.PAUSED, State.NEEDS_APPROVAL,
                              State.DONE, State.FAILED, State.CANCELLED}),
    State.PAUSED: frozenset({State.QUEUED, State.CANCELLED}),                 # resume, cancel
    State.NEEDS_APPROVAL: frozenset({State.QUEUED, State.CANCELLED}),         # approve, reject
    State.FAILED: frozenset({State.QUEUED, State.CANCELLED}),                 # retry, give up
    State.DONE: frozenset(),
    State.CANCELLED: frozenset(),
}

FINAL_STATES = frozenset({State.DONE, State.CANCELLED})
ENDED_STATES = frozenset({State.DONE, State.FAILED, State.CANCELLED})


class IllegalTransition(ValueError):
    """A state change the table above does not allow (or the state moved meanwhile)."""

    def __init__(self, job_id: int | None, current: State, wanted: State, why: str = "") -> None:
        self.job_id, self.current, self.wanted = job_id, current, wanted
        reason = why or f"a {current.value.replace('_', ' ')} job cannot become {wanted.value.replace('_', ' ')}"
        super().__init__(f"Job {job_id}: {reason}.")


class JobNotFound(LookupError):
    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        super().__init__(f"There is no job {job_id} in the queue.")


class InvalidJob(ValueError):
    """A job that cannot run as set up, or a change the queue refuses; ``str()`` is a plain sentence."""


def check_transition(job_id: int | None, current: State, wanted: State) -> None:
    """Raise ``IllegalTransition`` unless ``current → wanted`` is in the table."""
    if wanted not in TRANSITIONS[current]:
        raise IllegalTransition(job_id, current, wanted)


class SourceKind(StrEnum):
    LOCAL = "local"  # a file on this computer, uploaded by us
    URL = "url"      # an HTTPS URL Pixop copies itself
    S3 = "s3"        # an object in one of the team's S3 input locations


class Ingestion(StrEnum):
    FULL = "full"    # thumbnails, web video, quality assessment, deep scan
    LIGHT = "light"  # metadata only: quicker and cheaper


DEFAULT_INGESTION = Ingestion.FULL
"""The one ingestion default of every door (drops, watched folders, imports, the command line):
full, so a video sent from here can be viewed in Pixop's web app; light is the quicker choice."""


class AfterAction(StrEnum):
    """What happens to a local source file once its job is done."""

    LEAVE = "leave"
    MOVE = "move"    # into ``done_folder``


@dataclass(slots=True)
class Source:
    """Where the video comes from. Only the fields of its ``kind`` are set."""

    kind: SourceKind
    path: str | None = None          # LOCAL: absolute path
    url: str | None = None           # URL
    location_id: str | None = None   # S3: input location id
    object_key: str | None = None    # S3: object key
    size: int | None = None          # LOCAL: size at enqueue, to notice a changed file
    mtime_ns: int | None = None      # LOCAL: modification time at enqueue

    @classmethod
    def local(cls, path: str, size: int | None = None, mtime_ns: int | None = None) -> Source:
        return cls(SourceKind.LOCAL, path=str(path), size=size, mtime_ns=mtime_ns)

    @classmethod
    def https(cls, url: str) -> Source:
        return cls(SourceKind.URL, url=url)

    @classmethod
    def s3(cls, location_id: str, object_key: str) -> Source:
        return cls(SourceKind.S3, location_id=location_id, object_key=object_key)

    @property
    def file_name(self) -> str:
        """The last component of the path, URL path or object key (for display and templates)."""
        raw = {SourceKind.LOCAL: self.path, SourceKind.URL: self.url,
               SourceKind.S3: self.object_key}[self.kind] or ""
        if self.kind is SourceKind.URL:
            raw = raw.split("?", 1)[0].split("#", 1)[0]
        return raw.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]

    def problem(self) -> str | None:
        """A plain sentence when this source is incomplete, else None."""
        needed = {SourceKind.LOCAL: ("path",), SourceKind.URL: ("url",),
                  SourceKind.S3: ("location_id", "object_key")}[self.kind]
        missing = [name.replace("_", " ") for name in needed if not getattr(self, name)]
        if missing:
            return f"A {self.kind.value} source needs its {' and '.join(missing)}."
        return None


@dataclass(slots=True)
class Progress:
    """Counters the UI shows; the store may keep the newest ones in memory for up to a second."""

    bytes_done: int = 0
    bytes_total: int | None = None
    percent: float | None = None       # 0–100; from bytes, or from Pixop while it works
    speed_bps: float | None = None     # bytes per second, rolling average
    eta_seconds: float | None = None


PROCESSING_ENDED = "processing_ended"
"""``JobError.kind`` of a job whose processing order Pixop itself ended (failed, cancelled):
a retry orders the processing again instead of waiting for the dead order (``jobs/reorder.py``)."""
IMPORT_UNSURE = "import_unsure"
"""``JobError.kind`` of "an earlier attempt may already have started this import" (Pixop could
not list its videos to check): a retry then sends the import once (``stages/import_rerun.py``)."""
SEND_IMPORT_AGAIN = "Retry: send the import again"
"""The history message of that retry: the person's word, counted for one run of the stage."""


@dataclass(slots=True)
class JobError:
    """The last error, in words a person can act on; ``kind`` names the few a retry treats apart."""

    title: str
    message: str
    kind: str | None = None


def _new_uid() -> str:
    return uuid.uuid4().hex


@dataclass(slots=True)
class Job:
    """One source video → one result. ``id`` is assigned by the store (a short integer handle)."""

    source: Source
    id: int | None = None
    uid: str = field(default_factory=_new_uid)
    """Stable random id; put into the server-side video name/description so a
    restarted stage can find the video it created before a crash."""
    ingestion: Ingestion = DEFAULT_INGESTION
    project_id: str | None = None
    processing: dict | None = None     # ProcessingRequest JSON; None = upload only
    preset: str | None = None          # the preset the request came from, for display/templates
    needs_approval: bool = False
    output_folder: str | None = None   # None = leave the result on Pixop
    name_template: str = "{stem}_pixop"
    after_action: AfterAction = AfterAction.LEAVE
    done_folder: str | None = None     # for AfterAction.MOVE
    priority: int = 0                  # higher runs first
    position: int | None = None        # manual order within a priority; store assigns at add
    state: State = State.QUEUED
    stage: Stage | None = None         # None = the first stage for the source kind
    progress: Progress = field(default_factory=Progress)
    error: JobError | None = None
    video_id: str | None = None
    processed_video_id: str | None = None
    output_path: str | None = None     # the final downloaded file
    attempts: int = 0
    not_before: float | None = None    # epoch seconds: not runnable before (retry / poll backoff)
    created_at: float | None = None    # epoch seconds, set by the store
    updated_at: float | None = None
    started_at: float | None = None
    finished_at: float | None = None
    watch_rule_id: str | None = None   # the watch rule that made it, if any
    server: str | None = None          # the server root it runs against; set when first claimed
    free_clip_id: str | None = None    # imports: the free 10-second clip Pixop derived, once found
    import_options: dict | None = None
    """Imports: what the person asked beyond the source, sent when the import starts — keys
    ``name``, ``description``, ``file_name``, ``crc32c``, ``connections`` (see IMPORT_OPTION_KEYS)."""

    def __post_init__(self) -> None:
        if self.stage is None:
            self.stage = first_stage(self.source.kind)

    @property
    def kind(self) -> WorkKind:
        """The worker pool that runs this job's current stage."""
        return STAGE_KIND[self.stage]

    def problem(self) -> str | None:
        """A plain sentence when the job cannot run as set up, else None."""
        from .templates import template_problem

        if problem := self.source.problem():
            return problem
        if self.after_action is AfterAction.MOVE:
            if self.source.kind is not SourceKind.LOCAL:
                return "Only a file on this computer can be moved to a Done folder."
            if not self.done_folder:
                return "Choose the Done folder the source file is moved to."
        if self.processing is None and self.needs_approval:
            return "An upload-only job has no processing to approve."
        if self.output_folder is not None and self.processing is None:
            return "An upload-only job has no result to download."
        return template_problem(self.name_template)


IMPORT_OPTION_KEYS = ("name", "description", "file_name", "crc32c", "connections")


def import_options(**given) -> dict | None:
    """The options worth keeping on a job (blank ones left out); None when nothing was given."""
    unknown = set(given) - set(IMPORT_OPTION_KEYS)
    if unknown:
        raise TypeError(f"unknown import options: {', '.join(sorted(unknown))}")
    kept = {key: value for key, value in given.items() if value not in (None, "")}
    return kept or None


def first_stage(kind: SourceKind) -> Stage:
    return Stage.CREATE_VIDEO if kind is SourceKind.LOCAL else Stage.IMPORT


def planned_stages(job: Job) -> tuple[Stage, ...]:
    """The stages this job goes through, in order (for the pipeline and the UI's step list)."""
    stages = [Stage.CREATE_VIDEO, Stage.UPLOAD] if job.source.kind is SourceKind.LOCAL else [Stage.IMPORT]
    stages.append(Stage.WAIT_INGEST)
    if job.processing is not None:
        if job.needs_approval:
            stages.append(Stage.APPROVAL)
        stages += [Stage.PROCESS, Stage.WAIT_PROCESSING]
        if job.output_folder is not None:
            stages.append(Stage.DOWNLOAD)
    stages += [Stage.AFTER_ACTION, Stage.FINISHED]
    return tuple(stages)


def next_stage(job: Job) -> Stage:
    """The stage after the job's current one (FINISHED stays FINISHED)."""
    stages = planned_stages(job)
    index = stages.index(job.stage)
    return stages[min(index + 1, len(stages) - 1)]
