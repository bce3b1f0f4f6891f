"""Human labels and help for every permitted value of the parameter table.

Labels use the wording of Pixop's own table ("Pixop Super Resolution",
"Bob Weaver", "Apple ProRes “LT” profile"); help is one plain sentence for
people who are not video engineers. The wizard, the CLI and error messages all
read from here, so a value is named the same way everywhere.
"""

from __future__ import annotations

from enum import Enum

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
    Ct.MOV: ("QuickTime (.mov)", "The usual choice for editing on a Mac and for ProRes."),
    Ct.MXF: ("Material Exchange Format (.mxf)", "The broadcast standard for playout and archives."),
    Ct.MP4: ("MPEG-4 (.mp4)", "Plays almost everywhere: web, phones, TVs."),
    Ct.MTS: ("MPEG-2 Transport Stream (.mts)", "For broadcast transmission and camcorder workflows."),
    Co.H264: ("H.264 / AVC", "Small files that play almost everywhere."),
    Co.PRORES: ("Apple ProRes", "High-quality editing format, large files."),
    Co.DNXHD: ("Avid DNxHD/HR", "High-quality editing format for Avid systems, large files."),
    Co.XDCAM: ("Sony XDCAM HD422", "Broadcast delivery format (MPEG-2, 4:2:2)."),
    Co.HEVC: ("H.265 / HEVC", "Smaller files than H.264 at the same quality; needs newer players."),
    Co.MPEG2: ("H.262 / MPEG-2", "Older broadcast and DVD format."),
    Co.FFV1: ("FF video codec 1", "Lossless archive format, very large files."),
    Pr.PROXY: ("Apple ProRes “proxy” profile", "Smallest ProRes files, for offline editing."),
    Pr.LT: ("Apple ProRes “LT” profile", "Smaller ProRes files for light editing."),
    Pr.STANDARD: ("Apple ProRes “standard” profile", "The everyday ProRes quality."),
    Pr.HQ: ("Apple ProRes “high quality” profile", "Higher quality ProRes for finishing."),
    Pr.P4444: (
        "Apple ProRes “4444 high quality” profile (without alpha channel processing)",
        "Full colour detail (4:4:4) for graphics and grading.",
    ),
    Pr.P4444XQ: (
        "Apple ProRes “4444 XQ” profile (without alpha channel processing)",
        "The highest ProRes quality, the largest files.",
    ),
    Dx.DNXHD_LB: ("DNxHD “low bandwidth” profile", "Small HD files for offline editing."),
    Dx.DNXHD_SQ: ("DNxHD “standard quality” profile", "Everyday HD editing quality."),
    Dx.DNXHD_HQ: ("DNxHD “high quality” profile", "High HD editing quality."),
    Dx.DNXHD_HQX: ("DNxHD “high quality extended 10-bit” profile", "High HD quality with 10-bit colour."),
    Dx.DNXHD_444: ("DNxHD “4:4:4 10-bit” profile", "Full colour detail HD for grading."),
    Dx.DNXHR_LB: ("DNxHR “low bandwidth” profile", "Small files at any resolution, for offline editing."),
    Dx.DNXHR_SQ: ("DNxHR “standard quality” profile", "Everyday editing quality at any resolution."),
    Dx.DNXHR_HQ: ("DNxHR “high quality” profile", "High editing quality at any resolution."),
    Dx.DNXHR_HQX: ("DNxHR “high quality extended 12-bit” profile", "High quality with deep colour."),
    Dx.DNXHR_444: ("DNxHR “4:4:4 12-bit” profile", "Full colour detail at any resolution, for grading."),
    St.AUTO: ("Automatic", "Pixop picks progressive or interlaced from the source and the chosen filters."),
    St.PROGRESSIVE: ("Progressive", "Whole frames; right for web, phones and modern TVs."),
    St.INTERLACED_TFF: ("Interlaced, top field first", "For broadcast chains that need interlaced video."),
    St.INTERLACED_BFF: (
        "Interlaced, bottom field first", "For broadcast chains (e.g. DV) that need bottom field first."),
    Sy.PROGRESSIVE: ("Progressive", "Whole frames; right for web, phones and modern TVs."),
    Sy.INTERLACED: ("Interlaced", "Two half-frames per frame, for broadcast chains that need it."),
    Fo.TOP_FIELD: ("Top field first", "The usual order for HD broadcast."),
    Fo.BOTTOM_FIELD: ("Bottom field first", "The order used by DV and some SD equipment."),
    Yuv.YUV410: ("4:1:0", "Very reduced colour detail; rarely used."),
    Yuv.YUV411: ("4:1:1", "Reduced colour detail, as in NTSC DV."),
    Yuv.YUV420: ("4:2:0", "The usual colour detail for delivery and the web."),
    Yuv.YUV422: ("4:2:2", "Broadcast and editing colour detail."),
    Yuv.YUV440: ("4:4:0", "Full horizontal, half vertical colour detail; rarely used."),
    Yuv.YUV444: ("4:4:4", "Full colour detail, for graphics and grading."),
    Bd.BITS_8: ("8-bit", "The usual depth for delivery; smallest files."),
    Bd.BITS_10: ("10-bit", "Smoother gradients; the usual depth for HDR and editing."),
    Bd.BITS_12: ("12-bit", "Very deep colour for grading and archives."),
    Bd.BITS_14: ("14-bit", "Extra-deep colour for archives."),
    Bd.BITS_16: ("16-bit", "The deepest colour, for archives; very large files."),
    Di.DEINT: ("Pixop Deinterlacer", "Pixop's AI deinterlacer: turns interlaced video into clean whole frames."),
    Di.YADIF: ("YADIF (“Yet Another DeInterlacing Filter”)", "A fast classic deinterlacer."),
    Di.BWDIF: ("Bob Weaver", "A classic deinterlacer that keeps motion smooth."),
    Di.WESTON3F: ("Weston Three Field", "A classic deinterlacer that looks at three fields."),
    Dn.DENOISE: ("Pixop Denoiser", "Pixop's AI denoiser: removes grain and noise, keeps detail."),
    Dn.HQDN3D: ("High Quality DeNoise 3D", "A classic denoiser."),
    Sb.DEJIT: ("Pixop Dejitterer", "Steadies small shakes and jitter, as from old tape or film."),
    Sc.PABSR1: ("Pixop Super Resolution", "Pixop's AI upscaler: adds real detail when enlarging."),
    Sc.DVRES: ("Pixop Deep Restoration", "Pixop's AI restoration for heavily compressed or damaged video."),
    Sc.SCALE: ("Bicubic Interpolation", "Plain resizing, with no added detail."),
    Rt.HD_1080P: ("Full HD 1080p (1920 × 1080)", "The standard HD frame size."),
    Rt.UHD_4K: ("Ultra HD 4K (3840 × 2160)", "The 4K TV frame size."),
    Rt.UHD_8K: ("Ultra HD 8K (7680 × 4320)", "The 8K frame size."),
    Rt.X2: ("2× the source size", "Doubles the width and the height of the source."),
    Rt.X3: ("3× the source size", "Triples the width and the height of the source."),
    Rt.X4: ("4× the source size", "Quadruples the width and the height of the source."),
    Ar.DISPLAY: ("Display aspect ratio of the source", "Keeps the shape the source is shown with."),
    Ar.STORAGE: ("Storage aspect ratio of the source", "Keeps the shape of the source's stored pixels."),
    Ar.R16_9: ("16:9", "Widescreen (~1.777)."),
    Ar.R4_3: ("4:3", "Classic TV shape (~1.333)."),
    Cb.NONE: ("None", "No extra contrast."),
    Cb.MARGINAL: ("Marginal", "A hint of extra contrast."),
    Cb.VERY_LOW: ("Very low", "Very little extra contrast."),
    Cb.LOW: ("Low", "A little extra contrast."),
    Cb.MEDIUM: ("Medium", "Clearly more contrast."),
    Cb.HIGH: ("High", "Strong extra contrast."),
    Cb.VERY_HIGH: ("Very high", "The strongest extra contrast."),
    Fc.FPS: ("Constant FPS", "Drops or repeats frames to reach the new rate; fast."),
    Fc.FBLEND: ("Frame Blending", "Blends neighbouring frames; smoother, slightly soft."),
    Fc.MCINTERPOLATE: ("Motion Compensation", "Invents in-between frames from the motion; smoothest."),
    Ft.FILM_NTSC: ("23.976 fps (film, NTSC)", "Film speed as used in North America and Japan."),
    Ft.FILM: ("24 fps (film)", "Cinema film speed."),
    Ft.VIDEO_PAL: ("25 fps (PAL)", "European TV speed."),
    Ft.VIDEO_NTSC: ("29.97 fps (NTSC)", "North American TV speed."),
    Ft.VIDEO_HD: ("30 fps", "Common web and phone speed."),
    Ft.VIDEO_PAL_FAST: ("50 fps (PAL)", "European HD TV speed, smooth motion."),
    Ft.VIDEO_NTSC_FAST: ("59.94 fps (NTSC)", "North American HD TV speed, smooth motion."),
    Ft.VIDEO_HD_FAST: ("60 fps", "Smooth motion for web and games."),
    Pp.FILMGRAIN: ("Pixop Film Grain", "Adds a natural film grain look after processing."),
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
    "": "The processing request",
    "mediaContainerCodec": "Container and codec",
    "mediaContainerCodec.container": "Container",
    "mediaContainerCodec.codec": "Codec",
    "appleProresProfile": "ProRes profile",
    "dnxhdHrProfile": "DNxHD/HR profile",
    "scanning": "Scanning",
    "scanning.tag": "Scanning preset",
    "scanning.scanningType": "Scanning type",
    "scanning.interlacedFieldOrder": "Field order",
    "chromaSubsampling": "Chroma subsampling",
    "chromaSubsampling.yuv": "Chroma subsampling",
    "chromaSubsampling.bits": "Bit depth",
    "bitrate": "Bitrate",
    "bitrate.mbps": "Bitrate",
    "deinterlacer": "Deinterlacer",
    "denoiser": "Denoiser",
    "stabilizer": "Stabilizer",
    "scaler": "Scaler",
    "resolution": "Resolution",
    "resolution.tag": "Resolution preset",
    "resolution.width": "Width",
    "resolution.height": "Height",
    "resolution.aspectRatioTag": "Aspect ratio",
    "clarityBoost": "Clarity boost",
    "frameRateConverter": "Frame rate converter",
    "frameRate": "Frame rate",
    "frameRate.tag": "Frame rate preset",
    "frameRate.fps": "Frames per second",
    "postProcessor": "Post-processor",
    "range": "Clip range",
    "range.startPositionMilliseconds": "Clip start",
    "range.endPositionMilliseconds": "Clip end",
}


def field_label(path: str) -> str:
    """The plain name of a field; the path itself if it is not in the table."""
    return FIELD_LABELS.get(path, path)
