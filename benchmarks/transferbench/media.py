"""A large file that is still a real video: a tiny MP4 followed by one huge ``free`` box.

The app's pre-flight probe and the sandbox's ingestion both open the file with FFmpeg, so the
benchmark file must be a real video; but encoding 2 GiB of video would take minutes. ISO BMFF
readers skip ``free`` boxes, so a small clip plus a ``free`` box of pseudo-random padding probes
as the small clip while weighing whatever size we ask for — and is written at disk speed.
"""

from __future__ import annotations

import os
import struct
from fractions import Fraction
from pathlib import Path

import av

BLOCK = 4 << 20


def write_clip(path: Path, seconds: int = 2, fps: int = 10) -> None:
    """A 160x120 H.264 MP4 of a moving gradient (small, valid, quick to make)."""
    with av.open(str(path), "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 160, 120, "yuv420p"
        stream.time_base = Fraction(1, fps)
        for index in range(seconds * fps):
            frame = av.VideoFrame(160, 120, "yuv420p")
            for plane, height in zip(frame.planes, (120, 60, 60)):
                row = bytes((x * 2 + index * 8) % 256 for x in range(plane.line_size))
                plane.update(row * height)
            frame.pts = index
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


def make_video(path: Path, size: int) -> Path:
    """Write a probe-able MP4 of exactly ``size`` bytes at ``path``."""
    write_clip(path)
    clip_size = path.stat().st_size
    padding = size - clip_size - 16
    if padding < 0:
        raise ValueError(f"size must be at least {clip_size + 16} bytes")
    block = os.urandom(BLOCK)
    with open(path, "ab") as handle:
        # size=1 means "64-bit size follows": valid for any size, 16-byte header.
        handle.write(struct.pack(">I4sQ", 1, b"free", padding + 16))
        left = padding
        while left:
            step = min(left, BLOCK)
            handle.write(block[:step])
            left -= step
    assert path.stat().st_size == size
    return path
