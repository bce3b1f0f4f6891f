"""The seed's "Only if" fields: sent whenever their condition holds, never otherwise.

Pixop's table marks three fields "Mandatory: Only if …": ``appleProresProfile`` (codec is
prores), ``dnxhdHrProfile`` (codec is dnxhd) and ``scanning.interlacedFieldOrder``
(scanningType is interlaced). A request that meets the condition therefore always carries
the field: the person's choice, else the default below. The rules refuse the field when the
condition does not hold, so it is never sent otherwise.

Defaults depend on the request alone (never on the source), so the output plan and the body
sent agree: ProRes "standard" (the seed's example), or "4444" when 4:4:4 is asked; DNx the
profile of the first format the codec can store with the asked chroma/depth (4:2:2 8-bit →
dnxhr_sq, 10-bit → dnxhd_hqx, 12-bit → dnxhr_hqx, 4:4:4 → dnxhd_444 / dnxhr_444); field
order top field first (what interlaced scanning without an order has always meant here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import formats
from .enums import (AppleProresProfile, ChromaYuv, Codec, DnxhdHrProfile, InterlacedFieldOrder, ScanningTag,
                    ScanningType)

if TYPE_CHECKING:
    from .model import ProcessingRequest


def _codec(request: ProcessingRequest) -> Codec | None:
    mcc = request.media_container_codec
    return mcc.codec if mcc else None


def _chroma(request: ProcessingRequest):
    chroma = request.chroma_subsampling
    return (chroma.yuv, chroma.bits) if chroma else (None, None)


def prores_profile(request: ProcessingRequest) -> AppleProresProfile | None:
    """The ProRes profile the request sends: None unless it names the prores codec."""
    if _codec(request) != Codec.PRORES:
        return None
    if request.apple_prores_profile is not None:
        return request.apple_prores_profile
    yuv, _bits = _chroma(request)
    return AppleProresProfile.P4444 if yuv == ChromaYuv.YUV444 else AppleProresProfile.STANDARD


def dnx_profile(request: ProcessingRequest) -> DnxhdHrProfile | None:
    """The DNxHD/HR profile the request sends: None unless it names the dnxhd codec."""
    if _codec(request) != Codec.DNXHD:
        return None
    if request.dnxhd_hr_profile is not None:
        return request.dnxhd_hr_profile
    yuv, bits = _chroma(request)
    for fmt in formats.FORMATS_BY_CODEC[Codec.DNXHD]:
        if (yuv is None or fmt[0] == yuv) and (bits is None or fmt[1] == bits):
            return formats.DNXHD_PROFILE_FOR_FORMAT[fmt]
    return DnxhdHrProfile.DNXHR_SQ  # a chroma DNx cannot store: the rules refuse the request


def field_order(request: ProcessingRequest) -> InterlacedFieldOrder | None:
    """The field order the request sends: None unless its scanningType is interlaced."""
    scanning = request.scanning
    if scanning is None or scanning.tag is not None or scanning.scanning_type != ScanningType.INTERLACED:
        return None
    return scanning.interlaced_field_order or InterlacedFieldOrder.TOP_FIELD


def sent_defaults(request: ProcessingRequest) -> dict[str, Any]:
    """JSON path → value of every "Only if" field the request sends (chosen or default)."""
    values = {
        "appleProresProfile": prores_profile(request),
        "dnxhdHrProfile": dnx_profile(request),
        "scanning.interlacedFieldOrder": field_order(request),
    }
    return {path: value.value for path, value in values.items() if value is not None}


def explicit_interlacing(request: ProcessingRequest) -> str | None:
    """"tff"/"bff" when the request itself asks for interlaced output, else None."""
    scan = request.scanning
    if scan is not None and scan.tag == ScanningTag.INTERLACED_TFF:
        return "tff"
    if scan is not None and scan.tag == ScanningTag.INTERLACED_BFF:
        return "bff"
    if scan is not None and scan.scanning_type == ScanningType.INTERLACED:
        return "bff" if scan.interlaced_field_order == InterlacedFieldOrder.BOTTOM_FIELD else "tff"
    return None
