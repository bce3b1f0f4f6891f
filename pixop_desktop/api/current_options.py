"""Our processing request (v1's parameter table) ⇄ the current API's ``VideoProcessingConfigurationOptions``.

``to_current(request)`` gives ``(body, query)`` for ``POST /api/v1/videos/{id}/processing/start``
(the clip range travels as the ``startPosMs`` / ``endPosMs`` query); ``from_current(body, query)``
reads such a pair back into a ``ProcessingRequest``. Field by field (v1 → SDK):

- container ``mov mxf mp4 mts`` → ``MOV MXF MP4 MPEGTS``; codec ``h264 hevc mpeg2 xdcam ffv1`` →
  ``encodingConfiguration.codec`` in capitals; chroma ``yuv``/``bits`` →
  ``encodingConfiguration.pixelFormat.yuv``/``bitDepth``; ``bitrate.mbps`` →
  ``encodingConfiguration.bitrate`` in bits per second;
- ``prores`` + ``appleProresProfile`` → ``encodingProfile`` ``PRORES_422_PROXY … PRORES_4444_XQ``;
  ``dnxhd`` + ``dnxhr_*`` → ``DNXHR_*``; ``dnxhd`` + ``dnxhd_lb|sq|hq|hqx|444`` + ``bitrate.mbps``
  → the SDK's ``DNXHD_<mbps>_<class>`` (its DNxHD profiles name a bitrate);
- ``scanning`` (tag, or type + field order) → ``processingSettings.outputScanning``;
- every filter name → the same name in capitals under ``filters``; a deinterlacer also gets
  ``filterSettings.interlacedFieldOrderMode = AUTO_METADATA`` (the SDK requires a mode; v1
  leaves the field order to Pixop's reading of the metadata, which is that mode);
- ``resolution`` → ``filterSettings.resolution`` (tags ``hd_1080p uhd_4k uhd_8k 2x 3x 4x`` →
  ``FULL_HD UHD_4K UHD_8K 2X 3X 4X``); a scaler without a resolution → tag ``1X`` (the source's
  size, which is what v1 does); a resolution without a scaler → scaler ``SCALE`` and a frame
  rate without a converter → ``FPS`` (what v1 does when none is named: Bicubic, Constant FPS;
  the SDK applies those settings only with their filter); ``clarityBoost`` and ``frameRate``
  → ``filterSettings``.

v1 choices with no SDK counterpart are REFUSED with a plain message before anything is sent
(:class:`NotExpressible`), never dropped: chroma ``4:1:0 4:1:1 4:4:0``; bit depths 14 and 16;
``prores`` or ``dnxhd`` without a profile (the SDK has no codec value for them); a
``dnxhd_*`` profile without a bitrate the SDK lists; chroma or bitrate next to a ProRes/DNxHR
profile (the SDK ignores them there); Pixop Film Grain (the SDK
needs a grain size and strength our table does not have). SDK-only settings (crop, prescaler,
FaceForward, debander, DVRES2, VFI, ``STANDARD_HD``/``1X`` sizes, colour conversions, ...) are
refused the same way by ``from_current``.
"""

from __future__ import annotations

import re
from typing import Any

from pixop_desktop.processing import ProcessingRequest

CONTAINERS = {"mov": "MOV", "mxf": "MXF", "mp4": "MP4", "mts": "MPEGTS"}
CODECS = {"h264": "H264", "hevc": "HEVC", "mpeg2": "MPEG2", "xdcam": "XDCAM", "ffv1": "FFV1"}
PRORES = {"proxy": "PRORES_422_PROXY", "lt": "PRORES_422_LT", "standard": "PRORES_422_STANDARD",
          "hq": "PRORES_422_HQ", "4444": "PRORES_4444_STANDARD", "4444xq": "PRORES_4444_XQ"}
DNXHR = {f"dnxhr_{c}": f"DNXHR_{c.upper()}" for c in ("lb", "sq", "hq", "hqx", "444")}
# The SDK's DNxHD profiles: class → the bitrates (Mbit/s) it lists for it.
DNXHD_RATES = {"lb": (36, 45, 75, 90), "sq": (115, 120, 145, 240, 290), "hq": (175, 185, 220, 365, 440),
               "hqx": (175, 185, 220, 365, 440), "444": (350, 390, 440, 730, 880)}
