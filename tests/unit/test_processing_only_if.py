"""The seed's "Only if" fields are sent whenever their condition holds, and the Java client's
newer values and names are understood and planned."""

from __future__ import annotations

import pytest

from pixop_desktop.processing import ProcessingRequest, SourceInfo, plan_output

PAL = SourceInfo(720, 576, 25.0, duration_ms=4000, pix_fmt="yuv420p")


@pytest.mark.parametrize(("body", "sent"), [
    ({"mediaContainerCodec": {"codec": "prores"}}, {"appleProresProfile": "standard"}),
    ({"mediaContainerCodec": {"codec": "prores"}, "chromaSubsampling": {"yuv": "4:4:4"}},
     {"appleProresProfile": "4444"}),
    ({"mediaContainerCodec": {"codec": "dnxhd"}}, {"dnxhdHrProfile": "dnxhr_sq"}),
    ({"mediaContainerCodec": {"codec": "dnxhd"}, "chromaSubsampling": {"bits": 10}}, {"dnxhdHrProfile": "dnxhd_hqx"}),
    ({"mediaContainerCodec": {"codec": "dnxhd"}, "chromaSubsampling": {"yuv": "4:4:4", "bits": 12}},
     {"dnxhdHrProfile": "dnxhr_444"}),
    ({"scanning": {"scanningType": "interlaced"}}, {"scanning": {"interlacedFieldOrder": "top_field"}}),
])
def test_an_only_if_field_is_sent_with_its_default_when_its_condition_holds(body, sent):
    request = ProcessingRequest.from_json(body)
    out = request.to_json()
    for key, value in sent.items():
        assert out[key] == value if not isinstance(value, dict) else out[key] | value == out[key]
    assert request.chosen_json() == body  # the person's choice is kept apart from the default
    assert ProcessingRequest.from_json(out).to_json() == out  # and sending it again changes nothing


def test_the_plan_makes_the_profile_that_is_sent_whatever_the_source():
    ten_bit_source = SourceInfo(720, 576, 25.0, duration_ms=4000, pix_fmt="yuv422p10le")
    request = ProcessingRequest.from_json({"mediaContainerCodec": {"codec": "dnxhd"}})
    plan = plan_output(request, ten_bit_source)
    assert (plan.profile, plan.pix_fmt) == (request.to_json()["dnxhdHrProfile"], "yuv422p")
    prores = ProcessingRequest.from_json({"mediaContainerCodec": {"codec": "prores"}})
    yuv444_source = SourceInfo(720, 576, 25.0, duration_ms=4000, pix_fmt="yuv444p10le")
    assert plan_output(prores, yuv444_source).profile == prores.to_json()["appleProresProfile"] == "standard"


@pytest.mark.parametrize("body", [
    {},
    {"scanning": {"scanningType": "progressive"}},
    {"scanning": {"tag": "interlaced_bff"}},
    {"scanning": {"tag": "progressive"}},
    {"mediaContainerCodec": {"codec": "h264"}},
    {"mediaContainerCodec": {"container": "mov"}},
])
def test_never_sent_otherwise(body):
    out = ProcessingRequest.from_json(body).to_json()
    assert out == body
    assert "interlacedFieldOrder" not in out.get("scanning", {})


@pytest.mark.parametrize(("java_name", "sent"), [("top_first", "top_field"), ("bottom_first", "bottom_field")])
def test_the_java_clients_field_order_names_are_read_as_the_seeds(java_name, sent):
    body = {"scanning": {"scanningType": "interlaced", "interlacedFieldOrder": java_name}}
    request = ProcessingRequest.from_json(body)
    assert request.to_json() == {"scanning": {"scanningType": "interlaced", "interlacedFieldOrder": sent}}
    assert plan_output(request, PAL).interlaced == sent[0] + "ff"


def test_the_java_clients_newer_values_are_planned():
    request = ProcessingRequest.from_json({
        "scaler": "dvres2", "resolution": {"tag": "no_scaling"},
        "frameRateConverter": "vfi", "frameRate": {"tag": "video_uhd_fast"}})
    plan = plan_output(request, PAL)
    assert (plan.width, plan.height, plan.fps) == (720, 576, 120.0)
    assert plan.filters == ["dvres2", "vfi"]
    assert "Pixop Deep Restoration 2" in plan.describe() and "120 fps" in plan.describe()
