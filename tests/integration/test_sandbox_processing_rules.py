"""The sandbox refuses every broken processing rule with a 400 naming the field.

The bodies go out raw (httpx, no client-side validation), exactly as a buggy
or foreign client would send them.
"""

from __future__ import annotations

import json

import httpx

from tests.fixtures.sandbox import upload_video, v1_headers
from tests.unit.processing_cases import RULE_CASES, SEED_EXAMPLE_AS_PRINTED, SEED_EXAMPLE_FAULTS


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
        for case_id, body, field in RULE_CASES:
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
