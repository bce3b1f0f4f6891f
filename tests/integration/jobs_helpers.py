"""Shared by the pipeline/runner tests: a client, a runner, and checks of results with PyAV."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from pathlib import Path

import av

from pixop_desktop.api.client import PixopClient
from pixop_desktop.processing import ProcessingRequest, SourceInfo, plan_output
from pixop_desktop.jobs.pipeline import PollPolicy
from pixop_desktop.jobs.runner import Limits, RetryRule, Runner
from tests.fixtures.sandbox import client_kwargs

FAST_POLL = PollPolicy(first=0.1, factor=1.5, longest=0.5)


@contextmanager
def running(store, sandbox, **options):
    """A started runner with quick polls; always stopped (threads joined)."""
    client = PixopClient(**client_kwargs(sandbox))
    options.setdefault("poll", FAST_POLL)
    options.setdefault("retry", RetryRule(max_attempts=4, first_delay=0.2, longest=1.0))
    options.setdefault("limits", Limits(uploads=2, downloads=2, polls=4, control=2))
    runner = Runner(store, client, tick=0.05, **options)
    try:
        yield runner.start()
    finally:
        runner.stop(wait=True)
        client.close()


def video_shape(path: Path) -> tuple[int, int, float]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return stream.codec_context.width, stream.codec_context.height, float(stream.average_rate)


def expected_shape(request_json: dict, clip: Path) -> tuple[int, int, float]:
    width, height, fps = video_shape(clip)
    plan = plan_output(ProcessingRequest.from_json(request_json), SourceInfo(width=width, height=height, fps=fps))
    return plan.width, plan.height, plan.fps


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
