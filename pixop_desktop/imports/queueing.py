"""Imports on the queue: two ways in, one pipeline.

- :func:`import_jobs` (the app's import dialogs): jobs at their IMPORT stage that keep what the
  person asked for (``Job.import_options``: name, description, file name, CRC32C, connections);
  the pipeline's ``import_source`` sends the import with all of it when a worker gets there, and
  a re-run after a crash finds the video by the job's tag instead of importing twice.
- :func:`enqueue_import` (the CLI, which reports refusals at once): the import is sent first,
  then the job is stored with the new ``video_id`` at its IMPORT stage, which the pipeline then
  skips. (If the process dies between the two steps, the video exists on Pixop without a job —
  never a second import.)

Either way the job then follows ``/videos/{id}/in/status``, waits for ingestion, processes and
downloads like any other job.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pixop_desktop.jobs.model import Ingestion, Job, Source, Stage, import_options

from .params import HttpsImport, S3Import

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient
    from pixop_desktop.intake import JobOptions
    from pixop_desktop.jobs.store import JobStore


def imported_job(source: Source, video_id: str, *, full_ingestion: bool, project_id: str | None,
                 processing: dict | None = None, preset: str | None = None,
                 output_folder: str | Path | None = None, needs_approval: bool = False) -> Job:
    """A queue job for an import Pixop has already accepted (``video_id`` is the new master)."""
    return Job(source, ingestion=Ingestion.FULL if full_ingestion else Ingestion.LIGHT,
               project_id=project_id, processing=processing, preset=preset, needs_approval=needs_approval,
               output_folder=str(Path(output_folder).resolve()) if output_folder else None,
               video_id=video_id, stage=Stage.IMPORT)


def options_of(wanted: HttpsImport | S3Import) -> dict | None:
    """What the job must remember to send (``Job.import_options``); blank fields left out."""
    extra = {"crc32c": wanted.crc32c, "connections": wanted.connections} if isinstance(wanted, HttpsImport) else {}
    return import_options(name=wanted.name.strip() or None, description=wanted.description,
                          file_name=(wanted.file_name or "").strip() or None, **extra)


def import_job(wanted: HttpsImport | S3Import, *, project_id: str | None = None,
               processing: dict | None = None, preset: str | None = None,
               output_folder: str | Path | None = None, needs_approval: bool = False,
               name_template: str | None = None) -> Job:
    """A queue job that will start this import itself (the dialogs' path); nothing is sent yet.

    ``project_id`` is the fallback when the import names none.
    """
    job = Job(source_of(wanted), ingestion=Ingestion.FULL if wanted.full_ingestion else Ingestion.LIGHT,
              project_id=wanted.project_id or project_id, processing=processing, preset=preset,
              needs_approval=needs_approval, stage=Stage.IMPORT, import_options=options_of(wanted),
              output_folder=str(Path(output_folder).resolve()) if output_folder else None)
    if name_template:
        job.name_template = name_template
    return job


def import_jobs(imports: Iterable[HttpsImport | S3Import], base: JobOptions) -> list[Job]:
    """Jobs for what the import dialogs returned, with the intake panel's choices (``base``).

    The GUI adds them with ``intake.enqueue(jobs)``; the runner starts each import.
    """
    return [import_job(wanted, project_id=base.project_id, processing=base.processing, preset=base.preset,
                       output_folder=base.output_folder if base.processing is not None else None,
                       needs_approval=base.needs_approval, name_template=base.name_template)
            for wanted in imports]


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
    job.import_options = options_of(wanted)
    store.add(job, message=f"Pixop started importing into video {video_id}")
    return job
