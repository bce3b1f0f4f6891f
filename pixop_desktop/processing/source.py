"""What is known about the source video, as far as planning the output needs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceInfo:
    """The source video's facts, from Pixop's ingestion metadata or a local probe.

    ``container`` is one of mov/mxf/mp4/mts or an FFmpeg format name
    ("mpegts", "mxf", "mov,mp4,m4a,3gp,3g2,mj2"); ``codec`` is FFmpeg's codec
    name ("h264", "prores", "mpeg2video", ...); ``pix_fmt`` FFmpeg's pixel
    format ("yuv420p"). ``display_aspect`` is width/height as shown (it differs
    from the stored width/height when pixels are not square).
    """

    width: int
    height: int
    fps: float
    duration_ms: int | None = None
    display_aspect: float | None = None
    pix_fmt: str | None = None
    codec: str | None = None
    container: str | None = None
    interlaced: bool = False
    field_order: str | None = None
    """For interlaced sources: "tff" or "bff" when known (kept on interlaced output)."""

    @property
    def storage_aspect(self) -> float:
        return self.width / self.height

    @property
    def shown_aspect(self) -> float:
        """Display aspect ratio, or the storage one when the display one is unknown."""
        return self.display_aspect or self.storage_aspect


# FFmpeg's demuxer for both QuickTime and MPEG-4 files: only the file's major brand tells them apart.
_ISO_DEMUXER = "mov,mp4,m4a,3gp,3g2,mj2"
_QUICKTIME_BRANDS = frozenset({"qt", ""})


def container_name(format_name: str | None, major_brand: str | None = None,
                   file_name: str | None = None) -> str | None:
    """The source's container as the output plan reads it ("mov", "mp4", "mxf", "mpegts" …).

    FFmpeg names MP4 and QuickTime files alike; the major brand (``qt  `` or none for
    QuickTime, ``isom``/``mp42``… for MPEG-4, as Pixop's ingestion and the sandbox read it)
    decides, else the file's extension. A .mov source must not be announced as .mp4:
    the output keeps the source's container when it can hold the codec.
    """
    if not format_name or not format_name.startswith("mov,"):
        return format_name
    if major_brand is not None:
        return "mov" if major_brand.strip().lower() in _QUICKTIME_BRANDS else "mp4"
    suffix = (file_name or "").rsplit(".", 1)[-1].lower() if file_name and "." in file_name else ""
    if suffix in ("mov", "mp4"):
        return suffix
    return format_name
