"""A segmented download's .part and sidecar on disk: sized after the ranges are recorded, progress
recorded after the bytes, merged back to a plain prefix for one stream, distrusted when they do
not fit."""

from __future__ import annotations

from pixop_desktop.transfer.partfile import Sidecar
from pixop_desktop.transfer.segment_part import as_prefix, checkpoint, prepare, recorded_segments
from pixop_desktop.transfer.segments import Segment, split


def _part(tmp_path, data: bytes = b""):
    part = tmp_path / "result.mp4.part"
    part.write_bytes(data)
    sidecar = Sidecar(url="http://x/media", etag='"v1"', size=100)
    sidecar.save(part)
    return part, sidecar


def test_prepare_records_the_ranges_and_sizes_the_part(tmp_path):
    part, sidecar = _part(tmp_path, b"a" * 30)  # a plain partial of 30 bytes
    segments = split(100, 4, min_segment=10, have=30)
    prepare(part, sidecar, segments, 100)
    assert part.stat().st_size == 100 and part.read_bytes()[:30] == b"a" * 30
    again = Sidecar.load(part)
    assert again.segments == [[0, 25, 25], [25, 50, 5], [50, 75, 0], [75, 100, 0]]
    assert recorded_segments(part, again) == segments


def test_a_checkpoint_records_progress_made_since(tmp_path):
    part, sidecar = _part(tmp_path)
    segments = split(100, 2, min_segment=10)
    prepare(part, sidecar, segments, 100)
    segments[1].done = 20
    checkpoint(part, sidecar, segments)
    assert Sidecar.load(part).segments == [[0, 50, 0], [50, 100, 20]]


def test_back_to_one_stream_keeps_only_the_gap_free_prefix(tmp_path):
    part, sidecar = _part(tmp_path, bytes(range(100)))
    segments = [Segment(0, 50, 50), Segment(50, 100, 10)]
    sidecar.segments = [[0, 50, 50], [50, 100, 10]]
    as_prefix(part, sidecar, segments)
    assert part.read_bytes() == bytes(range(60))
    assert Sidecar.load(part).segments is None and Sidecar.load(part).etag == '"v1"'


def test_ranges_claiming_more_than_the_part_holds_void_it(tmp_path):
    part, sidecar = _part(tmp_path, b"b" * 40)  # crashed before the part was sized
    sidecar.segments = [[0, 50, 45], [50, 100, 0]]
    sidecar.save(part)
    assert recorded_segments(part, Sidecar.load(part)) is None
    assert part.stat().st_size == 0 and Sidecar.load(part).segments is None
