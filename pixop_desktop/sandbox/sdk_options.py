"""The sandbox's own reading of the SDK's ``VideoProcessingConfigurationOptions`` (OpenAPI 1.0.1).

An independent reading, on purpose: the client's model is not used here, so a mistake in the
client's mapping shows up as a refusal or a different output instead of being mirrored.
``to_internal(body, query)`` checks the body (types, enum values, ranges, the settings a
filter needs) and gives the sandbox's internal request (the v1 parameter table's JSON, which
``jobs.process`` takes), or raises ``ApiError(400)`` with one validation error per problem.
Settings the sandbox cannot imitate (crop, prescaler, FaceForward, debander, DVRES2, VFI,
colour conversions, fixed output sizes, film grain) are refused as not supported here.
"""

from __future__ import annotations

from typing import Any

from pixop_desktop.sandbox.errors import ApiError, field_error

_CONTAINERS = {"MOV": "mov", "MXF": "mxf", "MP4": "mp4", "MPEGTS": "mts"}
_CODECS = {"H264": "h264", "HEVC": "hevc", "MPEG2": "mpeg2", "XDCAM": "xdcam", "FFV1": "ffv1"}
_PROFILES = {"PRORES_422_PROXY": ("prores", "proxy"), "PRORES_422_LT": ("prores", "lt"),
             "PRORES_422_STANDARD": ("prores", "standard"), "PRORES_422_HQ": ("prores", "hq"),
             "PRORES_4444_STANDARD": ("prores", "4444"), "PRORES_4444_XQ": ("prores", "4444xq"),
             **{f"DNXHR_{c}": ("dnxhd", f"dnxhr_{c.lower()}") for c in ("LB", "SQ", "HQ", "HQX", "444")}}
_DNXHD = {"LB": (36, 45, 75, 90), "SQ": (115, 120, 145, 240, 290), "HQ": (175, 185, 220, 365, 440),
          "HQX": (175, 185, 220, 365, 440), "444": (350, 390, 440, 730, 880)}
_FILTERS = {"deinterlacer": ("DEINT", "YADIF", "BWDIF", "WESTON3F"), "denoiser": ("DENOISE", "HQDN3D"),
            "stabilizer": ("DEJIT",), "scaler": ("PABSR1", "DVRES", "SCALE"),
            "frameRateConverter": ("FPS", "FBLEND", "MCINTERPOLATE")}
_SIZE_TAGS = {"FULL_HD": "hd_1080p", "UHD_4K": "uhd_4k", "UHD_8K": "uhd_8k", "2X": "2x", "3X": "3x", "4X": "4x"}
_ASPECTS = {"DISPLAY": "display", "STORAGE": "storage", "16:9": "16:9", "4:3": "4:3"}
_RATE_TAGS = ("FILM_NTSC", "FILM", "VIDEO_PAL", "VIDEO_NTSC", "VIDEO_HD", "VIDEO_PAL_FAST",
              "VIDEO_NTSC_FAST", "VIDEO_HD_FAST")
_CLARITY = ("NONE", "MARGINAL", "VERY_LOW", "LOW", "MEDIUM", "HIGH", "VERY_HIGH")
_SCANNING = {"AUTO": "auto", "PROGRESSIVE": "progressive", "INTERLACED_TOP_FIRST": "interlaced_tff",
             "INTERLACED_BOTTOM_FIRST": "interlaced_bff"}
_FIELD_ORDER = ("AUTO_METADATA", "AUTO_SEGMENT_ANALYSIS", "TOP_FIELD_FIRST", "BOTTOM_FIELD_FIRST")


class _Reader:
    def __init__(self) -> None:
        self.problems: list[dict] = []

    def bad(self, field: str, message: str, value: Any = None) -> None:
        self.problems.append(field_error(field, message, value if isinstance(value, (str, int, float)) else None))

    def choice(self, value: Any, allowed, field: str) -> Any:
        if value is None:
            return None
        if not isinstance(value, str) or value not in allowed:
            self.bad(field, f"{field} must be one of {', '.join(allowed)}.", value)
            return None
        return value

    def section(self, body: dict, key: str) -> dict:
        value = body.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.bad(key, f"{key} must be an object.")
            return {}
        return value


