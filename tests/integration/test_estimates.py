"""Cost and time before paying: the sandbox's appraisals, the client, ``estimate`` and ``approve``.

An appraisal orders nothing; accepting it orders exactly once (as ``processing/start`` would),
however often it is accepted. Without an API key ``estimate`` says so in one line.
"""

from __future__ import annotations

import json

import httpx
import pytest

from pixop_desktop import cli
from pixop_desktop.api.client import PixopClient
from pixop_desktop.api.current_options import to_current
from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEFAULT_API_KEY
from pixop_desktop.services import estimates

from ..fixtures.sandbox import api_headers, client_kwargs, upload_video, v1_headers

pytestmark = pytest.mark.timeout(90)
DOUBLE = {"scaler": "scale", "resolution": {"tag": "2x"}}


@pytest.fixture
def uploaded(sandbox, small_clip):
    """The sandbox with one ingested video: (sandbox, video id)."""
    return sandbox, upload_video(sandbox, small_clip, v1_headers(sandbox))


def test_an_appraisal_prices_without_ordering_and_accepting_twice_orders_once(uploaded):
    sandbox, video_id = uploaded
    options, query = to_current(DOUBLE)
    with PixopClient(**client_kwargs(sandbox)) as client:
        appraisal = client.appraisals.create(video_id, options, query=query)
        bigger = client.appraisals.create(video_id, to_current({"scaler": "scale", "resolution": {"tag": "4x"}})[0])
        assert sandbox.state.video(video_id).process_orders == 0  # a price is not an order
        assert appraisal.cost_usd and appraisal.cost_usd >= 0.05 and appraisal.seconds and appraisal.output_bytes
        assert bigger.output_bytes > appraisal.output_bytes
        first = client.appraisals.accept(video_id, appraisal.appraisal_id, video_name="priced")
        again = client.appraisals.accept(video_id, appraisal.appraisal_id)
    assert first.video_id == again.video_id
    assert sandbox.state.video(video_id).process_orders == 1
    assert sandbox.state.record(first.video_id)["name"] == "priced"
    assert sandbox.wait_idle(60)
    assert sandbox.state.video(first.video_id).processing_status == "DONE"
    unknown = httpx.post(f"{sandbox.url}/api/v1/videos/{video_id}/processing/appraisals/nope/accept",
                         headers=api_headers())
    assert unknown.status_code == 404


def test_the_estimate_service_says_why_there_is_none(uploaded):
    sandbox, video_id = uploaded
    with PixopClient(**client_kwargs(sandbox)) as client:
        found = estimates.estimate_video(client, video_id, DOUBLE)
        assert isinstance(found, estimates.Estimate) and found.text().startswith("about $")
        assert estimates.estimate_video(client, None, DOUBLE) == estimates.NoEstimate(estimates.NOT_ON_PIXOP)
    no_key = {**client_kwargs(sandbox), "api_key": None}
    with PixopClient(**no_key) as client:
        assert estimates.estimate_video(client, video_id, DOUBLE) == estimates.NoEstimate(estimates.NO_API_KEY)
    total = estimates.summed([found, found, estimates.NoEstimate(estimates.NOT_READY)])
    assert total.count == 2 and total.cost_usd == pytest.approx(2 * found.cost_usd)


def test_estimate_prints_a_cost_per_video_and_the_total(uploaded, small_clip, tmp_path, monkeypatch, capsys):
    sandbox, video_id = uploaded
    monkeypatch.setenv("PIXOP_SERVER", sandbox.url)
    monkeypatch.setenv("PIXOP_API_KEY", DEFAULT_API_KEY)
    with JobStore() as store:  # the queue uploaded this file: estimate finds its video
        job_id = store.add(Job(Source.local(str(small_clip.resolve()), small_clip.stat().st_size,
                                            small_clip.stat().st_mtime_ns), processing=DOUBLE,
                               server=sandbox.url))
        store.set_server_ids(job_id, video_id=video_id)
    never_uploaded = tmp_path / "new.mp4"
    never_uploaded.write_bytes(small_clip.read_bytes())
    assert cli.main(["estimate", video_id, str(small_clip), "--process", json.dumps(DOUBLE)]) == 0
    out = capsys.readouterr().out
    assert out.count("$") == 3 and "Total for 2 of 2 videos: about $" in out
    assert cli.main(["estimate", str(never_uploaded), video_id, "--preset", "Clean up noisy footage",
                     "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert "upload it first" in answer["items"][0]["reason"] and answer["items"][1]["costUsd"] > 0
    assert answer["total"]["costUsd"] == answer["items"][1]["costUsd"]
    assert sandbox.state.video(video_id).process_orders == 0


def test_estimate_without_an_api_key_fails_with_one_plain_line(signed_in, capsys):
    assert cli.main(["estimate", "some-video", "--process", json.dumps(DOUBLE)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "API key" in err and "Traceback" not in err


def test_approve_prints_the_figure_it_approves(uploaded, monkeypatch, capsys):
    sandbox, video_id = uploaded
    monkeypatch.setenv("PIXOP_SERVER", sandbox.url)
    monkeypatch.setenv("PIXOP_API_KEY", DEFAULT_API_KEY)
    with JobStore() as store:
        job_id = store.add(Job(Source.local("/nowhere/held.mp4"), processing=DOUBLE, needs_approval=True,
                               server=sandbox.url))
        store.set_server_ids(job_id, video_id=video_id)
        store.transition(job_id, State.RUNNING)
        store.transition(job_id, State.NEEDS_APPROVAL, stage=Stage.APPROVAL)
    assert cli.main(["approve", str(job_id)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{job_id}\tqueued") and "about $" in out
