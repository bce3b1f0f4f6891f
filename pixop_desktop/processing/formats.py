"""Which codecs fit which containers, and which pixel formats each codec can hold.

The codecs of each container are Pixop's own table: the ``CONTAINER`` enum of
its v1 Java client (``ProcessVideoRequest``), where each container lists the
codecs it supports; the seed's page is silent. The pixel formats are what
FFmpeg's encoders (libx264, libx265, prores_ks, dnxhd, mpeg2video, ffv1) can
store, checked against FFmpeg 8: Pixop's value names are FFmpeg's (prores_ks
and dnxhd profile names, yadif, bwdif, hqdn3d, mcinterpolate), so a format
FFmpeg cannot store would be a late failure at Pixop too.

Where the table *does* speak, it wins over FFmpeg: it names DNxHR HQX and
DNxHR 444 12-bit, so those profiles are modelled (accepted and announced) as
12-bit although FFmpeg's DNx encoder stores at most 10 bits. The sandbox makes
them as 10-bit, a documented stand-in (``sandbox.media_codecs``).
"""

from __future__ import annotations

from .enums import AppleProresProfile, BitDepth, ChromaYuv, Codec, Container, DnxhdHrProfile

Y410, Y411, Y420, Y422, Y440, Y444 = (
    ChromaYuv.YUV410, ChromaYuv.YUV411, ChromaYuv.YUV420,
    ChromaYuv.YUV422, ChromaYuv.YUV440, ChromaYuv.YUV444,
)
B8, B10, B12, B14, B16 = BitDepth

Format = tuple[ChromaYuv, BitDepth]

# Pixop's v1 Java client, ProcessVideoRequest.CONTAINER (its order).
CODECS_BY_CONTAINER: dict[Container, tuple[Codec, ...]] = {
    Container.MOV: (Codec.H264, Codec.PRORES, Codec.DNXHD, Codec.HEVC, Codec.MPEG2, Codec.FFV1),
    Container.MXF: (Codec.H264, Codec.XDCAM, Codec.MPEG2, Codec.DNXHD),
    Container.MP4: (Codec.H264, Codec.HEVC),
    Container.MTS: (Codec.H264, Codec.HEVC, Codec.MPEG2),
}

# The container an output gets when the request names only the codec and the
# source's own container cannot hold it.
PREFERRED_CONTAINER: dict[Codec, Container] = {
    Codec.H264: Container.MP4,
    Codec.HEVC: Container.MP4,
    Codec.MPEG2: Container.MTS,
    Codec.FFV1: Container.MOV,
    Codec.PRORES: Container.MOV,
    Codec.DNXHD: Container.MOV,
    Codec.XDCAM: Container.MXF,
}

# Formats each codec can store, in order of preference (the first is the
# codec's default when nothing else decides).
FORMATS_BY_CODEC: dict[Codec, tuple[Format, ...]] = {
    Codec.H264: ((Y420, B8), (Y422, B8), (Y444, B8), (Y420, B10), (Y422, B10), (Y444, B10)),
    Codec.HEVC: tuple((y, b) for b in (B8, B10, B12) for y in (Y420, Y422, Y444)),
    Codec.PRORES: ((Y422, B10), (Y444, B10)),
    Codec.DNXHD: ((Y422, B8), (Y422, B10), (Y444, B10), (Y422, B12), (Y444, B12)),
    Codec.XDCAM: ((Y422, B8),),
    Codec.MPEG2: ((Y420, B8), (Y422, B8)),
    Codec.FFV1: (
        tuple((y, b) for b in (B8, B10, B12, B14, B16) for y in (Y420, Y422, Y444))
        + ((Y440, B8), (Y440, B10), (Y440, B12), (Y411, B8), (Y410, B8))
    ),
}

