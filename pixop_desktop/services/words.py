"""The words and numbers people read about a job, the same in the terminal and in the window.

Stage and state words are English marked for translators under the ``Queue``
context (``i18n.QT_TRANSLATE_NOOP``): the window shows them translated
(``translate("Queue", words)``), the command line as they are. Sizes use
decimal units, as file managers and Pixop show them.
"""

from __future__ import annotations

from pixop_desktop.i18n import QT_TRANSLATE_NOOP
from pixop_desktop.jobs.model import Job, Stage, State

# While a worker is on the stage.
_RUNNING = {
    Stage.CREATE_VIDEO: QT_TRANSLATE_NOOP("Queue", "Preparing upload"),
    Stage.UPLOAD: QT_TRANSLATE_NOOP("Queue", "Uploading"),
    Stage.IMPORT: QT_TRANSLATE_NOOP("Queue", "Asking Pixop to fetch it"),
    Stage.WAIT_INGEST: QT_TRANSLATE_NOOP("Queue", "Pixop is analysing it"),
    Stage.APPROVAL: QT_TRANSLATE_NOOP("Queue", "Waiting for approval"),
    Stage.PROCESS: QT_TRANSLATE_NOOP("Queue", "Ordering processing"),
    Stage.WAIT_PROCESSING: QT_TRANSLATE_NOOP("Queue", "Pixop is processing it"),
    Stage.DOWNLOAD: QT_TRANSLATE_NOOP("Queue", "Downloading the result"),
    Stage.AFTER_ACTION: QT_TRANSLATE_NOOP("Queue", "Finishing"),
    Stage.FINISHED: QT_TRANSLATE_NOOP("Queue", "Finishing"),
}
# Waiting for a worker (or for the next status poll) at the stage.
_QUEUED = {
    Stage.CREATE_VIDEO: QT_TRANSLATE_NOOP("Queue", "Waiting to upload"),
    Stage.UPLOAD: QT_TRANSLATE_NOOP("Queue", "Waiting to upload"),
    Stage.IMPORT: QT_TRANSLATE_NOOP("Queue", "Waiting to import"),
    Stage.WAIT_INGEST: QT_TRANSLATE_NOOP("Queue", "Pixop is analysing it"),
    Stage.APPROVAL: QT_TRANSLATE_NOOP("Queue", "Waiting for approval"),
    Stage.PROCESS: QT_TRANSLATE_NOOP("Queue", "Waiting to process"),
    Stage.WAIT_PROCESSING: QT_TRANSLATE_NOOP("Queue", "Pixop is processing it"),
    Stage.DOWNLOAD: QT_TRANSLATE_NOOP("Queue", "Waiting to download"),
    Stage.AFTER_ACTION: QT_TRANSLATE_NOOP("Queue", "Finishing"),
}
# Once the job has stopped, its state says more than its stage.
_STOPPED = {
    State.PAUSED: QT_TRANSLATE_NOOP("Queue", "Paused"),
    State.NEEDS_APPROVAL: QT_TRANSLATE_NOOP("Queue", "Needs your approval"),
    State.DONE: QT_TRANSLATE_NOOP("Queue", "Done"),
    State.FAILED: QT_TRANSLATE_NOOP("Queue", "Failed"),
    State.CANCELLED: QT_TRANSLATE_NOOP("Queue", "Cancelled"),
}
WORKING = QT_TRANSLATE_NOOP("Queue", "Working")
WAITING = QT_TRANSLATE_NOOP("Queue", "Waiting")
SPEED = QT_TRANSLATE_NOOP("Queue", "{rate} Mbit/s")
"""How a speed reads; the window passes its translation to ``format_speed``. Megabits per second,
the unit people set bandwidth limits in (Settings, ``--limit-mbps``): one unit for both."""
# Pause of a job Pixop is processing: the app could stop watching it, but not the work or its cost.
CANNOT_PAUSE_TITLE = QT_TRANSLATE_NOOP("Queue", "Pixop's processing can't be paused")
CANNOT_PAUSE_MESSAGE = QT_TRANSLATE_NOOP(
    "Queue", "Pixop is already processing this video and will finish it (and charge for it) either way. "
             "Let it finish and the result is fetched as usual, or cancel the video here: "
             "the app stops following it, and what Pixop makes stays in your Library.")
SERVER_LOST = QT_TRANSLATE_NOOP("Queue", "Can't reach Pixop — retrying")


def state_words(state: State, stage: Stage | None) -> str:
    """One plain phrase for a state at a stage: the queue's Stage column, a job's history, the CLI's lines."""
    if state is State.RUNNING:
        return _RUNNING.get(stage, WORKING)
    if state is State.QUEUED:
        return _QUEUED.get(stage, WAITING)
    return _STOPPED.get(state, state.value)


def stage_words(job: Job) -> str:
    """What ``job`` is doing now, in a few words."""
    return state_words(job.state, job.stage)


def format_size(count: float | None) -> str:
    """1536 → "1.5 KB" (decimal units); "" for an unknown or negative size."""
    if count is None or count < 0:
        return ""
    value = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} TB"


def format_speed(bytes_per_second: float | None, pattern: str = SPEED) -> str:
    """1_200_000 → "9.6 Mbit/s"; "" while nothing moves. ``pattern``: ``SPEED`` or its translation."""
    if not bytes_per_second or bytes_per_second <= 0:
        return ""
    return pattern.format(rate=format_mbps(bytes_per_second_to_mbps(bytes_per_second)))


def format_mbps(mbps: float) -> str:
    """A number of megabits per second as people read it: 9.6, 24, 0.25 (no unit)."""
    if mbps >= 10:
        return f"{mbps:.0f}"
    return f"{mbps:.1f}" if mbps >= 1 else f"{mbps:.2f}"


def pixop_is_processing(job: Job) -> bool:
    """Pixop has the processing order and works on it: pausing here would stop only our watching
    (the work and its cost go on), so the window offers Cancel instead of Pause."""
    if job.state not in (State.QUEUED, State.RUNNING):
        return False
    return job.stage is Stage.WAIT_PROCESSING or (job.stage is Stage.PROCESS and bool(job.processed_video_id))


def mbps_to_bytes_per_second(mbps: float) -> int:
    """A limit people give in megabits per second as the bytes per second the limiter counts (0 = none)."""
    return int(max(0.0, mbps) * 1_000_000 / 8)


def bytes_per_second_to_mbps(bytes_per_second: float) -> float:
    """A rate in bytes per second as the megabits per second people set limits in."""
    return max(0.0, bytes_per_second) * 8 / 1_000_000
