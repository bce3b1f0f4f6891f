"""The rules a processing request must follow beyond the type of each field.

Each rule returns plain-words ``Problem``s naming the field at fault (the
field that is not allowed in the situation, so a wizard can highlight it).
Where each rule comes from — the seed's table, Pixop's v1 Java client, FFmpeg
(a late failure or a wrong file at Pixop otherwise) or our own choice — is
one row each in ``docs/processing-rules.md``. In short:
- seed: permitted values and ranges; "Only if" fields only when their
  condition holds (``only_if.py`` sends them whenever it does); a preset tag
  excludes the explicit fields it replaces; width + height + aspect ratio is
  a bad request; width or height needed without a tag, fps without a tag;
- Java client: the codec must fit the container (``formats.CODECS_BY_CONTAINER``);
- FFmpeg: chroma/bit depth the codec can store and its ProRes/DNx profile
  makes; DNxHD/HR never interlaced (the DNxHR encoder has no interlaced
  mode); MXF holds only the 20 edit rates FFmpeg's muxer knows, MPEG-2/XDCAM
  only the rates MPEG-2 can code (``rates.py``);
- ours: clarity boost (even "none") only with Pixop Super Resolution, where
  the seed says it acts; a frame rate converter needs a target frame rate
  (alone it would do nothing); a clip starts before it ends.
Everything else the table leaves open stays allowed (a scaler without a new
resolution, a frame rate without a converter, a deinterlacer on a progressive
source). Source-dependent rules are in ``check.py``.
Fixed sentences are marked for translators (context "Processing", see
``pixop_desktop.i18n``); sentences built with values stay English for now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from fractions import Fraction

from pixop_desktop.i18n import QT_TRANSLATE_NOOP

from . import formats, rates
from .enums import Codec, Container, Scaler, ScanningType
from .errors import Problem
from .labels import field_label, label
from .only_if import explicit_interlacing
from .pydantic_errors import NUMBER_RANGES, number_rule_text

if TYPE_CHECKING:
    from .model import ProcessingRequest


def _out_of_range(path: str, value: float | None) -> list[Problem]:
    if value is None:
        return []
    low, high, _unit, _whole = NUMBER_RANGES[path]
    if value < low or (high is not None and value > high):
        return [Problem(path, number_rule_text(path))]
    return []


def _codec(req: ProcessingRequest) -> Codec | None:
    return req.media_container_codec.codec if req.media_container_codec else None


def _container_and_codec(req: ProcessingRequest) -> list[Problem]:
    mcc = req.media_container_codec
    if not (mcc and mcc.container and mcc.codec):
        return []
    allowed = formats.CODECS_BY_CONTAINER[mcc.container]
    if mcc.codec in allowed:
        return []
    names = ", ".join(label(c) for c in allowed)
    return [Problem(
        "mediaContainerCodec.codec",
        f"Codec {label(mcc.codec)} cannot be stored in {label(mcc.container)} files;"
        f" choose one of: {names}.",
    )]


def _profiles(req: ProcessingRequest) -> list[Problem]:
    problems = []
    for path in ("appleProresProfile", "dnxhdHrProfile"):
        reason = inapplicable_reason(req, path)
        if reason and getattr(req, _ATTR[path]) is not None:
            problems.append(Problem(path, reason))
    return problems


def _format_choices(codec: Codec, yuv=None, bits=None) -> str:
    fitting = [
        f"{y.value} {int(b)}-bit" for y, b in formats.FORMATS_BY_CODEC[codec]
        if (yuv is None or y == yuv) and (bits is None or b == bits)
    ] or [f"{y.value} {int(b)}-bit" for y, b in formats.FORMATS_BY_CODEC[codec]]
    return ", ".join(fitting)


def _chroma(req: ProcessingRequest) -> list[Problem]:
    chroma = req.chroma_subsampling
    if not chroma or (chroma.yuv is None and chroma.bits is None):
        return []
    yuv, bits = chroma.yuv, chroma.bits
    wanted = " ".join(p for p in (yuv and yuv.value, bits and f"{int(bits)}-bit") if p)
    profile = _profile(req)
    if profile is not None:
        p_yuv, p_bits = _PROFILE_FORMATS[profile]
        if (yuv or p_yuv) == p_yuv and (bits or p_bits) == p_bits:
            return []
        path = "chromaSubsampling.yuv" if (yuv or p_yuv) != p_yuv else "chromaSubsampling.bits"
        return [Problem(path, f"{field_label(path)}: {wanted} does not match the {label(profile)},"
                              f" which is made as {p_yuv.value} {int(p_bits)}-bit.")]
    codecs = _candidate_codecs(req)
    if any(formats.supports(c, yuv, bits) for c in codecs):
        return []
    yuv_alone_ok = yuv is None or any(formats.supports(c, yuv) for c in codecs)
    path = "chromaSubsampling.bits" if yuv_alone_ok else "chromaSubsampling.yuv"
    if len(codecs) == 1:
        return [Problem(path, f"{field_label(path)}: {wanted} cannot be stored with {label(codecs[0])};"
                              f" choose one of: {_format_choices(codecs[0], yuv if yuv_alone_ok else None)}.")]
    return [Problem(path, f"{field_label(path)}: {wanted} cannot be stored with any codec"
                          " available for this container.")]


_PROFILE_FORMATS = {**formats.PRORES_FORMATS, **formats.DNXHD_FORMATS}


def _profile(req: ProcessingRequest):
    """The ProRes/DNx profile that applies to the request's codec, if any."""
    codec = _codec(req)
    if codec == Codec.PRORES:
        return req.apple_prores_profile
    if codec == Codec.DNXHD:
        return req.dnxhd_hr_profile
    return None


