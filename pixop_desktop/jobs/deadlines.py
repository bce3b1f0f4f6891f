"""How long a wait for Pixop may last, and what ends it: every wait ends.

A wait (ingestion, an import's copy, processing) ends when Pixop says the work
is done, failed or stopped; when Pixop keeps saying a word we do not know for
``UNKNOWN_STATE_LIMIT``; or when the stage's overall limit passes. The limits
grow with the video — ingestion and copies with its size, processing with its
duration — and are generous, since real Pixop may queue work for a while.

``PIXOP_DESKTOP_DEADLINE_SCALE`` (a positive number, default 1) multiplies every
limit: tests shrink them (0.001 turns an hour into 3.6 s) instead of sleeping.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from pixop_desktop.api.states import Phase, phase_of, shown_word

log = logging.getLogger(__name__)

SCALE_ENV = "PIXOP_DESKTOP_DEADLINE_SCALE"
MINUTE, HOUR, GB = 60.0, 3600.0, 1e9

UNKNOWN_STATE_LIMIT = 15 * MINUTE
"""How long an unknown status word may stay before the wait gives up (a new word starts again)."""

# Unknown size or duration: the bound of a large video (tens of GB, hours long).
_UNKNOWN_COPY, _UNKNOWN_INGESTION, _UNKNOWN_PROCESSING = 6 * HOUR, 4 * HOUR, 24 * HOUR


@dataclass(frozen=True)
class Work:
    """What a limit is scaled by; None where it is not known."""

    size_bytes: int | None = None
    duration_s: float | None = None


def deadline_scale(environ: Any = None) -> float:
    """The factor from ``PIXOP_DESKTOP_DEADLINE_SCALE``; 1 when unset or not a positive number."""
    text = (os.environ if environ is None else environ).get(SCALE_ENV, "").strip()
    if not text:
        return 1.0
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        log.warning("Ignoring %s=%r: it must be a positive number", SCALE_ENV, text)
        return 1.0
    return value


def copy_limit(work: Work) -> float:
    """Seconds an import's copy may take: half an hour plus 20 minutes per GB."""
    if not work.size_bytes:
        return _UNKNOWN_COPY * deadline_scale()
    return (30 * MINUTE + 20 * MINUTE * work.size_bytes / GB) * deadline_scale()


def ingestion_limit(work: Work, *, full: bool = True) -> float:
    """Seconds ingestion may take: half an hour plus minutes per GB (more for a full ingestion)."""
    if not work.size_bytes:
        return _UNKNOWN_INGESTION * deadline_scale()
    per_gb = (15 if full else 5) * MINUTE
    return (30 * MINUTE + per_gb * work.size_bytes / GB) * deadline_scale()


def processing_limit(work: Work) -> float:
    """Seconds processing may take: 40× the duration, at least an hour, plus 10 minutes per GB."""
    if not work.duration_s:
        return _UNKNOWN_PROCESSING * deadline_scale()
    seconds = max(HOUR, 40 * work.duration_s) + 10 * MINUTE * (work.size_bytes or 0) / GB
    return seconds * deadline_scale()


def unknown_state_limit() -> float:
    return UNKNOWN_STATE_LIMIT * deadline_scale()


def span_words(seconds: float) -> str:
    """'45 seconds', '12 minutes', '3.5 hours' — as a person reads a wait."""
    if seconds < 90:
        return f"{max(1, round(seconds))} seconds"
    if seconds < 3 * HOUR:
        return f"{round(seconds / MINUTE)} minutes"
    return f"{seconds / HOUR:.1f} hours".replace(".0 hours", " hours")


# ----- judging one answer ----------------------------------------------------------------

@dataclass(frozen=True)
class Operation:
    """Words for one kind of wait: ``Operation("Processing", "process", "processing")``."""

    noun: str
    verb: str
    gerund: str


INGESTION = Operation("Ingestion", "ingest", "ingesting")
PROCESSING = Operation("Processing", "process", "processing")
IMPORT = Operation("Import", "copy", "copying")