# A profile fixes the format it encodes, as Pixop's table names it: DNxHD HQX
# 4:2:2 10-bit, DNxHD 444 4:4:4 10-bit, DNxHR HQX 4:2:2 12-bit, DNxHR 444 4:4:4
# 12-bit, the other DNx profiles 4:2:2 8-bit. (The sandbox's FFmpeg makes the
# two 12-bit ones as 10-bit; the plan still announces 12-bit, as Pixop would.)
PRORES_FORMATS: dict[AppleProresProfile, Format] = {
    p: ((Y444, B10) if p in (AppleProresProfile.P4444, AppleProresProfile.P4444XQ) else (Y422, B10))
    for p in AppleProresProfile
}
DNXHD_FORMATS: dict[DnxhdHrProfile, Format] = {
    DnxhdHrProfile.DNXHD_HQX: (Y422, B10),
    DnxhdHrProfile.DNXHD_444: (Y444, B10),
    DnxhdHrProfile.DNXHR_HQX: (Y422, B12),
    DnxhdHrProfile.DNXHR_444: (Y444, B12),
}
DNXHD_FORMATS.update({p: (Y422, B8) for p in DnxhdHrProfile if p not in DNXHD_FORMATS})

# The profile a DNx output gets when the request names none: the one Pixop's
# table gives for the chosen format (DNxHR where a DNxHR profile has it).
DNXHD_PROFILE_FOR_FORMAT: dict[Format, DnxhdHrProfile] = {
    (Y422, B8): DnxhdHrProfile.DNXHR_SQ,
    (Y422, B10): DnxhdHrProfile.DNXHD_HQX,
    (Y444, B10): DnxhdHrProfile.DNXHD_444,
    (Y422, B12): DnxhdHrProfile.DNXHR_HQX,
    (Y444, B12): DnxhdHrProfile.DNXHR_444,
}


def pix_fmt(yuv: ChromaYuv, bits: BitDepth) -> str:
    """FFmpeg's name for a format: 4:2:0/8 → yuv420p, 4:2:2/10 → yuv422p10le."""
    digits = yuv.value.replace(":", "")
    return f"yuv{digits}p" if bits == 8 else f"yuv{digits}p{int(bits)}le"


def parse_pix_fmt(name: str | None) -> tuple[ChromaYuv | None, BitDepth | None]:
    """The subsampling and depth of an FFmpeg pixel format, where we know them."""
    if not name:
        return None, None
    name = name.lower().replace("yuvj", "yuv")
    for yuv in ChromaYuv:
        stem = f"yuv{yuv.value.replace(':', '')}p"
        if name == stem:
            return yuv, BitDepth.BITS_8
        if name.startswith(stem):
            digits = name[len(stem):].removesuffix("le").removesuffix("be")
            try:
                return yuv, BitDepth(int(digits))
            except ValueError:
                return yuv, None
    return None, None


def supports(codec: Codec, yuv: ChromaYuv | None = None, bits: BitDepth | None = None) -> bool:
    """Whether the codec can store some format matching the given parts."""
    return any(
        (yuv is None or y == yuv) and (bits is None or b == bits)
        for y, b in FORMATS_BY_CODEC[codec]
    )


# FFmpeg's DNxHR encoder needs at least 256×120 (classic DNxHD profiles only
# exist for HD frames; the sandbox makes them with DNxHR stand-ins). A request
# for smaller DNx output is refused (check.py); the plan does not *inherit*
# DNx from a source when it cannot be made.
DNXHR_MIN_SIZE = (256, 120)


def can_make_size(codec: Codec, size: tuple[int, int]) -> bool:
    """Whether the encoder behind the codec can make frames of this size."""
    if codec != Codec.DNXHD:
        return True
    return size[0] >= DNXHR_MIN_SIZE[0] and size[1] >= DNXHR_MIN_SIZE[1]


def can_interlace(codec: Codec) -> bool:
    """Whether the encoder behind the codec can make interlaced frames.

    FFmpeg's DNxHR encoder (which makes every DNx profile in the sandbox) has
    no interlaced mode, so DNxHD/HR output is always progressive.
    """
    return codec != Codec.DNXHD
