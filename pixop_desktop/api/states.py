"""What Pixop's status words mean for someone waiting: the one reading every wait uses.

Pixop's states are an open set. The seeds and the current SDK say ``INITIAL``,
``IN_PROGRESS``, ``DONE``, ``FAILED``; Pixop's v1 Java client knows ``ERROR``;
a server may add others at any time (``CANCELLED``, ``ABORTED`` …). So a word is
sorted into a phase, and a word we have never seen is UNKNOWN — never a crash
and never "keep waiting forever": the waits bound how long an unknown word may
stay (``jobs/deadlines.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any


class Phase(Enum):
    WAITING = "waiting"    # accepted, not started yet
    WORKING = "working"    # Pixop is on it
    DONE = "done"
    FAILED = "failed"      # ended on an error
    STOPPED = "stopped"    # ended without a result and without an error (cancelled, aborted)
    UNKNOWN = "unknown"    # a word we do not know


_PHASES: dict[str, Phase] = {
    **dict.fromkeys(("INITIAL", "PENDING", "QUEUED", "WAITING", "SCHEDULED", "CREATED", "NEW",
                     "NOT_STARTED", "ACCEPTED", "SUBMITTED"), Phase.WAITING),
    **dict.fromkeys(("IN_PROGRESS", "PROCESSING", "RUNNING", "STARTED", "INGESTING", "UPLOADING",
                     "COPYING", "ANALYSING", "ANALYZING", "ENCODING", "RETRYING"), Phase.WORKING),
    **dict.fromkeys(("DONE", "COMPLETED", "COMPLETE", "FINISHED", "SUCCEEDED", "SUCCESS"), Phase.DONE),
    **dict.fromkeys(("FAILED", "ERROR", "ERRORED", "FAILURE"), Phase.FAILED),
    **dict.fromkeys(("CANCELLED", "CANCELED", "ABORTED", "ABANDONED", "REJECTED", "DELETED",
                     "EXPIRED", "TIMED_OUT", "TIMEOUT", "STOPPED"), Phase.STOPPED),
}

ENDED = frozenset({Phase.DONE, Phase.FAILED, Phase.STOPPED})

_MAX_WORD = 40
_MAX_REASON = 300
_REASON_KEYS = ("errorMessage", "error", "message", "reason", "failureReason", "detail")


def word_of(status: Any) -> str:
    """The status as an upper-case word (``in-progress`` → ``IN_PROGRESS``); "" when there is none."""
    if status is None:
        return ""
    text = str(getattr(status, "value", status)).strip().upper()
    return "_".join(text.replace("-", " ").split())


def phase_of(status: Any) -> Phase:
    """The phase of a status word. No status at all counts as not started yet."""
    word = word_of(status)
    if not word:
        return Phase.WAITING
    return _PHASES.get(word, Phase.UNKNOWN)


def shown_word(status: Any) -> str:
    """A status word fit to show a person (from the network: printable, short)."""
    word = "".join(ch for ch in word_of(status) if ch.isprintable())
    return word[:_MAX_WORD] + ("…" if len(word) > _MAX_WORD else "") or "no state"


def reason_text(value: Any) -> str | None:
    """An explanation the server gave, as one short line; None when it gave none.

    Untrusted: a string, or an object carrying one under a usual key.
    """
    if isinstance(value, Mapping):
        value = next((value[key] for key in _REASON_KEYS if value.get(key)), None)
        if isinstance(value, Mapping):
            value = next((value[key] for key in _REASON_KEYS if value.get(key)), None)
    if value is None or isinstance(value, (Mapping, list, bool)):
        return None
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in str(value)).split())
    return text[:_MAX_REASON] or None


__all__ = ["ENDED", "Phase", "phase_of", "reason_text", "shown_word", "word_of"]