def _candidate_codecs(req: ProcessingRequest) -> list[Codec]:
    codec = _codec(req)
    if codec is not None:
        return [codec]
    container = req.media_container_codec.container if req.media_container_codec else None
    return list(formats.CODECS_BY_CONTAINER[container] if container else Codec)


def _scanning(req: ProcessingRequest) -> list[Problem]:
    scanning = req.scanning
    if scanning is None:
        return []
    problems = []
    for path in ("scanning.scanningType", "scanning.interlacedFieldOrder"):
        reason = inapplicable_reason(req, path)
        if reason and getattr(scanning, _ATTR[path]) is not None:
            problems.append(Problem(path, reason))
    return problems


def _scanning_with_codec(req: ProcessingRequest) -> list[Problem]:
    scanning = req.scanning
    if scanning is None or _codec(req) is None or formats.can_interlace(_codec(req)):
        return []
    if explicit_interlacing(req) is None:
        return []
    path = "scanning.tag" if scanning.tag is not None else "scanning.scanningType"
    return [Problem(path, no_interlacing_text(path, _codec(req)))]


def no_interlacing_text(path: str, codec: Codec) -> str:
    return (f"{field_label(path)}: {label(codec)} video cannot be interlaced, it is always progressive;"
            " choose progressive or automatic scanning, or another codec.")


def mxf_rate_text(path: str, rate: Fraction, kept: bool) -> str:
    whose = f"this video's {rates.rate_text(rate)} fps" if kept else f"{rates.rate_text(rate)} fps"
    return (f"{field_label(path)}: MXF files can only hold {rates.mxf_rates_text()} fps, not {whose};"
            " choose one of those frame rates or another container.")


def mpeg2_rate_text(path: str, codec: Codec, rate: Fraction, kept: bool) -> str:
    whose = f"this video's {rates.rate_text(rate)} fps" if kept else f"{rates.rate_text(rate)} fps"
    return (f"{field_label(path)}: {label(codec)} video cannot be made at {whose};"
            " choose a broadcast frame rate (such as 25, 29.97 or 50, or a whole fraction of one)"
            " or another codec.")


