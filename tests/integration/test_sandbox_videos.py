"""v1 videos service: HAL paging, projects, videos, ingestion, processing orders."""

from __future__ import annotations

import httpx

from tests.fixtures.sandbox import upload_video, v1_headers


def test_hal_paging_of_projects(sandbox):
    headers = v1_headers(sandbox)
    for n in range(4):
        assert httpx.put(f"{sandbox.url}/videos/v1/project", headers=headers,
                         json={"name": f"P{n}"}).status_code == 200
    url = f"{sandbox.url}/videos/v1/projects"
    first = httpx.get(url, headers=headers, params={"page-size": 2}).json()
    assert first["page"] == 0 and first["pageSize"] == 2
    links = first["_links"]
    assert "previous" not in links and links["next"]["href"].startswith(sandbox.url)
    names = [p["name"] for p in first["_embedded"]["projects"]]
    assert names == ["Default project", "P0"]
    seen = list(names)
    page = first
    while "next" in page["_links"]:
        page = httpx.get(page["_links"]["next"]["href"], headers=headers).json()
        seen += [p["name"] for p in page["_embedded"]["projects"]]
    assert seen == ["Default project", "P0", "P1", "P2", "P3"]
    assert page["_links"]["self"]["href"] == first["_links"]["last"]["href"]
    assert page["page"] == 2 and "previous" in page["_links"]
    item = first["_embedded"]["projects"][0]
    assert item["_links"]["self"]["href"].endswith(f"/videos/v1/project/{item['id']}")
    too_big = httpx.get(url, headers=headers, params={"page-size": 1000})
    assert too_big.status_code == 400


def test_projects_crud_and_delete_conflict(sandbox):
    headers = v1_headers(sandbox)
    project = httpx.put(f"{sandbox.url}/videos/v1/project", headers=headers,
                        json={"name": "News"}).json()["project"]
    url = f"{sandbox.url}/videos/v1/project/{project['id']}"
    renamed = httpx.post(url, headers=headers, json={"name": "Archive"}).json()["project"]
    assert renamed["name"] == "Archive" and renamed["teamId"] == project["teamId"]
    video = httpx.put(f"{sandbox.url}/videos/v1/video", headers=headers,
                      json={"name": "v", "projectId": project["id"]}).json()
    conflict = httpx.delete(url, headers=headers)
    assert conflict.status_code == 409 and "videos" in conflict.json()["errorMessage"]
    httpx.delete(f"{sandbox.url}/videos/v1/video/{video['videoId']}", headers=headers)
    assert httpx.delete(url, headers=headers).status_code == 200
    assert httpx.get(url, headers=headers).status_code == 404


def test_videos_belong_to_their_team(shared_sandbox):
    demo = v1_headers(shared_sandbox)
    second = v1_headers(shared_sandbox, team_id=shared_sandbox.state.team_id("Second Team"))
    created = httpx.put(f"{shared_sandbox.url}/videos/v1/video", headers=demo, json={"name": "mine"})
    video_id = created.json()["videoId"]
    assert created.json()["uploadMediaUrl"] == f"{shared_sandbox.url}/media/v1/upload/{video_id}"
    assert httpx.get(f"{shared_sandbox.url}/videos/v1/video/{video_id}", headers=second).status_code == 404
    listed = httpx.get(f"{shared_sandbox.url}/videos/v1/videos", headers=second).json()
    assert video_id not in [v["id"] for v in listed["_embedded"]["videos"]]
    assert httpx.delete(f"{shared_sandbox.url}/videos/v1/video/{video_id}", headers=demo).status_code == 200


def test_full_and_light_ingestion(sandbox, small_clip):
    headers = v1_headers(sandbox)
    full = upload_video(sandbox, small_clip, headers)
    light = upload_video(sandbox, small_clip, headers, light=True)
    full_rec = httpx.get(f"{sandbox.url}/videos/v1/video/{full}", headers=headers).json()["video"]
    light_rec = httpx.get(f"{sandbox.url}/videos/v1/video/{light}", headers=headers).json()["video"]
    assert full_rec["ingestion"]["ingestionState"]["ingestionStatus"] == "DONE"
    assert full_rec["ingestion"]["metadata"]["frameWidth"] == 160
    assert "qualityAssessment" in full_rec["ingestion"]
    assert light_rec["ingestion"]["metadata"]["frameHeight"] == 120
    assert "qualityAssessment" not in light_rec["ingestion"]
    assert full_rec["upload"]["hasFinishedUploading"] is True
    assert full_rec["upload"]["fileName"] == small_clip.name
    assert full_rec["upload"]["fileSize"] == small_clip.stat().st_size
    progress = httpx.get(f"{sandbox.url}/videos/v1/check-ingest-video-progress/{full}",
                         headers=headers).json()
    assert progress["ingestionState"]["videoMetadataAvailable"] is True


