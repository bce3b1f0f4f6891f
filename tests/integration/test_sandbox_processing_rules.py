"""The sandbox answers processing orders by its own reading of Pixop's table.

It refuses every broken rule of the seed's table and Pixop's Java client with a
400 naming the field, accepts every listed container/codec pair and permitted
value, and accepts at the door what only the app's extra rules refuse (the
processing then fails, as at a real server). The bodies go out raw (httpx, no
client-side validation), exactly as a buggy or foreign client would send them.
"""

from __future__ import annotations

import json

import httpx

from pixop_desktop.api import PixopClient
from pixop_desktop.processing import ProcessingRequest
from tests.fixtures.sandbox import upload_video, v1_headers
from tests.unit.processing_cases import (
    CLIENT_RULE_CASES, PIXOP_PAIRS, PIXOP_RULE_CASES, PIXOP_VALUES, SEED_EXAMPLE_AS_PRINTED,
    SEED_EXAMPLE_FAULTS, UNLISTED_PAIRS,
)

# Every accepted order is a short clip, and its processed video is deleted at once, which stops
# its processing: these tests are about the answer at the door.
SHORT = {"range": {"endPositionMilliseconds": 80}}


def _post(sandbox, video_id: str, headers: dict, body) -> httpx.Response:
    return httpx.post(f"{sandbox.url}/videos/v1/process-video/{video_id}", headers=headers,
                      json=body, timeout=30)


def _refused_fields(response: httpx.Response) -> list[str]:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["exception"] == "BadRequestException"
    return [entry["field"] for entry in body["validationErrors"]]


def test_every_rule_case_is_refused_naming_its_field(sandbox, small_clip):
    headers = v1_headers(sandbox)
    video_id = upload_video(sandbox, small_clip, headers)
    wrong = {}
    with httpx.Client(headers=headers, timeout=30) as http:
        for case_id, body, field in PIXOP_RULE_CASES:
            # json.dumps, not httpx's json=: some bodies carry NaN/Infinity on purpose
            response = http.post(f"{sandbox.url}/videos/v1/process-video/{video_id}",
                                 content=json.dumps(body), headers={"Content-Type": "application/json"})
            if response.status_code != 400:
                wrong[case_id] = f"HTTP {response.status_code}"
                continue
            answer = response.json()
            named = [entry["field"] for entry in answer.get("validationErrors", [])]
            if named != [field] or answer["errorMessage"] != answer["validationErrors"][0]["message"]:
                wrong[case_id] = f"named {named}: {answer.get('errorMessage')}"
    assert wrong == {}
    # nothing was ordered
    listing = httpx.get(f"{sandbox.url}/videos/v1/videos", headers=headers).json()
    assert [v["id"] for v in listing["_embedded"]["videos"]] == [video_id]


def _order_and_cancel(http: httpx.Client, sandbox, video_id: str, body: dict) -> httpx.Response:
    response = http.post(f"{sandbox.url}/videos/v1/process-video/{video_id}", json={**body, **SHORT})
    if response.status_code == 200:
        processed = response.json()["processedVideoId"]
        http.delete(f"{sandbox.url}/videos/v1/video/{processed}").raise_for_status()
    return response


