"""Rules that need the source.

- the clip starts before the end of the video and ends at or before it;
- the output frame size is 16×16 … 7680×4320 (2x/3x/4x of a large source, or
  a side derived from an aspect ratio, can fall outside);
- DNxHD/HR output is at least 256×120 (FFmpeg's DNxHR encoder cannot make
  less). Classic DNxHD profiles at non-HD sizes are *not* refused: the table
  allows them and the sandbox makes them with the DNxHR profile of the same class.
- the output frame rate fits the planned container and codec (MXF files and
  MPEG-2/XDCAM video carry only some rates, see ``rates.py``) — also when the
  output keeps the source's rate, which only the source tells.
"""

from __future__ import annotations

from . import formats, rates
from .describe import clock
from .enums import Codec, Container
from .errors import Problem, ProcessingRequestError
from .labels import field_label
from .model import ProcessingRequest
from .plan import MAX_SIZE, MIN_SIDE, MULTIPLIERS, chosen_codec, chosen_container, output_fps, output_size
from .rules import mpeg2_rate_text, mxf_rate_text
from .source import SourceInfo


def _clip_problems(request: ProcessingRequest, source: SourceInfo) -> list[Problem]:
    clip, duration = request.range, source.duration_ms
    if clip is None or duration is None:
        return []
    problems = []
    start, end = clip.start_position_milliseconds, clip.end_position_milliseconds
    if start is not None and start >= duration:
        problems.append(Problem(
            "range.startPositionMilliseconds",
            f"Clip start ({clock(start)}) is not before the end of the video ({clock(duration)}).",
        ))
    if end is not None and end > duration:
        problems.append(Problem(
            "range.endPositionMilliseconds",
            f"Clip end ({clock(end)}) is past the end of the video ({clock(duration)}).",
        ))
    return problems


def _size_problems(request: ProcessingRequest, source: SourceInfo) -> list[Problem]:
    res = request.resolution
    if res is None:
        return []
    width, height = output_size(request, source)
    too_big = width > MAX_SIZE[0] or height > MAX_SIZE[1]
    if not too_big and min(width, height) >= MIN_SIDE:
        return []
    if res.tag in MULTIPLIERS:
        path = "resolution.tag"
    elif res.aspect_ratio_tag is not None:
        path = "resolution.aspectRatioTag"
    else:
        path = "resolution.width" if res.width is not None else "resolution.height"
    limit = (f"larger than the biggest Pixop makes ({MAX_SIZE[0]}×{MAX_SIZE[1]})" if too_big
             else f"smaller than the smallest Pixop makes ({MIN_SIDE} pixels a side)")
    return [Problem(
        path,
        f"{field_label(path)}: from this {source.width}×{source.height} video the output would be"
        f" {width}×{height}, {limit}.",
    )]


def _codec_size_problems(request: ProcessingRequest, source: SourceInfo) -> list[Problem]:
    codec = chosen_codec(request, source)
    width, height = output_size(request, source)
    if formats.can_make_size(codec, (width, height)):
        return []
    low_w, low_h = formats.DNXHR_MIN_SIZE
    return [Problem(
        "mediaContainerCodec.codec",
        f"Codec Avid DNxHD/HR needs frames of at least {low_w}×{low_h}, not {width}×{height};"
        " choose a larger resolution or another codec.",
    )]


def _rate_field(request: ProcessingRequest, first: str, second: str) -> str:
    """The field to blame for a rate the output cannot carry: the rate if the request
    set one, else whichever of the container/codec fields the request set."""
    if request.frame_rate is not None:
        return "frameRate.tag" if request.frame_rate.tag is not None else "frameRate.fps"
    mcc = request.media_container_codec
    chosen = {"mediaContainerCodec.container": mcc and mcc.container,
              "mediaContainerCodec.codec": mcc and mcc.codec}
    return first if chosen[first] or not chosen[second] else second


def _rate_problems(request: ProcessingRequest, source: SourceInfo) -> list[Problem]:
    codec = chosen_codec(request, source)
    container = chosen_container(request, source, codec)
    rate, kept = output_fps(request, source), request.frame_rate is None
    if container == Container.MXF and not rates.mxf_can_hold(rate):
        path = _rate_field(request, "mediaContainerCodec.container", "mediaContainerCodec.codec")
        return [Problem(path, mxf_rate_text(path, rate, kept))]
    if codec in (Codec.MPEG2, Codec.XDCAM) and not rates.mpeg2_can_code(rate):
        path = _rate_field(request, "mediaContainerCodec.codec", "mediaContainerCodec.container")
        return [Problem(path, mpeg2_rate_text(path, codec, rate, kept))]
    return []


def check_against_source(request: ProcessingRequest, source: SourceInfo) -> None:
    """Raise ``ProcessingRequestError`` if the request cannot apply to this source."""
    problems = _clip_problems(request, source) + _size_problems(request, source)
    if not problems:  # the frame size is sane; can the codec make it?
        problems = _codec_size_problems(request, source) + _rate_problems(request, source)
    if problems:
        raise ProcessingRequestError(problems)
