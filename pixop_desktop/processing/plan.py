"""What the output of a processing request will be, decided once for everyone.

``plan_output(request, source)`` (``output.py``: checked, then ``build_plan``) is deterministic: the wizard announces it and
the sandbox makes exactly it. Decisions where Pixop's table leaves a choice:

- size: no resolution → the source's size; presets hd_1080p/uhd_4k/uhd_8k are
  fixed sizes; 2x/3x/4x multiply the source's stored size and no_scaling keeps it; one of width or
  height derives the other from the aspect ratio tag, or, without one, from
  the source's display aspect ratio. Sides are rounded to even numbers (most
  codecs need them), halves rounding up.
- codec: the request's; else the source's, when it is one of Pixop's and fits
  the container and the chosen chroma/bit depth; else H.264 (then H.265,
  MPEG-2, FFV1, ... the first that can hold the chosen format).
- container: the request's; else the source's, when it is one of Pixop's and
  can hold the codec; else the codec's usual home (mp4 for H.264/H.265/
  FFV1/ProRes/DNx, mts for MPEG-2, mxf for XDCAM HD422 — the only containers
  Pixop's Java client lists for FFV1 and XDCAM).
- pixel format: the requested subsampling/depth; missing parts are inherited
  from the source where the codec can store them, else the codec's default.
  A ProRes/DNx profile fixes the format (Pixop's table: DNxHR HQX/444 are
  12-bit). A request naming the codec always sends a profile (``only_if.py``:
  the default follows the request's chroma, never the source), so the plan
  uses exactly that one; a codec inherited from the source gets the profile
  of the chosen format (``formats.DNXHD_PROFILE_FOR_FORMAT``).
- scanning: explicit interlacing → that field order ("tff"/"bff"); "auto" or
  nothing → interlaced (the source's field order, else "tff") only when the
  source is interlaced and nothing touches its frames' geometry or timing
  (no deinterlacer, same size, same rate) and the codec can be interlaced
  (DNxHD/HR cannot: FFmpeg's DNxHR encoder makes progressive frames only, and
  the rules refuse explicit interlacing with it); otherwise progressive (None).
- deinterlacing: progressive output from an interlaced source needs a
  deinterlacer; when the request names none, the plan adds Bob Weaver
  (``AUTO_DEINTERLACER``) to ``filters`` so the wizard announces it.
- frame rate: exact, from ``rates.exact_rate`` (29.97 → 30000/1001).
- clip: start defaults to 0 and end to the source's duration (None if unknown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from . import formats, only_if
from .only_if import explicit_interlacing
from .rates import exact_rate, source_rate
from .enums import (
    AspectRatioTag, ChromaYuv, Codec, Container, Deinterlacer, FrameRateTag, ResolutionTag, ScanningTag, ScanningType,
)
from .model import ProcessingRequest
from .source import SourceInfo

FIXED_SIZES = {
    ResolutionTag.HD_1080P: (1920, 1080),
    ResolutionTag.UHD_4K: (3840, 2160),
    ResolutionTag.UHD_8K: (7680, 4320),
}
MULTIPLIERS = {ResolutionTag.X2: 2, ResolutionTag.X3: 3, ResolutionTag.X4: 4}
KEEP_SIZE = ResolutionTag.NO_SCALING
FRAME_RATES: dict[FrameRateTag, Fraction] = {
    FrameRateTag.FILM_NTSC: Fraction(24000, 1001),
    FrameRateTag.FILM: Fraction(24),
    FrameRateTag.VIDEO_PAL: Fraction(25),
    FrameRateTag.VIDEO_NTSC: Fraction(30000, 1001),
    FrameRateTag.VIDEO_HD: Fraction(30),
    FrameRateTag.VIDEO_PAL_FAST: Fraction(50),
    FrameRateTag.VIDEO_NTSC_FAST: Fraction(60000, 1001),
    FrameRateTag.VIDEO_HD_FAST: Fraction(60),
    FrameRateTag.VIDEO_UHD_FAST: Fraction(120),  # the Java client's FRAME_RATE_TAG: 120.0
}
MAX_SIZE = (7680, 4320)
MIN_SIDE = 16
_FIXED_ASPECTS = {AspectRatioTag.R16_9: 16 / 9, AspectRatioTag.R4_3: 4 / 3}
_FFMPEG_CODECS = {
    "h264": Codec.H264, "hevc": Codec.HEVC, "prores": Codec.PRORES, "dnxhd": Codec.DNXHD,
    "mpeg2video": Codec.MPEG2, "ffv1": Codec.FFV1,
}
# Added when progressive output is made from an interlaced source and the request names none.
AUTO_DEINTERLACER = Deinterlacer.BWDIF
_FALLBACK_CODECS = (Codec.H264, Codec.HEVC, Codec.MPEG2, Codec.FFV1, Codec.XDCAM, Codec.PRORES, Codec.DNXHD)


@dataclass(frozen=True)
class OutputPlan:
    """The output a request will produce from a given source."""

    width: int
    height: int
    fps: float
    container: str
    codec: str
    pix_fmt: str
    bitrate_bps: int | None
    start_ms: int
    end_ms: int | None
    filters: list[str]
    """Filter ids in processing order (deinterlacer … post-processor)."""
    interlaced: str | None
    """"tff" or "bff" for interlaced output, None for progressive."""
    fps_rational: Fraction = Fraction(0)
    """The exact frame rate (30000/1001 rather than 29.97) for encoders."""
    profile: str | None = None
    """The ProRes or DNxHD/HR profile when the codec has one."""
    clarity_boost: str | None = None
    source: SourceInfo | None = field(default=None, compare=False)
    resolution_tag: str | None = None

    def describe(self) -> str:
        """One human line, e.g. '2x of 720×576 → 1440×1152, 25 → 50 fps, H.264 / AVC in …'."""
        from .describe import describe_plan

        return describe_plan(self)


def _even(value: float) -> int:
    return max(2, int(value / 2 + 0.5) * 2)


def _aspect(tag: AspectRatioTag | None, source: SourceInfo) -> float:
    if tag in _FIXED_ASPECTS:
        return _FIXED_ASPECTS[tag]
    return source.storage_aspect if tag == AspectRatioTag.STORAGE else source.shown_aspect


def output_size(request: ProcessingRequest, source: SourceInfo) -> tuple[int, int]:
    """Width and height of the output frames (even numbers)."""
    res = request.resolution
    if res is None or res.tag == KEEP_SIZE:
        return _even(source.width), _even(source.height)
    if res.tag in FIXED_SIZES:
        return FIXED_SIZES[res.tag]
    if res.tag in MULTIPLIERS:
        n = MULTIPLIERS[res.tag]
        return _even(source.width * n), _even(source.height * n)
    if res.width is not None and res.height is not None:
        return _even(res.width), _even(res.height)
    aspect = _aspect(res.aspect_ratio_tag, source)
    if res.width is not None:
        return _even(res.width), _even(res.width / aspect)
    return _even(res.height * aspect), _even(res.height)


def output_fps(request: ProcessingRequest, source: SourceInfo) -> Fraction:
    """The exact output frame rate."""
    rate = request.frame_rate
    if rate is not None and rate.tag is not None:
        return FRAME_RATES[rate.tag]
    if rate is not None and rate.fps is not None:
        return exact_rate(rate.fps)
    return source_rate(source.fps)


def _source_container(source: SourceInfo) -> Container | None:
    name = (source.container or "").lower()
    if name in {c.value for c in Container}:
        return Container(name)
    if name == "mpegts":
        return Container.MTS
    if name.startswith("mov,") or name == "mov,mp4,m4a,3gp,3g2,mj2":
        return Container.MP4
    return None


def chosen_codec(request: ProcessingRequest, source: SourceInfo) -> Codec:
    """The output codec: the request's, else the source's if it fits, else a fallback."""
    mcc = request.media_container_codec
    if mcc and mcc.codec:
        return mcc.codec
    chroma = request.chroma_subsampling
    yuv, bits = (chroma.yuv, chroma.bits) if chroma else (None, None)
    allowed = formats.CODECS_BY_CONTAINER[mcc.container] if mcc and mcc.container else tuple(Codec)
    inherited = _FFMPEG_CODECS.get((source.codec or "").lower())
    if inherited and not (formats.can_make_size(inherited, output_size(request, source))
                          and (explicit_interlacing(request) is None or formats.can_interlace(inherited))):
        inherited = None
    for codec in ((inherited,) if inherited else ()) + _FALLBACK_CODECS:
        if codec in allowed and formats.supports(codec, yuv, bits):
            return codec
    return Codec.H264  # unreachable for a request that passed the rules


def chosen_container(request: ProcessingRequest, source: SourceInfo, codec: Codec) -> Container:
    mcc = request.media_container_codec
    if mcc and mcc.container:
        return mcc.container
    own = _source_container(source)
    if codec != Codec.XDCAM and own is not None and codec in formats.CODECS_BY_CONTAINER[own]:
        return own
    return formats.PREFERRED_CONTAINER[codec]


def _profile_format(request: ProcessingRequest, codec: Codec) -> formats.Format | None:
    """The format the profile the request sends fixes (None when it sends none)."""
    if codec == Codec.PRORES and only_if.prores_profile(request):
        return formats.PRORES_FORMATS[only_if.prores_profile(request)]
    if codec == Codec.DNXHD and only_if.dnx_profile(request):
        return formats.DNXHD_FORMATS[only_if.dnx_profile(request)]
    return None


def _chosen_format(request: ProcessingRequest, source: SourceInfo, codec: Codec) -> formats.Format:
    chroma = request.chroma_subsampling
    yuv, bits = (chroma.yuv, chroma.bits) if chroma else (None, None)
    yuv, bits = _profile_format(request, codec) or (yuv, bits)
    options = [
        (y, b) for y, b in formats.FORMATS_BY_CODEC[codec]
        if (yuv is None or y == yuv) and (bits is None or b == bits)
    ] or list(formats.FORMATS_BY_CODEC[codec])
    src_yuv, src_bits = formats.parse_pix_fmt(source.pix_fmt)
    return max(options, key=lambda f: 2 * (f[0] == src_yuv) + (f[1] == src_bits))


def _chosen_profile(request: ProcessingRequest, codec: Codec, fmt: formats.Format) -> str | None:
    sent = only_if.prores_profile(request) or only_if.dnx_profile(request)
    if sent is not None and codec in (Codec.PRORES, Codec.DNXHD):
        return sent.value
    if codec == Codec.PRORES:  # inherited from the source: the profile of the chosen format
        return "4444" if fmt[0] == ChromaYuv.YUV444 else "standard"
    if codec == Codec.DNXHD:
        return formats.DNXHD_PROFILE_FOR_FORMAT[fmt].value
    return None


def _interlaced(request: ProcessingRequest, source: SourceInfo, codec: Codec, same_frames: bool) -> str | None:
    explicit = explicit_interlacing(request)
    if explicit is not None:
        return explicit
    scan = request.scanning
    explicit_progressive = scan is not None and (
        scan.tag == ScanningTag.PROGRESSIVE or scan.scanning_type == ScanningType.PROGRESSIVE)
    if (explicit_progressive or not source.interlaced or request.deinterlacer or not same_frames
            or not formats.can_interlace(codec)):
        return None
    return source.field_order if source.field_order in ("tff", "bff") else "tff"


def _filters(request: ProcessingRequest, source: SourceInfo, interlaced: str | None) -> list[str]:
    deinterlacer = request.deinterlacer
    if deinterlacer is None and source.interlaced and interlaced is None:
        deinterlacer = AUTO_DEINTERLACER  # progressive frames from fields need one
    steps = (deinterlacer, request.denoiser, request.stabilizer, request.scaler,
             request.frame_rate_converter, request.post_processor)
    return [step.value for step in steps if step is not None]


def _bitrate_bps(request: ProcessingRequest) -> int | None:
    mbps = request.bitrate.mbps if request.bitrate else None
    return round(mbps * 1_000_000) if mbps is not None else None


def _resolution_tag(request: ProcessingRequest) -> str | None:
    tag = request.resolution.tag if request.resolution else None
    return tag.value if tag else None


def build_plan(request: ProcessingRequest, source: SourceInfo) -> OutputPlan:
    """The output this request makes from this source, once ``check_against_source`` passed
    (``output.plan_output`` does both; the check reads this module's sizes and rates)."""
    width, height = output_size(request, source)
    fps = output_fps(request, source)
    codec = chosen_codec(request, source)
    fmt = _chosen_format(request, source, codec)
    same_frames = (width, height) == (_even(source.width), _even(source.height)) and (
        fps == source_rate(source.fps))
    interlaced = _interlaced(request, source, codec, same_frames)
    clip = request.range
    start = clip.start_position_milliseconds if clip else None
    end = clip.end_position_milliseconds if clip else None
    return OutputPlan(
        width=width,
        height=height,
        fps=float(fps),
        container=chosen_container(request, source, codec).value,
        codec=codec.value,
        pix_fmt=formats.pix_fmt(*fmt),
        bitrate_bps=_bitrate_bps(request),
        start_ms=start or 0,
        end_ms=end if end is not None else source.duration_ms,
        filters=_filters(request, source, interlaced),
        interlaced=interlaced,
        fps_rational=fps,
        profile=_chosen_profile(request, codec, fmt),
        clarity_boost=request.clarity_boost.value if request.clarity_boost else None,
        source=source,
        resolution_tag=_resolution_tag(request),
    )
