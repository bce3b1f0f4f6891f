"""Human labels and help for every permitted value of the parameter table.

Labels use the wording of Pixop's own table ("Pixop Super Resolution",
"Bob Weaver", "Apple ProRes “LT” profile"); help is one plain sentence for
people who are not video engineers. The wizard, the CLI and error messages all
read from here, so a value is named the same way everywhere.

Every text is marked for translators (context "Processing", see ``pixop_desktop.i18n``);
the UI shows them with ``ui.translations.core_text``.
"""

from __future__ import annotations

from enum import Enum

from pixop_desktop.i18n import QT_TRANSLATE_NOOP

from .enums import (
    AppleProresProfile as Pr,
    AspectRatioTag as Ar,
    BitDepth as Bd,
    ChromaYuv as Yuv,
    ClarityBoost as Cb,
    Codec as Co,
    Container as Ct,
    Deinterlacer as Di,
    Denoiser as Dn,
    DnxhdHrProfile as Dx,
    FrameRateConverter as Fc,
    FrameRateTag as Ft,
    InterlacedFieldOrder as Fo,
    PostProcessor as Pp,
    ResolutionTag as Rt,
    Scaler as Sc,
    ScanningTag as St,
    ScanningType as Sy,
    Stabilizer as Sb,
)

_TEXT: dict[Enum, tuple[str, str]] = {
    Ct.MOV: (
        QT_TRANSLATE_NOOP("Processing", "QuickTime (.mov)"),
        QT_TRANSLATE_NOOP("Processing", "The usual choice for editing on a Mac and for ProRes.")),
    Ct.MXF: (
        QT_TRANSLATE_NOOP("Processing", "Material Exchange Format (.mxf)"),
        QT_TRANSLATE_NOOP("Processing", "The broadcast standard for playout and archives.")),
    Ct.MP4: (
        QT_TRANSLATE_NOOP("Processing", "MPEG-4 (.mp4)"),
        QT_TRANSLATE_NOOP("Processing", "Plays almost everywhere: web, phones, TVs.")),
    Ct.MTS: (
        QT_TRANSLATE_NOOP("Processing", "MPEG-2 Transport Stream (.mts)"),
        QT_TRANSLATE_NOOP("Processing", "For broadcast transmission and camcorder workflows.")),
    Co.H264: (
        QT_TRANSLATE_NOOP("Processing", "H.264 / AVC"),
        QT_TRANSLATE_NOOP("Processing", "Small files that play almost everywhere.")),
    Co.PRORES: (
        QT_TRANSLATE_NOOP("Processing", "Apple ProRes"),
        QT_TRANSLATE_NOOP("Processing", "High-quality editing format, large files.")),
    Co.DNXHD: (
        QT_TRANSLATE_NOOP("Processing", "Avid DNxHD/HR"),
        QT_TRANSLATE_NOOP("Processing", "High-quality editing format for Avid systems, large files.")),
    Co.XDCAM: (
        QT_TRANSLATE_NOOP("Processing", "Sony XDCAM HD422"),
        QT_TRANSLATE_NOOP("Processing", "Broadcast delivery format (MPEG-2, 4:2:2).")),
    Co.HEVC: (
        QT_TRANSLATE_NOOP("Processing", "H.265 / HEVC"),
        QT_TRANSLATE_NOOP("Processing", "Smaller files than H.264 at the same quality; needs newer players.")),
    Co.MPEG2: (
        QT_TRANSLATE_NOOP("Processing", "H.262 / MPEG-2"),
        QT_TRANSLATE_NOOP("Processing", "Older broadcast and DVD format.")),
    Co.FFV1: (
        QT_TRANSLATE_NOOP("Processing", "FF video codec 1"),
        QT_TRANSLATE_NOOP("Processing", "Lossless archive format, very large files.")),
    Pr.PROXY: (
        QT_TRANSLATE_NOOP("Processing", "Apple ProRes “proxy” profile"),
        QT_TRANSLATE_NOOP("Processing", "Smallest ProRes files, for offline editing.")),
    Pr.LT: (
        QT_TRANSLATE_NOOP("Processing", "Apple ProRes “LT” profile"),
        QT_TRANSLATE_NOOP("Processing", "Smaller ProRes files for light editing.")),
    Pr.STANDARD: (
        QT_TRANSLATE_NOOP("Processing", "Apple ProRes “standard” profile"),
        QT_TRANSLATE_NOOP("Processing", "The everyday ProRes quality.")),
    Pr.HQ: (
        QT_TRANSLATE_NOOP("Processing", "Apple ProRes “high quality” profile"),
        QT_TRANSLATE_NOOP("Processing", "Higher quality ProRes for finishing.")),
    Pr.P4444: (
        QT_TRANSLATE_NOOP("Processing",
                          "Apple ProRes “4444 high quality” profile (without alpha channel processing)"),
        QT_TRANSLATE_NOOP("Processing", "Full colour detail (4:4:4) for graphics and grading."),
    ),
    Pr.P4444XQ: (
        QT_TRANSLATE_NOOP("Processing", "Apple ProRes “4444 XQ” profile (without alpha channel processing)"),
        QT_TRANSLATE_NOOP("Processing", "The highest ProRes quality, the largest files."),
    ),
    Dx.DNXHD_LB: (
        QT_TRANSLATE_NOOP("Processing", "DNxHD “low bandwidth” profile"),
        QT_TRANSLATE_NOOP("Processing", "Small HD files for offline editing.")),
    Dx.DNXHD_SQ: (
        QT_TRANSLATE_NOOP("Processing", "DNxHD “standard quality” profile"),
        QT_TRANSLATE_NOOP("Processing", "Everyday HD editing quality.")),
    Dx.DNXHD_HQ: (
        QT_TRANSLATE_NOOP("Processing", "DNxHD “high quality” profile"),
        QT_TRANSLATE_NOOP("Processing", "High HD editing quality.")),
    Dx.DNXHD_HQX: (
        QT_TRANSLATE_NOOP("Processing", "DNxHD “high quality extended 10-bit” profile"),
        QT_TRANSLATE_NOOP("Processing", "High HD quality with 10-bit colour.")),
    Dx.DNXHD_444: (
        QT_TRANSLATE_NOOP("Processing", "DNxHD “4:4:4 10-bit” profile"),
        QT_TRANSLATE_NOOP("Processing", "Full colour detail HD for grading.")),
    Dx.DNXHR_LB: (
        QT_TRANSLATE_NOOP("Processing", "DNxHR “low bandwidth” profile"),
        QT_TRANSLATE_NOOP("Processing", "Small files at any resolution, for offline editing.")),
    Dx.DNXHR_SQ: (
        QT_TRANSLATE_NOOP("Processing", "DNxHR “standard quality” profile"),
        QT_TRANSLATE_NOOP("Processing", "Everyday editing quality at any resolution.")),
    Dx.DNXHR_HQ: (
        QT_TRANSLATE_NOOP("Processing", "DNxHR “high quality” profile"),
        QT_TRANSLATE_NOOP("Processing", "High editing quality at any resolution.")),
    Dx.DNXHR_HQX: (
        QT_TRANSLATE_NOOP("Processing", "DNxHR “high quality extended 12-bit” profile"),
        QT_TRANSLATE_NOOP("Processing", "High quality with deep colour.")),
    Dx.DNXHR_444: (
        QT_TRANSLATE_NOOP("Processing", "DNxHR “4:4:4 12-bit” profile"),
        QT_TRANSLATE_NOOP("Processing", "Full colour detail at any resolution, for grading.")),
    St.AUTO: (
        QT_TRANSLATE_NOOP("Processing", "Automatic"),
        QT_TRANSLATE_NOOP("Processing",
                          "Pixop picks progressive or interlaced from the source and the chosen filters.")),
    St.PROGRESSIVE: (
        QT_TRANSLATE_NOOP("Processing", "Progressive"),
        QT_TRANSLATE_NOOP("Processing", "Whole frames; right for web, phones and modern TVs.")),
    St.INTERLACED_TFF: (
        QT_TRANSLATE_NOOP("Processing", "Interlaced, top field first"),
        QT_TRANSLATE_NOOP("Processing", "For broadcast chains that need interlaced video.")),
    St.INTERLACED_BFF: (
        QT_TRANSLATE_NOOP("Processing", "Interlaced, bottom field first"),
        QT_TRANSLATE_NOOP("Processing", "For broadcast chains (e.g. DV) that need bottom field first.")),
    Sy.PROGRESSIVE: (
        QT_TRANSLATE_NOOP("Processing", "Progressive"),
        QT_TRANSLATE_NOOP("Processing", "Whole frames; right for web, phones and modern TVs.")),
    Sy.INTERLACED: (
        QT_TRANSLATE_NOOP("Processing", "Interlaced"),
        QT_TRANSLATE_NOOP("Processing", "Two half-frames per frame, for broadcast chains that need it.")),
    Fo.TOP_FIELD: (
        QT_TRANSLATE_NOOP("Processing", "Top field first"),
        QT_TRANSLATE_NOOP("Processing", "The usual order for HD broadcast.")),
    Fo.BOTTOM_FIELD: (
        QT_TRANSLATE_NOOP("Processing", "Bottom field first"),
        QT_TRANSLATE_NOOP("Processing", "The order used by DV and some SD equipment.")),
    Yuv.YUV410: (
        QT_TRANSLATE_NOOP("Processing", "4:1:0"),
        QT_TRANSLATE_NOOP("Processing", "Very reduced colour detail; rarely used.")),
    Yuv.YUV411: (
        QT_TRANSLATE_NOOP("Processing", "4:1:1"),
        QT_TRANSLATE_NOOP("Processing", "Reduced colour detail, as in NTSC DV.")),
    Yuv.YUV420: (
        QT_TRANSLATE_NOOP("Processing", "4:2:0"),
        QT_TRANSLATE_NOOP("Processing", "The usual colour detail for delivery and the web.")),
    Yuv.YUV422: (
        QT_TRANSLATE_NOOP("Processing", "4:2:2"),
        QT_TRANSLATE_NOOP("Processing", "Broadcast and editing colour detail.")),
    Yuv.YUV440: (
        QT_TRANSLATE_NOOP("Processing", "4:4:0"),
        QT_TRANSLATE_NOOP("Processing", "Full horizontal, half vertical colour detail; rarely used.")),
    Yuv.YUV444: (
        QT_TRANSLATE_NOOP("Processing", "4:4:4"),
        QT_TRANSLATE_NOOP("Processing", "Full colour detail, for graphics and grading.")),
    Bd.BITS_8: (
        QT_TRANSLATE_NOOP("Processing", "8-bit"),
        QT_TRANSLATE_NOOP("Processing", "The usual depth for delivery; smallest files.")),
    Bd.BITS_10: (
        QT_TRANSLATE_NOOP("Processing", "10-bit"),
        QT_TRANSLATE_NOOP("Processing", "Smoother gradients; the usual depth for HDR and editing.")),
    Bd.BITS_12: (
        QT_TRANSLATE_NOOP("Processing", "12-bit"),
        QT_TRANSLATE_NOOP("Processing", "Very deep colour for grading and archives.")),
    Bd.BITS_14: (
        QT_TRANSLATE_NOOP("Processing", "14-bit"),
        QT_TRANSLATE_NOOP("Processing", "Extra-deep colour for archives.")),
    Bd.BITS_16: (
        QT_TRANSLATE_NOOP("Processing", "16-bit"),
        QT_TRANSLATE_NOOP("Processing", "The deepest colour, for archives; very large files.")),
    Di.DEINT: (
        QT_TRANSLATE_NOOP("Processing", "Pixop Deinterlacer"),
        QT_TRANSLATE_NOOP("Processing", "Pixop's AI deinterlacer: turns interlaced video into clean whole frames.")),
    Di.YADIF: (
        QT_TRANSLATE_NOOP("Processing", "YADIF (“Yet Another DeInterlacing Filter”)"),
        QT_TRANSLATE_NOOP("Processing", "A fast classic deinterlacer.")),
    Di.BWDIF: (
        QT_TRANSLATE_NOOP("Processing", "Bob Weaver"),
        QT_TRANSLATE_NOOP("Processing", "A classic deinterlacer that keeps motion smooth.")),
    Di.WESTON3F: (
        QT_TRANSLATE_NOOP("Processing", "Weston Three Field"),
        QT_TRANSLATE_NOOP("Processing", "A classic deinterlacer that looks at three fields.")),
    Dn.DENOISE: (
        QT_TRANSLATE_NOOP("Processing", "Pixop Denoiser"),
        QT_TRANSLATE_NOOP("Processing", "Pixop's AI denoiser: removes grain and noise, keeps detail.")),
    Dn.HQDN3D: (
        QT_TRANSLATE_NOOP("Processing", "High Quality DeNoise 3D"),
        QT_TRANSLATE_NOOP("Processing", "A classic denoiser.")),
    Sb.DEJIT: (
        QT_TRANSLATE_NOOP("Processing", "Pixop Dejitterer"),
        QT_TRANSLATE_NOOP("Processing", "Steadies small shakes and jitter, as from old tape or film.")),
    Sc.PABSR1: (
        QT_TRANSLATE_NOOP("Processing", "Pixop Super Resolution"),
        QT_TRANSLATE_NOOP("Processing", "Pixop's AI upscaler: adds real detail when enlarging.")),
    Sc.DVRES: (
        QT_TRANSLATE_NOOP("Processing", "Pixop Deep Restoration"),
        QT_TRANSLATE_NOOP("Processing", "Pixop's AI restoration for heavily compressed or damaged video.")),
    Sc.DVRES2: (
        QT_TRANSLATE_NOOP("Processing", "Pixop Deep Restoration 2"),
        QT_TRANSLATE_NOOP("Processing", "The newer version of Pixop's AI restoration for compressed or damaged"
                                        " video.")),
    Sc.SCALE: (
        QT_TRANSLATE_NOOP("Processing", "Bicubic Interpolation"),
        QT_TRANSLATE_NOOP("Processing", "Plain resizing, with no added detail.")),
    Rt.HD_1080P: (
        QT_TRANSLATE_NOOP("Processing", "Full HD 1080p (1920 × 1080)"),
        QT_TRANSLATE_NOOP("Processing", "The standard HD frame size.")),
    Rt.UHD_4K: (
        QT_TRANSLATE_NOOP("Processing", "Ultra HD 4K (3840 × 2160)"),
        QT_TRANSLATE_NOOP("Processing", "The 4K TV frame size.")),
    Rt.UHD_8K: (
        QT_TRANSLATE_NOOP("Processing", "Ultra HD 8K (7680 × 4320)"),
        QT_TRANSLATE_NOOP("Processing", "The 8K frame size.")),
    Rt.NO_SCALING: (
        QT_TRANSLATE_NOOP("Processing", "Same size as the source (no scaling)"),
        QT_TRANSLATE_NOOP("Processing", "Keeps the frame size of the source; only the other settings apply.")),
    Rt.X2: (
        QT_TRANSLATE_NOOP("Processing", "2× the source size"),
        QT_TRANSLATE_NOOP("Processing", "Doubles the width and the height of the source.")),
    Rt.X3: (
        QT_TRANSLATE_NOOP("Processing", "3× the source size"),
        QT_TRANSLATE_NOOP("Processing", "Triples the width and the height of the source.")),
    Rt.X4: (
        QT_TRANSLATE_NOOP("Processing", "4× the source size"),
        QT_TRANSLATE_NOOP("Processing", "Quadruples the width and the height of the source.")),
    Ar.DISPLAY: (
        QT_TRANSLATE_NOOP("Processing", "Display aspect ratio of the source"),
        QT_TRANSLATE_NOOP("Processing", "Keeps the shape the source is shown with.")),
    Ar.STORAGE: (
        QT_TRANSLATE_NOOP("Processing", "Storage aspect ratio of the source"),
        QT_TRANSLATE_NOOP("Processing", "Keeps the shape of the source's stored pixels.")),
    Ar.R16_9: (QT_TRANSLATE_NOOP("Processing", "16:9"), QT_TRANSLATE_NOOP("Processing", "Widescreen (~1.777).")),
    Ar.R4_3: (QT_TRANSLATE_NOOP("Processing", "4:3"), QT_TRANSLATE_NOOP("Processing", "Classic TV shape (~1.333).")),
    Cb.NONE: (QT_TRANSLATE_NOOP("Processing", "None"), QT_TRANSLATE_NOOP("Processing", "No extra contrast.")),
    Cb.MARGINAL: (
        QT_TRANSLATE_NOOP("Processing", "Marginal"),
        QT_TRANSLATE_NOOP("Processing", "A hint of extra contrast.")),
    Cb.VERY_LOW: (
        QT_TRANSLATE_NOOP("Processing", "Very low"),
        QT_TRANSLATE_NOOP("Processing", "Very little extra contrast.")),
    Cb.LOW: (QT_TRANSLATE_NOOP("Processing", "Low"), QT_TRANSLATE_NOOP("Processing", "A little extra contrast.")),
    Cb.MEDIUM: (QT_TRANSLATE_NOOP("Processing", "Medium"), QT_TRANSLATE_NOOP("Processing", "Clearly more contrast.")),
    Cb.HIGH: (QT_TRANSLATE_NOOP("Processing", "High"), QT_TRANSLATE_NOOP("Processing", "Strong extra contrast.")),
    Cb.VERY_HIGH: (
        QT_TRANSLATE_NOOP("Processing", "Very high"),
        QT_TRANSLATE_NOOP("Processing", "The strongest extra contrast.")),
    Fc.FPS: (
        QT_TRANSLATE_NOOP("Processing", "Constant FPS"),
        QT_TRANSLATE_NOOP("Processing", "Drops or repeats frames to reach the new rate; fast.")),
    Fc.FBLEND: (
        QT_TRANSLATE_NOOP("Processing", "Frame Blending"),
        QT_TRANSLATE_NOOP("Processing", "Blends neighbouring frames; smoother, slightly soft.")),
    Fc.MCINTERPOLATE: (
        QT_TRANSLATE_NOOP("Processing", "Motion Compensation"),
        QT_TRANSLATE_NOOP("Processing", "Invents in-between frames from the motion; smoothest.")),
    Fc.VFI: (
        QT_TRANSLATE_NOOP("Processing", "Pixop Frame Rate Conversion"),
        QT_TRANSLATE_NOOP("Processing", "Pixop's AI makes new in-between frames; the smoothest motion.")),
    Ft.FILM_NTSC: (
        QT_TRANSLATE_NOOP("Processing", "23.976 fps (film, NTSC)"),
        QT_TRANSLATE_NOOP("Processing", "Film speed as used in North America and Japan.")),
    Ft.FILM: (
        QT_TRANSLATE_NOOP("Processing", "24 fps (film)"),
        QT_TRANSLATE_NOOP("Processing", "Cinema film speed.")),
    Ft.VIDEO_PAL: (
        QT_TRANSLATE_NOOP("Processing", "25 fps (PAL)"),
        QT_TRANSLATE_NOOP("Processing", "European TV speed.")),
    Ft.VIDEO_NTSC: (
        QT_TRANSLATE_NOOP("Processing", "29.97 fps (NTSC)"),
        QT_TRANSLATE_NOOP("Processing", "North American TV speed.")),
    Ft.VIDEO_HD: (
        QT_TRANSLATE_NOOP("Processing", "30 fps"),
        QT_TRANSLATE_NOOP("Processing", "Common web and phone speed.")),
    Ft.VIDEO_PAL_FAST: (
        QT_TRANSLATE_NOOP("Processing", "50 fps (PAL)"),
        QT_TRANSLATE_NOOP("Processing", "European HD TV speed, smooth motion.")),
    Ft.VIDEO_NTSC_FAST: (
        QT_TRANSLATE_NOOP("Processing", "59.94 fps (NTSC)"),
        QT_TRANSLATE_NOOP("Processing", "North American HD TV speed, smooth motion.")),
    Ft.VIDEO_HD_FAST: (
        QT_TRANSLATE_NOOP("Processing", "60 fps"),
        QT_TRANSLATE_NOOP("Processing", "Smooth motion for web and games.")),
    Ft.VIDEO_UHD_FAST: (
        QT_TRANSLATE_NOOP("Processing", "120 fps"),
        QT_TRANSLATE_NOOP("Processing", "Very smooth motion for high frame rate UHD screens.")),
    Pp.FILMGRAIN: (
        QT_TRANSLATE_NOOP("Processing", "Pixop Film Grain"),
        QT_TRANSLATE_NOOP("Processing", "Adds a natural film grain look after processing.")),
}


