"""The stage functions, by stage (see ``jobs/pipeline.py`` for the rules they follow)."""

from __future__ import annotations

from ..model import Stage
from .files import after_action, download, upload
from .server import approval, create_video, finished, import_source, process
from .waiting import wait_ingest, wait_processing

STAGES = {
    Stage.CREATE_VIDEO: create_video,
    Stage.UPLOAD: upload,
    Stage.IMPORT: import_source,
    Stage.WAIT_INGEST: wait_ingest,
    Stage.APPROVAL: approval,
    Stage.PROCESS: process,
    Stage.WAIT_PROCESSING: wait_processing,
    Stage.DOWNLOAD: download,
    Stage.AFTER_ACTION: after_action,
    Stage.FINISHED: finished,
}

__all__ = ["STAGES"]
