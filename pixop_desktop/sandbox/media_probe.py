"""What a video file is, measured for real with PyAV: the sandbox's ingestion metadata.

``probe(path)`` opens the file with FFmpeg, reads the first video stream's
parameters and demuxes the file once (no decoding) to count frames and sum the
stream's packet sizes. Anything FFmpeg cannot read as a video raises
``NotAVideo`` with a sentence a person can understand.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import av.filter

# FFmpeg's AVFieldOrder values, as PyAV returns them from codec_context.field_order.
_FIELD_PROGRESSIVE = 1
_TOP_FIRST = {2, 4}  # TT, TB: the top field is displayed first
_BOTTOM_FIRST = {3, 5}  # BB, BT

# Chroma divisors (width, height) → the J:a:b notation Pixop uses.
_SUBSAMPLING = {
    (1, 1): "4:4:4",
    (2, 1): "4:2:2",
    (2, 2): "4:2:0",
    (4, 1): "4:1:1",
    (4, 4): "4:1:0",
    (1, 2): "4:4:0",
}

# FFmpeg demuxer names → the short names Pixop's processing request uses.
_FRIENDLY_CONTAINER = {
    "mpegts": "mts",
    "mxf": "mxf",
    "matroska,webm": "mkv",
    "avi": "avi",
    "mpeg": "mpg",
}


class NotAVideo(Exception):
    """The file cannot be ingested as a video; ``reason`` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ProbeResult:
    """Everything ingestion learns about a video file."""

    container_name: str
    """FFmpeg's demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"."""
    container: str
    """Short friendly container name, e.g. "mp4", "mov", "mxf", "mts"."""
    long_container_name: str
    codec_name: str
    long_codec_name: str
    pix_fmt: str
    chroma_subsampling: str
    """"4:2:0", "4:2:2", ... ("4:0:0" for grey, "4:4:4" for RGB)."""
    bits: int
    width: int
    height: int
    scanning_type: str
    """"progressive" or "interlaced"."""
    field_order: str | None
    """"top_field" / "bottom_field" when interlaced, else None."""
    fps: float
    frame_rate: Fraction
    duration_ms: int
    total_frames: int
    size: int
    video_stream_size: int
    display_aspect_ratio: Fraction
    has_audio: bool
    bitrate_bps: int
    """Bit rate of the video stream (from its packet sizes and duration)."""

    def to_metadata_json(self) -> dict:
        """The v1 video record's ``ingestion.metadata``, in the seed's camelCase shape."""
        scanning = {"scanningType": self.scanning_type}
        if self.field_order:
            scanning["interlacedFieldOrder"] = self.field_order
        return {
            "containerName": self.container_name,
            "longContainerName": self.long_container_name,
            "codecName": self.codec_name,
            "longCodecName": self.long_codec_name,
            "pixelFormat": {
                "name": self.pix_fmt,
                "chromaSubsampling": {"yuv": self.chroma_subsampling, "bits": self.bits},
            },
            "frameWidth": self.width,
            "frameHeight": self.height,
            "scanning": {"metadata": scanning},
            "averageFramerate": self.fps,
            "durationInMillis": self.duration_ms,
            "totalFrames": self.total_frames,
            "size": self.size,
            "videoStreamSize": self.video_stream_size,
        }


def probe(path: str | os.PathLike) -> ProbeResult:
    """Measure ``path``; raises ``NotAVideo`` when it is not a readable video."""
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise NotAVideo("This file is empty.")
    try:
        with av.open(str(path), "r") as container:
            return _probe_open(container, size)
    except av.FFmpegError as exc:
        raise NotAVideo(f"FFmpeg cannot read this file: {_plain_ffmpeg_error(exc)}") from exc


def _plain_ffmpeg_error(exc: av.FFmpegError) -> str:
    """FFmpeg's own words without the file path (which can be long and private)."""
    text = getattr(exc, "strerror", None) or str(exc)
    return text.rstrip(".") + "."


def _probe_open(container, size: int) -> ProbeResult:
    stream = _first_video_stream(container)
    if stream is None:
        raise NotAVideo("This file has no video stream.")
    codec_context = stream.codec_context
    if not codec_context.width or not codec_context.height or not codec_context.pix_fmt:
        raise NotAVideo("FFmpeg cannot read this file: the video stream has no picture size.")
    packets, stream_bytes, span = _demux_video(container, stream)
    if packets == 0:
        raise NotAVideo("This file has no video frames; it may be truncated.")
    rate = _frame_rate(stream)
    duration = _duration_seconds(container, stream, span, packets, rate)
    total_frames = stream.frames if stream.frames > 0 else packets
    scanning, field_order = _scanning(container, stream)
    yuv, bits = _chroma(codec_context.pix_fmt)
    return ProbeResult(
        container_name=container.format.name,
        container=_friendly_container(container),
        long_container_name=container.format.long_name,
        codec_name=codec_context.codec.name,
        long_codec_name=codec_context.codec.long_name,
        pix_fmt=codec_context.pix_fmt,
        chroma_subsampling=yuv,
        bits=bits,
        width=codec_context.width,
        height=codec_context.height,
        scanning_type=scanning,
        field_order=field_order,
        fps=round(float(rate), 3),
        frame_rate=rate,
        duration_ms=round(duration * 1000),
        total_frames=total_frames,
        size=size,
        video_stream_size=stream_bytes,
        display_aspect_ratio=_display_aspect(stream),
        has_audio=bool(container.streams.audio),
        bitrate_bps=round(stream_bytes * 8 / duration) if duration > 0 else 0,
    )


