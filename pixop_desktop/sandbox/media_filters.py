"""The FFmpeg filter chain that turns decoded source frames into the planned output.

``video_chain(plan, request, source)`` returns ``[(filter_name, args), ...]``
for ``av.filter.Graph``, always in the same processing order:

    deinterlace → denoise → stabilise → scale → frame rate → post-process
    → pixel format → interlace → field flags

Pixop's own filters are proprietary (and some FFmpeg ones are missing from
this build), so the sandbox uses the stand-ins in ``STAND_INS`` below — the
user documentation lists them from this table.
"""

from __future__ import annotations

from fractions import Fraction

from pixop_desktop.processing.enums import (
    Deinterlacer, Denoiser, FrameRateConverter, PostProcessor, Scaler, Stabilizer,
)
from pixop_desktop.processing.plan import AUTO_DEINTERLACER
from pixop_desktop.sandbox.media_codecs import (
    ProcessingFailed,
    enum_value,
    field_order_filter_arg,
)

# Pixop filter id → what the sandbox runs instead, and why. Keep in sync with
# the builders below; docs list this table.
STAND_INS: dict[str, str] = {
    "deint": "bwdif (mode=send_frame, deint=all): Pixop Deinterlacer is proprietary; "
    "Bob Weaver is FFmpeg's closest motion-adaptive deinterlacer.",
    "weston3f": "w3fdif (mode=frame): FFmpeg's Weston Three Field, one frame per frame.",
    "hqdn3d": "atadenoise: hqdn3d is not in the sandbox's FFmpeg build; atadenoise is "
    "a cheap adaptive temporal denoiser.",
    "denoise": "fftdnoiz (sigma=4): Pixop Denoiser is proprietary; FFT spatio-temporal denoising.",
    "dejit": "deshake: Pixop Dejitterer is proprietary; deshake removes small camera shake.",
    "pabsr1": "scale (lanczos) + unsharp whose amount follows clarityBoost: "
    "Pixop Super Resolution is a neural network.",
    "dvres": "atadenoise + scale (lanczos) + unsharp: Pixop Deep Restoration is a neural network.",
    "dvres2": "as dvres: Pixop Deep Restoration 2 (in Pixop's Java client, not the seed) is a "
    "newer neural network.",
    "mcinterpolate": "minterpolate (mi_mode=mci, mc_mode=aobmc, me=ds, search_param=8): real "
    "motion compensation with the cheapest motion search, to stay quick.",
    "vfi": "as mcinterpolate: Pixop Frame Rate Conversion (in Pixop's Java client, not the seed) "
    "is a neural network.",
    "filmgrain": "noise (alls=8, allf=t+u): Pixop Film Grain is proprietary; "
    "FFmpeg adds uniform temporal noise.",
}

# The filter ids of each step, from the request model's enums (one list of Pixop's filters).
DEINTERLACERS = {m.value for m in Deinterlacer}
DENOISERS = {m.value for m in Denoiser}
STABILIZERS = {m.value for m in Stabilizer}
SCALERS = {m.value for m in Scaler}
RATE_CONVERTERS = {m.value for m in FrameRateConverter}
POST_PROCESSORS = {m.value for m in PostProcessor}
KNOWN_FILTERS = DEINTERLACERS | DENOISERS | STABILIZERS | SCALERS | RATE_CONVERTERS | POST_PROCESSORS

_DEINTERLACE = {
    "yadif": [("yadif", "mode=send_frame:deint=all")],
    "bwdif": [("bwdif", "mode=send_frame:deint=all")],
    "weston3f": [("w3fdif", "mode=frame:deint=all")],
    "deint": [("bwdif", "mode=send_frame:deint=all")],
}
_DENOISE = {
    "hqdn3d": [("atadenoise", "")],
    "denoise": [("fftdnoiz", "sigma=4")],
}
_STABILIZE = {"dejit": [("deshake", "")]}
_POST = {"filmgrain": [("noise", "alls=8:allf=t+u")]}

# clarityBoost → unsharp luma amount for the Super Resolution stand-in.
CLARITY_AMOUNT = {
    "none": 0.0,
    "marginal": 0.2,
    "very_low": 0.35,
    "low": 0.5,
    "medium": 0.75,
    "high": 1.0,
    "very_high": 1.5,
}
_DEFAULT_CLARITY = "low"

Chain = list[tuple[str, str]]


def plan_filters(plan) -> set[str]:
    ids = {enum_value(f) for f in (plan.filters or [])}
    unknown = ids - KNOWN_FILTERS
    if unknown:
        raise ProcessingFailed(f"The sandbox cannot apply the filter “{sorted(unknown)[0]}”.")
    return ids


