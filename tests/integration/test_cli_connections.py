"""``pixop-desktop download --connections N``: a large result as N byte ranges at once."""

from __future__ import annotations

import random

from pixop_desktop.transfer.segments import split
from tests.fixtures.sandbox import upload_video, v1_headers
from tests.integration.test_cli_transfer import run_cli, sha256

SIZE = 17 * 1024 * 1024  # just over two of the app's 8 MiB ranges


def test_download_connections_option(sandbox, small_clip, tmp_path):
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox), wait=False)
    sandbox.replace_media(video_id, data=random.Random(3).randbytes(SIZE))
    expected = sandbox.state.media_sha256(video_id)
    for count, starts in ((2, [s.start for s in split(SIZE, 2)]), (1, [0])):
        target = tmp_path / f"out-{count}"
        target.mkdir()
        before = len(sandbox.faults.download_starts())
        done = run_cli(sandbox, "download", video_id, "--original", "--connections", str(count),
                       "-o", str(target))
        assert done.returncode == 0, done.stderr
        assert sorted(sandbox.faults.download_starts()[before:]) == starts
        assert sha256(done.stdout.strip()) == expected
    refused = run_cli(sandbox, "download", video_id, "--connections", "17")
    assert refused.returncode == 2 and "from 1 to 16" in refused.stderr
