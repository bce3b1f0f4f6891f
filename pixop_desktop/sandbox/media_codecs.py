"""How the sandbox encodes each Pixop container/codec pair with FFmpeg.

``encoder_for(plan, request)`` turns an output plan into the FFmpeg muxer,
encoder, pixel format and options that make it. Where FFmpeg cannot make what
the plan asks, it raises ``ProcessingFailed`` with a plain reason instead of
producing something else.

Known differences from Pixop (documented for users):

- every ``dnxhd_*`` profile is made as the DNxHR profile of its class (see
  ``DNXHD_PROFILE_STAND_INS``); DNxHR needs 256x120 or more and cannot be
  interlaced, so interlaced DNx output is refused;
- ProRes, DNxHR and FFV1 ignore a requested bitrate (their profile or
  losslessness fixes it); XDCAM caps at 50 Mb/s rather than padding to it;
- HEVC in MPEG-TS is interlaced in content but reads back as progressive
  (x265 cannot flag frame-coded fields and the container has no label);
- MXF takes only broadcast frame rates; MPEG-2 only rates it can code;
- with no bitrate asked, H.264/HEVC/MPEG-2 get the source's bitrate scaled by
  pixels per second (``media_process``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


class ProcessingFailed(Exception):
    """The output cannot be made; ``reason`` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# Pixop container → FFmpeg muxer.
MUXERS = {"mp4": "mp4", "mov": "mov", "mxf": "mxf", "mts": "mpegts"}

# Pixop codec → FFmpeg encoder.
ENCODERS = {
    "h264": "libx264",
    "hevc": "libx265",
    "prores": "prores_ks",
    "dnxhd": "dnxhd",
    "xdcam": "mpeg2video",
    "mpeg2": "mpeg2video",
    "ffv1": "ffv1",
}

# Audio each container gets (the first source audio stream is transcoded).
AUDIO_CODECS = {"mp4": "aac", "mov": "aac", "mts": "aac", "mxf": "pcm_s16le"}

# prores_ks accepts Pixop's profile names as they are.
PRORES_DEFAULT_PROFILE = "standard"

# FFmpeg's classic DNxHD encoder accepts only a fixed table of frame size, rate
# and bitrate combinations (1080/720 at broadcast rates). The sandbox makes
# every dnxhd_* profile with the DNxHR profile of the same quality class,
# which FFmpeg encodes at any frame size from 256x120 up.
DNXHD_PROFILE_STAND_INS = {
    "dnxhd_lb": "dnxhr_lb",
    "dnxhd_sq": "dnxhr_sq",
    "dnxhd_hq": "dnxhr_hq",
    "dnxhd_hqx": "dnxhr_hqx",
    "dnxhd_444": "dnxhr_444",
}
DNXHR_MIN_SIZE = (256, 120)

# XDCAM HD422: MPEG-2 4:2:2 long GOP at a constant 50 Mb/s.
XDCAM_BITRATE = 50_000_000
XDCAM_BUFFER_BITS = 17_825_792


# Frame rates FFmpeg's MXF muxer can label.
MXF_RATES = frozenset(
    Fraction(n, d)
    for n, d in ((24000, 1001), (24, 1), (25, 1), (30000, 1001), (30, 1), (48, 1), (50, 1),
                 (60000, 1001), (60, 1), (100, 1), (120000, 1001), (120, 1))
)
# MPEG-2's frame_rate_code table; other rates are these times (n+1)/(d+1), n<4, d<32.
MPEG2_BASE_RATES = (Fraction(24000, 1001), Fraction(24), Fraction(25), Fraction(30000, 1001),
                    Fraction(30), Fraction(50), Fraction(60000, 1001), Fraction(60))


def output_rate(plan) -> Fraction:
    """The plan's exact frame rate; a decimal NTSC rate (29.97) means n*1000/1001.

    Broadcast codecs and MXF only know 30000/1001, not 2997/100, and a person
    typing 29.97 means the former.
    """
    exact = Fraction(getattr(plan, "fps_rational", None) or Fraction(plan.fps).limit_denominator(1_000_000))
    if exact.denominator in (1, 1001):
        return exact
    ntsc = round(float(exact) * 1.001)
    if ntsc and abs(float(exact) - ntsc / 1.001) < 0.0015:
        return Fraction(ntsc * 1000, 1001)
    return exact


def _mpeg2_can_code(rate: Fraction) -> bool:
    return any(
        base * n / d == rate for base in MPEG2_BASE_RATES for n in range(1, 5) for d in range(1, 33)
    )


def _check_frame_rate(container: str, codec: str, rate: Fraction) -> None:
    shown = f"{float(rate):.3f}".rstrip("0").rstrip(".")
    if container == "mxf" and rate not in MXF_RATES:
        raise ProcessingFailed(
            f"MXF files can only hold broadcast frame rates (23.976, 24, 25, 29.97, 30, 48, 50, "
            f"59.94, 60, 100, 119.88 or 120 fps), not {shown} fps. Choose one of those or another container."
        )
    if codec in ("mpeg2", "xdcam") and not _mpeg2_can_code(rate):
        raise ProcessingFailed(
            f"MPEG-2 video cannot be made at {shown} frames per second. Choose a broadcast frame "
            "rate (such as 25 or 29.97) or another codec."
        )


@dataclass
class EncoderSettings:
    """Everything needed to open the output container and its video stream."""

    muxer: str
    encoder: str
    pix_fmt: str
    bit_rate: int | None
    options: dict[str, str] = field(default_factory=dict)
    audio_codec: str | None = None
    bitrate_follows_source: bool = False
    """True when the codec takes a bitrate and the plan leaves it open."""


