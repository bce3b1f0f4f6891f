"""The sandbox's log filter for its own deliberate connection cuts."""

from __future__ import annotations

import logging

from pixop_desktop.sandbox.app import _QuietCuts
from pixop_desktop.sandbox.downloads import ConnectionCut


def _record(exc: BaseException) -> logging.LogRecord:
    return logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1, "boom", None, (type(exc), exc, None))


def test_a_cut_anywhere_in_the_chain_is_quiet_and_other_errors_are_logged():
    outer = RuntimeError("while sending")
    outer.__cause__ = ConnectionCut()
    assert _QuietCuts().filter(_record(outer)) is False
    assert _QuietCuts().filter(_record(ValueError("real problem"))) is True


def test_an_exception_chain_that_loops_does_not_hang_the_server():
    first, second = RuntimeError("a"), RuntimeError("b")
    first.__context__, second.__context__ = second, first  # seen in the wild with cut responses
    assert _QuietCuts().filter(_record(first)) is True
