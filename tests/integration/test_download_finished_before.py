"""A crash after the finished download was renamed into place, before its sidecar went.

On disk: the final file and ``NAME.part.json`` (and perhaps ``NAME.part`` as a second hard link
of the same file, when the crash came between link and unlink). The next run must recognise
the file (size and strong ETag as the sidecar recorded) and finish without downloading again,
never making ``NAME (2)``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.api.media import download_path
from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.transfer.download import download_media
from pixop_desktop.transfer.partfile import PART_SUFFIX, Sidecar
from tests.fixtures.sandbox import client_kwargs, upload_video, v1_headers

from .jobs_helpers import running

pytestmark = pytest.mark.timeout(120)


def _leave_as_after_the_crash(client: PixopClient, final: Path, video_id: str, etag: str,
                              *, hard_link: bool, original: bool) -> None:
    part = final.with_name(final.name + PART_SUFFIX)
    Sidecar(url=client.server + download_path(video_id, original=original), etag=etag,
            size=final.stat().st_size, server_name=final.name).save(part)
    if hard_link:
        os.link(final, part)


@pytest.mark.parametrize("hard_link", [False, True], ids=["renamed", "linked-not-unlinked"])
def test_a_finished_file_with_a_leftover_sidecar_is_not_downloaded_again(sandbox, small_clip, tmp_path,
                                                                         hard_link):
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox))
    folder = tmp_path / "out"
    folder.mkdir()
    with PixopClient(**client_kwargs(sandbox)) as client:
        first = download_media(client, video_id, folder, original=True)
        _leave_as_after_the_crash(client, first.path, video_id, first.etag, hard_link=hard_link, original=True)
        again = download_media(client, video_id, folder, original=True)
    assert again.path == first.path and again.size == first.size
    assert (again.bytes_received, again.attempts) == (0, 0), "no byte downloaded"
    assert sorted(p.name for p in folder.iterdir()) == [first.path.name], "no NAME (2), no leftovers"
    assert first.path.read_bytes() == small_clip.read_bytes()


def test_a_changed_server_file_is_downloaded_again_beside_it(sandbox, small_clip, tmp_path):
    """Another version on the server (ETag differs): the old file is kept, the new one gets a free name."""
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox))
    folder = tmp_path / "out"
    folder.mkdir()
    with PixopClient(**client_kwargs(sandbox)) as client:
        first = download_media(client, video_id, folder, original=True)
        _leave_as_after_the_crash(client, first.path, video_id, '"another-version"', hard_link=False,
                                  original=True)
        again = download_media(client, video_id, folder, original=True)
    assert again.path != first.path and again.bytes_received == first.size


def test_the_download_stage_finishes_without_a_second_file(sandbox, clip_factory, tmp_path):
    clip = clip_factory("clip.mp4", seconds=1, fps=10)
    out = tmp_path / "out"
    info = clip.stat()
    job = Job(Source.local(str(clip), info.st_size, info.st_mtime_ns), processing={"resolution": {"tag": "2x"}},
              output_folder=str(out))
    with JobStore(tmp_path / "queue.sqlite3") as store:
        job_id = store.add(job)
        with running(store, sandbox) as runner:
            assert runner.wait_for([job_id], timeout=90)
        done = store.get(job_id)
        assert done.state is State.DONE, done.error
        final = Path(done.output_path)
        with PixopClient(**client_kwargs(sandbox)) as client:
            etag = client.media.head(done.processed_video_id).etag
            _leave_as_after_the_crash(client, final, done.processed_video_id, etag, hard_link=False,
                                      original=False)
        before = final.stat()
        crashed = Job(job.source, project_id=done.project_id, processing=done.processing,
                      output_folder=str(out), stage=Stage.DOWNLOAD, video_id=done.video_id,
                      processed_video_id=done.processed_video_id, output_path=str(final))
        crashed_id = store.add(crashed)
        with running(store, sandbox) as runner:
            assert runner.wait_for([crashed_id], timeout=60)
        finished = store.get(crashed_id)
    assert finished.state is State.DONE, finished.error
    assert finished.output_path == str(final)
    assert sorted(p.name for p in out.iterdir()) == [final.name], "no NAME (2), no sidecar left"
    after = final.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns), "the file was not rewritten"
