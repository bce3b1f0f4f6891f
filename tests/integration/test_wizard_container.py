"""The container the wizard's summary announces is the container of the file the sandbox returns.

A QuickTime .mov and an MPEG-4 .mp4 look alike to FFmpeg ("mov,mp4,m4a,3gp,3g2,mj2"); the
summary once announced MP4 for a .mov that came back as MOV. Here the summary is read from
the real widgets for a real clip, the same request is processed by the sandbox, and the
result's own bytes (its major brand) and offered name say which container came back.
"""

from __future__ import annotations

import threading

import av
import pytest

from pixop_desktop.api import PixopClient
from pixop_desktop.api.models import OperationStatus
from pixop_desktop.presets.source import source_info_from_file
from pixop_desktop.processing import Container, label
from tests.gui.test_wizard_driver import choose_goal, go_to, make_wizard  # noqa: F401 (a fixture)

TERMINAL = (OperationStatus.DONE, OperationStatus.FAILED)
GOAL = "Clean up noisy footage"  # names no container: the output keeps the source's


def wait_for(check, timeout: float = 60.0):
    pause, waited = threading.Event(), 0.0
    while waited < timeout:
        if result := check():
            return result
        pause.wait(0.05)
        waited += 0.05
    raise AssertionError("timed out")


def container_of(path) -> str:
    """mov or mp4 from the file's major brand, as any player reads it."""
    with av.open(str(path)) as media:
        brand = (media.metadata.get("major_brand") or "").strip().lower()
    return "mov" if brand in ("qt", "") else "mp4"


@pytest.mark.parametrize("name", ["interview.mov", "interview.mp4"])
def test_summary_container_is_the_returned_files(qtbot, make_wizard, clip_factory, sandbox_client_kwargs,
                                                 tmp_path, name):
    clip = clip_factory(name, seconds=0.3, width=96, height=64, fps=10)
    wizard = make_wizard(source=source_info_from_file(clip), files=[str(clip)])
    choose_goal(qtbot, wizard, GOAL)
    go_to(qtbot, wizard, "summary")
    announced = next(line for line in wizard.summary.result_text().splitlines() if line.startswith("File:"))
    request = wizard.draft.request()

    with PixopClient(**sandbox_client_kwargs, sleep=lambda s: None) as client:
        created = client.videos.create(name=name)
        client.media.upload(created.video_id, clip)
        wait_for(lambda: client.videos.ingestion_progress(created.video_id).status in TERMINAL)
        order = client.videos.process(created.video_id, request)
        done = wait_for(lambda: (p := client.videos.processing_progress(order.processed_video_id)).status
                        in TERMINAL and p)
        assert done.status is OperationStatus.DONE, done
        result = tmp_path / "result.bin"
        info = client.media.download(order.processed_video_id, result)

    returned = container_of(result)
    assert info.file_name.endswith(f".{returned}")
    assert returned == name.rsplit(".", 1)[1]
    assert announced.startswith(f"File: {label(Container(returned))} file")
