"""A lost job store never means paying twice: the watcher asks Pixop, by the fingerprint in the
videos' names, what it holds already (``watch/on_server``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pixop_desktop import cli
from pixop_desktop.jobs.fingerprint import fingerprint, name_token, token_in
from pixop_desktop.paths import data_dir
from tests.fixtures.clips import make_clip

pytestmark = pytest.mark.timeout(120)
TWICE = '{"resolution": {"tag": "2x"}}'


def _argv(incoming: Path, out: Path, *more: str) -> list[str]:
    return ["watch", str(incoming), "--process", TWICE, "--output", str(out), "--once", "--settle", "0.1",
            "--poll", "--light", "--poll-max", "0.2", *more]


def _lines(out: str, kind: str) -> list[str]:
    return sorted(line.split(None, 3)[3].split()[0] for line in out.splitlines() if line.split()[2:3] == [kind])


def _delete_store() -> None:
    for suffix in ("", "-wal", "-shm"):
        (data_dir() / f"queue.sqlite3{suffix}").unlink(missing_ok=True)


def _originals(sandbox) -> list:
    return [v for v in sandbox.state.videos() if v.kind == "original"]


def test_a_deleted_job_store_sends_nothing_already_processed_again(signed_in, tmp_path, capsys):
    incoming, out = tmp_path / "in", tmp_path / "out"
    make_clip(incoming / "a.mp4", seconds=1, width=64, height=48, fps=5)
    make_clip(incoming / "sub" / "b.mp4", seconds=1, width=64, height=48, fps=6)
    assert cli.main(_argv(incoming, out)) == 0
    assert _lines(capsys.readouterr().out, "done") == ["a.mp4", "sub/b.mp4"]
    originals = _originals(signed_in)
    assert sorted(token_in(v.name) for v in originals) == sorted(
        name_token(fingerprint(path)) for path in (incoming / "a.mp4", incoming / "sub" / "b.mp4"))

    _delete_store()
    assert cli.main(_argv(incoming, out)) == 0
    second = capsys.readouterr().out
    assert _lines(second, "found") == ["a.mp4", "sub/b.mp4"], second
    assert _lines(second, "submitted") == []
    assert _originals(signed_in) == originals  # no new video, no new upload (the same records)
    assert [signed_in.state.process_orders(v.id) for v in originals] == [1, 1]
    assert cli.main(_argv(incoming, out)) == 0  # and the new ledger remembers it
    assert capsys.readouterr().out.strip() == ""


def test_a_video_uploaded_but_never_processed_is_taken_up_not_uploaded_again(signed_in, tmp_path, capsys):
    incoming, out = tmp_path / "in", tmp_path / "out"
    make_clip(incoming / "held.mp4", seconds=1, width=64, height=48, fps=5)
    assert cli.main(_argv(incoming, out, "--approve", "hold")) == 0  # uploaded, waits for approval
    [original] = _originals(signed_in)
    assert original.upload_done and signed_in.state.process_orders(original.id) == 0
    capsys.readouterr()

    _delete_store()
    assert cli.main(_argv(incoming, out)) == 0
    second = capsys.readouterr().out
    assert f"on Pixop's video {original.id}" in second and _lines(second, "done") == ["held.mp4"], second
    [again] = _originals(signed_in)
    assert again.id == original.id and signed_in.state.process_orders(original.id) == 1
    assert (out / "held_pixop.mp4").exists()


def test_a_job_queued_while_pixop_could_not_be_asked_adopts_what_pixop_holds(signed_in, tmp_path, capsys):
    """The store is lost and the watcher could not ask Pixop before queueing (it was unreachable):
    the job itself finds the video with the same content and its processing — nothing paid twice."""
    from pixop_desktop.jobs.model import Job, Source, State
    from pixop_desktop.jobs.store import JobStore

    incoming, out = tmp_path / "in", tmp_path / "out"
    clip = make_clip(incoming / "a.mp4", seconds=1, width=64, height=48, fps=5)
    assert cli.main(_argv(incoming, out)) == 0
    capsys.readouterr()
    [original] = _originals(signed_in)
    _delete_store()
    with JobStore() as store:  # what the watcher queues when Pixop cannot be asked
        job_id = store.add(Job(Source.local(str(clip)), processing={"resolution": {"tag": "2x"}},
                               output_folder=str(tmp_path / "again"), watch_rule_id="lost-ledger"))
    assert cli.main(["run-queue", "--poll-max", "0.2"]) == 0
    with JobStore() as store:
        job = store.get(job_id)
    assert job.state is State.DONE and job.video_id == original.id
    assert _originals(signed_in) == [original]
    assert signed_in.state.process_orders(original.id) == 1
