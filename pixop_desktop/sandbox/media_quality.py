"""The sandbox's quality assessment: real, cheap measurements on a few frames.

Pixop's real assessment uses trained models; the sandbox measures four plain
image statistics on the luma of a few sampled frames (pure Python — numpy is
not installed), on a window of at most 256x144 pixels cut from the middle of
the frame at its native resolution (so 8x8 block edges stay where the codec
put them):

- ``sharpness``: variance of the 4-neighbour Laplacian (higher is sharper);
- ``noise``: Immerkær's fast noise-sigma estimate (lower is cleaner);
- ``blockiness``: mean step across 8-pixel column boundaries divided by the
  mean step elsewhere (1.0 means no visible blocks);
- ``contrast``: standard deviation of the luma.

Each mean maps to a 0–5 subjective score by a fixed curve; labels follow the
score: <1 bad, <2 poor, <3 fair, <4 good, else excellent.
"""

from __future__ import annotations

import math
import os

import av

from pixop_desktop.sandbox.media_probe import ProbeResult

SAMPLE_FRAMES = 4
_WINDOW_W, _WINDOW_H = 256, 144
# Above this many frames, seek to each sample instead of decoding everything.
_SEQUENTIAL_LIMIT = 750

_LABELS = ((1.0, "bad"), (2.0, "poor"), (3.0, "fair"), (4.0, "good"))


def quality_assessment(path: str | os.PathLike, probe: ProbeResult) -> dict:
    """The v1 record's ``ingestion.qualityAssessment`` for ``path``."""
    windows = [_luma_window(frame) for frame in _sample_frames(path, probe)]
    if not windows:
        return {"metrics": [], "overallSubjectiveScore": 0.0}
    measures = {
        "sharpness": (_laplacian_variance, _sharpness_score),
        "noise": (_noise_sigma, _noise_score),
        "blockiness": (_blockiness, _blockiness_score),
        "contrast": (_luma_std, _contrast_score),
    }
    metrics = []
    for name, (measure, to_score) in measures.items():
        mean = sum(measure(window) for window in windows) / len(windows)
        score = round(_clamp(to_score(mean), 0.0, 5.0), 3)
        metrics.append(
            {
                "name": name,
                "sampleMean": round(mean, 4),
                "subjectiveLabel": subjective_label(score),
                "subjectiveScore": score,
            }
        )
    overall = round(sum(m["subjectiveScore"] for m in metrics) / len(metrics), 3)
    return {"metrics": metrics, "overallSubjectiveScore": overall}


def subjective_label(score: float) -> str:
    for limit, label in _LABELS:
        if score < limit:
            return label
    return "excellent"


def _sample_frames(path, probe: ProbeResult):
    total = max(1, probe.total_frames)
    count = min(SAMPLE_FRAMES, total)
    wanted = sorted({int((i + 0.5) * total / count) for i in range(count)})
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        if total <= _SEQUENTIAL_LIMIT:
            yield from _decode_at_indices(container, stream, wanted)
        else:
            yield from _seek_to_fractions(container, stream, [i / total for i in wanted], probe)


def _decode_at_indices(container, stream, wanted: list[int]):
    targets = set(wanted)
    last = max(wanted)
    try:
        for index, frame in enumerate(container.decode(stream)):
            if index in targets:
                yield frame
            if index >= last:
                return
    except av.FFmpegError:
        return  # a damaged tail: assess what decoded


def _seek_to_fractions(container, stream, fractions: list[float], probe: ProbeResult):
    for fraction in fractions:
        seconds = fraction * probe.duration_ms / 1000
        try:
            container.seek(int(seconds / stream.time_base), stream=stream)
            frame = next(container.decode(stream), None)
        except av.FFmpegError:
            continue
        if frame is not None:
            yield frame


def _luma_window(frame) -> list[bytes]:
    """Rows of an 8-aligned central window of the frame's 8-bit luma."""
    gray = frame.reformat(format="gray")
    width = min(_WINDOW_W, gray.width)
    height = min(_WINDOW_H, gray.height)
    left = ((gray.width - width) // 2) & ~7
    top = ((gray.height - height) // 2) & ~7
    plane = gray.planes[0]
    data = bytes(plane)
    stride = plane.line_size
    return [data[(top + r) * stride + left : (top + r) * stride + left + width] for r in range(height)]


def _laplacian_variance(rows: list[bytes]) -> float:
    values = []
    for up, row, down in zip(rows, rows[1:], rows[2:]):
        values.extend(
            4 * row[x] - row[x - 1] - row[x + 1] - up[x] - down[x] for x in range(1, len(row) - 1)
        )
    return _variance(values)


def _noise_sigma(rows: list[bytes]) -> float:
    """Immerkær (1996): sigma from the response to a mask that cancels edges and ramps."""
    total = 0
    count = 0
    for up, row, down in zip(rows, rows[1:], rows[2:]):
        for x in range(1, len(row) - 1):
            total += abs(
                up[x - 1] - 2 * up[x] + up[x + 1]
                - 2 * row[x - 1] + 4 * row[x] - 2 * row[x + 1]
                + down[x - 1] - 2 * down[x] + down[x + 1]
            )
        count += len(row) - 2
    return math.sqrt(math.pi / 2) * total / (6 * count) if count else 0.0


def _blockiness(rows: list[bytes]) -> float:
    at_edges = elsewhere = 0
    n_edges = n_else = 0
    for row in rows[::2]:
        for x in range(1, len(row)):
            step = abs(row[x] - row[x - 1])
            if x % 8 == 0:
                at_edges += step
                n_edges += 1
            else:
                elsewhere += step
                n_else += 1
    if not n_edges or not n_else:
        return 1.0
    return (at_edges / n_edges + 1.0) / (elsewhere / n_else + 1.0)


def _luma_std(rows: list[bytes]) -> float:
    return math.sqrt(_variance([value for row in rows for value in row]))


def _variance(values: list[int]) -> float:
    if not values:
        return 0.0
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def _sharpness_score(variance: float) -> float:
    # variance 10 (soft) → 0, 1000 (crisp detail) → 5, on a log scale.
    return 2.5 * math.log10(max(variance, 1e-9) / 10)


def _noise_score(sigma: float) -> float:
    return 5 * (1 - (sigma - 1) / 9)


def _blockiness_score(ratio: float) -> float:
    return 5 * (1 - (ratio - 1))


def _contrast_score(std: float) -> float:
    return 5 * std / 50


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))