def _merged(cases: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """Cases packed into fewer bodies: one body takes cases with no top-level key in common (the
    table's cross-field rules all live within one top-level key or between keys each case sets
    together), so each order still checks every value it carries."""
    bodies: list[tuple[str, dict]] = []
    for case_id, body in cases:
        for index, (ids, merged) in enumerate(bodies):
            if not set(merged) & set(body):
                bodies[index] = (f"{ids} & {case_id}", {**merged, **body})
                break
        else:
            bodies.append((case_id, dict(body)))
    return bodies


def test_every_listed_pair_and_permitted_value_is_accepted_and_unlisted_pairs_refused(sandbox, small_clip):
    headers = v1_headers(sandbox)
    video_id = upload_video(sandbox, small_clip, headers)
    wrong = {}
    accepted = [(f"{ct}+{co}", {"mediaContainerCodec": {"container": ct, "codec": co}})
                for ct, codecs in PIXOP_PAIRS.items() for co in codecs] + PIXOP_VALUES
    assert len(accepted) == 15 + 89 and len(UNLISTED_PAIRS) == 28 - 15
    with httpx.Client(headers=headers, timeout=30) as http:
        for case_id, body in _merged(accepted):
            response = _order_and_cancel(http, sandbox, video_id, body)
            if response.status_code != 200:
                wrong[case_id] = f"HTTP {response.status_code}: {response.text}"
        for container, codec in UNLISTED_PAIRS:
            response = _order_and_cancel(http, sandbox, video_id,
                                         {"mediaContainerCodec": {"container": container, "codec": codec}})
            named = [e["field"] for e in response.json().get("validationErrors", [])]
            if response.status_code != 400 or named != ["mediaContainerCodec.codec"]:
                wrong[f"{container}+{codec}"] = f"HTTP {response.status_code}, named {named}"
            elif codec not in response.json()["errorMessage"] or container not in response.json()["errorMessage"]:
                wrong[f"{container}+{codec}"] = response.json()["errorMessage"]
    assert wrong == {}
    assert sandbox.wait_idle(60)


def test_what_only_the_app_refuses_is_accepted_at_the_door_and_fails_in_processing(sandbox, small_clip):
    headers = v1_headers(sandbox)
    video_id = upload_video(sandbox, small_clip, headers)
    with httpx.Client(headers=headers, timeout=30) as http:
        refused = {}
        for case_id, body, _field in CLIENT_RULE_CASES:
            response = _order_and_cancel(http, sandbox, video_id, body)
            if response.status_code != 200:
                refused[case_id] = response.text
        assert refused == {}
        # ProRes is 4:2:2 or 4:4:4 (FFmpeg's prores_ks): a late failure, saying why
        late = http.post(f"{sandbox.url}/videos/v1/process-video/{video_id}",
                         json={"mediaContainerCodec": {"codec": "prores"}, "chromaSubsampling": {"yuv": "4:2:0"},
                               **SHORT})
        assert late.status_code == 200, late.text
        assert sandbox.wait_idle(60)
        record = http.get(f"{sandbox.url}/videos/v1/video/{late.json()['processedVideoId']}").json()["video"]
    state = record["processing"]["processingState"]
    assert state["processingStatus"] == "FAILED", record["processing"]
    assert "4:2:0" in json.dumps(record["processing"])


def test_the_app_sends_the_only_if_fields_pixop_may_otherwise_default(sandbox, small_clip):
    """A ProRes order without a profile goes out with the default profile, an interlaced one with
    its field order, a progressive one never with a field order — as the sandbox records them."""
    headers = v1_headers(sandbox)
    video_id = upload_video(sandbox, small_clip, headers)
    sent = {}
    with PixopClient(sandbox.url, email="demo@sandbox.pixop.local", password="demo-password",
                     sleep=lambda s: None) as client:
        for name, body in [
            ("prores", {"mediaContainerCodec": {"codec": "prores"}}),
            ("interlaced", {"scanning": {"scanningType": "interlaced"}}),
            ("progressive", {"scanning": {"scanningType": "progressive"}}),
        ]:
            order = client.videos.process(video_id, ProcessingRequest.from_json({**body, **SHORT}))
            record = httpx.get(f"{sandbox.url}/videos/v1/video/{order.processed_video_id}", headers=headers).json()
            sent[name] = record["video"]["processing"]["processingParameters"]["request"]
            httpx.delete(f"{sandbox.url}/videos/v1/video/{order.processed_video_id}", headers=headers)
    assert sent["prores"]["appleProresProfile"] == "standard"
    assert sent["interlaced"]["scanning"] == {"scanningType": "interlaced", "interlacedFieldOrder": "top_field"}
    assert sent["progressive"]["scanning"] == {"scanningType": "progressive"}
    assert sandbox.wait_idle(60)


def test_seed_example_as_printed_is_refused_for_each_fault(sandbox, small_clip):
    headers = v1_headers(sandbox)
    video_id = upload_video(sandbox, small_clip, headers)
    fields = _refused_fields(_post(sandbox, video_id, headers, SEED_EXAMPLE_AS_PRINTED))
    assert sorted(fields) == sorted(SEED_EXAMPLE_FAULTS)


def test_source_rules_are_checked_and_a_valid_clip_is_accepted(sandbox, small_clip):
    headers = v1_headers(sandbox)
    video_id = upload_video(sandbox, small_clip, headers)
    past_end = {"range": {"startPositionMilliseconds": 0, "endPositionMilliseconds": 600_000}}
    assert _refused_fields(_post(sandbox, video_id, headers, past_end)) == ["range.endPositionMilliseconds"]
    too_big = {"resolution": {"width": 7680, "aspectRatioTag": "4:3"}}
    assert _refused_fields(_post(sandbox, video_id, headers, too_big)) == ["resolution.aspectRatioTag"]
    accepted = _post(sandbox, video_id, headers, {"range": {"endPositionMilliseconds": 400}})
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["sourceVideoId"] == video_id
    assert sandbox.wait_idle(60)


def test_dnxhr_hqx_12_bit_is_accepted_recorded_as_planned_and_made_10_bit(sandbox, small_clip):
    """Pixop's table: DNxHR HQX is 4:2:2 12-bit. The sandbox's FFmpeg makes it 10-bit (a
    documented stand-in), but processingParameters say what the plan said."""
    headers = v1_headers(sandbox)
    video_id = upload_video(sandbox, small_clip, headers)
    body = {"mediaContainerCodec": {"container": "mov", "codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_hqx",
            "chromaSubsampling": {"yuv": "4:2:2", "bits": 12}, "resolution": {"tag": "2x"},
            "range": {"endPositionMilliseconds": 400}}
    order = _post(sandbox, video_id, headers, body)
    assert order.status_code == 200, order.text
    processed = order.json()["processedVideoId"]
    assert sandbox.wait_idle(60)
    record = httpx.get(f"{sandbox.url}/videos/v1/video/{processed}", headers=headers).json()["video"]
    assert record["processing"]["processingState"]["processingStatus"] == "DONE", record["processing"]
    target = record["processing"]["processingParameters"]["targetVideo"]
    assert target["pixelFormat"] == {"name": "yuv422p12le", "chromaSubsampling": {"yuv": "4:2:2", "bits": 12}}
    made = record["ingestion"]["metadata"]
    assert made["pixelFormat"]["name"] == "yuv422p10le"
    assert (made["codecName"], made["frameWidth"], made["frameHeight"]) == ("dnxhd", 320, 240)