SCANNING = {"auto": "AUTO", "progressive": "PROGRESSIVE", "interlaced_tff": "INTERLACED_TOP_FIRST",
            "interlaced_bff": "INTERLACED_BOTTOM_FIRST"}
RESOLUTION_TAGS = {"hd_1080p": "FULL_HD", "uhd_4k": "UHD_4K", "uhd_8k": "UHD_8K", "2x": "2X", "3x": "3X",
                   "4x": "4X"}
ASPECTS = {"display": "DISPLAY", "storage": "STORAGE", "16:9": "16:9", "4:3": "4:3"}
FILTERS = ("deinterlacer", "denoiser", "stabilizer", "scaler", "frameRateConverter")
YUVS = ("4:2:0", "4:2:2", "4:4:4")
BITS = (8, 10, 12)
_DNXHD_PROFILE = re.compile(r"^DNXHD_(\d+)X?_(LB|SQ|HQ|HQX|444)$")


class NotExpressible(ValueError):
    """A choice the other side has no words for; ``problems`` are plain sentences, one per choice."""

    title = "Not possible through Pixop's current API"

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        self.message = " ".join(problems)
        super().__init__(self.message)


def _flip(table: dict[str, str]) -> dict[str, str]:
    return {value: key for key, value in table.items()}


# ----- ours → the SDK's --------------------------------------------------------------------------

def to_current(request: ProcessingRequest | dict | None) -> tuple[dict[str, Any], dict[str, int]]:
    """``(VideoProcessingConfigurationOptions, query)`` for the request; NotExpressible if it cannot be said."""
    data = request.to_json() if isinstance(request, ProcessingRequest) else dict(request or {})
    problems: list[str] = []
    body: dict[str, Any] = {}
    _encoding(data, body, problems)
    _filters(data, body, problems)
    scanning = _scanning(data.get("scanning") or {})
    if scanning:
        body.setdefault("processingSettings", {})["outputScanning"] = scanning
    if problems:
        raise NotExpressible(problems)
    clip = data.get("range") or {}
    query = {key: clip[name] for key, name in (("startPosMs", "startPositionMilliseconds"),
                                               ("endPosMs", "endPositionMilliseconds")) if name in clip}
    return body, query


def _encoding(data: dict, body: dict, problems: list[str]) -> None:
    pair = data.get("mediaContainerCodec") or {}
    if pair.get("container"):
        body["container"] = CONTAINERS[pair["container"]]
    codec, chroma, mbps = pair.get("codec"), data.get("chromaSubsampling") or {}, (data.get("bitrate") or {}).get("mbps")
    profile = _profile(codec, data, mbps, problems)
    if profile:
        body["encodingProfile"] = profile
        if chroma:
            problems.append("A ProRes or DNx profile sets the chroma subsampling itself on Pixop's current "
                            "API: remove the chroma subsampling choice.")
        if mbps is not None and not profile.startswith("DNXHD_"):
            problems.append("A ProRes or DNxHR profile sets the bitrate itself on Pixop's current API: "
                            "remove the bitrate.")
        return
    config: dict[str, Any] = {}
    if codec in CODECS:
        config["codec"] = CODECS[codec]
    pixel = _pixel_format(chroma, problems)
    if pixel:
        config["pixelFormat"] = pixel
    if mbps is not None:
        config["bitrate"] = int(round(float(mbps) * 1_000_000))
    if config:
        body["encodingConfiguration"] = config


