"""Claims on a shared watched folder (real files): held, given back, taken over when stale;
and the fingerprint a video's name carries."""

from __future__ import annotations

import json
import os
import time

from pixop_desktop.jobs.fingerprint import fingerprint, name_token, token_in
from pixop_desktop.jobs.model import Job, Source
from pixop_desktop.jobs.pipeline import is_ours, video_name
from pixop_desktop.watch.claims import Claims


def test_a_claim_is_held_against_another_owner_until_given_back(tmp_path):
    mine, theirs = Claims(tmp_path, "host-a/1"), Claims(tmp_path, "host-b/2")
    assert mine.take("sub/clip.mov") is None
    assert mine.take("sub/clip.mov") is None  # ours already
    holder = theirs.take("sub/clip.mov")
    assert holder is not None and holder.owner == "host-a/1" and f"process {os.getpid()}" in holder.describe()
    theirs.release("sub/clip.mov")  # not theirs to give back
    assert theirs.take("sub/clip.mov") is not None
    mine.release("sub/clip.mov")
    assert theirs.take("sub/clip.mov") is None


def test_a_stale_claim_is_taken_over_and_a_live_one_kept_alive(tmp_path):
    gone, alive = Claims(tmp_path, "host-a/1", stale_after=60), Claims(tmp_path, "host-b/2", stale_after=60)
    assert gone.take("x.mov") is None
    path = gone.path_for("x.mov")
    body = json.loads(path.read_text())
    path.write_text(json.dumps({**body, "heartbeat": time.time() - 61}))  # its owner stopped beating
    assert alive.take("x.mov") is None
    assert json.loads(path.read_text())["owner"] == "host-b/2"
    assert not [p for p in path.parent.iterdir() if p.name != path.name]  # nothing left beside it
    alive._refreshed.clear()
    alive.keep("x.mov")
    assert gone.take("x.mov") is not None


def test_a_half_written_claim_counts_as_held_until_it_is_stale(tmp_path):
    claims = Claims(tmp_path, "host-a/1", stale_after=60)
    path = claims.path_for("y.mov")
    path.parent.mkdir()
    path.write_text("")
    assert claims.take("y.mov") is not None
    old = time.time() - 120
    os.utime(path, (old, old))
    assert claims.take("y.mov") is None


def test_the_video_name_carries_the_fingerprint_before_the_tag(tmp_path):
    clip = tmp_path / "clip [1].mov"
    clip.write_bytes(os.urandom(5000))
    job = Job(Source.local(str(clip)))
    token = name_token(fingerprint(clip))
    name = video_name(job, token)
    assert is_ours(name, job) and token_in(name) == token and name.startswith("clip [1].mov [fp=5000.")
    assert token_in(video_name(job)) is None and name_token("v0:12:abc") is None
    assert len(video_name(Job(Source.local("n" * 400 + ".mov")), token)) <= 230
