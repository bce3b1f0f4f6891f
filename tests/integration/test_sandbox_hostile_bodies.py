"""Hostile request bodies get a 400 with a plain message from the sandbox, never a 500."""

from __future__ import annotations

import httpx

from tests.fixtures.sandbox import api_headers, v1_headers


def test_json_nested_fifty_thousand_deep_is_a_bad_request(shared_sandbox):
    body = b"[" * 50_000 + b"]" * 50_000
    headers = {**v1_headers(shared_sandbox), "content-type": "application/json"}
    response = httpx.put(f"{shared_sandbox.url}/videos/v1/project", content=body, headers=headers)
    assert response.status_code == 400
    assert "too deeply" in response.text


def test_deep_json_on_the_current_api_is_a_bad_request_too(shared_sandbox):
    body = b'{"a":' * 50_000 + b"1" + b"}" * 50_000
    headers = {**api_headers(), "content-type": "application/json"}
    response = httpx.post(f"{shared_sandbox.url}/api/v1/videos/in/https", content=body, headers=headers)
    assert response.status_code == 400
