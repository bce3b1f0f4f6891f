"""Local pre-flight probe: is this file a video Pixop can take, before any byte moves?

``preflight(path)`` opens the file with PyAV and reads the container and stream
headers only (no demuxing of the whole file, no decoding), so it answers in
milliseconds even for a 100 GB master. What it refuses — a missing, empty or
unreadable file, a file with no video stream, a file over Pixop's 500 GB limit —
it refuses with an error that names the file and says why, in plain words.

``thumbnail(path, max_size)`` decodes one frame into a PNG for the GUI
(PyAV's own PNG encoder: no Pillow needed).

This is the *client's* probe. The sandbox has its own (sandbox/media_probe.py),
which plays Pixop's ingestion; the two are deliberately independent.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from pixop_desktop.errors import UserFacingError

MAX_UPLOAD_BYTES = 500 * 10**9
"""Pixop's limit on one file: 500 GB (decimal, as Pixop states it)."""

# FFmpeg's AVFieldOrder: 0 unknown, 1 progressive, 2..5 interlaced (TT, BB, TB, BT).
_FIELD_ORDER = {2: "tff", 3: "bff", 4: "tff", 5: "bff"}

# Demuxers FFmpeg uses for still images and text art: they show a "video stream", but
# the file is not a video (an image sequence is matched by the "_pipe" suffix too).
_STILL_FORMATS = frozenset({"image2", "tty", "bin", "xbin", "adf", "idf", "gif"})


class LocalFileRefused(UserFacingError):
    """The file cannot be sent to Pixop; ``.message`` names it and says why.

    Not a ``PixopError``: nothing was asked of Pixop, so nothing here is the server's to
    answer or worth retrying; code that catches Pixop's errors does not catch these.
    """

    default_title = "Cannot send this file"

    def __init__(self, path: str | os.PathLike[str], message: str) -> None:
        super().__init__(self.default_title, message)
        self.path = Path(path)


class FileMissing(LocalFileRefused):
    default_title = "File not found"


class FileUnreadable(LocalFileRefused):
    default_title = "Cannot read the file"


class EmptyFile(LocalFileRefused):
    default_title = "Empty file"


class NotAVideoError(LocalFileRefused):
    default_title = "Not a video"


class FileTooLarge(LocalFileRefused):
    default_title = "File too large"


@dataclass(frozen=True)
class LocalMedia:
    """What the pre-flight probe learnt about a local video file."""

    path: Path
    size: int
    """Bytes on disk when probed (the upload guard compares against it)."""
    mtime_ns: int
    """st_mtime_ns when probed."""
    duration_ms: int | None
    width: int
    height: int
    fps: float | None
    codec: str
    """FFmpeg codec name, e.g. "h264", "prores"."""
    container: str
    """FFmpeg demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"."""
    interlaced: str | None
    """"tff"/"bff" when the stream declares interlacing, None for progressive or unknown."""
    brand: str | None = None
    """The MP4/QuickTime major brand ("qt", "isom" …), which tells a .mov from an .mp4; None for others."""


def _quoted(path: Path) -> str:
    return f"“{path.name}”"


def _stat(path: Path) -> os.stat_result:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileMissing(path, f"{_quoted(path)} does not exist (any more). Check the file's location.") from None
    except PermissionError:
        raise FileUnreadable(path, f"{_quoted(path)} cannot be read: permission denied.") from None
    except OSError as exc:
        raise FileUnreadable(path, f"{_quoted(path)} cannot be read: {exc.strerror or exc}.") from None
    if not path.is_file():
        raise FileUnreadable(path, f"{_quoted(path)} is not a file. Choose a video file.")
    return info


def preflight(path: str | os.PathLike[str]) -> LocalMedia:
    """Check ``path`` is a video Pixop can take; raises a LocalFileRefused subclass if not."""
    path = Path(path).absolute()
    info = _stat(path)
    if info.st_size == 0:
        raise EmptyFile(path, f"{_quoted(path)} is empty (0 bytes). It may still be being copied; try again when it is complete.")
    if info.st_size > MAX_UPLOAD_BYTES:
        size_gb = info.st_size / 10**9
        raise FileTooLarge(path, f"{_quoted(path)} is larger than 500 GB ({size_gb:,.1f} GB), "
                                 "the most Pixop accepts for one file.")
    try:
        with av.open(str(path), "r") as container:
            return _describe(path, info, container)
    except PermissionError:
        raise FileUnreadable(path, f"{_quoted(path)} cannot be read: permission denied.") from None
    except av.FFmpegError as exc:
        if getattr(exc, "errno", None) == errno.EACCES:
            raise FileUnreadable(path, f"{_quoted(path)} cannot be read: permission denied.") from None
        raise NotAVideoError(
            path, f"{_quoted(path)} is not a video file Pixop can read ({_ffmpeg_reason(exc)}). Choose a video file."
        ) from None


