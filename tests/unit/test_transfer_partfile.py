"""The .part sidecar and the plain words for a full disk."""

from __future__ import annotations

import errno
import os

import pytest

from pixop_desktop.transfer.partfile import (
    DiskFull, Sidecar, is_strong_etag, open_part, close_part, write_error,
)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs Linux's /dev/full")
def test_a_real_enospc_becomes_disk_full(tmp_path):
    with pytest.raises(OSError) as caught:
        with open("/dev/full", "wb", buffering=0) as device:
            device.write(b"x" * 4096)
    assert caught.value.errno == errno.ENOSPC
    error = write_error(caught.value, tmp_path / "clip.mp4.part")
    assert isinstance(error, DiskFull)
    assert error.title == "Not enough disk space"
    assert error.message.startswith("The disk is full")
    assert "clip.mp4" in error.message and ".part" not in error.message


def test_other_write_errors_pass_through(tmp_path):
    error = OSError(errno.EACCES, "Permission denied")
    assert write_error(error, tmp_path / "x.part") is error


def test_sidecar_round_trip_and_corruption(tmp_path):
    part = tmp_path / "clip.mp4.part"
    Sidecar(url="https://example/media/v1/download/original/1", etag='"abc"', size=10,
            server_name="clip.mp4").save(part)
    assert (tmp_path / "clip.mp4.part.json").exists()
    loaded = Sidecar.load(part)
    assert loaded is not None and (loaded.etag, loaded.size) == ('"abc"', 10)
    (tmp_path / "clip.mp4.part.json").write_text("{not json")
    assert Sidecar.load(part) is None
    (tmp_path / "clip.mp4.part.json").write_text('{"url": "u", "size": "many"}')
    assert Sidecar.load(part).size is None


def test_open_part_truncates_after_the_offset(tmp_path):
    part = tmp_path / "a.part"
    part.write_bytes(b"0123456789")
    handle = open_part(part, 4)
    handle.write(b"xy")
    close_part(handle, part)
    assert part.read_bytes() == b"0123xy"
    close_part(open_part(part, 0), part)
    assert part.read_bytes() == b""


@pytest.mark.parametrize("etag, strong", [
    ('"abc"', True), ('W/"abc"', False), (None, False), ("", False), ("   ", False),
    # Unquoted is still strong (only W/ makes a validator weak): Pixop may not quote it.
    ("abc", True), ("w/abc", True),
])
def test_strong_etags(etag, strong):
    assert is_strong_etag(etag) is strong
