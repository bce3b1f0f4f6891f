"""Empty sub-objects read from JSON mean "nothing set": they are not sent back as ``{}``."""

from __future__ import annotations

import pytest

from pixop_desktop.processing import ProcessingRequestError
from pixop_desktop.processing.model import ProcessingRequest


@pytest.mark.parametrize("name", ["scanning", "bitrate", "range", "mediaContainerCodec", "chromaSubsampling"])
def test_an_empty_optional_part_is_dropped(name):
    assert ProcessingRequest.from_json({name: {}}).to_json() == {}


def test_empty_parts_are_dropped_next_to_real_settings():
    body = {"scanning": {}, "range": {}, "resolution": {"tag": "2x"}, "deinterlacer": "bwdif"}
    assert ProcessingRequest.from_json(body).to_json() == {"resolution": {"tag": "2x"}, "deinterlacer": "bwdif"}


def test_the_json_round_trips_after_dropping():
    once = ProcessingRequest.from_json({"bitrate": {}, "resolution": {"tag": "2x"}}).to_json()
    assert ProcessingRequest.from_json(once).to_json() == once


@pytest.mark.parametrize("name", ["resolution", "frameRate"])
def test_an_empty_resolution_or_frame_rate_is_still_refused(name):
    with pytest.raises(ProcessingRequestError):
        ProcessingRequest.from_json({name: {}})