def video_chain(plan, request, source, *, source_interlaced: bool, source_field_order: str | None) -> Chain:
    """The whole filter chain for ``plan`` (see the module docstring for the order)."""
    ids = plan_filters(plan)
    out_interlaced = enum_value(plan.interlaced)
    deinterlacer = _one_of(ids, DEINTERLACERS)
    if deinterlacer is None and source_interlaced and not out_interlaced:
        # The plan already names one for an interlaced SourceInfo; this covers a stream
        # whose codec flags fields the probe did not report.
        deinterlacer = AUTO_DEINTERLACER.value
    fields_kept = source_interlaced and deinterlacer is None
    # Interlacing progressive frames takes its two fields from two frames at twice the rate.
    weave = bool(out_interlaced) and not fields_kept
    chain: Chain = []
    if deinterlacer:
        chain += _DEINTERLACE[deinterlacer]
    for group, table in ((DENOISERS, _DENOISE), (STABILIZERS, _STABILIZE)):
        chosen = _one_of(ids, group)
        if chosen:
            chain += table[chosen]
    chain += _scaling(plan, request, source, _one_of(ids, SCALERS), fields_kept)
    chain += _rate_conversion(plan.fps_rational * (2 if weave else 1), _one_of(ids, RATE_CONVERTERS))
    post = _one_of(ids, POST_PROCESSORS)
    if post:
        chain += _POST[post]
    chain.append(("format", f"pix_fmts={plan.pix_fmt}"))
    chain += _interlacing(plan, fields_kept, source_field_order)
    return chain


def _one_of(ids: set[str], group: set[str]) -> str | None:
    chosen = sorted(ids & group)
    return chosen[0] if chosen else None


def _scaling(plan, request, source, scaler: str | None, fields_kept: bool) -> Chain:
    same_size = (plan.width, plan.height) == (source.width, source.height)
    if same_size and scaler is None:
        return []
    interl = ":interl=1" if fields_kept else ""
    size = f"w={plan.width}:h={plan.height}"
    if scaler == "pabsr1":
        chain = [("scale", f"{size}:flags=lanczos{interl}")]
        clarity = getattr(plan, "clarity_boost", None) or enum_value(getattr(request, "clarity_boost", None))
        amount = CLARITY_AMOUNT.get(clarity or _DEFAULT_CLARITY, CLARITY_AMOUNT[_DEFAULT_CLARITY])
        if amount:
            chain.append(("unsharp", f"luma_msize_x=5:luma_msize_y=5:luma_amount={amount}"))
    elif scaler in ("dvres", "dvres2"):
        chain = [
            ("atadenoise", ""),
            ("scale", f"{size}:flags=lanczos{interl}"),
            ("unsharp", "luma_msize_x=5:luma_msize_y=5:luma_amount=0.8"),
        ]
    else:
        chain = [("scale", f"{size}:flags=bicubic{interl}")]
    sar = output_sar(plan, source)
    return chain + [("setsar", f"{sar.numerator}/{sar.denominator}")]


def output_sar(plan, source) -> Fraction:
    """Keep the source's pixel shape when the frame keeps its shape; square pixels otherwise.

    (2x of an anamorphic 720x576 16:9 frame stays 16:9; a width chosen from the
    display aspect ratio already accounts for the pixel shape.)
    """
    display = getattr(source, "display_aspect", None) or (source.width / source.height)
    uniform = abs(plan.width * source.height - plan.height * source.width) <= max(
        plan.width, plan.height
    )
    if not uniform:
        return Fraction(1)
    sar = Fraction(display).limit_denominator(10_000) / Fraction(source.width, source.height)
    return sar.limit_denominator(1000)


def _rate_conversion(rate: Fraction, converter: str | None) -> Chain:
    text = f"{rate.numerator}/{rate.denominator}"
    if converter == "fblend":
        return [("framerate", f"fps={text}")]
    if converter in ("mcinterpolate", "vfi"):
        return [
            ("minterpolate", f"fps={text}:mi_mode=mci:mc_mode=aobmc:me=ds:search_param=8"),
            ("fps", f"fps={text}"),  # minterpolate may stop a frame short; keep the rate exact
        ]
    # "fps" or no converter: the fps filter also makes the output constant-rate.
    return [("fps", f"fps={text}")]


def _interlacing(plan, fields_kept: bool, source_field_order: str | None) -> Chain:
    order = enum_value(plan.interlaced)
    if not order:
        return [("setfield", "prog")]
    wanted = field_order_filter_arg(order)
    if fields_kept:
        # The frames already hold two fields; only their order may need changing.
        source_order = "bff" if source_field_order == "bottom_field" else "tff"
        if source_order == wanted:
            return [("setfield", wanted)]
        return [("setfield", source_order), ("fieldorder", wanted), ("setfield", wanted)]
    return _interlace_progressive(plan, wanted)


def _interlace_progressive(plan, wanted: str) -> Chain:
    """Real interlacing: two progressive frames per output frame, one field from each.

    The frames arrive at twice the output rate (see ``video_chain``): split each
    into its fields (top first), keep the first frame's first-displayed field
    and the second frame's other field, and weave the pair into one frame.
    """
    keep = "eq(mod(n\\,4)\\,0)+eq(mod(n\\,4)\\,3)" if wanted == "tff" else (
        "eq(mod(n\\,4)\\,1)+eq(mod(n\\,4)\\,2)"
    )
    return [
        ("setfield", "tff"),
        ("separatefields", ""),
        ("select", f"expr={keep}"),
        ("weave", f"first_field={'top' if wanted == 'tff' else 'bottom'}"),
        ("setfield", wanted),
    ]
