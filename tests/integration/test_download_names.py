"""Where a download lands: safe names from a hostile server, no overwrites, a full disk."""

from __future__ import annotations

import resource
import signal

import pytest

from pixop_desktop.sandbox.faults import HOSTILE_FILENAMES
from pixop_desktop.transfer.download import download_media
from pixop_desktop.transfer.partfile import DiskFull
from tests.integration.test_download_fixtures import (  # noqa: F401  (fixtures)
    MEDIA_SIZE, folder, listing, remote, sha256_of,
)

SAFE_NAMES = {
    "../../etc/passwd": "passwd",
    "..\\..\\windows\\system32\\evil.mp4": "evil.mp4",
    "CON.mp4": "_CON.mp4",
    "sub/dir/name.mp4": "name.mp4",
    "nul\x00byte.mp4": "nul_byte.mp4",
}


@pytest.mark.parametrize("hostile", HOSTILE_FILENAMES)
def test_hostile_file_name_becomes_a_bare_safe_name_inside_the_folder(remote, tmp_path, hostile):
    top = tmp_path / "a" / "b"
    folder = top / "c" / "downloads"
    folder.mkdir(parents=True)
    remote.sandbox.faults.hostile_filename(hostile)
    result = remote.download(folder)
    assert result.path == folder / SAFE_NAMES[hostile]
    assert sorted(str(p.relative_to(top)) for p in top.rglob("*")) == [
        "c", "c/downloads", f"c/downloads/{SAFE_NAMES[hostile]}"]
    assert sha256_of(result.path) == remote.sha256


def test_an_existing_file_is_never_overwritten(remote, folder):
    (folder / "interview.mp4").write_bytes(b"precious")
    (folder / "interview (2).mp4").write_bytes(b"also precious")
    result = remote.download(folder)
    assert result.path == folder / "interview (3).mp4"
    assert (folder / "interview.mp4").read_bytes() == b"precious"
    assert (folder / "interview (2).mp4").read_bytes() == b"also precious"
    assert sha256_of(result.path) == remote.sha256


def test_an_existing_file_path_is_never_overwritten(remote, tmp_path):
    target = tmp_path / "mine.mp4"
    target.write_bytes(b"precious")
    result = remote.download(target)
    assert result.path == tmp_path / "mine (2).mp4"
    assert target.read_bytes() == b"precious"


def test_a_name_taken_while_downloading_is_not_overwritten(remote, folder):
    """Another program creates the final name after we chose it: we take the next number."""

    def someone_else_saves(done, total):
        if done == total and not (folder / "interview.mp4").exists():
            (folder / "interview.mp4").write_bytes(b"theirs")

    result = remote.download(folder, progress=someone_else_saves)
    assert (folder / "interview.mp4").read_bytes() == b"theirs"
    assert result.path == folder / "interview (2).mp4"
    assert sha256_of(result.path) == remote.sha256


def test_two_videos_with_the_same_name_do_not_share_a_part_file(remote, folder):
    """While one download runs, another video with the same server name lands beside it."""
    from tests.fixtures.sandbox import upload_video, v1_headers

    other = upload_video(remote.sandbox, folder.parent / "source" / "interview.mp4",
                         v1_headers(remote.sandbox), name="second")
    remote.sandbox.faults.limit_rate(MEDIA_SIZE * 3)
    second: list = []

    def download_the_other_meanwhile(done, total):
        if done and not second:
            second.append(download_media(remote.client, other, folder, original=True))

    first = remote.download(folder, progress=download_the_other_meanwhile)
    assert first.path == folder / "interview.mp4"
    assert second[0].path == folder / "interview (2).mp4"
    assert sha256_of(first.path) == remote.sha256
    assert sha256_of(second[0].path) == remote.sandbox.state.media_sha256(other)


def test_disk_full_stops_with_a_clear_message_and_keeps_the_partial(remote, folder):
    """A real file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) makes the kernel refuse writes
    past 1 MiB with EFBIG — what a FAT32 stick does at 4 GiB; ENOSPC itself is checked with
    /dev/full in tests/unit/test_transfer_partfile.py."""
    limit = 1 << 20
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, old_limit[1]))
    try:
        with pytest.raises(DiskFull) as caught:
            remote.download(folder)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)
    assert "too large for the disk" in caught.value.message
    assert "continues where it stopped" in caught.value.message
    assert (folder / "interview.mp4.part").stat().st_size == limit
    result = remote.download(folder)  # space freed: the next run resumes
    assert result.bytes_received == MEDIA_SIZE - limit
    assert sha256_of(result.path) == remote.sha256


def test_a_disk_full_before_the_first_byte_leaves_no_claim_behind(remote, folder):
    """The sidecar cannot be written (a file-size limit of 0 bytes stands in for a full disk):
    the next run, with space again, saves under the file's own name, not "NAME (2)"."""
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, old_limit[1]))
    try:
        with pytest.raises(DiskFull):
            remote.download(folder)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)
    assert listing(folder) == []
    result = remote.download(folder)
    assert result.path == folder / "interview.mp4"
