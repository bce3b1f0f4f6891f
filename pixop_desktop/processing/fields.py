"""A description of every field of the request, from which a wizard can be generated.

``FIELDS`` lists each JSON path once, parents before children, in the order
of Pixop's table, with its label, help, kind, permitted values or numeric
range, and the rule (if any) that can make it inapplicable — ask
``inapplicable_reason(request, path)`` whether it applies right now. The help texts
are marked for translators (context "Processing", see ``pixop_desktop.i18n``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pydantic import BaseModel

from pixop_desktop.i18n import QT_TRANSLATE_NOOP

from .labels import field_label
from .model import ProcessingRequest
from .pydantic_errors import NUMBER_RANGES, field_types
from .rules import _REASONS

FIELD_HELP: dict[str, str] = {
    "mediaContainerCodec":
        QT_TRANSLATE_NOOP("Processing", "The kind of file you get back. Left out, it follows the source video."),
    "mediaContainerCodec.container":
        QT_TRANSLATE_NOOP("Processing", "The file type of the result (.mov, .mxf, .mp4, .mts)."),
    "mediaContainerCodec.codec": QT_TRANSLATE_NOOP("Processing", "How the picture is compressed inside the file."),
    "appleProresProfile": QT_TRANSLATE_NOOP("Processing", "Which ProRes quality to use; higher means larger files."),
    "dnxhdHrProfile":
        QT_TRANSLATE_NOOP("Processing", "Which DNxHD or DNxHR quality to use; DNxHR works at any frame size."),
    "scanning":
        QT_TRANSLATE_NOOP("Processing", "Whether the result has whole frames (progressive) or interlaced fields."),
    "scanning.tag":
        QT_TRANSLATE_NOOP("Processing", "A scanning preset; 'Automatic' decides from the source and the chosen"
                                        " filters."),
    "scanning.scanningType":
        QT_TRANSLATE_NOOP("Processing", "Progressive or interlaced, as an alternative to the preset."),
    "scanning.interlacedFieldOrder": QT_TRANSLATE_NOOP("Processing", "Which field comes first in interlaced video."),
    "chromaSubsampling":
        QT_TRANSLATE_NOOP("Processing", "How much colour detail is kept. Left out, it follows the source video."),
    "chromaSubsampling.yuv":
        QT_TRANSLATE_NOOP("Processing", "Colour detail: 4:2:0 for delivery, 4:2:2 for broadcast, 4:4:4 for grading."),
    "chromaSubsampling.bits":
        QT_TRANSLATE_NOOP("Processing", "Pixel bit depth: more bits give smoother gradients and larger files."),
    "bitrate":
        QT_TRANSLATE_NOOP("Processing", "How many megabits each second of video may use. Left out, Pixop picks a"
                                        " suitable value."),
    "bitrate.mbps":
        QT_TRANSLATE_NOOP("Processing", "Bitrate in megabits per second (0.01–4000); higher means better quality and"
                                        " larger files."),
    "deinterlacer": QT_TRANSLATE_NOOP("Processing", "Turns interlaced video (old TV, tape) into whole frames."),
    "denoiser": QT_TRANSLATE_NOOP("Processing", "Removes grain and noise."),
    "stabilizer": QT_TRANSLATE_NOOP("Processing", "Steadies small shakes and jitter."),
    "scaler": QT_TRANSLATE_NOOP("Processing", "How the picture is enlarged or restored."),
    "resolution": QT_TRANSLATE_NOOP("Processing", "The frame size of the result. Left out, it stays as the source."),
    "resolution.tag":
        QT_TRANSLATE_NOOP("Processing", "A frame size preset: fixed HD/4K/8K sizes or a multiple of the source"
                                        " size."),
    "resolution.width": QT_TRANSLATE_NOOP("Processing", "Width in pixels (16–7680), instead of a preset."),
    "resolution.height": QT_TRANSLATE_NOOP("Processing", "Height in pixels (16–4320), instead of a preset."),
    "resolution.aspectRatioTag":
        QT_TRANSLATE_NOOP("Processing", "With only a width or only a height, decides the other side from this"
                                        " shape."),
    "clarityBoost": QT_TRANSLATE_NOOP("Processing", "How much contrast Pixop Super Resolution adds."),
    "frameRateConverter":
        QT_TRANSLATE_NOOP("Processing", "How frames are made or dropped to reach the new frame rate."),
    "frameRate":
        QT_TRANSLATE_NOOP("Processing", "Frames per second of the result. Left out, it stays as the source."),
    "frameRate.tag": QT_TRANSLATE_NOOP("Processing", "A frame rate preset (cinema, PAL, NTSC, HD)."),
    "frameRate.fps": QT_TRANSLATE_NOOP("Processing", "Frames per second (0.001–999), instead of a preset."),
    "postProcessor": QT_TRANSLATE_NOOP("Processing", "A finishing touch applied after everything else."),
    "range": QT_TRANSLATE_NOOP("Processing", "Process only part of the video (a clip)."),
    "range.startPositionMilliseconds":
        QT_TRANSLATE_NOOP("Processing", "Where the clip starts, in milliseconds from the beginning."),
    "range.endPositionMilliseconds":
        QT_TRANSLATE_NOOP("Processing", "Where the clip ends, in milliseconds from the beginning."),
}

# What leaving a field unset means, in the words the wizard shows as its "not set" choice.
# From the seed's table where it speaks; where it is silent, Pixop decides.
LET_PIXOP_DECIDE = QT_TRANSLATE_NOOP("Processing", "Not set — let Pixop decide")
NOT_APPLIED = QT_TRANSLATE_NOOP("Processing", "None — not applied")
SAME_AS_SOURCE = QT_TRANSLATE_NOOP("Processing", "Same as the source")

FIELD_UNSET_TEXT: dict[str, str] = {
    # "Any of container, codec, chroma subsampling and bitrate will be assumed based on source
    # video metadata and target resolution when not specified."
    "mediaContainerCodec.container": QT_TRANSLATE_NOOP("Processing", "Pixop's default for the source"),
    "mediaContainerCodec.codec": QT_TRANSLATE_NOOP("Processing", "Pixop's default for the source"),
    "bitrate.mbps": QT_TRANSLATE_NOOP("Processing", "Pixop's default for the source and size"),
    # "If not explicitly specified the chroma subsampling / pixel depth of the source video will be inherited."
    "chromaSubsampling.yuv": SAME_AS_SOURCE,
    "chromaSubsampling.bits": SAME_AS_SOURCE,
    # "Not specifying anything for scanning implies auto mode."
    "scanning.tag": QT_TRANSLATE_NOOP("Processing", "Automatic — from the source and the filters"),
    # A filter step left out is not applied. Two have a consequence the plan spells out:
    # an interlaced source made progressive is still deinterlaced (plan.AUTO_DEINTERLACER),
    # and a new size or frame rate is still reached by plain means.
    "deinterlacer": QT_TRANSLATE_NOOP("Processing", "None — unless progressive output needs it"),
    "denoiser": NOT_APPLIED,
    "stabilizer": NOT_APPLIED,
    "scaler": QT_TRANSLATE_NOOP("Processing", "None — plain resizing if the size changes"),
    "frameRateConverter": QT_TRANSLATE_NOOP("Processing", "None — frames dropped or repeated as needed"),
    "postProcessor": NOT_APPLIED,
}


@dataclass(frozen=True)
class FieldSpec:
    """One field of the request as a wizard or CLI needs to know it."""

    path: str
    """Dotted JSON path, e.g. ``resolution.width``."""
    label: str
    help: str
    kind: str
    """"choice", "integer", "number" or "group" (an object of sub-fields)."""
    choices: type[Enum] | None = None
    minimum: float | None = None
    maximum: float | None = None
    unit: str | None = None
    inapplicable_when: str | None = None
    """The rule that can rule this field out (the text ``inapplicable_reason`` gives)."""
    unset_text: str = LET_PIXOP_DECIDE
    """What leaving the field unset means, for the wizard's "not set" choice (context "Processing")."""

    @property
    def parent(self) -> str | None:
        return self.path.rpartition(".")[0] or None