def _first_video_stream(container):
    """The first real video stream — cover art in an audio file does not count."""
    for stream in container.streams.video:
        if not stream.disposition & av.stream.Disposition.attached_pic:
            return stream
    return None


def _demux_video(container, stream) -> tuple[int, int, float]:
    """Packet count, byte total and presentation span (seconds) of ``stream``."""
    count = total = 0
    first = last = None
    for packet in container.demux(stream):
        if packet.size == 0:  # the flush packet at the end
            continue
        count += 1
        total += packet.size
        if packet.pts is not None and packet.time_base is not None:
            start = float(packet.pts * packet.time_base)
            end = start + float((packet.duration or 0) * packet.time_base)
            first = start if first is None else min(first, start)
            last = end if last is None else max(last, end)
    span = (last - first) if first is not None and last is not None else 0.0
    return count, total, span


def _frame_rate(stream) -> Fraction:
    for rate in (stream.average_rate, stream.guessed_rate, stream.base_rate):
        if rate:
            return Fraction(rate)
    return Fraction(25)


def _duration_seconds(container, stream, span: float, packets: int, rate: Fraction) -> float:
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if span > 0:
        return span
    if container.duration:
        return container.duration / av.time_base
    return packets / float(rate)


def _scanning(container, stream) -> tuple[str, str | None]:
    """Scanning type and field order as the file says them.

    The first picture's own flags win (they come from the bitstream, and some
    muxers label streams wrongly: MXF calls interlaced ProRes progressive and
    swaps FFV1's field dominance); the stream's field order counts for codecs
    that do not flag their pictures (HEVC).
    """
    frame = _first_frame(container, stream)
    if frame is not None and frame.interlaced_frame:
        return "interlaced", _frame_field_order(frame)
    order = stream.codec_context.field_order
    if order in _TOP_FIRST:
        return "interlaced", "top_field"
    if order in _BOTTOM_FIRST:
        return "interlaced", "bottom_field"
    return "progressive", None


def _first_frame(container, stream):
    try:
        container.seek(0, stream=stream)
        return next(container.decode(stream), None)
    except av.FFmpegError:
        return None


def _frame_field_order(frame) -> str:
    """The field order an interlaced frame is flagged with.

    PyAV does not expose the flag, but FFmpeg's ``fieldorder=tff`` filter
    shifts the picture by a line exactly when the frame is flagged bottom first.
    (The luma goes to 16-bit grey first: fieldorder refuses 4:2:0, and grey
    keeps every luma bit of any depth.)
    """
    as_is = _through(frame, [("format", "pix_fmts=gray16le")])
    reordered = _through(frame, [("format", "pix_fmts=gray16le"), ("fieldorder", "tff")])
    return "top_field" if as_is == reordered else "bottom_field"


def _through(frame, chain) -> bytes:
    graph = av.filter.Graph()
    source = graph.add_buffer(
        width=frame.width, height=frame.height, format=frame.format.name, time_base=Fraction(1, 25)
    )
    graph.link_nodes(source, *[graph.add(name, args) for name, args in chain], graph.add("buffersink"))
    graph.configure()
    frame.pts = 0
    graph.push(frame)
    out = graph.pull()
    plane = out.planes[0]
    data = bytes(plane)
    row_bytes = plane.width * 2
    return b"".join(data[r * plane.line_size : r * plane.line_size + row_bytes] for r in range(plane.height))


def _chroma(pix_fmt: str) -> tuple[str, int]:
    fmt = av.VideoFormat(pix_fmt, 64, 64)
    bits = fmt.components[0].bits
    if fmt.is_rgb:
        return "4:4:4", bits
    if len(fmt.components) < 3:
        return "4:0:0", bits
    divisors = (64 // max(1, fmt.components[1].width), 64 // max(1, fmt.components[1].height))
    return _SUBSAMPLING.get(divisors, "4:2:0"), bits


def _friendly_container(container) -> str:
    name = container.format.name
    if name in _FRIENDLY_CONTAINER:
        return _FRIENDLY_CONTAINER[name]
    if name.startswith("mov,"):
        brand = (container.metadata.get("major_brand") or "").strip().lower()
        return "mov" if brand in ("qt", "") else "mp4"
    return name.split(",")[0]


def _display_aspect(stream) -> Fraction:
    ratio = stream.display_aspect_ratio or stream.codec_context.display_aspect_ratio
    if ratio:
        return Fraction(ratio)
    context = stream.codec_context
    return Fraction(context.width, context.height)
