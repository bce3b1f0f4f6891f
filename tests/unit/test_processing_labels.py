"""Words for every field and value, and when each applies (what the wizard is built from)."""

from __future__ import annotations

import pytest

from pixop_desktop.processing import (
    FIELDS,
    FIELDS_BY_PATH,
    AppleProresProfile,
    BitDepth,
    Codec,
    Deinterlacer,
    ProcessingRequest,
    Scaler,
    choice_reason,
    help_text,
    inapplicable_reason,
    label,
)
from pixop_desktop.processing import enums
from tests.unit.processing_cases import RULE_CASES

ALL_ENUMS = [obj for obj in vars(enums).values()
             if isinstance(obj, type) and obj.__module__ == enums.__name__]


@pytest.mark.parametrize("enum_cls", ALL_ENUMS, ids=lambda e: e.__name__)
def test_every_value_has_a_label_and_help(enum_cls):
    labels = [label(member) for member in enum_cls]
    assert all(labels) and len(set(labels)) == len(labels)
    for member in enum_cls:
        assert help_text(member).endswith(".")


def test_labels_use_pixop_wording():
    assert label(Scaler.PABSR1) == "Pixop Super Resolution"
    assert label(Deinterlacer.BWDIF) == "Bob Weaver"
    assert label(AppleProresProfile.LT) == "Apple ProRes “LT” profile"
    assert label(BitDepth.BITS_10) == "10-bit"


def test_fields_cover_the_whole_table_once():
    paths = [spec.path for spec in FIELDS]
    assert len(paths) == len(set(paths)) == 32
    every_enum_used = {spec.choices for spec in FIELDS if spec.kind == "choice"}
    assert every_enum_used == set(ALL_ENUMS)
    for spec in FIELDS:
        assert spec.label and spec.help
        assert spec.parent is None or FIELDS_BY_PATH[spec.parent].kind == "group"
    assert FIELDS_BY_PATH["resolution.width"].minimum == 16
    assert FIELDS_BY_PATH["resolution.width"].maximum == 7680
    assert FIELDS_BY_PATH["bitrate.mbps"].kind == "number"


def test_every_rule_case_names_a_described_field():
    for _id, _body, field in RULE_CASES:
        assert field in FIELDS_BY_PATH


@pytest.mark.parametrize(("body", "path", "reason"), [
    ({}, "appleProresProfile", "ProRes profile applies only to the Apple ProRes codec."),
    ({"mediaContainerCodec": {"codec": "prores"}}, "appleProresProfile", None),
    ({"mediaContainerCodec": {"codec": "prores"}}, "dnxhdHrProfile",
     "DNxHD/HR profile applies only to the Avid DNxHD/HR codec."),
    ({"scaler": "scale"}, "clarityBoost", "Clarity boost applies only to the Pixop Super Resolution scaler."),
    ({"scaler": "pabsr1"}, "clarityBoost", None),
    ({}, "scanning.interlacedFieldOrder", "Field order applies only when the scanning type is interlaced."),
    ({"scanning": {"scanningType": "interlaced"}}, "scanning.interlacedFieldOrder", None),
    ({"scanning": {"tag": "auto"}}, "scanning.scanningType",
     "Scanning type cannot be combined with a scanning preset; use one or the other."),
    ({"scanning": {"tag": "interlaced_tff"}}, "scanning.interlacedFieldOrder",
     "Field order cannot be combined with a scanning preset; use one or the other."),
    ({"resolution": {"tag": "2x"}}, "resolution.aspectRatioTag",
     "Aspect ratio cannot be combined with a resolution preset; use one or the other."),
    ({"resolution": {"tag": "2x"}}, "resolution.width",
     "Width cannot be combined with a resolution preset; use one or the other."),
    ({"resolution": {"width": 1280}}, "resolution.aspectRatioTag", None),
    ({"resolution": {"width": 1280, "height": 720}}, "resolution.aspectRatioTag",
     "Aspect ratio applies only when just one of width or height is given; it then decides the other side."),
    ({}, "frameRateConverter", "Frame rate converter needs a target frame rate; choose a frame rate too."),
    ({"frameRate": {"tag": "film"}}, "frameRateConverter", None),
    ({"frameRate": {"tag": "film"}}, "frameRate.fps",
     "Frames per second cannot be combined with a frame rate preset; use one or the other."),
    ({}, "scaler", None),
])
def test_inapplicable_reason(body, path, reason):
    assert inapplicable_reason(ProcessingRequest.from_json(body), path) == reason


def test_inapplicable_reason_matches_the_rule_message():
    request = ProcessingRequest.from_json({"scaler": "dvres"})
    refused = [c for c in RULE_CASES if c[0] == "clarity-with-dvres"][0]
    with pytest.raises(Exception) as caught:
        ProcessingRequest.from_json(refused[1])
    assert caught.value.problems[0].message == inapplicable_reason(request, "clarityBoost")


def test_choice_reason_disables_single_options():
    mp4 = ProcessingRequest.from_json({"mediaContainerCodec": {"container": "mp4"}})
    assert "cannot be stored in MPEG-4 (.mp4) files" in choice_reason(mp4, "mediaContainerCodec.codec", Codec.PRORES)
    assert choice_reason(mp4, "mediaContainerCodec.codec", Codec.HEVC) is None
    h264 = ProcessingRequest.from_json({"mediaContainerCodec": {"codec": "h264"}})
    assert choice_reason(h264, "chromaSubsampling.bits", BitDepth.BITS_12).startswith("Bit depth: 12-bit cannot")
    assert choice_reason(h264, "chromaSubsampling.bits", 10) is None
    # changing the codec away from ProRes is allowed even though the profile then no longer applies
    prores = ProcessingRequest.from_json({"mediaContainerCodec": {"codec": "prores"}, "appleProresProfile": "hq"})
    assert choice_reason(prores, "mediaContainerCodec.codec", "h264") is None
