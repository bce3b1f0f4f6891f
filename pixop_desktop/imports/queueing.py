"""Imports on the queue: Pixop has started copying; the job follows the usual pipeline.

The import request itself is sent before the job is stored, because it carries options the
queue's ``Source`` does not record (CRC32C, connections, description, the chosen name). The
job is stored with the new ``video_id`` at its IMPORT stage, which the pipeline then skips:
it follows ``/videos/{id}/in/status``, waits for ingestion, processes and downloads like any
other job, and the app's queue shows it. (If the app dies between the two steps, the video
exists on Pixop without a job — never a second import.)

GUI callers run :func:`enqueue_import` on a worker thread with what a dialog returned.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pixop_desktop.jobs.model import Ingestion, Job, Source, Stage

from .params import HttpsImport, S3Import

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient
    from pixop_desktop.jobs.store import JobStore


def imported_job(source: Source, video_id: str, *, full_ingestion: bool, project_id: str | None,
                 processing: dict | None = None, preset: str | None = None,
                 output_folder: str | Path | None = None, needs_approval: bool = False) -> Job:
    """A queue job for an import Pixop has already accepted (``video_id`` is the new master)."""
    return Job(source, ingestion=Ingestion.FULL if full_ingestion else Ingestion.LIGHT,
               project_id=project_id, processing=processing, preset=preset, needs_approval=needs_approval,
               output_folder=str(Path(output_folder).resolve()) if output_folder else None,
               video_id=video_id, stage=Stage.IMPORT)


def source_of(wanted: HttpsImport | S3Import) -> Source:
    if isinstance(wanted, HttpsImport):
        return Source.https(wanted.url)
    return Source.s3(wanted.location_id, wanted.object_key)


def start_import(client: PixopClient, wanted: HttpsImport | S3Import, *, allow_private: bool = False) -> str:
    """Send the import; returns the new master video's id (raises PixopError when refused)."""
    if isinstance(wanted, HttpsImport):
        return wanted.start(client, allow_private=allow_private)
    return wanted.start(client)


def enqueue_import(client: PixopClient, store: JobStore, wanted: HttpsImport | S3Import, *,
                   processing: dict | None = None, preset: str | None = None,
                   output_folder: str | Path | None = None, needs_approval: bool = False,
                   allow_private: bool = False) -> Job:
    """Start the import, then add its job to the queue (blocking: run it off the GUI thread)."""
    video_id = start_import(client, wanted, allow_private=allow_private)
    job = imported_job(source_of(wanted), video_id, full_ingestion=wanted.full_ingestion,
                       project_id=wanted.project_id, processing=processing, preset=preset,
                       output_folder=output_folder, needs_approval=needs_approval)
    store.add(job, message=f"Pixop started importing into video {video_id}")
    return job