def _profile(codec: str | None, data: dict, mbps: float | None, problems: list[str]) -> str | None:
    if codec == "prores":
        chosen = data.get("appleProresProfile")
        if chosen not in PRORES:
            problems.append("Pixop's current API needs a ProRes profile: choose one (e.g. HQ).")
            return None
        return PRORES[chosen]
    if codec != "dnxhd":
        return None
    chosen = data.get("dnxhdHrProfile") or ""
    if chosen in DNXHR:
        return DNXHR[chosen]
    klass = chosen.removeprefix("dnxhd_")
    rate = int(mbps) if mbps is not None and float(mbps).is_integer() else None
    if klass in DNXHD_RATES and rate in DNXHD_RATES[klass]:
        return f"DNXHD_{rate}{'X' if klass in ('hqx', '444') else ''}_{klass.upper()}"
    known = ", ".join(str(r) for r in DNXHD_RATES.get(klass, ()))
    problems.append("Pixop's current API names DNxHD profiles by bitrate: choose a DNxHR profile, or set the "
                    f"bitrate to one of {known or 'the listed rates'} Mbit/s with a DNxHD profile.")
    return None


def _pixel_format(chroma: dict, problems: list[str]) -> dict[str, Any]:
    pixel: dict[str, Any] = {}
    if "yuv" in chroma:
        if chroma["yuv"] in YUVS:
            pixel["yuv"] = chroma["yuv"]
        else:
            problems.append(f"Chroma subsampling {chroma['yuv']} is not offered by Pixop's current API: "
                            "choose 4:2:0, 4:2:2 or 4:4:4.")
    if "bits" in chroma:
        if chroma["bits"] in BITS:
            pixel["bitDepth"] = chroma["bits"]
        else:
            problems.append(f"A bit depth of {chroma['bits']} is not offered by Pixop's current API: "
                            "choose 8, 10 or 12 bits.")
    return pixel


def _filters(data: dict, body: dict, problems: list[str]) -> None:
    filters = {name: data[name].upper() for name in FILTERS if data.get(name)}
    settings: dict[str, Any] = {}
    if "deinterlacer" in filters:
        settings["interlacedFieldOrderMode"] = "AUTO_METADATA"
    resolution = data.get("resolution")
    if resolution and "scaler" not in filters:
        filters["scaler"] = "SCALE"  # v1 resizes with bicubic when no scaler is named; the SDK must be told
    if "scaler" in filters:
        settings["resolution"] = _resolution(resolution or {})
    if data.get("clarityBoost"):
        settings["clarityBoost"] = data["clarityBoost"].upper()
    rate = data.get("frameRate")
    if rate and "frameRateConverter" not in filters:
        filters["frameRateConverter"] = "FPS"  # v1's converter when none is named (Constant FPS)
    if rate:
        settings["frameRate"] = {"tag": rate["tag"].upper()} if rate.get("tag") else {"fps": rate["fps"]}
    if data.get("postProcessor"):
        problems.append("Pixop Film Grain needs a grain size and strength on Pixop's current API, which the app "
                        "cannot set yet: remove the film grain, or upload the file instead of importing it.")
    if filters:
        body["filters"] = filters
    if settings:
        body["filterSettings"] = settings


def _resolution(resolution: dict) -> dict[str, Any]:
    if resolution.get("tag"):
        return {"tag": RESOLUTION_TAGS[resolution["tag"]]}
    if not resolution:
        return {"tag": "1X"}
    out = {key: resolution[key] for key in ("width", "height") if key in resolution}
    if resolution.get("aspectRatioTag"):
        out["aspectRatioTag"] = ASPECTS[resolution["aspectRatioTag"]]
    return out


def _scanning(scanning: dict) -> str | None:
    if scanning.get("tag"):
        return SCANNING[scanning["tag"]]
    if scanning.get("scanningType") == "progressive":
        return "PROGRESSIVE"
    if scanning.get("scanningType") == "interlaced":
        order = scanning.get("interlacedFieldOrder") or "top_field"  # v1's own default
        return "INTERLACED_TOP_FIRST" if order == "top_field" else "INTERLACED_BOTTOM_FIRST"
    return None


# ----- the SDK's → ours --------------------------------------------------------------------------

