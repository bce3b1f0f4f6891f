"""The sandbox's real processing: decode → FFmpeg filter graph → encode, with PyAV.

``process(src, dst, request, source)`` makes exactly what
``plan_output(request, source)`` announces: frame size, rate, container,
codec, pixel format, bitrate, clip range, filters and scanning — except where
``media_codecs.PIX_FMT_STAND_INS`` names a documented stand-in pixel format
(12-bit DNxHR made as 10-bit); the processed video's ``processingParameters``
still say what the plan said (``routes_videos`` records the plan). The output is
written under a temporary name next to ``dst`` and renamed when complete, so
``dst`` never holds a half-made file. The first audio stream is transcoded
(AAC, or 16-bit PCM at 48 kHz in MXF) over the same clip range.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import av.filter

from pixop_desktop.processing import plan_output
from pixop_desktop.sandbox.media_codecs import (
    EncoderSettings,
    ProcessingFailed,
    encoder_for,
    field_order_code,
)
from pixop_desktop.sandbox.media_filters import output_sar, video_chain

_TOP_FIRST_ORDERS = {2, 4}
_BOTTOM_FIRST_ORDERS = {3, 5}
_CANCEL_CHECK_SECONDS = 0.05
_MXF_AUDIO_RATE = 48000
# Bounds for a bitrate derived from the source (bits per second).
DEFAULT_BITRATE = 8_000_000
MIN_AUTO_BITRATE = 200_000
MAX_AUTO_BITRATE = 400_000_000


class ProcessingCancelled(Exception):
    """``cancel()`` said stop; the partial output has been removed."""


class _Progress:
    """Reports whole percentages (1.0 … 99.0) from output frames, at most once per
    percent, then exactly 100.0 when the file is complete.

    The engine → server progress contract is percentages 0–100 only, never a
    0–1 fraction: 1.0 means one percent.
    """

    def __init__(self, callback: Callable[[float], object] | None, expected_frames: int) -> None:
        self._callback = callback
        self._expected = max(1, expected_frames)
        self._last = 0.0

    def frame_done(self, done: int) -> None:
        if self._callback is None:
            return
        percent = min(99.0, 100.0 * done / self._expected)
        if percent >= self._last + 1.0:
            self._last = float(int(percent))
            self._callback(self._last)

    def finished(self) -> None:
        if self._callback is not None:
            self._callback(100.0)


class _CancelCheck:
    """Asks ``cancel()`` at most every few tens of milliseconds (it may take a lock)."""

    def __init__(self, cancel: Callable[[], bool] | None) -> None:
        self._cancel = cancel
        self._next = 0.0

    def __call__(self) -> None:
        if self._cancel is None:
            return
        now = time.monotonic()
        if now < self._next:
            return
        self._next = now + _CANCEL_CHECK_SECONDS
        if self._cancel():
            raise ProcessingCancelled("Processing was cancelled.")


def process(src, dst, request, source, progress=None, cancel=None) -> None:
    """Make ``dst`` from ``src`` as ``plan_output(request, source)`` says.

    ``progress(percent)`` is called with percentages, 1.0 (one percent) … 100.0
    (done) — never a 0–1 fraction; ``cancel()`` returning
    True stops the work (``ProcessingCancelled``) and removes the partial file.
    Raises ``ProcessingFailed`` with a plain reason when FFmpeg cannot make it.
    """
    plan = plan_output(request, source)
    settings = encoder_for(plan, request)
    if settings.pix_fmt != plan.pix_fmt:  # a stand-in: the filters must feed the encoder's format
        plan = dataclasses.replace(plan, pix_fmt=settings.pix_fmt)
    dst = Path(dst)
    partial = dst.with_name(f".{dst.name}.partial")
    try:
        _render(Path(src), partial, plan, request, source, settings, progress, cancel)
        os.replace(partial, dst)
    except av.FFmpegError as exc:
        partial.unlink(missing_ok=True)
        raise ProcessingFailed(_failure_reason(exc, plan)) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _failure_reason(exc: av.FFmpegError, plan) -> str:
    detail = (getattr(exc, "strerror", None) or str(exc)).rstrip(".")
    log = getattr(exc, "log", None)
    if log and len(log) >= 3 and log[2]:
        detail = str(log[2]).strip().rstrip(".")
    return (
        f"FFmpeg could not make {plan.codec} in {plan.container} at "
        f"{plan.width}x{plan.height}: {detail}."
    )


def _expected_frames(plan, source) -> int:
    end_ms = plan.end_ms if plan.end_ms is not None else source.duration_ms
    if end_ms is None:
        return 0
    return round((end_ms - plan.start_ms) / 1000 * plan.fps_rational)


def _render(src: Path, partial: Path, plan, request, source, settings, progress, cancel) -> None:
    expected = _expected_frames(plan, source)
    reporter = _Progress(progress, expected)
    check_cancel = _CancelCheck(cancel)
    with av.open(str(src)) as inp:
        vin = _video_stream(inp)
        vin.thread_type = "AUTO"
        ain = inp.streams.audio[0] if inp.streams.audio else None
        field_order = _field_order_name(vin)
        chain = video_chain(
            plan,
            request,
            source,
            source_interlaced=field_order is not None or bool(getattr(source, "interlaced", False)),
            source_field_order=field_order,
        )
        feed = _build_graph(vin, chain)
        if settings.bit_rate is None and settings.bitrate_follows_source:
            settings.bit_rate = _bitrate_from_source(inp, vin, plan, source)
        with av.open(str(partial), "w", format=settings.muxer, options=settings.muxer_options) as out:
            vout = _add_video_output(out, plan, source, settings)
            aout = _add_audio_output(out, ain, settings) if ain is not None else None
            writer = _Writer(out, vout, aout, reporter, 1 / plan.fps_rational, limit=expected)
            _pump(inp, vin, ain, plan, feed, writer, check_cancel)
            writer.flush()
    reporter.finished()


def _bitrate_from_source(inp, vin, plan, source) -> int:
    """Pixop's rule when no bitrate is asked: the source's, scaled by pixels per second."""
    source_bps = vin.codec_context.bit_rate or inp.bit_rate or 0
    if not source_bps:
        return DEFAULT_BITRATE
    scale = (plan.width * plan.height * float(plan.fps_rational)) / (
        source.width * source.height * (source.fps or float(plan.fps_rational))
    )
    return int(min(MAX_AUTO_BITRATE, max(MIN_AUTO_BITRATE, source_bps * scale)))


def _video_stream(container):
    for stream in container.streams.video:
        if not stream.disposition & av.stream.Disposition.attached_pic:
            return stream
    raise ProcessingFailed("The source has no video stream.")


def _field_order_name(stream) -> str | None:
    order = stream.codec_context.field_order
    if order in _TOP_FIRST_ORDERS:
        return "top_field"
    if order in _BOTTOM_FIRST_ORDERS:
        return "bottom_field"
    return None


def _build_graph(vin, chain) -> Callable[[av.VideoFrame | None], list[av.VideoFrame]]:
    """Configure the filter graph and return its feeder (which keeps the graph alive)."""
    graph = av.filter.Graph()
    nodes = [graph.add_buffer(template=vin)]
    nodes += [graph.add(name, args) if args else graph.add(name) for name, args in chain]
    nodes.append(graph.add("buffersink"))
    graph.link_nodes(*nodes).configure()

    def feed(frame):
        """Push one frame (None at the end) and return every frame ready at the sink."""
        graph.push(frame)
        ready = []
        while True:
            try:
                ready.append(graph.pull())
            except (av.BlockingIOError, av.EOFError):
                return ready

    return feed


def _add_video_output(out, plan, source, settings: EncoderSettings):
    rate = plan.fps_rational
    stream = out.add_stream(settings.encoder, rate=rate)
    stream.width = plan.width
    stream.height = plan.height
    stream.pix_fmt = settings.pix_fmt
    stream.time_base = 1 / rate
    context = stream.codec_context
    if settings.bit_rate:
        context.bit_rate = settings.bit_rate
    context.sample_aspect_ratio = output_sar(plan, source)
    context.field_order = field_order_code(plan.interlaced)
    context.options = dict(settings.options)
    return stream


def _add_audio_output(out, ain, settings: EncoderSettings):
    codec = settings.audio_codec
    rate = _MXF_AUDIO_RATE if settings.muxer == "mxf" else (ain.rate or _MXF_AUDIO_RATE)
    stream = out.add_stream(codec, rate=rate)
    channels = ain.codec_context.channels or 1
    stream.layout = "mono" if channels == 1 else "stereo"
    return stream


class _Writer:
    """Encodes filtered frames with constant-rate timestamps, and audio alongside."""

    def __init__(self, out, vout, aout, reporter: _Progress, frame_period: Fraction, limit: int) -> None:
        self._out = out
        # The rate converter holds the last frame for its whole duration, which can
        # overshoot the clip's end by a frame; the plan's duration is the limit.
        self._limit = limit or None
        self._frame_period = frame_period
        self._vout = vout
        self._aout = aout
        self._reporter = reporter
        self._frames = 0
        self._samples = 0

    def video(self, frames) -> None:
        for frame in frames:
            if self._limit is not None and self._frames >= self._limit:
                return
            frame.pts = self._frames
            frame.time_base = self._frame_period
            self._out.mux(self._vout.encode(frame))
            self._frames += 1
            self._reporter.frame_done(self._frames)

    def audio(self, frame) -> None:
        if self._aout is None:
            return
        frame.pts = self._samples
        frame.time_base = Fraction(1, frame.sample_rate)
        self._samples += frame.samples
        self._out.mux(self._aout.encode(frame))

    def flush(self) -> None:
        self._out.mux(self._vout.encode(None))
        if self._aout is not None:
            self._out.mux(self._aout.encode(None))

    @property
    def frames_written(self) -> int:
        return self._frames


def _pump(inp, vin, ain, plan, feed, writer: _Writer, check_cancel) -> None:
    """Demux once, keep what lies in the clip range, filter and encode it."""
    start = plan.start_ms / 1000
    end = plan.end_ms / 1000 if plan.end_ms is not None else None
    origin = float(vin.start_time * vin.time_base) if vin.start_time is not None else 0.0
    if start > 0:
        inp.seek(int((origin + start) / vin.time_base), stream=vin)
    streams = [s for s in (vin, ain) if s is not None]
    video_done = False
    for packet in inp.demux(*streams):
        check_cancel()
        for frame in packet.decode():
            moment = (frame.time or 0.0) - origin
            if end is not None and moment >= end - 1e-6:
                if packet.stream is vin:
                    video_done = True
                continue
            if moment < start - 1e-6:
                continue
            if packet.stream is vin:
                writer.video(feed(frame))
            else:
                writer.audio(frame)
        if video_done:
            break
    writer.video(feed(None))
    if writer.frames_written == 0:
        raise ProcessingFailed("The clip range holds no video frames.")
