"""From what a person dropped or chose to jobs in the queue (Qt-free).

The GUI's drop zone, "Add files…" and "Add folder…" all end here:

1. ``expand_paths`` turns files and folders into a flat list of files (folders
   recursively, hidden files and folders inside them skipped, duplicates
   removed, order kept so the queue follows what the person saw);
2. ``probe_files`` pre-flight-probes every file (``transfer.probe.preflight``)
   and splits them into videos and refusals — a refused file is listed for
   the person and never uploaded;
3. ``build_jobs`` makes one ``Job`` per video with the chosen ``JobOptions``.

Nothing here moves, renames or writes the person's files: a job only
references the path (drops copy).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pixop_desktop.jobs.model import DEFAULT_INGESTION, Ingestion, Job, Source
from pixop_desktop.jobs.templates import DEFAULT_TEMPLATE
from pixop_desktop.transfer.probe import LocalFileRefused, LocalMedia, preflight


@dataclass(frozen=True)
class Refusal:
    """A file left out, with why, in words a person can act on."""

    path: Path
    title: str
    message: str


@dataclass
class IntakeResult:
    accepted: list[LocalMedia] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


@dataclass(frozen=True)
class JobOptions:
    """What the person chose for the files they add (the main window's intake panel)."""

    ingestion: Ingestion = DEFAULT_INGESTION
    project_id: str | None = None
    processing: dict | None = None       # ProcessingRequest JSON; None = upload only
    preset: str | None = None
    output_folder: str | None = None     # where results are downloaded (only with processing)
    name_template: str = DEFAULT_TEMPLATE
    needs_approval: bool = False


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(folder: Path) -> Iterable[Path]:
    """Files under ``folder``, sorted by name at each level, hidden entries skipped, links not followed."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            if not _hidden(name):
                yield Path(root) / name


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Dropped files and folders → absolute file paths, folders expanded recursively, no duplicates.

    A path that does not exist is kept, so the probe reports it ("does not exist any more").
    """
    seen: set[Path] = set()
    files: list[Path] = []
    for raw in paths:
        path = Path(raw).absolute()
        found = _walk(path) if path.is_dir() else (path,)
        for file in found:
            if file not in seen:
                seen.add(file)
                files.append(file)
    return files


def probe_files(files: Iterable[Path], *, probe: Callable[[Path], LocalMedia] = preflight,
                cancelled: Callable[[], bool] = lambda: False) -> IntakeResult:
    """Probe every file; what is not a video Pixop can take goes into ``refused`` with the reason."""
    result = IntakeResult()
    for file in files:
        if cancelled():
            break
        try:
            result.accepted.append(probe(file))
        except LocalFileRefused as exc:
            result.refused.append(Refusal(file, exc.title, exc.message))
        except OSError as exc:  # e.g. a network share that went away mid-walk
            result.refused.append(Refusal(file, "Cannot read the file", f"“{file.name}”: {exc.strerror or exc}."))
    return result


def intake(paths: Iterable[str | os.PathLike[str]], **kwargs) -> IntakeResult:
    """``expand_paths`` then ``probe_files``: the whole check the GUI runs off its own thread."""
    return probe_files(expand_paths(paths), **kwargs)


def build_jobs(media: Iterable[LocalMedia], options: JobOptions) -> list[Job]:
    """One job per probed video; the size and mtime seen now guard against the file changing later."""
    return [_job(Source.local(str(item.path), item.size, item.mtime_ns), options) for item in media]


def url_job(url: str, options: JobOptions) -> Job:
    """A job for a video Pixop copies from an HTTPS address."""
    return _job(Source.https(url), options)


def s3_job(location_id: str, object_key: str, options: JobOptions) -> Job:
    """A job for an object in one of the team's S3 input locations."""
    return _job(Source.s3(location_id, object_key), options)


def _job(source: Source, options: JobOptions) -> Job:
    processing = options.processing
    return Job(source, ingestion=options.ingestion, project_id=options.project_id,
               processing=processing, preset=options.preset if processing is not None else None,
               needs_approval=options.needs_approval and processing is not None,
               output_folder=options.output_folder if processing is not None else None,
               name_template=options.name_template)
