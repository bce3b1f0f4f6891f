"""The self-test's video journey: a clip made with PyAV through the in-process sandbox and back.

Each step is a method returning a one-line detail for the report; they share
state on one :class:`Journey` object, and run in order (the self-test stops at
the first failure). ``close`` stops the client and the sandbox whatever happened.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

from pixop_desktop.api.states import ENDED, Phase, phase_of, shown_word

from .report import WAIT_SECONDS, CheckFailed

PROCESSING = {"resolution": {"tag": "2x"}}
CLIP_SIZE, CLIP_FPS, CLIP_FRAMES = (160, 120), 10, 10


class Journey:
    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.clip = scratch / "self-test.mp4"
        self.result = scratch / "self-test-result.mp4"
        self._stack = contextlib.ExitStack()
        self.client = None
        self.box = None
        self.video_id: str | None = None
        self.processed_id: str | None = None

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [("clip", self.make_clip), ("sandbox", self.start_sandbox), ("upload", self.upload),
                ("ingest", self.ingest), ("process", self.process), ("download", self.download),
                ("output", self.check_output), ("queue", self.queue)]

    def make_clip(self) -> str:
        make_clip(self.clip)
        width, height = CLIP_SIZE
        return f"{width}x{height} H.264 clip made with PyAV ({self.clip.stat().st_size} bytes)"

    def start_sandbox(self) -> str:
        from pixop_desktop.api import PixopClient
        from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox

        box = self.box = self._stack.enter_context(Sandbox(data_dir=self.scratch / "sandbox"))
        self.client = self._stack.enter_context(
            PixopClient(box.url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD, api_key=DEFAULT_API_KEY))
        return f"built-in sandbox running at {box.url}"

    def upload(self) -> str:
        created = self.client.videos.create(name="Pixop Desktop self-test")
        self.video_id = created.video_id
        self.client.media.upload(self.video_id, self.clip)
        return f"{self.clip.stat().st_size} bytes sent to video {self.video_id}"

    def ingest(self) -> str:
        self._wait("ingestion", lambda: self.client.videos.ingestion_progress(self.video_id))
        meta = self.client.videos.get(self.video_id).metadata
        return f"the server probed {meta.frame_width}x{meta.frame_height}, {meta.duration_in_millis} ms"

    def process(self) -> str:
        order = self.client.videos.process(self.video_id, PROCESSING)
        self.processed_id = order.processed_video_id
        self._wait("processing", lambda: self.client.videos.processing_progress(self.processed_id))
        return f"processed with {PROCESSING} into video {self.processed_id}"

    def download(self) -> str:
        info = self.client.media.download(self.processed_id, self.result)
        size = self.result.stat().st_size
        if info.content_length is not None and size != info.content_length:
            raise CheckFailed(f"downloaded {size} bytes, the server announced {info.content_length}")
        return f"{size} bytes received"

    def check_output(self) -> str:
        import av

        width, height = (2 * side for side in CLIP_SIZE)
        with av.open(str(self.result)) as container:
            stream = container.streams.video[0]
            frames = sum(1 for _ in container.decode(stream))
            got = (stream.codec_context.width, stream.codec_context.height)
        if got != (width, height):
            raise CheckFailed(f"expected a {width}x{height} result, got {got[0]}x{got[1]}")
        if frames == 0:
            raise CheckFailed("the result has no decodable frames")
        return f"PyAV decoded {frames} frames of {width}x{height} {stream.codec_context.name}"

    def queue(self) -> str:
        from .queue_journey import run_queue_journey

        return run_queue_journey(self.scratch, self.clip, self.box, self.client)

    def _wait(self, what: str, progress: Callable[[], object]) -> None:
        """Poll until the operation ends; an Event's wait is the pause, so nothing sleeps blindly."""
        pause = threading.Event()
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            state = progress()
            phase = phase_of(state.status)
            if phase is Phase.DONE:
                return
            if phase in ENDED:  # failed, cancelled …
                raise CheckFailed(f"{what} ended on the server as {shown_word(state.status)}: {state}")
            pause.wait(0.05)
        raise CheckFailed(f"{what} did not finish within {WAIT_SECONDS:.0f} s")

    def close(self) -> None:
        self._stack.close()


def make_clip(path: Path) -> Path:
    """A 1-second 160x120 H.264 clip with a moving bright box (PyAV, no other tool)."""
    import av

    width, height = CLIP_SIZE
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=CLIP_FPS)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.codec_context.options = {"preset": "ultrafast"}
        for index in range(CLIP_FRAMES):
            frame = _frame(index, width, height)
            frame.pts, frame.time_base = index, Fraction(1, CLIP_FPS)
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


def _frame(index: int, width: int, height: int):
    import av

    frame = av.VideoFrame(width, height, "yuv420p")
    box, left = 24, (index * 12) % (width - 24)
    luma = bytearray()
    for row in range(height):
        line = bytearray(16 + (x * 200) // width for x in range(width))
        if 40 <= row < 40 + box:
            line[left:left + box] = b"\xeb" * box
        luma += line
    planes = [(bytes(luma), width, height), (b"\x80" * (width // 2 * height // 2), width // 2, height // 2),
              (b"\x80" * (width // 2 * height // 2), width // 2, height // 2)]
    for plane, (data, w, h) in zip(frame.planes, planes):
        stride = plane.line_size
        padded = data if stride == w else b"".join(
            data[r * w:(r + 1) * w].ljust(stride, b"\0") for r in range(h))
        plane.update(padded)
    return frame
