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
