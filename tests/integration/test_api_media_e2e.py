"""The whole v1 journey with a real clip: upload, ingest, process 2x with bwdif, download."""

from __future__ import annotations

import threading

import av
import pytest

from pixop_desktop.api import PixopClient
from pixop_desktop.api import errors as e
from pixop_desktop.api.models import OperationStatus

TERMINAL = (OperationStatus.DONE, OperationStatus.FAILED)


@pytest.fixture
def client(sandbox_client_kwargs):
    with PixopClient(**sandbox_client_kwargs, sleep=lambda s: None) as c:
        yield c


def wait_for(check, timeout=90.0):
    """Poll ``check`` until it returns something truthy; short waits on an Event, not sleep."""
    idle = threading.Event()
    waited = 0.0
    while waited < timeout:
        result = check()
        if result:
            return result
        idle.wait(0.05)
        waited += 0.05
    raise AssertionError("timed out")


def test_upload_ingest_process_download(client, five_second_clip, tmp_path):
    project = client.videos.create_project("End to end")
    created = client.videos.create(name="five seconds", project_id=project.id)
    progress = []
    uploaded = client.media.upload(created.video_id, five_second_clip, progress=lambda d, t: progress.append(d))
    assert uploaded.video_id == created.video_id
    assert progress[-1] == five_second_clip.stat().st_size

    ingested = wait_for(lambda: (p := client.videos.ingestion_progress(created.video_id)).status in TERMINAL and p)
    assert ingested.status is OperationStatus.DONE
    video = client.videos.get(created.video_id)
    meta = video.metadata
    assert (meta.frame_width, meta.frame_height) == (160, 120)
    assert meta.average_framerate == pytest.approx(25, abs=0.1)
    assert meta.duration_in_millis == pytest.approx(5000, abs=100)
    assert video.upload.file_size == five_second_clip.stat().st_size
    assert meta.scanning.metadata.scanning_type == "interlaced", "the premise: bwdif has fields to weave"

    original = client.media.head(created.video_id, original=True)
    assert original.content_length == five_second_clip.stat().st_size and original.etag

    order = client.videos.process(created.video_id, {"resolution": {"tag": "2x"}, "deinterlacer": "bwdif"})
    assert order.source_video_id == created.video_id
    done = wait_for(lambda: (p := client.videos.processing_progress(order.processed_video_id)).status in TERMINAL and p)
    assert done.status is OperationStatus.DONE, done

    children = [v.id for v in client.videos.iter_videos(parent_id=created.video_id)]
    assert order.processed_video_id in children
    target = client.videos.get(order.processed_video_id).processing.processing_parameters.target_video
    assert [f.name for f in target.video_filters] == ["bwdif"]
    assert (target.frame_width, target.frame_height) == (320, 240)

    head = client.media.head(order.processed_video_id)
    out = tmp_path / "result.bin"
    info = client.media.download(order.processed_video_id, out)
    assert out.stat().st_size == head.content_length == info.content_length
    assert info.etag == head.etag
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.width, stream.codec_context.height) == (320, 240)
        # FFmpeg's AVFieldOrder: 1 progressive, 0 unknown, 2–5 the interlaced orders (TT, BB, TB, BT).
        assert stream.codec_context.field_order not in (2, 3, 4, 5), stream.codec_context.field_order
        frames = [frame for _, frame in zip(range(10), container.decode(stream))]
        assert len(frames) == 10 and not any(frame.interlaced_frame for frame in frames)

    deleted = client.videos.delete(created.video_id)
    assert set(deleted) >= {created.video_id, order.processed_video_id}
    with pytest.raises(e.NotFound):
        client.videos.get(order.processed_video_id)


def test_light_upload_and_original_download(client, small_clip, tmp_path):
    created = client.videos.create(name="light")
    client.media.upload(created.video_id, small_clip, light=True)
    wait_for(lambda: client.videos.ingestion_progress(created.video_id).status in TERMINAL)
    back = tmp_path / "back.mp4"
    client.media.download(created.video_id, back, original=True)
    assert back.read_bytes() == small_clip.read_bytes()


def test_processing_an_invalid_request_is_refused_before_sending(client):
    from pixop_desktop.processing import ProcessingRequestError

    created = client.videos.create(name="never processed")
    with pytest.raises(ProcessingRequestError):
        client.videos.process(created.video_id, {"resolution": {"width": 5}})


def test_missing_video_is_not_found(client):
    with pytest.raises(e.NotFound) as caught:
        client.videos.get("does-not-exist")
    assert "does-not-exist" in caught.value.message
