"""Notices: plain sentences the Qt-free core wants a person to read now, though nothing failed.

A repaired file, for example: the work goes on, but the person should know what happened and
where the old copy is. The command line prints each notice on stderr while a command runs;
anything else (the window) may subscribe too. Every notice is also logged.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Callable

log = logging.getLogger(__name__)

_lock = threading.Lock()
_listeners: list[Callable[[str], None]] = []


def subscribe(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call ``listener(text)`` for each notice from now on; returns the unsubscribe call."""
    with _lock:
        _listeners.append(listener)

    def unsubscribe() -> None:
        with _lock:
            if listener in _listeners:
                _listeners.remove(listener)
    return unsubscribe


def publish(text: str) -> None:
    log.warning("%s", text)
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener(text)


@contextmanager
def collecting() -> Iterator[list[str]]:
    """The notices published inside the ``with`` block, to show once there is a place for them."""
    seen: list[str] = []
    unsubscribe = subscribe(seen.append)
    try:
        yield seen
    finally:
        unsubscribe()
