"""A video's facts as the processing model's ``SourceInfo``, for "what will I get".

From a local file (the upload pre-flight probe) or from what Pixop learnt when
it ingested the video (``Video.metadata``): the wizard and ``presets show
--source`` announce the output from either.
"""

from __future__ import annotations

import os

from pixop_desktop.processing import SourceInfo, container_name

_FIELD_ORDERS = {"top_field": "tff", "bottom_field": "bff", "tff": "tff", "bff": "bff"}


def source_info_from_file(path: str | os.PathLike[str]) -> SourceInfo:
    """Probe a local video with the upload pre-flight; raises its plain-words errors."""
    from pixop_desktop.transfer.probe import preflight

    media = preflight(path)
    return SourceInfo(
        width=media.width, height=media.height, fps=media.fps or 25.0,
        duration_ms=media.duration_ms, codec=media.codec,
        container=container_name(media.container, media.brand, media.path.name),
        interlaced=media.interlaced is not None, field_order=media.interlaced,
    )


def source_info_from_metadata(meta, file_name: str | None = None) -> SourceInfo | None:
    """From an ingested video's ``VideoMetadata``; None while size or frame rate are unknown.

    ``file_name`` (the uploaded file's) tells a QuickTime .mov from an .mp4, which the
    metadata's FFmpeg container name does not."""
    if meta is None or not meta.frame_width or not meta.frame_height or not meta.average_framerate:
        return None
    scan = meta.scanning.heuristics or meta.scanning.metadata if meta.scanning else None
    interlaced = bool(scan and (scan.scanning_type or "").lower() == "interlaced")
    return SourceInfo(
        width=meta.frame_width, height=meta.frame_height, fps=meta.average_framerate,
        duration_ms=meta.duration_in_millis,
        pix_fmt=meta.pixel_format.name if meta.pixel_format else None,
        codec=meta.codec_name, container=container_name(meta.container_name, None, file_name),
        interlaced=interlaced,
        field_order=_FIELD_ORDERS.get((scan.interlaced_field_order or "").lower()) if interlaced else None,
    )
