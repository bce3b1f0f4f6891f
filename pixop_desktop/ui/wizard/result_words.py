"""The result of an order in words, row by row, for the wizard's summary.

Every fact comes from the output plan — the same plan the sandbox makes its file from —
so the container, codec, size and rate read here are exactly what comes back.
"""

from __future__ import annotations

from enum import Enum

from pixop_desktop.processing import (
    AppleProresProfile, Codec, Container, DnxhdHrProfile, OutputPlan, SourceInfo, estimated_bytes,
    filter_labels, fps_text, label, output_ms,
)
from pixop_desktop.services.words import format_size
from pixop_desktop.ui.translations import PROCESSING, core_text, translate


def _label(member: Enum) -> str:
    return core_text(PROCESSING, label(member))


def length_text(ms: int) -> str:
    """0:42, 12:05, 1:02:03 (whole seconds, rounded up so a short clip never reads 0:00)."""
    seconds = -(-ms // 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def size_row(plan: OutputPlan, source: SourceInfo) -> str:
    after = f"{plan.width} × {plan.height}"
    before = f"{source.width} × {source.height}"
    if (plan.width, plan.height) == (source.width, source.height):
        return translate("WizardResult", "{size} pixels, as the original").format(size=after)
    return translate("WizardResult", "{size} pixels (the original is {before})").format(
        size=after, before=before)


def rate_row(plan: OutputPlan, source: SourceInfo) -> str:
    after, before = fps_text(plan.fps), fps_text(source.fps)
    if after == before:
        text = translate("WizardResult", "{fps} frames per second, as the original").format(fps=after)
    else:
        text = translate("WizardResult", "{fps} frames per second (the original has {before})").format(
            fps=after, before=before)
    if plan.interlaced == "tff":
        return text + translate("WizardResult", "; interlaced, top field first")
    if plan.interlaced == "bff":
        return text + translate("WizardResult", "; interlaced, bottom field first")
    return text + translate("WizardResult", "; progressive")


def _profile_label(plan: OutputPlan) -> str | None:
    for enum in (AppleProresProfile, DnxhdHrProfile):
        member = next((m for m in enum if m.value == plan.profile), None)
        if member is not None:
            return _label(member)
    return None


def file_row(plan: OutputPlan) -> str:
    """E.g. "QuickTime (.mov) file, Apple ProRes video (Apple ProRes “high quality” profile)"."""
    text = translate("WizardResult", "{container} file, {codec} video").format(
        container=_label(Container(plan.container)), codec=_label(Codec(plan.codec)))
    profile = _profile_label(plan)
    return f"{text} ({profile})" if profile else text


def length_row(plan: OutputPlan) -> str:
    length = output_ms(plan)
    if length is None:
        return translate("WizardResult", "As long as the original")
    whole = plan.source is not None and plan.start_ms == 0 and plan.end_ms == plan.source.duration_ms
    if whole:
        return length_text(length)
    return translate("WizardResult", "{length} (part of the video: {start} to {end})").format(
        length=length_text(length), start=length_text(plan.start_ms), end=length_text(plan.end_ms))


def estimate_row(plan: OutputPlan) -> str:
    size = estimated_bytes(plan)
    if size is None:
        return translate("WizardResult", "Unknown until the video's length is known")
    mbps = f"{plan.bitrate_bps / 1e6:g}" if plan.bitrate_bps else None
    about = translate("WizardResult", "About {size}").format(size=format_size(size))
    if mbps:
        return about + translate("WizardResult", " (at {mbps} Mbit/s)").format(mbps=mbps)
    return about + translate("WizardResult", " (a rule of thumb; the real size depends on the picture)")


def steps_row(plan: OutputPlan) -> str:
    steps = [core_text(PROCESSING, text) for text in filter_labels(plan)]
    return ", ".join(steps) if steps else translate("WizardResult", "None: the picture is only re-encoded")


def result_rows(plan: OutputPlan, source: SourceInfo) -> list[tuple[str, str]]:
    """(what, value) rows: picture size, frame rate, file, length, estimated size, processing."""
    return [
        (translate("WizardResult", "Picture size"), size_row(plan, source)),
        (translate("WizardResult", "Frame rate"), rate_row(plan, source)),
        (translate("WizardResult", "File"), file_row(plan)),
        (translate("WizardResult", "Length"), length_row(plan)),
        (translate("WizardResult", "Estimated file size"), estimate_row(plan)),
        (translate("WizardResult", "Processing"), steps_row(plan)),
    ]
