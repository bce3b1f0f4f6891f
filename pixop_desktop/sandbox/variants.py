"""Variants: the sandbox answering the way real Pixop may, where the sources disagree.

The seeds leave some answers open, and Pixop's own public clients (the v1 Java client, the
current API's SDK, the curl demo) show other ones. Each variant makes the sandbox give one of
those other answers, so the client is tested against what real Pixop may say rather than
against the sandbox's first reading. Unlike :mod:`faults` (misbehaviour for one test step),
a variant is a standing trait of the server: set per run (``pixop-desktop sandbox --variant
NAME``, repeatable) or from tests (``Sandbox(variants=[...])`` or ``sandbox.variants.enable``).
"""

from __future__ import annotations

import threading
from typing import Iterable

VARIANTS: dict[str, str] = {
    "error-state": "failed ingestion, processing and imports are reported as ERROR "
                   "(Pixop's v1 Java client), not FAILED",
    "expiry-403": "an expired or invalid JWT is answered 403 (not 401), the body naming "
                  "the token exception",
    "unquoted-etag": "ETags are sent without quotes",
    "one-based-pages": "v1 pages are numbered from 1 (Pixop's v1 Java client), not 0",
    "derived-sdk": "/api/v1/videos/{id}/derived marks clips the SDK's way: flags.isClip "
                   "and clipId, no type",
    "no-video-list": "GET /api/v1/videos (the SDK's list of a team's videos) is answered 404, "
                     "as a server without it would",
    "mimir-post": "the Mimir integration is set up with POST only (PUT is answered 405); "
                  "seed 000 does not name the method",
    "signed-redirect": "downloads answer with a redirect to a signed link on another origin "
                       "that refuses HEAD and ignores credentials",
}
"""Every variant by name, with what it changes (shown by ``pixop-desktop sandbox --help``)."""


class UnknownVariant(ValueError):
    """A name that is not in :data:`VARIANTS`."""


class Variants:
    """The thread-safe set of variants a sandbox runs with (read by routes on every request)."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._lock = threading.Lock()
        self._on: set[str] = set()
        for name in names:
            self.enable(name)

    def enable(self, name: str) -> None:
        if name not in VARIANTS:
            raise UnknownVariant(f"unknown sandbox variant {name!r}; "
                                 f"known: {', '.join(sorted(VARIANTS))}")
        with self._lock:
            self._on.add(name)

    def disable(self, name: str) -> None:
        with self._lock:
            self._on.discard(name)

    def __contains__(self, name: object) -> bool:
        with self._lock:
            return name in self._on

    def names(self) -> list[str]:
        with self._lock:
            return sorted(self._on)


def failure_word(variants: Variants) -> str:
    """The state a failed ingestion, processing or import is reported in."""
    return "ERROR" if "error-state" in variants else "FAILED"
