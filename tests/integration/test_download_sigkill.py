"""A segmented download killed (SIGKILL) at random moments resumes to the exact file, fetching
only the ranges it was missing.

The download runs in a child process (a small driver of the engine) against the sandbox in this
one; each child is killed at a seeded random moment, and the next run's requests are checked
against what the killed run's sidecar recorded: a range recorded complete is never asked for
again, an unfinished one only from where its record ends.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pixop_desktop.transfer.partfile import part_size
from pixop_desktop.transfer.segments import split
from tests.fixtures.sandbox import client_kwargs
from tests.integration.test_download_fixtures import (  # noqa: F401  (fixtures)
    folder, media_bytes, remote, sha256_of,
)

MIB = 1 << 20
SIZE = 24 * MIB + 4321
SEGMENT = 4 * MIB  # 4 connections → ranges of 6 MiB
KILLS = 4
ROOT = Path(__file__).resolve().parents[2]
DRIVER = """
import json, sys
from pixop_desktop.api.client import PixopClient
from pixop_desktop.transfer.download import download_media
job = json.loads(sys.stdin.readline())
with PixopClient(job["server"], email=job["email"], password=job["password"]) as client:
    result = download_media(client, job["video_id"], job["dest"], original=True, connections=4,
                            min_segment=job["segment"], progress=lambda done, total: print(done, flush=True))
print("done", flush=True)
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def _start(remote, dest: Path) -> subprocess.Popen:
    kwargs = client_kwargs(remote.sandbox)
    job = {"server": kwargs["server"], "email": kwargs["email"], "password": kwargs["password"],
           "video_id": remote.video_id, "dest": str(dest), "segment": SEGMENT}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", DRIVER], cwd=ROOT, env=env, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    child.stdin.write(json.dumps(job) + "\n")
    child.stdin.close()
    return child


def _missing_positions(part: Path) -> list[int]:
    """Where the next run must ask for bytes, by what the killed run left on disk."""
    try:
        recorded = json.loads(part.with_name(part.name + ".json").read_text()).get("segments")
    except FileNotFoundError:
        recorded = None
    if recorded is None:  # killed before the ranges were recorded: a fresh split of the prefix
        recorded = [[s.start, s.end, s.done] for s in split(SIZE, 4, SEGMENT, part_size(part))]
    return sorted(start + done for start, end, done in recorded if start + done < end)


def test_killed_at_random_moments_it_resumes_to_the_exact_file(remote, folder):
    remote.replace(media_bytes(7, SIZE))
    remote.sandbox.faults.limit_rate(4 * MIB)  # per answer: about 1.5 s a run, long enough to kill
    seed = int(os.environ.get("PIXOP_TEST_SEED", random.randrange(1 << 30)))
    chance = random.Random(seed)
    print(f"SIGKILL test seed {seed} (PIXOP_TEST_SEED={seed} repeats it)")
    dest, part = folder / "result.mp4", folder / "result.mp4.part"
    expected = _missing_positions(part)
    for kill in range(KILLS + 1):
        before = len(remote.sandbox.faults.download_starts())
        child = _start(remote, dest)
        if kill < KILLS:
            child.stdout.readline()  # the first progress report: the transfer is under way
            moment = chance.uniform(0.0, 1.2)
            print(f"kill {kill + 1}: {moment:.3f} s after the first progress report")
            time.sleep(moment)  # the random moment itself: there is no event to wait for
            child.send_signal(signal.SIGKILL)
        output = child.stdout.read()
        child.stdout.close()
        code = child.wait(timeout=60)
        asked = sorted(remote.sandbox.faults.download_starts()[before:])
        # Never a byte the sidecar recorded as done; each missing range asked for at most once.
        assert set(asked) <= set(expected), (kill, asked, expected)
        assert len(asked) == len(set(asked)), (kill, asked)
        if kill == KILLS or code == 0 or dest.exists():  # a kill that came just after the run finished
            break
        assert code == -signal.SIGKILL, output
        expected = _missing_positions(part)
        print(f"  the next run must ask for bytes from {expected}")
    assert (code == 0 and "done" in output) or (dest.exists() and not part.exists())
    assert asked == expected  # the last run fetched exactly the ranges still missing
    assert sha256_of(dest) == remote.sha256
    assert sorted(p.name for p in folder.iterdir()) == ["result.mp4"]
