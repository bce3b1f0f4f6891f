"""Seed 003's failure paths of an HTTPS import, end to end: the real CLI against the sandbox,
and real misbehaving HTTPS sources (https_source.py).

- a source announcing more than 500 GB is refused with a 400 that says so;
- a URL that answers 404 is refused with words about the address;
- a source that cuts the connection mid-copy fails the import and the job, once (no retries).
"""

from __future__ import annotations

import pytest

from pixop_desktop import cli
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox.importer import MAX_IMPORT_BYTES

from .https_source import HUGE_BYTES, VANISH_AFTER

pytestmark = pytest.mark.timeout(120)


def _refused(argv: list[str], capsys) -> str:
    status = cli.main(["import-url", *argv])
    err = capsys.readouterr().err
    assert status == 1, err
    return err


def _no_job_left() -> None:
    with JobStore() as store:
        assert store.list_jobs() == [], "a refused import leaves no job behind"


def test_a_source_over_500_gb_is_refused_in_plain_words(private_sandbox, source, capsys):
    assert HUGE_BYTES > MAX_IMPORT_BYTES
    err = _refused([f"{source.base}/huge.mp4", "--no-wait"], capsys)
    assert "larger than 500 GB" in err and "cannot be imported" in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert private_sandbox.state.videos() == [], "Pixop created no video"
    _no_job_left()


def test_a_url_that_answers_404_is_refused_naming_the_address_problem(private_sandbox, source, capsys):
    err = _refused([f"{source.base}/no-such-file.mp4", "--no-wait"], capsys)
    assert "Nothing was found at the url" in err and "404" in err and "check the address" in err
    assert "range requests" not in err, "a missing file is not called a range problem"
    assert private_sandbox.state.videos() == []
    _no_job_left()


def test_a_source_that_vanishes_mid_copy_fails_the_job_once(private_sandbox, source, capsys):
    assert len(source.data) > 2 * VANISH_AFTER, "the clip must be longer than what is sent"
    status = cli.main(["import-url", f"{source.base}/vanishes.mp4", "--connections", "1",
                       "--clip-wait", "0", "--poll-max", "0.2"])
    err = capsys.readouterr().err
    assert status == 1, err
    assert "Import failed" in err and "stopped sending data" in err and "connection was cut" in err
    assert "Traceback" not in err
    with JobStore() as store:
        [job] = store.list_jobs()
    assert job.state is State.FAILED and "must stay reachable" in job.error.message
    [video] = private_sandbox.state.videos()
    assert private_sandbox.state.record(video.id)["upload"]["status"] == "FAILED"
    assert private_sandbox.wait_idle(30)
    assert source.vanish_requests == [f"bytes=0-{len(source.data) - 1}"], \
        "the one range was fetched once: nothing is retried"
    assert private_sandbox.state.media_path(video.id) is None, "no partial video is kept"
