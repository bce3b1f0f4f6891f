"""What the variant journeys share: the variant cases, a one-shot trigger, a failing processing.

``VARIANT_CASES`` holds one case per sandbox variant and one with every variant on together.
``when(condition, action)`` runs ``action`` once, from a thread of its own, as soon as
``condition()`` holds (polled every few milliseconds), so a fault can be set in the middle of
a real CLI run without touching the CLI's code. ``failing_processing`` is the one place that
knows how to make the sandbox fail a processing after accepting the order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from pixop_desktop.sandbox import Sandbox
from pixop_desktop.sandbox.variants import VARIANTS

VARIANT_CASES = [pytest.param([name], id=name) for name in VARIANTS] + [
    pytest.param(sorted(VARIANTS), id="all-variants")]
FAILURE_CASES = [case for case in VARIANT_CASES if "error-state" in case.values[0]]

CLIP_SECONDS, CLIP_FPS = 1, 10
CUT_AFTER_BYTES = 2048
"""Where the first download of the result is cut: well inside any 320×240 result."""


@contextmanager
def when(condition: Callable[[], bool], action: Callable[[], None]) -> Iterator[threading.Event]:
    """Run ``action`` once ``condition()`` holds; the yielded event is set when it has run.
    The thread is stopped and joined on leaving the block (the dangling-thread check)."""
    done, stop = threading.Event(), threading.Event()

    def watch() -> None:
        while not stop.is_set():
            if condition():
                action()
                done.set()
                return
            stop.wait(0.005)

    thread = threading.Thread(target=watch, name="journey-trigger", daemon=True)
    thread.start()
    try:
        yield done
    finally:
        stop.set()
        thread.join(timeout=5)


def uploaded(sandbox: Sandbox) -> Callable[[], bool]:
    """True once the sandbox holds an uploaded original (the client is past its upload)."""
    return lambda: any(v.kind == "original" and v.upload_done for v in sandbox.state.videos())


def processed_children(sandbox: Sandbox, source_id: str) -> list:
    """The processed videos the sandbox made from ``source_id`` (the free clip left out)."""
    return [v for v in sandbox.state.videos() if v.parent_id == source_id and v.kind == "processed"]


def assert_ordered_once(sandbox: Sandbox, source_id: str):
    """Exactly one processing order and one processed child on the server; returns the child."""
    assert sandbox.state.process_orders(source_id) == 1, "processing was ordered more than once"
    children = processed_children(sandbox, source_id)
    assert len(children) == 1, f"{len(children)} processed videos on the server"
    return children[0]


def assert_resumed(sandbox: Sandbox) -> None:
    """The first download was cut, and the next one asked for the rest, not the whole file."""
    starts = sandbox.faults.download_starts()
    assert any(start >= CUT_AFTER_BYTES for start in starts[1:]), \
        f"the download was not resumed from its partial file (bodies served from {starts})"


def failing_processing() -> str:
    """A processing request the sandbox accepts but then fails (FAILED, or ERROR under the
    error-state variant): a clip range that lies between two frames of the 10 fps test clip,
    so the range is valid for the source's duration yet holds no frame to make. Switch to the
    sandbox's own processing-failure fault once it exists."""
    start = CLIP_SECONDS * 1000 - 50
    return f'{{"range": {{"startPositionMilliseconds": {start}, "endPositionMilliseconds": {start + 40}}}}}'
