"""The frame-rate facts of ``processing.rates`` are exactly what the sandbox's FFmpeg does.

Each fact is measured here with PyAV against the real muxer/encoder, so a new
FFmpeg that accepts more (or fewer) rates fails this test instead of failing
a user's order.
"""

from __future__ import annotations

import io
from fractions import Fraction

import av
import pytest

from pixop_desktop.processing import rates

_NTSC = Fraction(1000, 1001)
# Every whole rate and NTSC rate up to 130, a few odd ones, and the wrong spelling of 29.97.
CANDIDATES = sorted(
    {Fraction(n) for n in range(1, 131)} | {n * _NTSC for n in range(1, 131)}
    | {Fraction(25, 2), Fraction(15, 2), Fraction(2997, 100), Fraction(1199, 50), Fraction(240)}
)


def _can_write(rate: Fraction, muxer: str, encoder: str, pix_fmt: str) -> bool:
    """Whether FFmpeg writes one frame of ``encoder`` video at ``rate`` into ``muxer``."""
    try:
        with av.open(io.BytesIO(), "w", format=muxer) as out:
            stream = out.add_stream(encoder, rate=rate)
            stream.width, stream.height, stream.pix_fmt = 32, 32, pix_fmt
            stream.time_base = 1 / rate
            frame = av.VideoFrame(32, 32, pix_fmt)
            frame.pts, frame.time_base = 0, 1 / rate
            out.mux(stream.encode(frame))
            out.mux(stream.encode(None))
    except (av.FFmpegError, ValueError):
        return False
    return True


def test_mxf_rates_are_exactly_what_the_muxer_accepts():
    accepted = {r for r in CANDIDATES if _can_write(r, "mxf", "ffv1", "yuv420p")}
    assert accepted == {r for r in CANDIDATES if rates.mxf_can_hold(r)}
    assert accepted == set(rates.MXF_RATES)


def test_mpeg2_rates_are_exactly_what_the_encoder_accepts():
    sample = CANDIDATES[::3] + [Fraction(25, 2), Fraction(2997, 100), Fraction(25, 4), Fraction(30000, 1001) / 2, Fraction("7.3333")]
    accepted = {r for r in sample if _can_write(r, "mpegts", "mpeg2video", "yuv420p")}
    assert accepted == {r for r in sample if rates.mpeg2_can_code(r)}
    assert Fraction(25, 2) in accepted and Fraction(2997, 100) not in accepted


@pytest.mark.parametrize(("typed", "exact"), [
    (29.97, Fraction(30000, 1001)), (23.976, Fraction(24000, 1001)), (59.94, Fraction(60000, 1001)),
    (29.97002997, Fraction(30000, 1001)), (23.976023976023978, Fraction(24000, 1001)),
    (119.88, Fraction(120000, 1001)), (14.985, Fraction(15000, 1001)),
    (25.0, Fraction(25)), (30.0, Fraction(30)), (12.5, Fraction(25, 2)), (23.98, Fraction(1199, 50)),
    (0.001, Fraction(1, 1000)), (999.0, Fraction(999)),
])
def test_exact_rate(typed, exact):
    assert rates.exact_rate(typed) == exact


def test_rate_text():
    shown = [rates.rate_text(r) for r in (Fraction(24000, 1001), Fraction(30000, 1001), Fraction(25, 2), Fraction(50))]
    assert shown == ["23.976", "29.97", "12.5", "50"]
