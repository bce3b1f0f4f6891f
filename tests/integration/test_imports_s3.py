"""``import-s3`` against the sandbox's folder-backed S3 input locations (seed 001)."""

from __future__ import annotations

import json
import shutil

import pytest

from pixop_desktop import cli
from pixop_desktop.jobs.model import SourceKind, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD, DEMO_S3_LOCATION_ID, Sandbox

pytestmark = pytest.mark.timeout(90)


def _sign_in(monkeypatch, server) -> None:
    for name, value in (("PIXOP_SERVER", server.url), ("PIXOP_EMAIL", DEFAULT_EMAIL),
                        ("PIXOP_PASSWORD", DEFAULT_PASSWORD), ("PIXOP_API_KEY", DEFAULT_API_KEY)):
        monkeypatch.setenv(name, value)


@pytest.fixture
def signed_in(sandbox, monkeypatch):
    _sign_in(monkeypatch, sandbox)
    return sandbox


def test_list_input_locations(signed_in, capsys):
    assert cli.main(["import-s3", "--list"]) == 0
    table = capsys.readouterr().out
    assert DEMO_S3_LOCATION_ID in table and "sandbox-demo-bucket" in table
    assert cli.main(["import-s3", "--list", "--json"]) == 0
    assert [loc["id"] for loc in json.loads(capsys.readouterr().out)] == [DEMO_S3_LOCATION_ID]


def test_import_several_keys_names_from_keys(signed_in, small_clip, capsys):
    folder = signed_in.s3_folder() / "incoming"
    folder.mkdir()
    for name in ("first.mp4", "second.mp4"):
        shutil.copy(small_clip, folder / name)
    assert cli.main(["import-s3", DEMO_S3_LOCATION_ID, "incoming/first.mp4", "incoming/second.mp4",
                     "--full-ingestion", "--poll-max", "0.2"]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.strip().splitlines()]
    assert [line[0] for line in lines] == ["incoming/first.mp4", "incoming/second.mp4"]
    for (key, video_id, output, clip_id), expected in zip(lines, ("first.mp4", "second.mp4")):
        video = signed_in.state.video(video_id)
        assert video.name == expected and video.ingestion_status == "DONE"
        assert signed_in.state.record(video_id)["upload"]["fileName"] == expected
        assert output == "-" and signed_in.state.video(clip_id).parent_id == video_id
    with JobStore() as store:
        jobs = store.list_jobs()
    assert [j.source.kind for j in jobs] == [SourceKind.S3, SourceKind.S3]
    assert all(j.state is State.DONE for j in jobs)


def test_missing_object_is_404_in_plain_words_and_others_still_import(signed_in, small_clip, capsys):
    shutil.copy(small_clip, signed_in.s3_folder() / "here.mp4")
    status = cli.main(["import-s3", DEMO_S3_LOCATION_ID, "missing.mp4", "here.mp4", "--clip-wait", "0",
                       "--poll-max", "0.2"])
    captured = capsys.readouterr()
    assert status == 1
    assert "missing.mp4: Not found on Pixop: There is no object “missing.mp4” in that S3 input location" in captured.err
    assert "1 import(s) were not started" in captured.err
    [line] = captured.out.strip().splitlines()
    assert line.startswith("here.mp4\t")


def test_missing_location_is_404(signed_in, capsys):
    assert cli.main(["import-s3", "00000000-0000-4000-8000-000000000000", "a.mp4"]) == 1
    err = capsys.readouterr().err
    assert "S3 input location 00000000-0000-4000-8000-000000000000 was not found for this team" in err
    assert signed_in.state.videos() == []


def test_location_whose_bucket_is_gone_is_404(tmp_path, monkeypatch, capsys):
    with Sandbox(data_dir=tmp_path / "d", s3_locations={"gone": tmp_path / "nope"}) as server:
        _sign_in(monkeypatch, server)
        location = [loc for loc in server.ctx.s3_locations.values() if loc.bucket == "gone"][0]
        assert cli.main(["import-s3", location.id, "a.mp4"]) == 1
    assert "The bucket behind S3 input location" in capsys.readouterr().err


def test_key_rules_are_checked_before_sending(signed_in, capsys):
    assert cli.main(["import-s3", DEMO_S3_LOCATION_ID, "k" * 1025]) == 1
    assert "The object key must be 1 to 1024 characters long" in capsys.readouterr().err
    assert cli.main(["import-s3", DEMO_S3_LOCATION_ID]) == 1
    assert "Nothing to import" in capsys.readouterr().err


def test_dialog_results_go_on_the_queue_and_wait_for_approval(sandbox, small_clip):
    """What the GUI does with an ImportS3Dialog's answer: enqueue_import, then the runner."""
    from pixop_desktop.api import PixopClient
    from pixop_desktop.imports.params import s3_imports_from_text
    from pixop_desktop.imports.queueing import enqueue_import

    from .jobs_helpers import running

    shutil.copy(small_clip, sandbox.s3_folder() / "approve-me.mp4")
    [wanted] = s3_imports_from_text(DEMO_S3_LOCATION_ID, "approve-me.mp4")
    with JobStore() as store, PixopClient(sandbox.url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD,
                                          api_key=DEFAULT_API_KEY) as client:
        job = enqueue_import(client, store, wanted, processing={}, needs_approval=True)
        with running(store, sandbox) as runner:
            assert runner.wait_for([job.id], timeout=60, settled={State.NEEDS_APPROVAL})
        stored = store.get(job.id)
    assert stored.state is State.NEEDS_APPROVAL and stored.video_id == job.video_id
    assert sandbox.state.video(job.video_id).name == "approve-me.mp4"