def from_current(body: dict | None, query: dict | None = None) -> ProcessingRequest:
    """The ``ProcessingRequest`` a body (and its clip query) asks for; NotExpressible for SDK-only settings."""
    body, query = dict(body or {}), dict(query or {})
    problems: list[str] = []
    out: dict[str, Any] = {}
    _encoding_back(body, out, problems)
    _filters_back(body, out, problems)
    processing = dict(body.get("processingSettings") or {})
    scanning = processing.pop("outputScanning", None)
    if scanning:
        out["scanning"] = {"tag": _look_up(_flip(SCANNING), scanning, "outputScanning", problems)}
    problems += [f"{key} has no counterpart in the app's processing settings." for key in processing]
    clip = {name: int(query[key]) for key, name in (("startPosMs", "startPositionMilliseconds"),
                                                    ("endPosMs", "endPositionMilliseconds")) if key in query}
    if clip:
        out["range"] = clip
    if problems:
        raise NotExpressible(problems)
    return ProcessingRequest.from_json(out)


def _look_up(table: dict[str, str], value: Any, field: str, problems: list[str]) -> str | None:
    if value in table:
        return table[value]
    problems.append(f"{field} {value!r} has no counterpart in the app's processing settings.")
    return None


def _encoding_back(body: dict, out: dict, problems: list[str]) -> None:
    pair: dict[str, Any] = {}
    if body.get("container"):
        pair["container"] = _look_up(_flip(CONTAINERS), body["container"], "container", problems)
    profile = body.get("encodingProfile")
    if profile in _flip(PRORES):
        pair["codec"], out["appleProresProfile"] = "prores", _flip(PRORES)[profile]
    elif profile in _flip(DNXHR):
        pair["codec"], out["dnxhdHrProfile"] = "dnxhd", _flip(DNXHR)[profile]
    elif profile and (match := _DNXHD_PROFILE.match(profile)):
        pair["codec"], out["dnxhdHrProfile"] = "dnxhd", f"dnxhd_{match.group(2).lower()}"
        out["bitrate"] = {"mbps": float(match.group(1))}
    elif profile:
        _look_up({}, profile, "encodingProfile", problems)
    config = {} if profile else dict(body.get("encodingConfiguration") or {})
    if config.get("codec"):
        pair["codec"] = _look_up(_flip(CODECS), config["codec"], "codec", problems)
    pixel = config.get("pixelFormat") or {}
    chroma = {key: pixel[name] for key, name in (("yuv", "yuv"), ("bits", "bitDepth")) if name in pixel}
    if chroma:
        out["chromaSubsampling"] = chroma
    if config.get("bitrate") is not None:
        out["bitrate"] = {"mbps": config["bitrate"] / 1_000_000}
    if pair:
        out["mediaContainerCodec"] = pair


def _filters_back(body: dict, out: dict, problems: list[str]) -> None:
    filters = dict(body.get("filters") or {})
    settings = dict(body.get("filterSettings") or {})
    for name in FILTERS:
        value = filters.pop(name, None)
        if value:
            out[name] = str(value).lower()
    problems += [f"Filter {key} ({value}) has no counterpart in the app's processing settings."
                 for key, value in filters.items() if value]
    if settings.get("interlacedFieldOrderMode") in (None, "AUTO_METADATA"):
        settings.pop("interlacedFieldOrderMode", None)
    resolution = settings.pop("resolution", None) or {}
    if resolution.get("tag"):
        if resolution["tag"] != "1X":
            out["resolution"] = {"tag": _look_up(_flip(RESOLUTION_TAGS), resolution["tag"], "resolution", problems)}
    elif resolution:
        back = {key: resolution[key] for key in ("width", "height") if key in resolution}
        if resolution.get("aspectRatioTag"):
            back["aspectRatioTag"] = _look_up(_flip(ASPECTS), resolution["aspectRatioTag"], "aspectRatioTag",
                                              problems)
        out["resolution"] = back
    if settings.get("clarityBoost"):
        out["clarityBoost"] = str(settings.pop("clarityBoost")).lower()
    rate = settings.pop("frameRate", None) or {}
    if rate.get("tag"):
        out["frameRate"] = {"tag": str(rate["tag"]).lower()}
    elif rate.get("fps") is not None:
        out["frameRate"] = {"fps": float(rate["fps"])}
    problems += [f"{key} has no counterpart in the app's processing settings." for key, value in settings.items()
                 if value is not None]


__all__ = ["NotExpressible", "from_current", "to_current"]