def _ffmpeg_reason(exc: av.FFmpegError) -> str:
    """FFmpeg's words, without the file path it likes to include."""
    text = getattr(exc, "strerror", None) or "unknown format"
    return text.rstrip(".").lower()


def _describe(path: Path, info: os.stat_result, container) -> LocalMedia:
    stream = _first_video_stream(container)
    if stream is None:
        raise NotAVideoError(path, f"{_quoted(path)} is not a video file Pixop can read (no video stream). Choose a video file.")
    if container.format.name in _STILL_FORMATS or container.format.name.endswith("_pipe"):
        raise NotAVideoError(path, f"{_quoted(path)} is a still image or text, not a video. Choose a video file.")
    context = stream.codec_context
    if not context.width or not context.height:
        raise NotAVideoError(path, f"{_quoted(path)} is not a video file Pixop can read (the video has no picture size). Choose a video file.")
    rate = stream.average_rate or stream.guessed_rate or stream.base_rate
    return LocalMedia(
        path=path, size=info.st_size, mtime_ns=info.st_mtime_ns,
        duration_ms=_duration_ms(container, stream),
        width=context.width, height=context.height,
        fps=round(float(rate), 3) if rate else None,
        codec=context.codec.name if context.codec else (context.name or "unknown"),
        container=container.format.name,
        interlaced=_FIELD_ORDER.get(getattr(context, "field_order", 0) or 0),
        brand=_brand(container),
    )


def _brand(container) -> str | None:
    if not container.format.name.startswith("mov,"):
        return None
    return (container.metadata.get("major_brand") or "").strip().lower()


def _first_video_stream(container):
    """The first real video stream — cover art in an audio file does not count."""
    for stream in container.streams.video:
        if not stream.disposition & av.stream.Disposition.attached_pic:
            return stream
    return None


def _duration_ms(container, stream) -> int | None:
    if stream.duration is not None and stream.time_base is not None:
        return round(float(stream.duration * stream.time_base) * 1000)
    if container.duration is not None:  # in AV_TIME_BASE (microseconds)
        return round(container.duration / 1000)
    return None


def thumbnail(path: str | os.PathLike[str], max_size: int = 320) -> bytes:
    """A PNG of the first decodable frame, scaled to fit ``max_size`` × ``max_size``."""
    path = Path(path)
    try:
        with av.open(str(path), "r") as container:
            stream = _first_video_stream(container)
            if stream is None:
                raise NotAVideoError(path, f"{_quoted(path)} has no video stream to make a thumbnail from.")
            stream.thread_type = "AUTO"
            frame = next(container.decode(stream), None)
    except av.FFmpegError as exc:
        raise NotAVideoError(path, f"{_quoted(path)} cannot be decoded ({_ffmpeg_reason(exc)}).") from None
    if frame is None:
        raise NotAVideoError(path, f"{_quoted(path)} has no picture to make a thumbnail from.")
    return _encode_png(frame, max_size)


def _fit(width: int, height: int, max_size: int) -> tuple[int, int]:
    scale = min(1.0, Fraction(max_size, max(width, height)))
    return max(2, round(width * scale)), max(2, round(height * scale))


def _encode_png(frame: av.VideoFrame, max_size: int) -> bytes:
    width, height = _fit(frame.width, frame.height, max_size)
    rgb = frame.reformat(width=width, height=height, format="rgb24")
    codec = av.CodecContext.create("png", "w")
    codec.width, codec.height, codec.pix_fmt = width, height, "rgb24"
    codec.time_base = Fraction(1, 25)
    packets = list(codec.encode(rgb)) + list(codec.encode(None))
    return b"".join(bytes(packet) for packet in packets)
