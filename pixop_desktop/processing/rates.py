"""Exact frame rates, and which rates MXF files and MPEG-2 video can carry.

One place decides the exact rate of a number typed by a person or read from
metadata (``exact_rate``): the NTSC family is n×1000/1001, and 29.97, 23.976,
59.94 (or 29.97002997…) mean exactly that, never 2997/100 — broadcast codecs
and MXF know only the former. The plan, the rules and the sandbox all use it.

The sets below were measured against the sandbox's FFmpeg 8 with PyAV (every
n and n×1000/1001 for n = 1…240 and every quarter-frame rate up to 240):

- FFmpeg's MXF muxer accepts exactly the 20 rates of ``MXF_RATES`` (its table
  of MXF edit rates) whatever the codec; anything else fails to open.
- FFmpeg's MPEG-2 encoder accepts a base rate of ``MPEG2_BASE_RATES`` times
  (n+1)/(d+1) with n < 4, d < 32 (the frame_rate_code plus MPEG-2's extension).
"""

from __future__ import annotations

import math
from fractions import Fraction

_NTSC = Fraction(1000, 1001)
# 29.97 is 29.97002997… rounded to 2 decimals: a relative error of 1e-6. 5e-5 admits
# every usual way of writing an NTSC rate, and nothing else (23.98 is 1.7e-4 off).
_NTSC_TOLERANCE = 5e-5

MXF_RATES: tuple[Fraction, ...] = tuple(sorted(
    [Fraction(n) for n in (24, 25, 30, 48, 50, 60, 72, 75, 90, 96, 100, 120)]
    + [Fraction(n) * _NTSC for n in (24, 30, 48, 60, 72, 90, 96, 120)]
))
MPEG2_BASE_RATES: tuple[Fraction, ...] = (
    Fraction(24000, 1001), Fraction(24), Fraction(25), Fraction(30000, 1001),
    Fraction(30), Fraction(50), Fraction(60000, 1001), Fraction(60),
)


def exact_rate(fps: float) -> Fraction:
    """The exact frame rate a decimal stands for: 29.97 → 30000/1001, 12.5 → 25/2."""
    if not math.isfinite(fps) or fps <= 0:
        raise ValueError(f"not a frame rate: {fps}")
    decimal = Fraction(str(fps))
    ntsc_n = round(fps / _NTSC)
    if decimal.denominator != 1 and ntsc_n and abs(fps / (ntsc_n * _NTSC) - 1) < _NTSC_TOLERANCE:
        return ntsc_n * _NTSC
    return decimal


def source_rate(fps: float) -> Fraction:
    """The exact rate of a source from its (possibly rounded) float rate."""
    return exact_rate(fps).limit_denominator(1001)


def rate_text(rate: Fraction) -> str:
    """A rate as people write it: 25, 29.97, 23.976, 12.5 (NTSC rates need 3 decimals)."""
    return f"{float(rate):.3f}".rstrip("0").rstrip(".")


def mxf_can_hold(rate: Fraction) -> bool:
    return rate in MXF_RATES


def mxf_rates_text() -> str:
    """'23.976, 24, 25, …, 119.88 or 120'."""
    shown = [rate_text(r) for r in MXF_RATES]
    return ", ".join(shown[:-1]) + " or " + shown[-1]


def mpeg2_can_code(rate: Fraction) -> bool:
    return any(base * n / d == rate for base in MPEG2_BASE_RATES for n in range(1, 5) for d in range(1, 33))