def to_internal(body: Any, query: dict[str, str]) -> dict[str, Any]:
    """The internal (v1-table) request for an SDK body; ApiError(400) listing every problem."""
    if not isinstance(body, dict):
        raise ApiError(400, "The body must be a VideoProcessingConfigurationOptions object.")
    reader, out = _Reader(), {}
    _encoding(reader, body, out)
    _filters(reader, body, out)
    processing = reader.section(body, "processingSettings")
    for key in processing:
        if key != "outputScanning" and processing[key] is not None:
            reader.bad(f"processingSettings.{key}", f"processingSettings.{key} is not supported by the sandbox.")
    scanning = reader.choice(processing.get("outputScanning"), _SCANNING, "processingSettings.outputScanning")
    if scanning:
        out["scanning"] = {"tag": _SCANNING[scanning]}
    _clip(reader, query, out)
    if reader.problems:
        raise ApiError(400, " ".join(p["message"] for p in reader.problems), reader.problems)
    return out


def _encoding(reader: _Reader, body: dict, out: dict) -> None:
    pair: dict[str, str] = {}
    container = reader.choice(body.get("container"), _CONTAINERS, "container")
    if container:
        pair["container"] = _CONTAINERS[container]
    profile = body.get("encodingProfile")
    if profile is not None:
        _profile(reader, profile, pair, out)
    else:
        config = reader.section(body, "encodingConfiguration")
        codec = reader.choice(config.get("codec"), _CODECS, "encodingConfiguration.codec")
        if codec:
            pair["codec"] = _CODECS[codec]
        _pixel_format(reader, config.get("pixelFormat"), out)
        bitrate = config.get("bitrate")
        if bitrate is not None:
            if isinstance(bitrate, bool) or not isinstance(bitrate, int) or not 10_000 <= bitrate <= 4_000_000_000:
                reader.bad("encodingConfiguration.bitrate", "bitrate must be a whole number of bits per second, "
                                                            "at least 10000.", bitrate)
            else:
                out["bitrate"] = {"mbps": bitrate / 1_000_000}
    if pair:
        out["mediaContainerCodec"] = pair


def _profile(reader: _Reader, profile: Any, pair: dict, out: dict) -> None:
    if profile in _PROFILES:
        codec, name = _PROFILES[profile]
        pair["codec"] = codec
        out["appleProresProfile" if codec == "prores" else "dnxhdHrProfile"] = name
        return
    parts = str(profile).split("_")
    if len(parts) == 3 and parts[0] == "DNXHD" and parts[2] in _DNXHD:
        rate = parts[1].removesuffix("X")
        if rate.isdigit() and int(rate) in _DNXHD[parts[2]]:
            pair["codec"], out["dnxhdHrProfile"] = "dnxhd", f"dnxhd_{parts[2].lower()}"
            out["bitrate"] = {"mbps": float(rate)}
            return
    reader.bad("encodingProfile", "encodingProfile is not a known encoding profile.", profile)


def _pixel_format(reader: _Reader, pixel: Any, out: dict) -> None:
    if pixel is None:
        return
    if not isinstance(pixel, dict):
        reader.bad("encodingConfiguration.pixelFormat", "pixelFormat must be an object.")
        return
    chroma = {}
    yuv = reader.choice(pixel.get("yuv"), ("4:2:0", "4:2:2", "4:4:4"), "encodingConfiguration.pixelFormat.yuv")
    if yuv:
        chroma["yuv"] = yuv
    bits = pixel.get("bitDepth")
    if bits is not None:
        if bits in (8, 10, 12) and not isinstance(bits, bool):
            chroma["bits"] = bits
        else:
            reader.bad("encodingConfiguration.pixelFormat.bitDepth", "bitDepth must be 8, 10 or 12.", bits)
    if chroma:
        out["chromaSubsampling"] = chroma


