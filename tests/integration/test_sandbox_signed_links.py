"""Signed storage links: another origin, GET only, signature and expiry checked, credentials
ignored, ranges honoured — what the client must cope with when Pixop hands out such links."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from pixop_desktop.sandbox.signed_links import signed_link
from tests.fixtures.sandbox import upload_video, v1_headers


def test_signed_link_serves_media_on_another_origin(shared_sandbox, small_clip):
    headers = v1_headers(shared_sandbox)
    video_id = upload_video(shared_sandbox, small_clip, headers, light=True)
    link = signed_link(shared_sandbox.ctx, video_id)
    assert urlsplit(link).netloc != urlsplit(shared_sandbox.url).netloc
    data = small_clip.read_bytes()
    response = httpx.get(link)
    assert response.status_code == 200 and response.content == data
    part = httpx.get(link, headers={"Range": "bytes=10-19", "Authorization": "Bearer nonsense"})
    assert part.status_code == 206 and part.content == data[10:20]
    assert httpx.head(link).status_code == 403
    forged = link.replace("signature=", "signature=0")
    assert httpx.get(forged).status_code == 403


def test_expired_link_is_refused(shared_sandbox, small_clip):
    headers = v1_headers(shared_sandbox)
    video_id = upload_video(shared_sandbox, small_clip, headers, light=True)
    assert httpx.get(signed_link(shared_sandbox.ctx, video_id, ttl=-5)).status_code == 403
