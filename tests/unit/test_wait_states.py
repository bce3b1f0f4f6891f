"""Pixop's status words, read the one way every wait reads them (``api/states.py``)."""

from __future__ import annotations

import pytest

from pixop_desktop.api.models import IngestionProgress, OperationStatus
from pixop_desktop.api.states import ENDED, Phase, phase_of, reason_text, shown_word, word_of


@pytest.mark.parametrize("word, phase", [
    ("INITIAL", Phase.WAITING), ("PENDING", Phase.WAITING), ("QUEUED", Phase.WAITING), (None, Phase.WAITING),
    ("", Phase.WAITING),
    ("IN_PROGRESS", Phase.WORKING), ("in-progress", Phase.WORKING), ("Processing", Phase.WORKING),
    ("DONE", Phase.DONE), (OperationStatus.DONE, Phase.DONE),
    ("FAILED", Phase.FAILED), ("ERROR", Phase.FAILED), ("error", Phase.FAILED), (OperationStatus.FAILED, Phase.FAILED),
    ("CANCELLED", Phase.STOPPED), ("CANCELED", Phase.STOPPED), ("ABORTED", Phase.STOPPED),
    ("ON_HOLD_FOREVER", Phase.UNKNOWN), ("42", Phase.UNKNOWN), (7, Phase.UNKNOWN),
])
def test_every_word_has_a_phase_and_unknown_words_are_unknown(word, phase):
    assert phase_of(word) is phase


def test_only_done_failed_and_stopped_end_a_wait():
    assert ENDED == {Phase.DONE, Phase.FAILED, Phase.STOPPED}


def test_the_v1_java_clients_error_word_survives_the_typed_model():
    progress = IngestionProgress.model_validate({"ingestionState": {"ingestionStatus": "ERROR",
                                                                    "errorMessage": "bad"}})
    assert phase_of(progress.status) is Phase.FAILED and word_of(progress.status) == "ERROR"


def test_a_word_from_the_network_is_shown_short_and_printable():
    assert shown_word("on hold\x07 forever") == "ON_HOLD_FOREVER"
    assert shown_word("X" * 500).endswith("…") and len(shown_word("X" * 500)) == 41
    assert shown_word(None) == "no state"


@pytest.mark.parametrize("value, text", [
    ("  The GPU\nran out  ", "The GPU ran out"),
    ({"errorMessage": "no frames"}, "no frames"),
    ({"error": {"message": "copy cut"}}, "copy cut"),
    ({"error": None, "reason": "quota"}, "quota"),
    ({}, None), (None, None), ("", None), ([1], None), (True, None),
])
def test_the_servers_reason_is_one_short_line_or_none(value, text):
    assert reason_text(value) == text


def test_a_long_reason_is_cut():
    assert len(reason_text("x" * 1000)) == 300
