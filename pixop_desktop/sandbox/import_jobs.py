"""Background side of imports: copy the bytes, verify them, ingest, then make the free clip."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from pixop_desktop.sandbox import importer, jobs
from pixop_desktop.sandbox.context import Context
from pixop_desktop.sandbox.variants import failure_word

log = logging.getLogger(__name__)


def import_https(ctx: Context, video_id: str, url: str, size: int, connections: int,
                 crc32c: int | None, full: bool) -> None:
    gone = ctx.workers.cancel_flag(lambda: video_id not in ctx.store.videos)
    temp = ctx.store.media_dir / f"{video_id}.import"
    ctx.store.update(video_id, "upload", status="IN_PROGRESS")
    try:
        importer.copy_ranges(url, temp, size, connections, ctx.import_ca_file, gone)
        if crc32c is not None and importer.file_crc32c(temp) != crc32c:
            raise OSError("the copied data does not match the given CRC32C checksum")
    except Exception as exc:
        temp.unlink(missing_ok=True)
        if not gone():
            log.info("import of %s failed: %s", video_id, exc)
            ctx.store.update(video_id, "upload", status=failure_word(ctx.variants),
                             error=f"The copy from the URL failed: {exc}.")
        return
    _finish(ctx, video_id, temp, full)


def import_s3(ctx: Context, video_id: str, source: Path, full: bool) -> None:
    temp = ctx.store.media_dir / f"{video_id}.import"
    ctx.store.update(video_id, "upload", status="IN_PROGRESS")
    try:
        shutil.copyfile(source, temp)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        ctx.store.update(video_id, "upload", status=failure_word(ctx.variants),
                         error=f"The copy from the S3 location failed: {exc.strerror}.")
        return
    _finish(ctx, video_id, temp, full)


def _finish(ctx: Context, video_id: str, temp: Path, full: bool) -> None:
    if ctx.workers.stopping.is_set() or video_id not in ctx.store.videos:
        temp.unlink(missing_ok=True)
        return
    os.replace(temp, ctx.store.media_path(video_id))
    target = ctx.store.media_path(video_id)
    with ctx.store.lock:
        generation = ctx.store.videos[video_id]["upload"].get("generation", 0) + 1
    ctx.store.update(video_id, "upload", status="DONE", done=True, generation=generation,
                     fileSize=target.stat().st_size, sha256=jobs.file_sha256(target))
    jobs.ingest(ctx, video_id, generation, full)
    jobs.free_clip(ctx, video_id)
