"""The permitted values of the processing parameter table, one enum per column.

Values are the strings (or, for bit depth, the numbers) of Pixop's v1 "Trigger a
request to process a video" table, plus the newer values Pixop's own v1 Java
client (``pixop-cs-api-java-client``, ``ProcessVideoRequest``) lists: ``dvres2``,
``vfi``, ``no_scaling``, ``video_uhd_fast`` (docs/processing-rules.md). Human
labels and help live in ``labels.py`` so that every enum has them in one place.
"""

from __future__ import annotations

from enum import Enum, IntEnum


class Container(str, Enum):
    """Output file container (``mediaContainerCodec.container``)."""

    MOV = "mov"
    MXF = "mxf"
    MP4 = "mp4"
    MTS = "mts"


class Codec(str, Enum):
    """Output video codec (``mediaContainerCodec.codec``)."""

    H264 = "h264"
    PRORES = "prores"
    DNXHD = "dnxhd"
    XDCAM = "xdcam"
    HEVC = "hevc"
    MPEG2 = "mpeg2"
    FFV1 = "ffv1"


class AppleProresProfile(str, Enum):
    """ProRes flavour; only with the ProRes codec."""

    PROXY = "proxy"
    LT = "lt"
    STANDARD = "standard"
    HQ = "hq"
    P4444 = "4444"
    P4444XQ = "4444xq"


class DnxhdHrProfile(str, Enum):
    """DNxHD/DNxHR flavour; only with the DNxHD codec."""

    DNXHD_LB = "dnxhd_lb"
    DNXHD_SQ = "dnxhd_sq"
    DNXHD_HQ = "dnxhd_hq"
    DNXHD_HQX = "dnxhd_hqx"
    DNXHD_444 = "dnxhd_444"
    DNXHR_LB = "dnxhr_lb"
    DNXHR_SQ = "dnxhr_sq"
    DNXHR_HQ = "dnxhr_hq"
    DNXHR_HQX = "dnxhr_hqx"
    DNXHR_444 = "dnxhr_444"


class ScanningTag(str, Enum):
    """Scanning preset (``scanning.tag``)."""

    AUTO = "auto"
    PROGRESSIVE = "progressive"
    INTERLACED_TFF = "interlaced_tff"
    INTERLACED_BFF = "interlaced_bff"


class ScanningType(str, Enum):
    """Explicit scanning type (``scanning.scanningType``)."""

    PROGRESSIVE = "progressive"
    INTERLACED = "interlaced"


class InterlacedFieldOrder(str, Enum):
    """Which field comes first in interlaced output."""

    TOP_FIELD = "top_field"
    BOTTOM_FIELD = "bottom_field"


# The Java client's own names for the field orders (its ``InterlacedFieldOrder``): read as the
# seed's, which are the ones sent.
FIELD_ORDER_ALIASES = {"top_first": "top_field", "bottom_first": "bottom_field"}


class ChromaYuv(str, Enum):
    """Chroma subsampling (``chromaSubsampling.yuv``)."""

    YUV410 = "4:1:0"
    YUV411 = "4:1:1"
    YUV420 = "4:2:0"
    YUV422 = "4:2:2"
    YUV440 = "4:4:0"
    YUV444 = "4:4:4"


class BitDepth(IntEnum):
    """Bits per sample (``chromaSubsampling.bits``); a JSON number, not a string."""

    BITS_8 = 8
    BITS_10 = 10
    BITS_12 = 12
    BITS_14 = 14
    BITS_16 = 16


class Deinterlacer(str, Enum):
    DEINT = "deint"
    YADIF = "yadif"
    BWDIF = "bwdif"
    WESTON3F = "weston3f"


class Denoiser(str, Enum):
    DENOISE = "denoise"
    HQDN3D = "hqdn3d"


class Stabilizer(str, Enum):
    DEJIT = "dejit"


class Scaler(str, Enum):
    PABSR1 = "pabsr1"
    DVRES = "dvres"
    DVRES2 = "dvres2"  # Java client only
    SCALE = "scale"


class ResolutionTag(str, Enum):
    """Resolution preset: fixed frame sizes or a multiple of the source."""

    HD_1080P = "hd_1080p"
    UHD_4K = "uhd_4k"
    UHD_8K = "uhd_8k"
    NO_SCALING = "no_scaling"  # Java client only: the source's size
    X2 = "2x"
    X3 = "3x"
    X4 = "4x"


class AspectRatioTag(str, Enum):
    """How to derive the missing side when only width or height is given."""

    DISPLAY = "display"
    STORAGE = "storage"
    R16_9 = "16:9"
    R4_3 = "4:3"


class ClarityBoost(str, Enum):
    """Contrast enhancement; only with Pixop Super Resolution."""

    NONE = "none"
    MARGINAL = "marginal"
    VERY_LOW = "very_low"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"


class FrameRateConverter(str, Enum):
    FPS = "fps"
    FBLEND = "fblend"
    MCINTERPOLATE = "mcinterpolate"
    VFI = "vfi"  # Java client only: Pixop Frame Rate Conversion


class FrameRateTag(str, Enum):
    """Frame rate preset (``frameRate.tag``)."""

    FILM_NTSC = "film_ntsc"
    FILM = "film"
    VIDEO_PAL = "video_pal"
    VIDEO_NTSC = "video_ntsc"
    VIDEO_HD = "video_hd"
    VIDEO_PAL_FAST = "video_pal_fast"
    VIDEO_NTSC_FAST = "video_ntsc_fast"
    VIDEO_HD_FAST = "video_hd_fast"
    VIDEO_UHD_FAST = "video_uhd_fast"  # Java client only: 120 fps


class PostProcessor(str, Enum):
    FILMGRAIN = "filmgrain"
