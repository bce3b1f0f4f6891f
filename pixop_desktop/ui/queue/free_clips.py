"""The free 10-second clip Pixop makes after an import: shown under its master, downloadable.

The queue has one row per job, so the clip is shown *on its master's row*:
the Result column adds "Free clip ready" once the job records the clip's id
(``Job.free_clip_id``: the pipeline looks while it waits for Pixop, so it
survives a restart), and Queue → Download Free Clip (also a button per clip
in the details panel) fetches it. The download runs on this object's own
thread pool with the resumable ``download_media``, into the job's output
folder (or the download folder from Settings); nothing blocks the window.

An import that ends right after ingestion (upload only) may end before Pixop
lists its clip. ``FreeClips.watch(job)`` then looks again a few times
(``RECHECK_DELAYS_MS``; a GUI-thread QTimer, the request on the pool) and
announces ``found(job_id, clip_id)`` — never an endless poll.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from pixop_desktop.api.errors import PixopError
from pixop_desktop.errors import UserFacingError
from pixop_desktop.jobs.model import Job, SourceKind, Stage, State
from pixop_desktop.jobs.stages.server import choose_free_clip
from pixop_desktop.ui.tasks import BackgroundTasks


log = logging.getLogger(__name__)

# Stages at which an imported master has been ingested, so its free clip may exist.
_INGESTED = frozenset(Stage) - {Stage.IMPORT, Stage.WAIT_INGEST}


def may_have_free_clip(job: Job) -> bool:
    """Only imports get a free clip, and only once ingested."""
    return job.source.kind is not SourceKind.LOCAL and bool(job.video_id) and job.stage in _INGESTED


def needs_recheck(job: Job) -> bool:
    """An import that ended (done) before its free clip was found: worth looking again later."""
    return job.state is State.DONE and may_have_free_clip(job) and not job.free_clip_id


class NoFreeClip(UserFacingError):
    """Pixop lists no free clip for the video (yet), or listing failed: said in plain words."""


def find_free_clip(client, video_id: str):
    """Blocking: the master's free clip (a ``DerivedVideo``), or ``NoFreeClip`` saying why not."""
    from pixop_desktop.imports.derived import derived_clips

    # The free clip is the one derived video the API documents; prefer one typed so, should more appear.
    clip = choose_free_clip(derived_clips(client, video_id))
    if clip is None:
        raise NoFreeClip("No free clip yet", "Pixop makes the free 10-second clip shortly after an import "
                                             "is ingested. Try again in a minute.")
    return clip


def free_clip_id(client, video_id: str) -> str | None:
    """Blocking: the id of the master's free clip, or None (not listed yet, or Pixop not reachable)."""
    if not getattr(client, "has_api_key", False):
        return None  # only the current API lists derived videos
    try:
        return find_free_clip(client, video_id).id
    except (NoFreeClip, PixopError):
        return None


def download_clip(client, master_id: str, clip_id: str | None, folder: Path) -> Path:
    """Blocking: download a derived clip of ``master_id`` (the free clip when ``clip_id`` is None)."""
    from pixop_desktop.transfer.download import download_media

    clip_id = clip_id or find_free_clip(client, master_id).id
    folder.mkdir(parents=True, exist_ok=True)
    return download_media(client, clip_id, folder).path


class FreeClips(QObject):
    """Downloads clips and looks again for late ones, off the GUI thread.

    ``saved(job_id, path)`` / ``failed(job_id, title, message)`` report downloads;
    ``found(job_id, clip_id)`` a free clip a re-check found (the window records it).
    """

    saved = Signal(int, str)
    failed = Signal(int, str, str)
    found = Signal(int, str)

    # When to look again after an import ended without its clip (from the previous look).
    RECHECK_DELAYS_MS: tuple[int, ...] = (15_000, 60_000, 240_000)

    def __init__(self, get_client: Callable[[], object], folder_for: Callable[[Job], Path],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._get_client, self._folder_for = get_client, folder_for
        self.tasks = BackgroundTasks(self, max_threads=2)
        self.ready: set[int] = set()   # jobs whose free clip is known to exist
        self.busy: set[int] = set()
        self._timers: dict[int, QTimer] = {}   # job id → the timer of its next look
        self._masters: dict[int, str] = {}     # job id → master video id, while watched
        self.looks: dict[int, int] = {}        # job id → looks made (kept after: watched once a session)
        self._closed = False

    def download(self, job: Job, clip_id: str | None = None) -> bool:
        """Start fetching the job's free clip (or ``clip_id``); False when there is nothing to fetch now."""
        client = self._get_client()
        if client is None or not job.video_id or job.id in self.busy:
            return False
        self.busy.add(job.id)
        self.tasks.run(("download", job.id), download_clip, client, job.video_id, clip_id, self._folder_for(job),
                       on_done=functools.partial(self._done, job.id),
                       on_error=functools.partial(self.failed.emit, job.id),
                       on_finished=functools.partial(self.busy.discard, job.id))
        return True

    def _done(self, job_id: int, path) -> None:
        self.ready.add(job_id)
        self.saved.emit(job_id, str(path))

    # ----- looking again for a clip that came late ----------------------------------------

    def watch(self, job: Job) -> bool:
        """Look again for this ended import's free clip, ``len(RECHECK_DELAYS_MS)`` times at most.

        False when there is nothing to look for, or the job was watched before
        in this session (each job gets one bounded series of looks).
        """
        if self._closed or not needs_recheck(job) or job.id in self.looks:
            return False
        self.looks[job.id] = 0
        self._masters[job.id] = job.video_id
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(functools.partial(self._look, job.id))  # same thread: a partial is safe
        self._timers[job.id] = timer
        timer.start(self.RECHECK_DELAYS_MS[0])
        return True

    def watching(self, job_id: int) -> bool:
        """Still looking for this job's clip (a look is due or under way)."""
        return job_id in self._timers

    def look_due(self, job_id: int) -> bool:
        """A later look is scheduled (none under way right now)."""
        timer = self._timers.get(job_id)
        return timer is not None and timer.isActive()

    def _look(self, job_id: int) -> None:
        """A timer fired (GUI thread): ask on the pool; nothing when not connected."""
        self.looks[job_id] += 1
        client = self._get_client()
        if client is None or self._closed:
            self._look_done(job_id, None)
            return
        self.tasks.run(("look", job_id), free_clip_id, client, self._masters[job_id],
                       on_done=functools.partial(self._look_done, job_id),
                       on_error=functools.partial(self._look_failed, job_id))

    def _look_failed(self, job_id: int, title: str, message: str) -> None:
        log.info("looking for the free clip of job %s failed: %s", job_id, title)
        self._look_done(job_id, None)

    def _look_done(self, job_id: int, clip_id: str | None) -> None:
        """Found: announce and stop; else schedule the next look, or stop after the last one."""
        timer = self._timers.get(job_id)
        if timer is None:
            return
        looks = self.looks[job_id]
        if clip_id or self._closed or looks >= len(self.RECHECK_DELAYS_MS):
            self._stop_watching(job_id)
            if clip_id and not self._closed:
                self.found.emit(job_id, clip_id)
            return
        timer.start(self.RECHECK_DELAYS_MS[looks])

    def _stop_watching(self, job_id: int) -> None:
        timer = self._timers.pop(job_id, None)
        self._masters.pop(job_id, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()

    def shutdown(self) -> None:
        self._closed = True
        for job_id in list(self._timers):
            self._stop_watching(job_id)
        self.tasks.shutdown()