def _spec(path: str, kind_type) -> FieldSpec:
    common = {"path": path, "label": field_label(path), "help": FIELD_HELP[path],
              "inapplicable_when": _REASONS.get(path),
              "unset_text": FIELD_UNSET_TEXT.get(path, LET_PIXOP_DECIDE)}
    if isinstance(kind_type, type) and issubclass(kind_type, Enum):
        return FieldSpec(kind="choice", choices=kind_type, **common)
    if isinstance(kind_type, type) and issubclass(kind_type, BaseModel):
        return FieldSpec(kind="group", **common)
    low, high, unit, whole = NUMBER_RANGES[path]
    return FieldSpec(kind="integer" if whole else "number", minimum=low, maximum=high, unit=unit, **common)


FIELDS: tuple[FieldSpec, ...] = tuple(_spec(path, kind) for path, kind in field_types(ProcessingRequest).items())
FIELDS_BY_PATH: dict[str, FieldSpec] = {spec.path: spec for spec in FIELDS}


def choice_reason(request, path: str, value) -> str | None:
    """Why ``value`` cannot be chosen for ``path`` given the rest of the request, or None.

    Tries the request with that value and reports only problems of that field,
    so the wizard can disable single options (ProRes in an MP4 file, 12-bit
    with H.264) exactly as the rules would refuse them. A choice that makes
    *other* fields inapplicable (changing the codec away from ProRes while a
    ProRes profile is set) is allowed; ask ``inapplicable_reason`` about those.
    """
    from .errors import ProcessingRequestError
    from .model import ProcessingRequest

    body = request.chosen_json()  # the defaults to_json adds follow the choice being tried
    *parents, leaf = path.split(".")
    node = body
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value.value if isinstance(value, Enum) else value
    try:
        ProcessingRequest.from_json(body)
    except ProcessingRequestError as exc:
        mine = [p.message for p in exc.problems if p.field == path]
        return " ".join(mine) or None
    return None
