"""The preview's frames by time: the original's range and a result at another frame rate show the same moment."""

from __future__ import annotations

import pytest

from pixop_desktop.services.preview_frames import FrameReader, frame_count
from tests.fixtures.clips import make_clip


def test_both_sides_show_the_frame_on_screen_at_each_moment(tmp_path):
    original = make_clip(tmp_path / "original.mp4", seconds=3, fps=10)
    result = make_clip(tmp_path / "result.mp4", seconds=1, fps=20, width=320, height=240)
    before, after = FrameReader(original, start_s=1.0), FrameReader(result)
    try:
        assert frame_count(1.0, before.fps) == 10
        for t, before_at, after_at in ((0.0, 0.0, 0.0), (0.1, 0.1, 0.1), (0.25, 0.2, 0.25), (0.9, 0.9, 0.9),
                                       (0.3, 0.3, 0.3), (0.0, 0.0, 0.0)):  # on, back, and back to the start
            left, right = before.frame_at(t), after.frame_at(t)
            assert left.time_s == pytest.approx(before_at, abs=1e-6)
            assert right.time_s == pytest.approx(after_at, abs=1e-6)
        assert (left.width, left.height, right.width, right.height) == (160, 120, 320, 240)
        assert len(right.rgb) >= right.stride * right.height and right.stride >= 3 * 320
        assert after.frame_at(5.0).time_s == pytest.approx(0.95)  # past the end: the last frame stays
    finally:
        before.close()
        after.close()
