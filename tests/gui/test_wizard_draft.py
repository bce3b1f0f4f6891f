"""The wizard's draft: editing JSON by path, and the model's verdict on it (no Qt needed)."""

from __future__ import annotations

from pixop_desktop.processing import ProcessingRequest, SourceInfo
from pixop_desktop.ui.wizard.draft import Draft


def test_set_and_remove_by_path_drops_empty_groups():
    draft = Draft()
    draft.set("resolution.width", 1280)
    draft.set("scaler", "pabsr1")
    assert draft.body == {"resolution": {"width": 1280}, "scaler": "pabsr1"}
    assert draft.get("resolution.width") == 1280 and draft.get("resolution.height") is None
    draft.set("resolution.width", None)
    assert draft.body == {"scaler": "pabsr1"}  # an empty group would mean "resolution {}": an error
    draft.set("range.endPositionMilliseconds", None)  # removing what is not there is harmless
    assert draft.body == {"scaler": "pabsr1"}


def test_problems_then_source_problems():
    draft = Draft({"resolution": {"width": 20000}})
    assert [p.field for p in draft.problems()] == ["resolution.width"]
    draft = Draft({"range": {"endPositionMilliseconds": 5000}}, source=SourceInfo(160, 120, 25, duration_ms=1000))
    assert [p.field for p in draft.problems()] == ["range.endPositionMilliseconds"]
    assert Draft({"range": {"endPositionMilliseconds": 5000}}).problems() == []


def test_lenient_request_leaves_out_only_the_fields_at_fault():
    draft = Draft({"scaler": "scale", "clarityBoost": "high", "denoiser": "denoise",
                   "mediaContainerCodec": {"codec": "h264"}, "appleProresProfile": "hq"})
    lenient = draft.lenient_request()
    assert lenient == ProcessingRequest.from_json(
        {"scaler": "scale", "denoiser": "denoise", "mediaContainerCodec": {"codec": "h264"}})
    assert Draft({"resolution": {"width": "wide"}}).lenient_request() == ProcessingRequest()
