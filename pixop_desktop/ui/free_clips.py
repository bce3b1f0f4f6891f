"""The free 10-second clip Pixop makes after an import: shown under its master, downloadable.

The queue has one row per job, so the clip is shown *on its master's row*:
the Result column adds "free clip ready" once the details panel (or a
download) has seen it, and Queue → Download Free Clip (also a button per
clip in the details panel) fetches it. The download runs on this object's
own thread pool with the resumable ``download_media``, into the job's output
folder (or the download folder from Settings); nothing blocks the window.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from pixop_desktop.jobs.model import Job, SourceKind, Stage
from pixop_desktop.ui.workers import Worker

log = logging.getLogger(__name__)

# Stages at which an imported master has been ingested, so its free clip may exist.
_INGESTED = frozenset(Stage) - {Stage.IMPORT, Stage.WAIT_INGEST}


def may_have_free_clip(job: Job) -> bool:
    """Only imports get a free clip, and only once ingested."""
    return job.source.kind is not SourceKind.LOCAL and bool(job.video_id) and job.stage in _INGESTED


class NoFreeClip(Exception):
    def __init__(self, title: str, message: str) -> None:
        super().__init__(f"{title}: {message}")
        self.title, self.message = title, message


def find_free_clip(client, video_id: str):
    """Blocking: the master's free clip (a ``DerivedVideo``), or ``NoFreeClip`` saying why not."""
    from pixop_desktop.imports.derived import derived_clips

    # The free clip is the one derived video the API documents; prefer one typed so, should more appear.
    clips = sorted(derived_clips(client, video_id), key=lambda clip: (clip.type or "").upper() != "FREE_CLIP")
    if not clips:
        raise NoFreeClip("No free clip yet", "Pixop makes the free 10-second clip shortly after an import "
                                             "is ingested. Try again in a minute.")
    return clips[0]


def download_clip(client, master_id: str, clip_id: str | None, folder: Path) -> Path:
    """Blocking: download a derived clip of ``master_id`` (the free clip when ``clip_id`` is None)."""
    from pixop_desktop.transfer.download import download_media

    clip_id = clip_id or find_free_clip(client, master_id).id
    folder.mkdir(parents=True, exist_ok=True)
    return download_media(client, clip_id, folder).path


class FreeClips(QObject):
    """Downloads clips off the GUI thread; ``saved(job_id, path)`` / ``failed(job_id, title, message)``."""

    saved = Signal(int, str)
    failed = Signal(int, str, str)

    def __init__(self, get_client: Callable[[], object], folder_for: Callable[[Job], Path],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._get_client, self._folder_for = get_client, folder_for
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._workers: dict = {}
        self._count = itertools.count(1)
        self.ready: set[int] = set()   # jobs whose free clip is known to exist
        self.busy: set[int] = set()

    def download(self, job: Job, clip_id: str | None = None) -> bool:
        """Start fetching the job's free clip (or ``clip_id``); False when there is nothing to fetch now."""
        client = self._get_client()
        if client is None or not job.video_id or job.id in self.busy:
            return False
        tag = (job.id, next(self._count))
        worker = Worker(tag, download_clip, client, job.video_id, clip_id, self._folder_for(job))
        worker.signals.succeeded.connect(self._done)
        worker.signals.failed.connect(self._failed)
        worker.signals.finished.connect(self._finished)
        self._workers[tag] = worker
        self.busy.add(job.id)
        self._pool.start(worker)
        return True

    @Slot(object, object)
    def _done(self, tag, path) -> None:
        self.ready.add(tag[0])
        self.saved.emit(tag[0], str(path))

    @Slot(object, str, str)
    def _failed(self, tag, title: str, message: str) -> None:
        self.failed.emit(tag[0], title, message)

    @Slot(object)
    def _finished(self, tag) -> None:
        self._workers.pop(tag, None)
        self.busy.discard(tag[0])

    def shutdown(self) -> None:
        self._pool.waitForDone()
        self._workers.clear()
