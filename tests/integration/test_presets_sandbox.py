"""Every built-in preset is accepted by the sandbox, and the output has the size and frame rate
the wizard's summary announced for that source."""

from __future__ import annotations

import threading
from fractions import Fraction

import av
import pytest

from pixop_desktop.api import PixopClient
from pixop_desktop.api.models import OperationStatus
from pixop_desktop.processing import SourceInfo
from pixop_desktop.presets import BUILT_IN_PRESETS, get_preset
from pixop_desktop.presets.source import source_info_from_metadata
from pixop_desktop.ui.wizard import ProcessingWizard

TERMINAL = (OperationStatus.DONE, OperationStatus.FAILED)


def wait_for(check, timeout: float = 60.0):
    pause, waited = threading.Event(), 0.0
    while waited < timeout:
        result = check()
        if result:
            return result
        pause.wait(0.05)
        waited += 0.05
    raise AssertionError("timed out")


@pytest.fixture
def client(sandbox_client_kwargs):
    with PixopClient(**sandbox_client_kwargs, sleep=lambda s: None) as c:
        yield c


@pytest.fixture
def tiny_clip(clip_factory):
    # Half a second at 10 fps keeps even the 4K ProRes preset to five frames.
    # Interlaced, like the tapes the presets are for.
    return clip_factory("tiny.mp4", seconds=0.5, width=160, height=120, fps=10, interlaced="tff")


def ingested_source(client, video_id: str) -> SourceInfo:
    done = wait_for(lambda: (p := client.videos.ingestion_progress(video_id)).status in TERMINAL and p)
    assert done.status is OperationStatus.DONE
    source = source_info_from_metadata(client.videos.get(video_id).metadata)
    assert source is not None and (source.width, source.height) == (160, 120) and source.interlaced
    return source


def announced(qtbot, name: str, source: SourceInfo):
    """What the wizard's summary says the output will be, after walking to it with the preset."""
    wizard = ProcessingWizard(source=source, preset=name)
    qtbot.addWidget(wizard)
    plan = wizard.output_plan()
    assert plan is not None, wizard.problems()
    shown = wizard.summary.result_text()
    assert f"Picture size: {plan.width} × {plan.height} pixels" in shown
    assert wizard.field_pages[0].output_label.text() == f"Output: {plan.describe()}"
    return wizard.draft.request(), plan


@pytest.mark.parametrize("name", [name for name, _d, _r in BUILT_IN_PRESETS])
def test_built_in_preset_on_the_sandbox(qtbot, client, tiny_clip, tmp_path, name):
    created = client.videos.create(name=name)
    client.media.upload(created.video_id, tiny_clip)
    source = ingested_source(client, created.video_id)
    request, plan = announced(qtbot, name, source)
    assert request == get_preset(name).request
    assert f"{plan.width}×{plan.height}" in plan.describe()

    order = client.videos.process(created.video_id, request)
    done = wait_for(lambda: (p := client.videos.processing_progress(order.processed_video_id)).status
                    in TERMINAL and p, timeout=120)
    assert done.status is OperationStatus.DONE, done
    result = tmp_path / "result.bin"
    client.media.download(order.processed_video_id, result)
    with av.open(str(result)) as container:
        stream = container.streams.video[0]
        size = (stream.codec_context.width, stream.codec_context.height)
        rate = stream.average_rate or stream.guessed_rate
    assert size == (plan.width, plan.height)
    assert Fraction(rate).limit_denominator(1001) == plan.fps_rational