def label(member: Enum) -> str:
    """The short human name of a permitted value."""
    return _TEXT[member][0]


def help_text(member: Enum) -> str:
    """One plain sentence on what a permitted value does."""
    return _TEXT[member][1]


def choices_text(enum_cls: type[Enum]) -> str:
    """All permitted values of an enum, as a person reads them."""
    return ", ".join(f"{label(m)} ({m.value})" for m in enum_cls)


# Plain names of the fields, by JSON path; used in every message.
FIELD_LABELS: dict[str, str] = {
    "": QT_TRANSLATE_NOOP("Processing", "The processing request"),
    "mediaContainerCodec": QT_TRANSLATE_NOOP("Processing", "Container and codec"),
    "mediaContainerCodec.container": QT_TRANSLATE_NOOP("Processing", "Container"),
    "mediaContainerCodec.codec": QT_TRANSLATE_NOOP("Processing", "Codec"),
    "appleProresProfile": QT_TRANSLATE_NOOP("Processing", "ProRes profile"),
    "dnxhdHrProfile": QT_TRANSLATE_NOOP("Processing", "DNxHD/HR profile"),
    "scanning": QT_TRANSLATE_NOOP("Processing", "Scanning"),
    "scanning.tag": QT_TRANSLATE_NOOP("Processing", "Scanning preset"),
    "scanning.scanningType": QT_TRANSLATE_NOOP("Processing", "Scanning type"),
    "scanning.interlacedFieldOrder": QT_TRANSLATE_NOOP("Processing", "Field order"),
    "chromaSubsampling": QT_TRANSLATE_NOOP("Processing", "Chroma subsampling"),
    "chromaSubsampling.yuv": QT_TRANSLATE_NOOP("Processing", "Chroma subsampling"),
    "chromaSubsampling.bits": QT_TRANSLATE_NOOP("Processing", "Bit depth"),
    "bitrate": QT_TRANSLATE_NOOP("Processing", "Bitrate"),
    "bitrate.mbps": QT_TRANSLATE_NOOP("Processing", "Bitrate"),
    "deinterlacer": QT_TRANSLATE_NOOP("Processing", "Deinterlacer"),
    "denoiser": QT_TRANSLATE_NOOP("Processing", "Denoiser"),
    "stabilizer": QT_TRANSLATE_NOOP("Processing", "Stabilizer"),
    "scaler": QT_TRANSLATE_NOOP("Processing", "Scaler"),
    "resolution": QT_TRANSLATE_NOOP("Processing", "Resolution"),
    "resolution.tag": QT_TRANSLATE_NOOP("Processing", "Resolution preset"),
    "resolution.width": QT_TRANSLATE_NOOP("Processing", "Width"),
    "resolution.height": QT_TRANSLATE_NOOP("Processing", "Height"),
    "resolution.aspectRatioTag": QT_TRANSLATE_NOOP("Processing", "Aspect ratio"),
    "clarityBoost": QT_TRANSLATE_NOOP("Processing", "Clarity boost"),
    "frameRateConverter": QT_TRANSLATE_NOOP("Processing", "Frame rate converter"),
    "frameRate": QT_TRANSLATE_NOOP("Processing", "Frame rate"),
    "frameRate.tag": QT_TRANSLATE_NOOP("Processing", "Frame rate preset"),
    "frameRate.fps": QT_TRANSLATE_NOOP("Processing", "Frames per second"),
    "postProcessor": QT_TRANSLATE_NOOP("Processing", "Post-processor"),
    "range": QT_TRANSLATE_NOOP("Processing", "Clip range"),
    "range.startPositionMilliseconds": QT_TRANSLATE_NOOP("Processing", "Clip start"),
    "range.endPositionMilliseconds": QT_TRANSLATE_NOOP("Processing", "Clip end"),
}


def field_label(path: str) -> str:
    """The plain name of a field; the path itself if it is not in the table."""
    return FIELD_LABELS.get(path, path)