def _frame_rate_fits(req: ProcessingRequest) -> list[Problem]:
    rate = req.frame_rate
    if rate is None or rate.fps is None or _frame_rate(req):
        return []  # no explicit rate, or one already refused for itself
    exact = rates.exact_rate(rate.fps)
    mcc, codec = req.media_container_codec, _codec(req)
    container = mcc.container if mcc and mcc.container else (Container.MXF if codec == Codec.XDCAM else None)
    if container == Container.MXF and not rates.mxf_can_hold(exact):
        return [Problem("frameRate.fps", mxf_rate_text("frameRate.fps", exact, kept=False))]
    if codec in (Codec.MPEG2, Codec.XDCAM) and not rates.mpeg2_can_code(exact):
        return [Problem("frameRate.fps", mpeg2_rate_text("frameRate.fps", codec, exact, kept=False))]
    return []


def _resolution(req: ProcessingRequest) -> list[Problem]:
    res = req.resolution
    if res is None:
        return []
    if res.tag is None and res.width is None and res.height is None:
        # Also covers an aspect ratio given alone: the missing side is the problem.
        return [Problem("resolution.width", QT_TRANSLATE_NOOP(
            "Processing", "Width or height is needed when no resolution preset is chosen."))]
    problems = []
    for path in ("resolution.width", "resolution.height", "resolution.aspectRatioTag"):
        reason = inapplicable_reason(req, path)
        if reason and getattr(res, _ATTR[path]) is not None:
            problems.append(Problem(path, reason))
    problems += _out_of_range("resolution.width", res.width)
    problems += _out_of_range("resolution.height", res.height)
    return problems


def _frame_rate(req: ProcessingRequest) -> list[Problem]:
    rate = req.frame_rate
    if rate is None:
        return []
    if rate.tag is not None and rate.fps is not None:
        return [Problem("frameRate.fps", _REASONS["frameRate.fps"])]
    if rate.tag is None and rate.fps is None:
        return [Problem("frameRate.fps", QT_TRANSLATE_NOOP(
            "Processing", "Frames per second is needed when no frame rate preset is chosen."))]
    return _out_of_range("frameRate.fps", rate.fps)


def _position(ms: int) -> str:
    """A clip position as h:mm:ss.mmm, the form people type it in (the wizard's time fields)."""
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _range(req: ProcessingRequest) -> list[Problem]:
    clip = req.range
    if clip is None:
        return []
    start, end = clip.start_position_milliseconds, clip.end_position_milliseconds
    problems = _out_of_range("range.startPositionMilliseconds", start)
    problems += _out_of_range("range.endPositionMilliseconds", end)
    if not problems and end is not None and end <= (start or 0):
        problems.append(Problem(
            "range.endPositionMilliseconds",
            f"Clip end ({_position(end)}) must come after the clip start ({_position(start or 0)}).",
        ))
    return problems


def _simple(path: str) -> Callable[[ProcessingRequest], list[Problem]]:
    def check(req: ProcessingRequest) -> list[Problem]:
        reason = inapplicable_reason(req, path)
        return [Problem(path, reason)] if reason and getattr(req, _ATTR[path]) is not None else []
    return check


_RULES: tuple[Callable[[ProcessingRequest], list[Problem]], ...] = (
    _container_and_codec,
    _profiles,
    _scanning,
    _scanning_with_codec,
    _chroma,
    lambda req: _out_of_range("bitrate.mbps", req.bitrate.mbps if req.bitrate else None),
    _resolution,
    _simple("clarityBoost"),
    _simple("frameRateConverter"),
    _frame_rate,
    _frame_rate_fits,
    _range,
)


def rule_problems(req: ProcessingRequest) -> list[Problem]:
    """Every rule broken by the request (empty when it is valid)."""
    return [problem for rule in _RULES for problem in rule(req)]


