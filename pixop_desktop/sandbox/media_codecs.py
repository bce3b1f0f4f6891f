"""How the sandbox encodes each Pixop container/codec pair with FFmpeg.

``encoder_for(plan, request)`` turns an output plan into the FFmpeg muxer,
encoder, pixel format and options that make it. Where FFmpeg cannot make what
the plan asks, it raises ``ProcessingFailed`` with a plain reason instead of
producing something else.

Known differences from Pixop (documented for users):

- every ``dnxhd_*`` profile is made as the DNxHR profile of its class (see
  ``DNXHD_PROFILE_STAND_INS``); DNxHR needs 256x120 or more and cannot be
  interlaced (the request model refuses both up front: ``formats``);
- DNxHR HQX and DNxHR 444 are 12-bit in Pixop's table (and in the plan, and in
  the processed video's ``processingParameters``), but FFmpeg's DNx encoder
  stores at most 10 bits: the file is made as 10-bit (yuv422p10le /
  yuv444p10le), same size, rate, codec and profile (see ``PIX_FMT_STAND_INS``);
- ProRes, DNxHR and FFV1 ignore a requested bitrate (their profile or
  losslessness fixes it); XDCAM caps at 50 Mb/s rather than padding to it;
- HEVC in MPEG-TS is interlaced in content but reads back as progressive
  (x265 cannot flag frame-coded fields and the container has no label);
- MXF takes only broadcast frame rates; MPEG-2 only rates it can code (the
  request model refuses other rates up front and decides the exact rate:
  ``pixop_desktop.processing.rates``);
- with no bitrate asked, H.264/HEVC/MPEG-2 get the source's bitrate scaled by
  pixels per second (``media_process``);
- FFV1 in MOV (listed by Pixop's Java client) is not in FFmpeg's QuickTime
  muxer's codec list: the sandbox writes it with the MP4 muxer branded
  QuickTime (``qt  ``), which reads back as a .mov (see ``MUXER_STAND_INS``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pixop_desktop.processing import formats
from pixop_desktop.processing.enums import Codec


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

# (container, codec) → (muxer, muxer options) where FFmpeg's own muxer refuses the codec.
MUXER_STAND_INS = {
    ("mov", "ffv1"): ("mp4", {"brand": "qt  "}),
}

# Audio each container gets (the first source audio stream is transcoded).
AUDIO_CODECS = {"mp4": "aac", "mov": "aac", "mts": "aac", "mxf": "pcm_s16le"}

# prores_ks accepts Pixop's profile names as they are.

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
DNXHR_MIN_SIZE = formats.DNXHR_MIN_SIZE

# (codec, planned pixel format) → the pixel format the sandbox actually makes,
# where FFmpeg cannot encode the planned one. Only the depth differs.
PIX_FMT_STAND_INS = {
    ("dnxhd", "yuv422p12le"): "yuv422p10le",  # DNxHR HQX: 12-bit in Pixop's table
    ("dnxhd", "yuv444p12le"): "yuv444p10le",  # DNxHR 444: 12-bit in Pixop's table
}

# XDCAM HD422: MPEG-2 4:2:2 long GOP at a constant 50 Mb/s.
XDCAM_BITRATE = 50_000_000
XDCAM_BUFFER_BITS = 17_825_792


@dataclass
class EncoderSettings:
    """Everything needed to open the output container and its video stream."""

    muxer: str
    encoder: str
    pix_fmt: str
    bit_rate: int | None
    options: dict[str, str] = field(default_factory=dict)
    muxer_options: dict[str, str] = field(default_factory=dict)
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
    muxer, muxer_options = MUXER_STAND_INS.get((container, codec), (MUXERS[container], {}))
    settings = EncoderSettings(
        muxer=muxer,
        muxer_options=dict(muxer_options),
        encoder=ENCODERS[codec],
        pix_fmt=made_pix_fmt(codec, plan.pix_fmt),
        bit_rate=int(plan.bitrate_bps) if plan.bitrate_bps else None,
        audio_codec=AUDIO_CODECS[container],
    )
    _CODEC_SETUP[codec](settings, plan, request)
    settings.bitrate_follows_source = settings.bit_rate is None and codec in ("h264", "hevc", "mpeg2")
    if enum_value(plan.interlaced):
        settings.options["flags"] = _join_flags(settings.options.get("flags"), "+ildct+ilme")
    return settings


def made_pix_fmt(codec: str | None, planned: str) -> str:
    """The pixel format the sandbox encodes for a planned one (a stand-in, or itself)."""
    return PIX_FMT_STAND_INS.get((codec, planned), planned)


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
    settings.options["profile"] = plan.profile  # the plan always names one for ProRes
    settings.options["vendor"] = "apl0"
    settings.bit_rate = None  # the profile fixes the data rate


def _setup_dnxhd(settings: EncoderSettings, plan, request) -> None:
    width, height = plan.width, plan.height
    if not formats.can_make_size(Codec.DNXHD, (width, height)):
        raise ProcessingFailed(
            f"DNxHD/DNxHR needs a frame of at least {DNXHR_MIN_SIZE[0]}x{DNXHR_MIN_SIZE[1]} "
            f"pixels; this output is {width}x{height}. Choose a larger resolution or another codec."
        )
    if enum_value(plan.interlaced) and not formats.can_interlace(Codec.DNXHD):
        raise ProcessingFailed(
            "The sandbox makes DNxHD/DNxHR with FFmpeg's DNxHR encoder, which cannot make "
            "interlaced video. Choose progressive scanning (or a deinterlacer) for this codec."
        )
    profile = plan.profile  # the plan always names one for DNx (from the request or the format)
    settings.options["profile"] = DNXHD_PROFILE_STAND_INS.get(profile, profile)
    settings.bit_rate = None  # DNxHR profiles fix the data rate


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
