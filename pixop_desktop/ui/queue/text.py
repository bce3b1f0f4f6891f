"""Words and numbers for the queue view: what a job is doing, sizes, speeds, times.

Kept apart from the model so the model stays about rows, and so the details
panel and the tray say the same things the same way.
"""

from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from pixop_desktop.jobs.model import Job, SourceKind, Stage, State
from pixop_desktop.services.batch import BatchProgress
from pixop_desktop.services.words import SPEED, format_size, format_speed, state_words


# lupdate reads translate("Queue", "literal") calls; a wrapper such as _tr("…") would hide them.
translate = QCoreApplication.translate


class QueueFilter(StrEnum):
    """Which jobs the queue view shows."""

    ALL = "all"
    ACTIVE = "active"
    ATTENTION = "attention"
    DONE = "done"


FILTER_STATES: dict[QueueFilter, frozenset[State] | None] = {
    QueueFilter.ALL: None,
    QueueFilter.ACTIVE: frozenset({State.QUEUED, State.RUNNING, State.PAUSED}),
    QueueFilter.ATTENTION: frozenset({State.NEEDS_APPROVAL, State.FAILED}),
    QueueFilter.DONE: frozenset({State.DONE, State.CANCELLED}),
}


def filter_label(which: QueueFilter) -> str:
    return {QueueFilter.ALL: translate("Queue", "All"),
            QueueFilter.ACTIVE: translate("Queue", "Active"),
            QueueFilter.ATTENTION: translate("Queue", "Needs attention"),
            QueueFilter.DONE: translate("Queue", "Done")}[which]


def stage_text(job: Job) -> str:
    """One plain phrase for where the job is."""
    return state_text(job.state, job.stage)


def state_text(state: State, stage: Stage | None) -> str:
    """One plain phrase for a state at a stage (the queue's Stage column, the details' history): the
    services' words, which the command line prints too, in the person's language."""
    return translate("Queue", state_words(state, stage))


def result_text(job: Job) -> str:
    """What came out of it, or what went wrong (the title; the details panel has the rest)."""
    if job.state is State.FAILED and job.error:
        return job.error.title
    if job.state is State.DONE:
        if job.output_path:
            return job.output_path.replace("\\", "/").rsplit("/", 1)[-1]
        if job.processing is not None:
            return translate("Queue", "Processed on Pixop")
        return translate("Queue", "Uploaded to Pixop")
    if job.state is State.NEEDS_APPROVAL:
        return translate("Queue", "Approve to start processing")
    if job.state is State.CANCELLED and job.error:
        return job.error.title
    return ""


def job_name(job: Job) -> str:
    name = job.source.file_name
    if job.source.kind is SourceKind.URL:
        return name or job.source.url or ""
    return name


def size_text(size: int | None) -> str:
    return format_size(size)


def speed_text(bps: float | None) -> str:
    return format_speed(bps, translate("Queue", SPEED))


def eta_text(seconds: float | None) -> str:
    if seconds is None or seconds < 0:
        return ""
    seconds = int(round(seconds))
    if seconds < 60:
        return translate("Queue", "{n} s").format(n=seconds)
    if seconds < 3600:
        return translate("Queue", "{m} min").format(m=(seconds + 59) // 60)
    return translate("Queue", "{h} h {m} min").format(h=seconds // 3600, m=(seconds % 3600) // 60)


def when_text(moment: float | datetime | None) -> str:
    """A moment as the person's local date and time in their locale's short format — the one
    format for every date the app shows (the details' "Added", its History, …). A number is
    seconds since the epoch; a ``datetime`` without a zone is taken as UTC, which is what Pixop sends."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()
    local = QDateTime.fromMSecsSinceEpoch(int(moment * 1000))  # local time
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


def job_size(job: Job) -> int | None:
    return job.progress.bytes_total if job.progress.bytes_total else job.source.size


def batch_text(batch: BatchProgress | None) -> str:
    """"3 of 12 done · 1.2 GB left · about 14 min" (the parts that are known); "" with no batch."""
    if batch is None:
        return ""
    parts = [translate("Queue", "{done} of %n done", "", batch.total).format(done=batch.done)]
    if batch.bytes_left:
        parts.append(translate("Queue", "{size} left").format(size=size_text(batch.bytes_left)))
    if batch.seconds_left is not None:
        parts.append(translate("Queue", "about {time}").format(time=eta_text(batch.seconds_left)))
    return " · ".join(parts)
