"""What processing a video would cost and take, before paying: the CLI and the window both ask here.

``estimate_video(client, video_id, processing)`` asks Pixop for an appraisal (current API, API
key) and gives an ``Estimate`` (cost in USD, minutes, output size when Pixop says) — or a
``NoEstimate`` with a plain reason: no API key, the video not on Pixop (or not ready) yet, a
choice the current API cannot price, the server refused. Nothing is ordered here.

``EstimateCache`` keeps answers per (server, video, settings) so a window that redraws often
asks once; ``summed`` adds up a batch. The sentences are English marked for translators under
the ``Estimates`` context; the window shows them with ``core_text``.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from typing import Any, Iterable

from pixop_desktop.i18n import QT_TRANSLATE_NOOP

NO_API_KEY = QT_TRANSLATE_NOOP("Estimates", "Cost estimates need an API key: add one in Settings → Account.")
NOT_ON_PIXOP = QT_TRANSLATE_NOOP(
    "Estimates", "No estimate yet: the video is not on Pixop. It gets one once it is uploaded.")
NOT_READY = QT_TRANSLATE_NOOP(
    "Estimates", "No estimate yet: Pixop is still reading the video. Ask again in a moment.")
NOT_CONNECTED = QT_TRANSLATE_NOOP("Estimates", "No estimate while not connected to Pixop.")
NO_PROCESSING = QT_TRANSLATE_NOOP("Estimates", "Nothing to estimate: this job only uploads.")
ABOUT = QT_TRANSLATE_NOOP("Estimates", "about {cost}")
MINUTES = QT_TRANSLATE_NOOP("Estimates", "~{minutes} min")


@dataclass(frozen=True)
class Estimate:
    """Pixop's price for one order (or a batch, summed)."""

    cost_usd: float | None
    seconds: int | None = None
    output_bytes: int | None = None
    appraisal_id: str | None = None
    count: int = 1

    @property
    def minutes(self) -> int | None:
        return None if self.seconds is None else max(1, math.ceil(self.seconds / 60))

    def cost_text(self) -> str:
        return "-" if self.cost_usd is None else f"${self.cost_usd:,.2f}"

    def text(self, about: str = ABOUT, minutes: str = MINUTES) -> str:
        """"about $4.20, ~12 min" (the window passes the patterns translated)."""
        parts = [about.format(cost=self.cost_text())] if self.cost_usd is not None else []
        if self.minutes is not None:
            parts.append(minutes.format(minutes=self.minutes))
        return ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {"costUsd": self.cost_usd, "seconds": self.seconds, "outputBytes": self.output_bytes,
                "appraisalId": self.appraisal_id}


@dataclass(frozen=True)
class NoEstimate:
    """Why there is no figure: ``reason`` is a sentence a person reads; ``fixed`` says it is one
    of the marked constants above (so the window can translate it), not the server's words."""

    reason: str
    fixed: bool = True

    def as_json(self) -> dict[str, Any]:
        return {"costUsd": None, "reason": self.reason}


Result = Estimate | NoEstimate


def estimate_video(client: Any, video_id: str | None, processing: Any) -> Result:
    """Ask Pixop what processing ``video_id`` with ``processing`` (request or its JSON) would cost;
    ``client`` None while not connected (the window asks again once it is)."""
    from pixop_desktop.api.current_options import NotExpressible, to_current
    from pixop_desktop.api.errors import Conflict, PixopError

    if processing is None:
        return NoEstimate(NO_PROCESSING)
    if client is None:
        return NoEstimate(NOT_CONNECTED)
    if not client.has_api_key:
        return NoEstimate(NO_API_KEY)
    if not video_id:
        return NoEstimate(NOT_ON_PIXOP)
    try:
        options, query = to_current(processing)
        appraisal = client.appraisals.create(video_id, options, query=query)
    except NotExpressible as refused:
        return NoEstimate(f"No estimate: {refused.message}", fixed=False)
    except Conflict:
        return NoEstimate(NOT_READY)
    except PixopError as refused:
        return NoEstimate(f"No estimate: {refused.message}", fixed=False)
    return Estimate(appraisal.cost_usd, appraisal.seconds, appraisal.output_bytes, appraisal.appraisal_id)


def summed(results: Iterable[Result]) -> Estimate | None:
    """The batch's total of the estimates there are (None when there is none); ``count`` says how many."""
    found = [r for r in results if isinstance(r, Estimate) and r.cost_usd is not None]
    if not found:
        return None
    seconds = [r.seconds for r in found if r.seconds is not None]
    sizes = [r.output_bytes for r in found if r.output_bytes is not None]
    return Estimate(round(sum(r.cost_usd for r in found), 2), sum(seconds) if seconds else None,
                    sum(sizes) if sizes else None, None, count=len(found))


def settings_key(processing: Any) -> str:
    """The same text for the same settings, whatever order their keys came in."""
    data = processing.to_json() if hasattr(processing, "to_json") else processing
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


class EstimateCache:
    """Answers per (server, video, settings), thread-safe. A refusal that may pass (not ready,
    the server's error) is kept only until ``forget_refusals``, so asking later can succeed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._found: dict[tuple[str, str, str], Result] = {}

    @staticmethod
    def key(server: str, video_id: str, processing: Any) -> tuple[str, str, str]:
        return server, video_id, settings_key(processing)

    def get(self, key: tuple[str, str, str]) -> Result | None:
        with self._lock:
            return self._found.get(key)

    def put(self, key: tuple[str, str, str], result: Result) -> None:
        with self._lock:
            self._found[key] = result

    def forget_refusals(self) -> None:
        with self._lock:
            self._found = {k: v for k, v in self._found.items() if isinstance(v, Estimate)}


def video_for_file(path: str, server: str, client: Any | None = None) -> str | None:
    """The Pixop video that holds the local file ``path``, or None: a job of this queue that
    uploaded the same file (path, size, modification time) to ``server``, else — with email and
    password, which listing needs — a video named with the file's content fingerprint (what
    watched folders name their uploads)."""
    import os

    from pixop_desktop.jobs.model import SourceKind
    from pixop_desktop.jobs.store import JobStore

    names = {os.path.abspath(path), os.path.realpath(path)}  # as dropped, as the CLI resolves it
    stat = os.stat(path)
    with JobStore() as store:
        jobs = store.list_jobs(source_paths=sorted(names))
    for job in sorted(jobs, key=lambda j: j.id, reverse=True):
        source = job.source
        if (source.kind is SourceKind.LOCAL and source.path in names and job.video_id
                and source.size == stat.st_size and source.mtime_ns == stat.st_mtime_ns
                and job.server in (None, server)):
            return job.video_id
    if client is None or not client.has_v1_credentials:
        return None
    from pixop_desktop.jobs.fingerprint import fingerprint, name_token, originals_by_content

    token = name_token(fingerprint(path, stat.st_size))
    found = originals_by_content(client.videos.iter_videos()).get(token) if token else None
    return found.video_id if found else None