def enum_value(thing) -> str | None:
    """An enum's value or a plain string (the plan may carry either)."""
    if thing is None:
        return None
    return str(getattr(thing, "value", thing))


def encoder_for(plan, request) -> EncoderSettings:
    """The FFmpeg settings that make ``plan`` (``request`` supplies the codec profiles)."""
    container = enum_value(plan.container)
    codec = enum_value(plan.codec)
    if container not in MUXERS:
        raise ProcessingFailed(f"The sandbox cannot write the container “{container}”.")
    if codec not in ENCODERS:
        raise ProcessingFailed(f"The sandbox cannot encode the codec “{codec}”.")
    _check_frame_rate(container, codec, output_rate(plan))
    settings = EncoderSettings(
        muxer=MUXERS[container],
        encoder=ENCODERS[codec],
        pix_fmt=plan.pix_fmt,
        bit_rate=int(plan.bitrate_bps) if plan.bitrate_bps else None,
        audio_codec=AUDIO_CODECS[container],
    )
    _CODEC_SETUP[codec](settings, plan, request)
    settings.bitrate_follows_source = settings.bit_rate is None and codec in ("h264", "hevc", "mpeg2")
    if enum_value(plan.interlaced):
        settings.options["flags"] = _join_flags(settings.options.get("flags"), "+ildct+ilme")
    return settings


def _join_flags(existing: str | None, extra: str) -> str:
    return (existing or "") + extra


def _setup_h264(settings: EncoderSettings, plan, request) -> None:
    settings.options["preset"] = "veryfast"
    order = enum_value(plan.interlaced)
    if order:
        # x264 cannot combine interlaced coding with weighted P-frame prediction.
        field = "bff=1" if _is_bottom_first(order) else "tff=1"
        settings.options["x264-params"] = f"{field}:weightp=0"


def _setup_hevc(settings: EncoderSettings, plan, request) -> None:
    # x265 writes a banner and statistics to stderr unless told otherwise.
    settings.options["preset"] = "ultrafast"
    settings.options["x265-params"] = "log-level=error"


def _setup_prores(settings: EncoderSettings, plan, request) -> None:
    profile = (
        getattr(plan, "profile", None)
        or enum_value(getattr(request, "apple_prores_profile", None))
        or PRORES_DEFAULT_PROFILE
    )
    settings.options["profile"] = profile
    settings.options["vendor"] = "apl0"
    settings.bit_rate = None  # the profile fixes the data rate


def _setup_dnxhd(settings: EncoderSettings, plan, request) -> None:
    width, height = plan.width, plan.height
    if width < DNXHR_MIN_SIZE[0] or height < DNXHR_MIN_SIZE[1]:
        raise ProcessingFailed(
            f"DNxHD/DNxHR needs a frame of at least {DNXHR_MIN_SIZE[0]}x{DNXHR_MIN_SIZE[1]} "
            f"pixels; this output is {width}x{height}. Choose a larger resolution or another codec."
        )
    if enum_value(plan.interlaced):
        raise ProcessingFailed(
            "The sandbox makes DNxHD/DNxHR with FFmpeg's DNxHR encoder, which cannot make "
            "interlaced video. Choose progressive scanning (or a deinterlacer) for this codec."
        )
    profile = (
        getattr(plan, "profile", None)
        or enum_value(getattr(request, "dnxhd_hr_profile", None))
        or _dnxhr_for(plan.pix_fmt)
    )
    settings.options["profile"] = DNXHD_PROFILE_STAND_INS.get(profile, profile)
    settings.bit_rate = None  # DNxHR profiles fix the data rate


def _dnxhr_for(pix_fmt: str) -> str:
    if pix_fmt.startswith("yuv444"):
        return "dnxhr_444"
    return "dnxhr_hqx" if "10" in pix_fmt else "dnxhr_sq"


def _setup_xdcam(settings: EncoderSettings, plan, request) -> None:
    settings.bit_rate = XDCAM_BITRATE
    settings.options.update(
        {
            "maxrate": str(XDCAM_BITRATE),
            "bufsize": str(XDCAM_BUFFER_BITS),
            "g": "12",
            "bf": "2",
        }
    )


def _setup_mpeg2(settings: EncoderSettings, plan, request) -> None:
    settings.options.update({"g": "12", "bf": "2"})


def _setup_ffv1(settings: EncoderSettings, plan, request) -> None:
    settings.options.update({"level": "3", "slicecrc": "1"})
    settings.bit_rate = None  # lossless


_CODEC_SETUP = {
    "h264": _setup_h264,
    "hevc": _setup_hevc,
    "prores": _setup_prores,
    "dnxhd": _setup_dnxhd,
    "xdcam": _setup_xdcam,
    "mpeg2": _setup_mpeg2,
    "ffv1": _setup_ffv1,
}


def _is_bottom_first(order: str) -> bool:
    return order.lower() in ("bff", "bottom_field", "bottom", "interlaced_bff")


def field_order_code(order) -> int:
    """FFmpeg's AVFieldOrder for the plan's interlacing (1 = progressive)."""
    order = enum_value(order)
    if not order:
        return 1
    return 3 if _is_bottom_first(order) else 2


def field_order_filter_arg(order) -> str:
    """The ``setfield`` / ``fieldorder`` argument for the plan's interlacing."""
    return "bff" if _is_bottom_first(enum_value(order) or "") else "tff"
