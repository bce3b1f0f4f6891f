"""A download claims its file name by writing its sidecar, whole, in one step: a run killed right
after claiming leaves a claim the next run recognises as its own, so the result keeps its name
instead of moving to "NAME (2)" for ever after. An empty claim left by an older version is freed
once it is old; a fresh one (another download about to start) is respected."""

from __future__ import annotations

import os
import time

from pixop_desktop.api.media import download_path
from pixop_desktop.transfer.partfile import STALE_EMPTY_CLAIM_SECONDS, Sidecar, claim
from tests.integration.test_download_fixtures import folder, remote, sha256_of  # noqa: F401 (fixtures)


def _part(folder):
    return folder / "interview.mp4.part"


def test_a_claim_is_written_whole_and_exclusive(tmp_path):
    part = tmp_path / "a.mp4.part"
    assert claim(part, Sidecar(url="https://pixop.example/a"))
    assert Sidecar.load(part).url == "https://pixop.example/a"
    assert not claim(part, Sidecar(url="https://pixop.example/b"))  # taken: the first one stays
    assert Sidecar.load(part).url == "https://pixop.example/a"
    assert [p.name for p in tmp_path.iterdir()] == ["a.mp4.part.json"]  # no temporary file left


def test_a_run_killed_right_after_claiming_leaves_a_name_the_next_run_takes_back(remote, folder):
    url = remote.client.server + download_path(remote.video_id, original=True)
    assert claim(_part(folder), Sidecar(url=url))  # what a killed run left: the claim, no bytes
    result = remote.download(folder)
    assert result.path == folder / "interview.mp4"
    assert sha256_of(result.path) == remote.sha256
    assert sorted(p.name for p in folder.iterdir()) == ["interview.mp4"]


def test_an_old_empty_claim_is_freed_and_a_fresh_one_respected(remote, folder):
    sidecar = Sidecar.path_for(_part(folder))
    sidecar.write_bytes(b"")  # a live claim of another download, about to write its sidecar
    assert remote.download(folder).path == folder / "interview (2).mp4"
    old = time.time() - STALE_EMPTY_CLAIM_SECONDS - 60
    os.utime(sidecar, (old, old))  # … or one a run of an older version left when it was killed
    (folder / "interview (2).mp4").unlink()
    assert remote.download(folder).path == folder / "interview.mp4"
