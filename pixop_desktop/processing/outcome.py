"""What an order amounts to, for the wizard's summary: its length, a file size estimate, and
whether it would change anything at all.

The size estimate is a rule of thumb, not a promise (audio and the encoder's own choices
are left out):

- a request that names a bitrate: that bitrate × the output's length;
- fixed-rate formats: XDCAM HD422 is 50 Mbit/s;
- ProRes and DNxHD/HR: their published rates, as bits per pixel per frame (Apple's ProRes
  white paper at 1920×1080, 29.97 fps: proxy 45, LT 102, standard 147, HQ 220, 4444 330,
  4444 XQ 500 Mbit/s; Avid's DNxHR LB/SQ/HQ/HQX/444 at 1080p 29.97: 45/145/220/220/440 Mbit/s,
  DNxHD's the same classes), scaled to the output's pixels and frame rate;
- the other codecs: typical bits per pixel per frame for good quality (H.264 0.1, H.265 0.06,
  MPEG-2 0.3), and FFV1 half the uncompressed size (lossless compresses about 2:1).
"""

from __future__ import annotations

from .enums import Codec
from .formats import parse_pix_fmt
from .model import ProcessingRequest
from .plan import _FFMPEG_CODECS, OutputPlan, _source_container, build_plan
from .rates import source_rate
from .source import SourceInfo

_HD_PIXEL_RATE = 1920 * 1080 * 30000 / 1001  # the frame the published ProRes/DNx rates are for
_PROFILE_MBPS_AT_HD = {
    "proxy": 45, "lt": 102, "standard": 147, "hq": 220, "4444": 330, "4444xq": 500,
    "dnxhd_lb": 45, "dnxhd_sq": 145, "dnxhd_hq": 220, "dnxhd_hqx": 220, "dnxhd_444": 440,
    "dnxhr_lb": 45, "dnxhr_sq": 145, "dnxhr_hq": 220, "dnxhr_hqx": 220, "dnxhr_444": 440,
}
_BITS_PER_PIXEL = {Codec.H264: 0.1, Codec.HEVC: 0.06, Codec.MPEG2: 0.3}
_FIXED_MBPS = {Codec.XDCAM: 50}
_SAMPLES_PER_PIXEL = {"4:2:0": 1.5, "4:2:2": 2.0, "4:4:4": 3.0, "4:4:0": 2.0, "4:1:1": 1.5, "4:1:0": 1.25}
_LOSSLESS_RATIO = 0.5


def output_ms(plan: OutputPlan) -> int | None:
    """The result's length: the clip, or the whole source; None when the source's length is unknown."""
    if plan.end_ms is None:
        return None
    return max(0, plan.end_ms - plan.start_ms)


def typical_bitrate_bps(plan: OutputPlan) -> int:
    """The video bitrate the result will have, by the rules in this module's docstring."""
    if plan.bitrate_bps:
        return plan.bitrate_bps
    codec = Codec(plan.codec)
    pixel_rate = plan.width * plan.height * plan.fps
    if codec in _FIXED_MBPS:
        return _FIXED_MBPS[codec] * 1_000_000
    if plan.profile in _PROFILE_MBPS_AT_HD:
        return round(_PROFILE_MBPS_AT_HD[plan.profile] * 1_000_000 * pixel_rate / _HD_PIXEL_RATE)
    if codec in _BITS_PER_PIXEL:
        return round(_BITS_PER_PIXEL[codec] * pixel_rate)
    yuv, bits = parse_pix_fmt(plan.pix_fmt)  # FFV1: lossless
    samples = _SAMPLES_PER_PIXEL.get(yuv.value if yuv else "4:2:0", 1.5)
    return round(samples * int(bits or 8) * pixel_rate * _LOSSLESS_RATIO)


def estimated_bytes(plan: OutputPlan) -> int | None:
    """About how large the result's file will be; None when its length is unknown."""
    length = output_ms(plan)
    if length is None:
        return None
    return round(typical_bitrate_bps(plan) * length / 1000 / 8)


_CHANGING_FIELDS = ("deinterlacer", "denoiser", "stabilizer", "scaler", "frame_rate_converter",
                    "post_processor", "clarity_boost", "bitrate", "range")


def changes_nothing(request: ProcessingRequest, source: SourceInfo | None = None) -> bool:
    """Whether the order would give back the same video: no filter, no clip, no new bitrate, and
    (when the source is known) the same size, rate, scanning, codec, container and pixel format.

    Without the source only an order that sets nothing at all is known to change nothing.
    """
    if any(getattr(request, name) is not None for name in _CHANGING_FIELDS):
        return False
    if source is None:
        return request.to_json() == {}
    plan = build_plan(request, source)
    same_scan = (plan.interlaced is not None) == source.interlaced
    same_pixels = source.pix_fmt is None or source.pix_fmt == plan.pix_fmt
    return (not plan.filters and (plan.width, plan.height) == (source.width, source.height)
            and plan.fps_rational == source_rate(source.fps) and same_scan and same_pixels
            and plan.codec == _source_codec(source) and plan.container == getattr(_source_container(source), "value", None))


def _source_codec(source: SourceInfo) -> str | None:
    codec = _FFMPEG_CODECS.get((source.codec or "").lower())
    return codec.value if codec else None