# Python attribute of each JSON path that a rule can make inapplicable.
_ATTR = {
    "appleProresProfile": "apple_prores_profile",
    "dnxhdHrProfile": "dnxhd_hr_profile",
    "scanning.scanningType": "scanning_type",
    "scanning.interlacedFieldOrder": "interlaced_field_order",
    "resolution.width": "width",
    "resolution.height": "height",
    "resolution.aspectRatioTag": "aspect_ratio_tag",
    "clarityBoost": "clarity_boost",
    "frameRateConverter": "frame_rate_converter",
    "frameRate.fps": "fps",
}

_REASONS = {
    "appleProresProfile": QT_TRANSLATE_NOOP("Processing", "ProRes profile applies only to the Apple ProRes codec."),
    "dnxhdHrProfile": QT_TRANSLATE_NOOP("Processing", "DNxHD/HR profile applies only to the Avid DNxHD/HR codec."),
    "scanning.scanningType": QT_TRANSLATE_NOOP(
        "Processing", "Scanning type cannot be combined with a scanning preset; use one or the other."),
    "scanning.interlacedFieldOrder": QT_TRANSLATE_NOOP(
        "Processing", "Field order applies only when the scanning type is interlaced."),
    "resolution.width": QT_TRANSLATE_NOOP(
        "Processing", "Width cannot be combined with a resolution preset; use one or the other."),
    "resolution.height": QT_TRANSLATE_NOOP(
        "Processing", "Height cannot be combined with a resolution preset; use one or the other."),
    "resolution.aspectRatioTag": QT_TRANSLATE_NOOP(
        "Processing", "Aspect ratio applies only when just one of width or height is given;"
                      " it then decides the other side."),
    "clarityBoost": QT_TRANSLATE_NOOP(
        "Processing", "Clarity boost applies only to the Pixop Super Resolution scaler."),
    "frameRateConverter": QT_TRANSLATE_NOOP(
        "Processing", "Frame rate converter needs a target frame rate; choose a frame rate too."),
    "frameRate.fps": QT_TRANSLATE_NOOP(
        "Processing", "Frames per second cannot be combined with a frame rate preset; use one or the other."),
}


def inapplicable_reason(req: ProcessingRequest, field_path: str) -> str | None:
    """Why a field cannot be used given the rest of the request, or None if it can.

    The wizard disables an option when this returns a reason and shows the
    reason as its tooltip.
    """
    codec = _codec(req)
    res, scanning, rate = req.resolution, req.scanning, req.frame_rate
    preset_excludes = {  # a preset tag replaces these explicit fields
        "scanning.scanningType": bool(scanning and scanning.tag is not None),
        "scanning.interlacedFieldOrder": bool(scanning and scanning.tag is not None),
        "resolution.width": bool(res and res.tag is not None),
        "resolution.height": bool(res and res.tag is not None),
        "resolution.aspectRatioTag": bool(res and res.tag is not None),
        "frameRate.fps": bool(rate and rate.tag is not None),
    }
    if preset_excludes.get(field_path):
        preset = _PRESET_NAMES[field_path.split(".")[0]]
        return _PRESET_REASON.format(field=field_label(field_path), preset=preset)
    blocked = {
        "appleProresProfile": codec != Codec.PRORES,
        "dnxhdHrProfile": codec != Codec.DNXHD,
        "scanning.interlacedFieldOrder": scanning is None or scanning.scanning_type != ScanningType.INTERLACED,
        "resolution.aspectRatioTag": res is None or (res.width is None) == (res.height is None),
        "clarityBoost": req.scaler != Scaler.PABSR1,
        "frameRateConverter": rate is None,
    }
    return _REASONS[field_path] if blocked.get(field_path) else None


_PRESET_REASON = "{field} cannot be combined with a {preset}; use one or the other."
_PRESET_NAMES = {"scanning": "scanning preset", "resolution": "resolution preset", "frameRate": "frame rate preset"}
