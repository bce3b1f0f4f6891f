"""Shared set-up for the download tests (imported by the other test_download_* modules),
plus the plain, fault-free download.

Each test gets a fresh sandbox holding one video whose stored media is replaced by a few MB
of seeded random bytes (``Sandbox.replace_media``), so every byte matters and a splice of two
versions or an appended restart changes the SHA-256.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.sandbox import Sandbox
from pixop_desktop.transfer.download import download_media
from tests.fixtures.clips import make_clip
from tests.fixtures.sandbox import client_kwargs, upload_video, v1_headers

MEDIA_SIZE = 3 * 1024 * 1024 + 12345  # not a multiple of any chunk size


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_bytes(seed: int, size: int = MEDIA_SIZE) -> bytes:
    return random.Random(seed).randbytes(size)


@dataclass
class Remote:
    """The sandbox, one video in it, and a client whose retry sleeps are recorded, not slept."""

    sandbox: Sandbox
    video_id: str
    client: PixopClient
    size: int
    sleeps: list[float] = field(default_factory=list)
    between_attempts: list = field(default_factory=list)  # callables run at each retry sleep

    @property
    def sha256(self) -> str:
        return self.sandbox.state.media_sha256(self.video_id) or ""

    def replace(self, data: bytes) -> None:
        self.sandbox.replace_media(self.video_id, data=data)
        self.size = len(data)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        while self.between_attempts:
            self.between_attempts.pop(0)()

    def download(self, dest, **options):
        options.setdefault("original", True)
        return download_media(self.client, self.video_id, dest, **options)


@pytest.fixture
def remote(sandbox, tmp_path) -> Remote:
    clip = make_clip(tmp_path / "source" / "interview.mp4", seconds=1.0)
    video_id = upload_video(sandbox, clip, v1_headers(sandbox))
    sandbox.replace_media(video_id, data=media_bytes(1))
    holder: list[Remote] = []
    client = PixopClient(**client_kwargs(sandbox), sleep=lambda s: holder[0].sleep(s))
    found = Remote(sandbox, video_id, client, MEDIA_SIZE)
    holder.append(found)
    with client:
        yield found


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "downloads"
    path.mkdir()
    return path


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_plain_download_into_a_folder_uses_the_servers_name(remote, folder):
    progress: list[tuple[int, int | None]] = []
    result = remote.download(folder, progress=lambda done, total: progress.append((done, total)))
    assert result.path == folder / "interview.mp4"
    assert sha256_of(result.path) == remote.sha256
    assert (result.size, result.bytes_received, result.attempts) == (MEDIA_SIZE, MEDIA_SIZE, 1)
    assert result.etag and not result.etag.startswith("W/")
    assert listing(folder) == ["interview.mp4"]  # no .part, no sidecar left behind
    assert progress[-1] == (MEDIA_SIZE, MEDIA_SIZE)
    assert remote.sleeps == []


def test_download_to_a_file_path(remote, tmp_path):
    target = tmp_path / "new" / "folder" / "mine.bin"
    result = remote.download(target)
    assert result.path == target
    assert sha256_of(target) == remote.sha256


def test_processed_media_that_does_not_exist_is_a_clear_error(remote, folder):
    from pixop_desktop.api.errors import NotFound

    with pytest.raises(NotFound):
        remote.download(folder, original=False)
    assert listing(folder) == []