def test_not_a_video_fails_ingestion_with_reason(sandbox, not_a_video):
    headers = v1_headers(sandbox)
    video_id = upload_video(sandbox, not_a_video, headers)
    state = httpx.get(f"{sandbox.url}/videos/v1/video/{video_id}",
                      headers=headers).json()["video"]["ingestion"]["ingestionState"]
    assert state["ingestionStatus"] == "FAILED"
    assert state["errorMessage"] == sandbox.state.video(video_id).error
    assert state["errorMessage"]


def test_second_upload_replaces_the_first(sandbox, small_clip, clip_factory):
    headers = v1_headers(sandbox)
    video_id = upload_video(sandbox, small_clip, headers)
    bigger = clip_factory("bigger.mp4", width=320, height=240)
    with open(bigger, "rb") as handle:
        httpx.post(f"{sandbox.url}/media/v1/upload/{video_id}", headers=headers,
                   files={"file": ("bigger.mp4", handle, "video/mp4")}).raise_for_status()
    assert sandbox.wait_idle(60)
    record = httpx.get(f"{sandbox.url}/videos/v1/video/{video_id}", headers=headers).json()["video"]
    assert record["ingestion"]["metadata"]["frameWidth"] == 320
    assert sandbox.state.media_path(video_id).read_bytes() == bigger.read_bytes()


def test_processing_order_and_result(sandbox, small_clip):
    headers = v1_headers(sandbox)
    video_id = upload_video(sandbox, small_clip, headers)
    order = httpx.post(f"{sandbox.url}/videos/v1/process-video/{video_id}", headers=headers,
                       json={"resolution": {"tag": "2x"}, "mediaContainerCodec":
                             {"container": "mov", "codec": "prores"}})
    assert order.status_code == 200, order.text
    processed = order.json()["processedVideoId"]
    assert sandbox.wait_idle(120)
    progress = httpx.get(order.json()["checkProgressUrl"], headers=headers).json()
    assert progress["processingState"]["processingStatus"] == "DONE"
    record = httpx.get(f"{sandbox.url}/videos/v1/video/{processed}", headers=headers).json()["video"]
    target = record["processing"]["processingParameters"]["targetVideo"]
    assert (target["frameWidth"], target["frameHeight"]) == (320, 240)
    assert target["codec"]["name"] == "prores" and target["container"]["name"] == "mov"
    assert record["ingestion"]["metadata"]["frameWidth"] == 320
    assert record["parentId"] == video_id
    assert sandbox.state.process_orders(video_id) == 1
    children = httpx.get(f"{sandbox.url}/videos/v1/videos", headers=headers,
                         params={"parent-id": video_id}).json()["_embedded"]["videos"]
    assert [c["id"] for c in children] == [processed]
    deleted = httpx.delete(f"{sandbox.url}/videos/v1/video/{video_id}", headers=headers).json()
    assert {d["videoId"] for d in deleted["deletedVideos"]} == {video_id, processed}
    assert sandbox.state.videos() == []


def test_bad_processing_request_is_400_with_every_problem(sandbox, small_clip):
    headers = v1_headers(sandbox)
    video_id = upload_video(sandbox, small_clip, headers)
    response = httpx.post(f"{sandbox.url}/videos/v1/process-video/{video_id}", headers=headers,
                          json={"resolution": {"width": 5}, "bitrate": {"mbps": 99999}})
    assert response.status_code == 400
    body = response.json()
    assert body["exception"] == "BadRequestException"
    fields = {e["field"] for e in body["validationErrors"]}
    assert {"resolution.width", "bitrate.mbps"} <= fields
    beyond = httpx.post(f"{sandbox.url}/videos/v1/process-video/{video_id}", headers=headers,
                        json={"range": {"startPositionMilliseconds": 0,
                                        "endPositionMilliseconds": 60_000}})
    assert beyond.status_code == 400
    assert sandbox.state.process_orders(video_id) == 0


def test_processing_before_ingestion_is_409(sandbox):
    headers = v1_headers(sandbox)
    video_id = httpx.put(f"{sandbox.url}/videos/v1/video", headers=headers, json={}).json()["videoId"]
    response = httpx.post(f"{sandbox.url}/videos/v1/process-video/{video_id}", headers=headers, json={})
    assert response.status_code == 409
    assert response.json()["exception"] == "VideoNotReadyException"
