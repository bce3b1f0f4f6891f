"""The one-line human summary of an output plan, as the wizard announces it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .enums import Codec, Container
from .labels import label

if TYPE_CHECKING:
    from .plan import OutputPlan

_FILTER_LABELS: dict[str, str] = {}


def _filter_label(filter_id: str) -> str:
    if not _FILTER_LABELS:
        from .enums import Deinterlacer, Denoiser, FrameRateConverter, PostProcessor, Scaler, Stabilizer

        for enum in (Deinterlacer, Denoiser, Stabilizer, Scaler, FrameRateConverter, PostProcessor):
            _FILTER_LABELS.update({m.value: label(m) for m in enum})
    return _FILTER_LABELS.get(filter_id, filter_id)


def filter_labels(plan: OutputPlan) -> list[str]:
    """The plan's processing steps by their labels (marked for translation, context "Processing")."""
    return [_filter_label(f) for f in plan.filters]


def fps_text(fps: float) -> str:
    """25.0 → '25', 29.97002997 → '29.97', 23.976023 → '23.976'."""
    return f"{fps:.3f}".rstrip("0").rstrip(".")


def _size_part(plan: OutputPlan) -> str:
    src = plan.source
    out = f"{plan.width}×{plan.height}"
    if src is None:
        return out
    before = f"{src.width}×{src.height}"
    if plan.resolution_tag in ("2x", "3x", "4x"):
        return f"{plan.resolution_tag} of {before} → {out}"
    return out if before == out else f"{before} → {out}"


def _rate_part(plan: OutputPlan) -> str:
    src = plan.source
    after = fps_text(plan.fps)
    if src is None or fps_text(src.fps) == after:
        return f"{after} fps"
    return f"{fps_text(src.fps)} → {after} fps"


def describe_plan(plan: OutputPlan) -> str:
    """E.g. '2x of 720×576 → 1440×1152, 25 → 50 fps, H.264 / AVC in MPEG-4 (.mp4), yuv420p'."""
    parts = [_size_part(plan), _rate_part(plan)]
    if plan.interlaced:
        parts.append("interlaced, top field first" if plan.interlaced == "tff"
                     else "interlaced, bottom field first")
    codec = label(Codec(plan.codec)) + (f" ({plan.profile})" if plan.profile else "")
    parts.append(f"{codec} in {label(Container(plan.container))}, {plan.pix_fmt}")
    if plan.bitrate_bps:
        parts.append(f"{plan.bitrate_bps / 1_000_000:g} Mbit/s")
    if plan.filters:
        parts.append("with " + ", ".join(_filter_label(f) for f in plan.filters))
    if plan.start_ms or (plan.end_ms is not None and plan.source is not None
                         and plan.end_ms != plan.source.duration_ms):
        end = clock(plan.end_ms) if plan.end_ms is not None else "the end"
        parts.append(f"clip {clock(plan.start_ms)}–{end}")
    return ", ".join(parts)


def clock(ms: int) -> str:
    """Milliseconds as a person reads a position: 1:02.500, 1:00:00.000."""
    minutes, seconds = divmod(ms / 1000, 60)
    hours, minutes = divmod(int(minutes), 60)
    text = f"{minutes}:{seconds:06.3f}"
    return f"{hours}:{minutes:02d}:{seconds:06.3f}" if hours else text