@dataclass(frozen=True)
class Ending:
    """Why a wait ended without a result, in words a person can act on."""

    title: str
    message: str


_CHECK = "Check the video in Pixop's web app, then choose Retry to wait for it again."
_CHECK_ORDER = "Check the video in Pixop's web app; Retry orders the processing again."  # jobs/reorder.py


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def ending(op: Operation, name: str, status: Any, *, waited: float, limit: float, unknown_for: float,
           reason: Callable[[], str | None]) -> Ending | None:
    """Why this wait ends now, or None to keep waiting (DONE is the caller's to notice first).

    ``waited``: seconds since the wait began; ``unknown_for``: seconds the current
    unknown word has stayed (0 for a known one); ``reason`` asks the server's
    explanation, only when one is needed.
    """
    phase = phase_of(status)
    if phase is Phase.FAILED:
        why = reason() or "no reason given."
        return Ending(f"{op.noun} failed", f"Pixop could not {op.verb} “{name}”: {why}")
    if phase is Phase.STOPPED:
        why = reason()
        said = f"Pixop stopped {op.gerund} “{name}” (it says {shown_word(status)})"
        check = _CHECK_ORDER if op is PROCESSING else _CHECK
        return Ending(f"{op.noun} stopped", f"{said}: {_sentence(why)} {check}" if why else f"{said}. {check}")
    if phase is Phase.UNKNOWN and unknown_for >= unknown_state_limit():
        return Ending(f"{op.noun} in an unknown state",
                      f"Pixop says {op.gerund} “{name}” is {shown_word(status)}, which Pixop Desktop does not "
                      f"know, and it has not changed for {span_words(unknown_for)}. {_CHECK}")
    if waited >= limit:
        return Ending(f"{op.noun} took too long",
                      f"Pixop has not finished {op.gerund} “{name}” after {span_words(waited)} "
                      f"(the limit for a video of this size and length). {_CHECK}")
    return None


# ----- what waits remember between polls ---------------------------------------------------

class WaitMemory:
    """Per process: when each wait first saw its current unknown word, and the work it is sized by.

    Thread-safe; keyed by whatever names a wait (the runner uses ``(job id, stage)``).
    Lost on a restart, which only restarts the unknown-word clock: the overall
    limit is measured from the job's history.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._unknown: dict[Hashable, tuple[str, float]] = {}
        self._work: dict[Hashable, Work] = {}

    def unknown_for(self, key: Hashable, status: Any) -> float:
        """Seconds this unknown word has stayed (0 the first time, and for any known word)."""
        with self._lock:
            if phase_of(status) is not Phase.UNKNOWN:
                self._unknown.pop(key, None)
                return 0.0
            word, since = self._unknown.get(key, (None, 0.0))
            if word != shown_word(status):
                since = self._clock()
                self._unknown[key] = (shown_word(status), since)
            return self._clock() - since

    def work(self, key: Hashable, find: Callable[[], Work | None]) -> Work:
        """The work of this wait, found once (``find`` may return None: unknown, asked again later)."""
        with self._lock:
            known = self._work.get(key)
        if known is not None:
            return known
        found = find()
        if found is None:
            return Work()
        with self._lock:
            self._work[key] = found
        return found

    def forget(self, prefix: Hashable) -> None:
        """Drop what is remembered under keys starting with ``prefix`` (a job that moved on)."""
        with self._lock:
            for table in (self._unknown, self._work):
                for key in [k for k in table if k == prefix or (isinstance(k, tuple) and k[:1] == (prefix,))]:
                    del table[key]


__all__ = ["Ending", "IMPORT", "INGESTION", "Operation", "PROCESSING", "SCALE_ENV", "UNKNOWN_STATE_LIMIT",
           "WaitMemory", "Work", "copy_limit", "deadline_scale", "ending", "ingestion_limit",
           "processing_limit", "span_words", "unknown_state_limit"]
