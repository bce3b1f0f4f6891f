"""The sandbox's video engine: real probing, quality assessment and processing with PyAV.

One import for the sandbox server:

- ``probe(path) -> ProbeResult`` (``.to_metadata_json()`` is the v1
  ``ingestion.metadata``), or ``NotAVideo(reason)``;
- ``quality_assessment(path, probe) -> dict`` — the v1 ``qualityAssessment``;
- ``source_info(probe) -> SourceInfo`` — what ``plan_output`` needs to know;
- ``process(src, dst, request, source, progress=None, cancel=None)`` — makes
  the output ``plan_output`` announces, or raises ``ProcessingFailed(reason)``
  / ``ProcessingCancelled``;
- ``STAND_INS``, ``DNXHD_PROFILE_STAND_INS`` and ``PIX_FMT_STAND_INS`` — what
  the sandbox runs in place of Pixop's proprietary filters, classic DNxHD
  profiles and 12-bit DNxHR, for the documentation.
"""

from __future__ import annotations

from pixop_desktop.processing import SourceInfo
from pixop_desktop.sandbox.media_codecs import (
    DNXHD_PROFILE_STAND_INS,
    PIX_FMT_STAND_INS,
    ProcessingFailed,
)
from pixop_desktop.sandbox.media_filters import STAND_INS
from pixop_desktop.sandbox.media_probe import NotAVideo, ProbeResult, probe
from pixop_desktop.sandbox.media_process import ProcessingCancelled, process
from pixop_desktop.sandbox.media_quality import quality_assessment

__all__ = [
    "DNXHD_PROFILE_STAND_INS",
    "NotAVideo",
    "PIX_FMT_STAND_INS",
    "ProbeResult",
    "ProcessingCancelled",
    "ProcessingFailed",
    "STAND_INS",
    "SourceInfo",
    "probe",
    "process",
    "quality_assessment",
    "source_info",
]


def source_info(result: ProbeResult) -> SourceInfo:
    """The facts about a probed file that planning an output needs."""
    return SourceInfo(
        width=result.width,
        height=result.height,
        fps=float(result.frame_rate),
        duration_ms=result.duration_ms,
        display_aspect=float(result.display_aspect_ratio),
        pix_fmt=result.pix_fmt,
        codec=result.codec_name,
        container=result.container,
        interlaced=result.scanning_type == "interlaced",
        field_order=_FIELD_ORDERS.get(result.field_order or ""),
    )


# The probe's v1 metadata names → SourceInfo's ("tff"/"bff"), so an interlaced
# bottom-field-first source keeps its order instead of the plan's default.
_FIELD_ORDERS = {"top_field": "tff", "bottom_field": "bff"}
