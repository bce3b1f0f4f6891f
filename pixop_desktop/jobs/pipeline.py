"""The pipeline: each stage is a small function ``(job, ctx) -> Outcome``.

create video → upload | import → wait for ingestion → (approval) → process →
wait for processing → download → after-action → done.

Every stage may be re-run after a ``kill -9`` at any instant, so each one
first asks the server (or the disk) what is already done before acting:

- a video is created with the job's ``uid`` in its name, and a re-run looks
  for that name before creating another;
- an upload is skipped when Pixop already holds the whole file, else sent
  again to the *same* video;
- processing is ordered only when the video has no processed child yet;
- a download resumes from its ``.part``; a finished file is recognised.

Stages never change the job's state themselves: they return an outcome and
the runner records it (one transaction with the history row). Errors are
raised; ``classify`` says whether the runner retries them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pixop_desktop.errors import UserFacingError

from .deadlines import WaitMemory
from .model import Job, JobError, Stage

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient
    from pixop_desktop.transfer.throttle import BandwidthLimiter

    from .store import JobStore


# ----- outcomes --------------------------------------------------------------------------

@dataclass(frozen=True)
class Advance:
    """The stage is done: go on to the next one, recording ``fields`` (server ids …)."""

    fields: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Wait:
    """Not done yet (Pixop is still working): run this stage again in ``delay`` seconds."""

    delay: float


@dataclass(frozen=True)
class AwaitApproval:
    """Ingested; a person must approve before processing starts."""


@dataclass(frozen=True)
class Fail:
    """Stopped for good (until a person retries): the error says why."""

    error: JobError


Outcome = Advance | Wait | AwaitApproval | Fail


class Interrupted(Exception):
    """The stage stopped because the job was paused/cancelled or the runner is stopping."""


# ----- what a stage gets ---------------------------------------------------------------

@dataclass(frozen=True)
class PollPolicy:
    """How often to ask Pixop how ingestion/processing goes: ``first`` × ``factor``ⁿ, at most ``longest``."""

    first: float = 0.5
    factor: float = 1.5
    longest: float = 15.0

    def delay(self, polls_done: int) -> float:
        return min(self.longest, self.first * self.factor ** max(0, polls_done))


@dataclass
class StageContext:
    """What a stage may use. ``cancelled`` is cheap enough to call per chunk."""

    client: PixopClient
    store: JobStore
    cancelled: Callable[[], bool]
    progress: Callable[[int, int | None], None]          # (bytes done, bytes total)
    percent: Callable[[float | None], None]              # Pixop's own percentage while it works
    limiter: BandwidthLimiter | None = None
    poll: PollPolicy = field(default_factory=PollPolicy)
    polls_done: int = 0                                  # polls of this stage by this process
    memory: WaitMemory = field(default_factory=WaitMemory)  # the runner's: what waits keep between polls

    def check(self) -> None:
        if self.cancelled():
            raise Interrupted()


# People see the server-side name in Pixop's web app: a short tag from the job's uid is enough
# for a re-run to find its video again among the project's (2^32 values per project).
_TAG_LENGTH = 8


def video_name(job: Job, token: str | None = None) -> str:
    """The server-side name: the file name plus a tag from the job's uid, which a re-run searches for;
    with ``token`` (``fingerprint.name_token``), the content's fingerprint before the tag, which a
    watcher that lost its ledger, or one on another machine, searches for."""
    if token:
        return f"{job.source.file_name[:170] or 'video'} {token} [{job.uid[:_TAG_LENGTH]}]"
    return f"{job.source.file_name[:200] or 'video'} [{job.uid[:_TAG_LENGTH]}]"


def is_ours(name: str | None, job: Job) -> bool:
    """Named by this job (the full uid: a video made by an earlier version of the app)."""
    name = (name or "").rstrip()
    return name.endswith((f"[{job.uid[:_TAG_LENGTH]}]", f"[{job.uid}]"))


# ----- running one stage ------------------------------------------------------------------

def stage_function(stage: Stage) -> Callable[[Job, StageContext], Outcome]:
    from .stages import STAGES

    return STAGES[stage]


def run_stage(job: Job, ctx: StageContext) -> Outcome:
    """Run the job's current stage once."""
    ctx.check()
    return stage_function(job.stage)(job, ctx)


def error_of(error: BaseException) -> JobError:
    """Title + message a person can act on (every UserFacingError carries both)."""
    if isinstance(error, UserFacingError):
        return JobError(error.title, error.message)
    if isinstance(error, OSError):
        return JobError("File problem", str(error))
    return JobError("Unexpected error", f"{type(error).__name__}: {error}")