def _filters(reader: _Reader, body: dict, out: dict) -> None:
    filters = reader.section(body, "filters")
    settings = reader.section(body, "filterSettings")
    for key, value in filters.items():
        if value is None:
            continue
        if key not in _FILTERS:
            reader.bad(f"filters.{key}", f"filters.{key} is not supported by the sandbox.", value)
        elif reader.choice(value, _FILTERS[key], f"filters.{key}"):
            out[key] = value.lower()
    for key, value in settings.items():
        if value is not None and key not in ("interlacedFieldOrderMode", "resolution", "clarityBoost", "frameRate"):
            reader.bad(f"filterSettings.{key}", f"filterSettings.{key} is not supported by the sandbox.")
    if out.get("deinterlacer"):
        mode = reader.choice(settings.get("interlacedFieldOrderMode"), _FIELD_ORDER,
                             "filterSettings.interlacedFieldOrderMode")
        if settings.get("interlacedFieldOrderMode") is None:
            reader.bad("filterSettings.interlacedFieldOrderMode", "A deinterlacer needs "
                                                                  "filterSettings.interlacedFieldOrderMode.")
        elif mode and mode != "AUTO_METADATA":
            reader.bad("filterSettings.interlacedFieldOrderMode", "Only AUTO_METADATA is supported by the sandbox.")
    if out.get("scaler"):
        _resolution(reader, settings.get("resolution"), out)
    clarity = reader.choice(settings.get("clarityBoost"), _CLARITY, "filterSettings.clarityBoost")
    if clarity:
        out["clarityBoost"] = clarity.lower()
    if out.get("frameRateConverter"):
        _frame_rate(reader, settings.get("frameRate"), out)


def _resolution(reader: _Reader, resolution: Any, out: dict) -> None:
    if not isinstance(resolution, dict) or not resolution:
        reader.bad("filterSettings.resolution", "A scaler needs filterSettings.resolution.")
        return
    tag = resolution.get("tag")
    if tag is not None:
        if tag != "1X" and reader.choice(tag, _SIZE_TAGS, "filterSettings.resolution.tag"):
            out["resolution"] = {"tag": _SIZE_TAGS[tag]}
        return
    size: dict[str, Any] = {}
    for key, high in (("width", 7680), ("height", 4320)):
        value = resolution.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 16 <= value <= high:
            reader.bad(f"filterSettings.resolution.{key}", f"{key} must be between 16 and {high}.", value)
        else:
            size[key] = value
    aspect = reader.choice(resolution.get("aspectRatioTag"), _ASPECTS, "filterSettings.resolution.aspectRatioTag")
    if aspect and len(size) < 2:  # both sides given: the SDK ignores the aspect ratio
        size["aspectRatioTag"] = _ASPECTS[aspect]
    if not size:
        reader.bad("filterSettings.resolution", "resolution needs a tag, or a width and/or height.")
    elif len(size) == 1 and "aspectRatioTag" not in size:
        reader.bad("filterSettings.resolution", "With only a width or a height, give an aspectRatioTag.")
    else:
        out["resolution"] = size


def _frame_rate(reader: _Reader, rate: Any, out: dict) -> None:
    if not isinstance(rate, dict) or not rate:
        reader.bad("filterSettings.frameRate", "A frame rate converter needs filterSettings.frameRate.")
        return
    if rate.get("tag") is not None:
        if reader.choice(rate["tag"], _RATE_TAGS, "filterSettings.frameRate.tag"):
            out["frameRate"] = {"tag": rate["tag"].lower()}
        return
    fps = rate.get("fps")
    if isinstance(fps, bool) or not isinstance(fps, (int, float)) or not 0.001 <= fps <= 999:
        reader.bad("filterSettings.frameRate.fps", "fps must be between 0.001 and 999.", fps)
    else:
        out["frameRate"] = {"fps": float(fps)}


def _clip(reader: _Reader, query: dict[str, str], out: dict) -> None:
    clip = {}
    for key, name in (("startPosMs", "startPositionMilliseconds"), ("endPosMs", "endPositionMilliseconds")):
        raw = query.get(key)
        if raw in (None, ""):
            continue
        if not raw.isdigit():
            reader.bad(key, f"{key} must be a whole number of milliseconds.", raw)
        else:
            clip[name] = int(raw)
    if clip:
        out["range"] = clip
