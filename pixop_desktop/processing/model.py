"""The processing request as pydantic models: Pixop's parameter table, field by field.

Construct it from JSON with ``ProcessingRequest.from_json(data)`` or from
Python with ``ProcessingRequest(scaler=Scaler.PABSR1, ...)``; both run every
rule of ``rules.py`` and raise ``ProcessingRequestError`` (never a raw pydantic
error). Models are frozen: use ``request.with_changes(...)`` to derive another
valid request. Unknown keys are ignored so a newer server never breaks parsing.
``to_json()`` sends every "Only if" field of the seed's table whenever its
condition holds, with its default when none was chosen (``only_if.py``).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AllowInfNan, BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator
from pydantic.alias_generators import to_camel

from pixop_desktop.i18n import QT_TRANSLATE_NOOP

from .enums import (
    AppleProresProfile,
    AspectRatioTag,
    BitDepth,
    ChromaYuv,
    ClarityBoost,
    Codec,
    Container,
    Deinterlacer,
    Denoiser,
    FIELD_ORDER_ALIASES,
    DnxhdHrProfile,
    FrameRateConverter,
    FrameRateTag,
    InterlacedFieldOrder,
    PostProcessor,
    ResolutionTag,
    Scaler,
    ScanningTag,
    ScanningType,
    Stabilizer,
)
from .errors import Problem, ProcessingRequestError
from .pydantic_errors import problems_from_validation_error


def _refuse_bool(value: Any) -> Any:
    # JSON true/false would otherwise quietly become 1/0.
    if isinstance(value, bool):
        raise ValueError("a number is needed, not true/false")
    return value


def _field_order_alias(value: Any) -> Any:
    # Pixop's Java client names the orders top_first/bottom_first; the seed's names are sent.
    return FIELD_ORDER_ALIASES.get(value, value) if isinstance(value, str) else value


Int = Annotated[int, BeforeValidator(_refuse_bool)]
Float = Annotated[float, BeforeValidator(_refuse_bool), AllowInfNan(False)]  # json.loads accepts NaN


def _without_empty_objects(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with every sub-object that has nothing set left out, at any depth."""
    kept = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _without_empty_objects(value)
            if not value:
                continue
        kept[key] = value
    return kept


class _Part(BaseModel):
    """Common configuration: camelCase JSON names, unknown keys ignored, immutable."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        extra="ignore",
        frozen=True,
    )


class MediaContainerCodec(_Part):
    container: Container | None = None
    """File container; inferred from the source when absent."""
    codec: Codec | None = None
    """Video codec; inferred from the source when absent."""


class Scanning(_Part):
    """Either a preset ``tag`` or an explicit ``scanning_type`` (+ field order)."""

    tag: ScanningTag | None = None
    scanning_type: ScanningType | None = None
    interlaced_field_order: Annotated[InterlacedFieldOrder | None, BeforeValidator(_field_order_alias)] = None
    """Only with ``scanning_type`` interlaced (sent then, top field first by default)."""


class ChromaSubsampling(_Part):
    """Absent parts are inherited from the source."""

    yuv: ChromaYuv | None = None
    bits: BitDepth | None = None


class Bitrate(_Part):
    mbps: Float | None = None
    """Megabits per second, 0.01–4000; computed from the source when absent."""


class Resolution(_Part):
    """Either a preset ``tag`` or ``width`` and/or ``height`` (+ aspect ratio)."""

    tag: ResolutionTag | None = None
    width: Int | None = None
    height: Int | None = None
    aspect_ratio_tag: AspectRatioTag | None = None
    """Derives the missing side when exactly one of width/height is given."""


class FrameRate(_Part):
    """Either a preset ``tag`` or ``fps``."""

    tag: FrameRateTag | None = None
    fps: Float | None = None


class ClipRange(_Part):
    """Process only part of the source, in milliseconds from its start."""

    start_position_milliseconds: Int | None = None
    end_position_milliseconds: Int | None = None


class ProcessingRequest(_Part):
    """The body of ``POST /videos/v1/process-video/{id}``; every field optional."""

    media_container_codec: MediaContainerCodec | None = None
    apple_prores_profile: AppleProresProfile | None = None
    dnxhd_hr_profile: DnxhdHrProfile | None = None
    scanning: Scanning | None = None
    chroma_subsampling: ChromaSubsampling | None = None
    bitrate: Bitrate | None = None
    deinterlacer: Deinterlacer | None = None
    denoiser: Denoiser | None = None
    stabilizer: Stabilizer | None = None
    scaler: Scaler | None = None
    resolution: Resolution | None = None
    clarity_boost: ClarityBoost | None = None
    frame_rate_converter: FrameRateConverter | None = None
    frame_rate: FrameRate | None = None
    post_processor: PostProcessor | None = None
    range: ClipRange | None = None

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise ProcessingRequestError(problems_from_validation_error(exc, ProcessingRequest)) from None

    @model_validator(mode="after")
    def _apply_rules(self) -> ProcessingRequest:
        from .rules import rule_problems  # rules read the model; import late

        problems = rule_problems(self)
        if problems:
            raise ProcessingRequestError(problems)
        return self

    @classmethod
    def from_json(cls, data: Any) -> ProcessingRequest:
        """Validate a JSON body (camelCase names); raises ``ProcessingRequestError``."""
        if not isinstance(data, dict):
            raise ProcessingRequestError(
                [Problem("", QT_TRANSLATE_NOOP("Processing",
                                               "The processing request must be a JSON object of settings."))]
            )
        try:
            return cls.model_validate(data, by_alias=True, by_name=False)
        except ValidationError as exc:
            raise ProcessingRequestError(problems_from_validation_error(exc, ProcessingRequest)) from None

    def to_json(self) -> dict[str, Any]:
        """Exactly the documented JSON: camelCase names, unset fields omitted, no nulls, and no
        empty sub-objects (``{"scanning": {}}`` read from a file is "nothing set", not a setting);
        an "Only if" field whose condition holds is always there (``only_if.sent_defaults``)."""
        from .only_if import sent_defaults  # it reads the model; import late

        body = self.chosen_json()
        for path, value in sent_defaults(self).items():
            *parents, leaf = path.split(".")
            node = body
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = value
        return body

    def chosen_json(self) -> dict[str, Any]:
        """The JSON of the fields set, without the "Only if" defaults ``to_json`` adds (what a
        person chose, e.g. to try one more choice against the rules)."""
        return _without_empty_objects(self.model_dump(mode="json", by_alias=True, exclude_none=True))

    def with_changes(self, **changes: Any) -> ProcessingRequest:
        """A new, validated request with some top-level fields replaced (None removes)."""
        data = self.model_dump(exclude_none=True)
        data.update(changes)
        return type(self)(**{k: v for k, v in data.items() if v is not None})
