"""Progress of queued jobs on the CLI (D3): plain lines off a terminal, bars on one."""

from __future__ import annotations

import io
import os
import re

import pytest

from pixop_desktop.commands.queue_progress import QueueProgress
from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.transfer.throttle import BandwidthLimiter

from .jobs_helpers import running
from .test_cli_transfer import run_cli

pytestmark = pytest.mark.timeout(90)


def test_plain_lines_off_a_terminal_tell_each_stage_without_flooding(sandbox, small_clip):
    with small_clip.open("ab") as handle:  # ~3 s at 16 Mbit/s, in 1/8 s chunks: two dozen progress events
        handle.write(os.urandom(6_000_000))
    done = run_cli(sandbox, "upload", str(small_clip), "--light", "--process", "{}", "--poll-max", "0.2",
                   "--limit", "16")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("job 1 (small.mp4): ")]
    words = [line.split(": ", 1)[1] for line in lines]
    assert words[0] == "Preparing upload" and words[-1] == "Done"
    for stage in ("Uploading", "Pixop is analysing it", "Pixop is processing it"):
        assert any(w.startswith(stage) for w in words), words
    assert len([w for w in words if w.startswith("Uploading")]) <= 2, words  # at most one line per 5 s
    assert len(lines) <= 12, lines
    assert done.stdout.startswith("small.mp4\t")  # stdout stays for results only


def test_a_terminal_gets_bars(sandbox, small_clip, app_home):
    stream = io.StringIO()
    with JobStore() as store:
        job_id = store.add(Job(Source.local(str(small_clip)), processing={}))
        with running(store, sandbox) as runner, QueueProgress(stream, terminal=True).watching(runner.events):
            assert runner.wait_for([job_id], timeout=60)
        assert store.get(job_id).state is State.DONE
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", stream.getvalue())
    assert "\x1b[" in stream.getvalue()  # drawn as a terminal would show it
    assert f"job {job_id} (small.mp4): Done" in text


def test_plain_progress_lines_carry_percent_and_speed_at_the_interval(sandbox, small_clip, app_home):
    with small_clip.open("ab") as handle:
        handle.write(os.urandom(6_000_000))
    slow = BandwidthLimiter(2_000_000)  # ~3 s of upload, many progress events (loopback buffers hide a server limit)
    stream = io.StringIO()
    with JobStore() as store:
        job_id = store.add(Job(Source.local(str(small_clip))))
        with running(store, sandbox, limiter=slow) as runner, \
                QueueProgress(stream, terminal=False, interval=1.0).watching(runner.events):
            assert runner.wait_for([job_id], timeout=60)
    uploading = [line for line in stream.getvalue().splitlines() if ": Uploading " in line]
    assert 1 <= len(uploading) <= 5, stream.getvalue()
    assert re.fullmatch(rf"job {job_id} \(small\.mp4\): Uploading \d+ % \(\d+(\.\d+)? Mbit/s\)", uploading[0])
