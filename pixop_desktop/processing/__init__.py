"""The processing request: Pixop's parameter table as the single source of truth.

The wizard, presets and CLI use this package (the sandbox only its output plan: it checks
orders with its own reading of Pixop's table, ``sandbox/processing_table.py``):

- ``ProcessingRequest.from_json(body)`` / ``.to_json()`` / construction by name;
  every rule is checked and broken ones raise ``ProcessingRequestError`` whose
  ``problems`` are ``Problem(field="resolution.width", message=...)``.
- ``check_against_source(request, SourceInfo(...))`` for rules needing the source.
- ``plan_output(request, source) -> OutputPlan``: what the output will be.
- ``label(member)``, ``help_text(member)``, ``FIELDS``, ``inapplicable_reason``,
  ``choice_reason``: the words for every field and value, and when each
  applies, from which the wizard is generated.

Where Pixop's table is silent, the decisions are written at the top of
``rules.py`` (request rules), ``check.py`` (rules needing the source) and
``plan.py`` (defaults of the output), ``formats.py`` (what fits what) and ``only_if.py``
(the seed's "Only if" fields, always sent when their condition holds); each rule's source is
in ``docs/processing-rules.md``.
"""

from .check import check_against_source
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
from .describe import filter_labels, fps_text
from .errors import Problem, ProcessingRequestError
from .fields import FIELD_HELP, FIELDS, FIELDS_BY_PATH, FieldSpec, choice_reason
from .labels import FIELD_LABELS, choices_text, field_label, help_text, label
from .model import (
    Bitrate,
    ChromaSubsampling,
    ClipRange,
    FrameRate,
    MediaContainerCodec,
    ProcessingRequest,
    Resolution,
    Scanning,
)
from .outcome import changes_nothing, estimated_bytes, output_ms, typical_bitrate_bps
from .output import plan_output
from .plan import FRAME_RATES, OutputPlan, output_fps, output_size
from .formats import CODECS_BY_CONTAINER, FORMATS_BY_CODEC, pix_fmt
from .rates import MXF_RATES, exact_rate, mpeg2_can_code, mxf_can_hold
from .rules import inapplicable_reason
from .source import SourceInfo, container_label, container_name

__all__ = [name for name in dir() if not name.startswith("_")]
