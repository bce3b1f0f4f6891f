"""The processing request model: every rule refuses in words, valid bodies round-trip."""

from __future__ import annotations

import copy

import pytest

from pixop_desktop.processing import (
    FIELD_LABELS,
    Codec,
    ProcessingRequest,
    ProcessingRequestError,
    Resolution,
    Scaler,
)
from tests.unit.processing_cases import (
    PIXOP_PAIRS,
    PIXOP_VALUES,
    RULE_CASES,
    UNLISTED_PAIRS,
    SEED_EXAMPLE_AS_PRINTED,
    SEED_EXAMPLE_FAULTS,
    VALID_CASES,
)


def _refusal(body) -> ProcessingRequestError:
    with pytest.raises(ProcessingRequestError) as caught:
        ProcessingRequest.from_json(body)
    return caught.value


@pytest.mark.parametrize(("body", "field"), [c[1:] for c in RULE_CASES], ids=[c[0] for c in RULE_CASES])
def test_rule_is_enforced_naming_the_field(body, field):
    error = _refusal(copy.deepcopy(body))
    assert [p.field for p in error.problems] == [field]
    message = error.problems[0].message
    assert FIELD_LABELS[field].lower() in message.lower()
    assert message[0].isupper() and message.endswith(".")
    assert str(error) == message


@pytest.mark.parametrize(("body",), [(c[1],) for c in PIXOP_VALUES] + [
    ({"mediaContainerCodec": {"container": ct, "codec": co}},) for ct, codecs in PIXOP_PAIRS.items() for co in codecs
], ids=[c[0] for c in PIXOP_VALUES] + [f"{ct}+{co}" for ct, codecs in PIXOP_PAIRS.items() for co in codecs])
def test_the_model_accepts_every_pair_and_value_pixop_lists(body):
    ProcessingRequest.from_json(copy.deepcopy(body))


@pytest.mark.parametrize(("container", "codec"), UNLISTED_PAIRS)
def test_the_model_refuses_the_pairs_pixop_does_not_list(container, codec):
    error = _refusal({"mediaContainerCodec": {"container": container, "codec": codec}})
    assert error.fields() == ["mediaContainerCodec.codec"]


def test_unknown_value_lists_the_choices_in_words():
    message = _refusal({"deinterlacer": "magic"}).problems[0].message
    assert "“magic”" in message
    for words in ("Pixop Deinterlacer", "YADIF", "Bob Weaver", "Weston Three Field"):
        assert words in message


def test_numbers_out_of_range_say_the_range():
    message = _refusal({"resolution": {"width": 8000}}).problems[0].message
    assert message == "Width must be a whole number from 16 to 7680 pixels."


@pytest.mark.parametrize(("profile", "bits", "made_as"), [
    ("dnxhr_hqx", 10, "4:2:2 12-bit"),
    ("dnxhr_444", 8, "4:4:4 12-bit"),
    ("dnxhd_hqx", 12, "4:2:2 10-bit"),
])
def test_dnx_profile_depth_mismatch_says_the_profiles_depth(profile, bits, made_as):
    body = {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": profile,
            "chromaSubsampling": {"bits": bits}}
    message = _refusal(body).problems[0].message
    assert message.startswith(f"Bit depth: {bits}-bit does not match the DNx")
    assert message.endswith(f"profile, which is made as {made_as}.")


@pytest.mark.parametrize(("body",), [(c[1],) for c in VALID_CASES], ids=[c[0] for c in VALID_CASES])
def test_valid_body_round_trips_exactly(body):
    assert ProcessingRequest.from_json(copy.deepcopy(body)).to_json() == body


def test_seed_example_as_printed_is_refused_for_each_of_its_faults():
    error = _refusal(SEED_EXAMPLE_AS_PRINTED)
    assert sorted(error.fields()) == sorted(SEED_EXAMPLE_FAULTS)
    assert str(error) == " ".join(p.message for p in error.problems)


def test_every_broken_rule_is_reported_at_once():
    error = _refusal({"clarityBoost": "low", "bitrate": {"mbps": 0}, "range": {"startPositionMilliseconds": -3}})
    assert set(error.fields()) == {"clarityBoost", "bitrate.mbps", "range.startPositionMilliseconds"}


def test_unknown_keys_and_nulls_are_ignored():
    body = {"scaler": "scale", "futureSetting": {"x": 1}, "denoiser": None,
            "resolution": {"tag": "2x", "width": None, "newThing": True}}
    assert ProcessingRequest.from_json(body).to_json() == {"scaler": "scale", "resolution": {"tag": "2x"}}


def test_not_an_object_is_refused_for_the_whole_request():
    for body in (None, [], "scaler=pabsr1"):
        assert [p.field for p in _refusal(body).problems] == [""]


def test_to_json_has_no_nulls_and_keeps_numbers_as_numbers():
    body = {"chromaSubsampling": {"bits": 10}, "bitrate": {"mbps": 5}}
    out = ProcessingRequest.from_json(body).to_json()
    assert out == {"chromaSubsampling": {"bits": 10}, "bitrate": {"mbps": 5.0}}
    assert type(out["chromaSubsampling"]["bits"]) is int


def test_construction_by_python_names_validates_like_json():
    request = ProcessingRequest(scaler=Scaler.PABSR1, resolution=Resolution(tag="2x"), clarity_boost="low")
    assert request.to_json() == {"scaler": "pabsr1", "resolution": {"tag": "2x"}, "clarityBoost": "low"}
    with pytest.raises(ProcessingRequestError) as caught:
        ProcessingRequest(scaler="scale", clarity_boost="low")
    assert caught.value.fields() == ["clarityBoost"]
    with pytest.raises(ProcessingRequestError) as caught:
        ProcessingRequest(media_container_codec={"codec": "vp9"})
    assert caught.value.fields() == ["mediaContainerCodec.codec"]


def test_with_changes_revalidates_and_removes_with_none():
    request = ProcessingRequest.from_json({"scaler": "pabsr1", "clarityBoost": "low"})
    assert request.with_changes(clarity_boost=None).to_json() == {"scaler": "pabsr1"}
    with pytest.raises(ProcessingRequestError):
        request.with_changes(scaler=Scaler.SCALE)
    prores = request.with_changes(media_container_codec={"codec": Codec.PRORES}, apple_prores_profile="hq")
    assert prores.to_json()["appleProresProfile"] == "hq"


def test_requests_are_immutable():
    request = ProcessingRequest.from_json({"scaler": "pabsr1"})
    with pytest.raises(Exception):
        request.scaler = Scaler.SCALE  # type: ignore[misc]
    assert request.scaler == Scaler.PABSR1


def test_error_survives_pickling_with_its_problems():
    import pickle

    error = _refusal({"clarityBoost": "low"})
    again = pickle.loads(pickle.dumps(error))
    assert again.problems == error.problems and str(again) == str(error)
