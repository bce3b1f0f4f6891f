"""The whole journey through the real CLI under each sandbox variant (and all of them at once).

For each variant, a sandbox of its own with short-lived tokens:
- upload → process → download (email/password): the token is expired once the file is up, the
  answer to the processing order is lost and the first download is cut half-way — still exit 0,
  the server's processed bytes on disk, the download resumed from its partial, one order;
- an HTTPS import processed and downloaded with only PIXOP_API_KEY, with the same lost answer
  and cut download;
- under error-state: a processing the server fails ends the CLI with one plain line on stderr,
  non-zero, within its deadline, after one order — through v1 and through the current API.
"""

from __future__ import annotations

import time

import pytest

from pixop_desktop import cli
from pixop_desktop.transfer.crc import file_crc32c
from pixop_desktop.sandbox import (
    DEFAULT_API_KEY,
    DEFAULT_EMAIL,
    DEFAULT_PASSWORD,
    Sandbox,
)

from .https_source import serve_https
from .jobs_helpers import sha256, video_shape
from .journey_helpers import (
    CLIP_FPS,
    CLIP_SECONDS,
    CUT_AFTER_BYTES,
    FAILURE_CASES,
    VARIANT_CASES,
    assert_ordered_once,
    assert_resumed,
    failing_processing,
    uploaded,
    when,
)

pytestmark = pytest.mark.timeout(60)

TWICE = '{"resolution": {"tag": "2x"}}'
DEADLINE_SECONDS = 30


@pytest.fixture
def clip(clip_factory):
    return clip_factory("journey.mp4", seconds=CLIP_SECONDS, fps=CLIP_FPS)


def _env(monkeypatch, sandbox: Sandbox, *, key_only: bool) -> None:
    monkeypatch.setenv("PIXOP_SERVER", sandbox.url)
    if key_only:
        monkeypatch.setenv("PIXOP_API_KEY", DEFAULT_API_KEY)
        monkeypatch.setenv("PIXOP_ALLOW_PRIVATE_IMPORT_URLS", "1")
    else:
        monkeypatch.setenv("PIXOP_EMAIL", DEFAULT_EMAIL)
        monkeypatch.setenv("PIXOP_PASSWORD", DEFAULT_PASSWORD)


def _upload(clip, out, process: str = TWICE) -> list[str]:
    return ["upload", str(clip), "--light", "--process", process, "--download", str(out), "--poll-max", "0.2"]


def _import(url: str, out, process: str = TWICE) -> list[str]:
    return ["import-url", url, "--process", process, "--download", str(out), "--poll-max", "0.2",
            "--clip-wait", "0"]


def _faults_midway(sandbox: Sandbox) -> None:
    sandbox.faults.drop_process_answers(1)
    sandbox.faults.cut_downloads(1, after_bytes=CUT_AFTER_BYTES)


def _assert_faults_fired(sandbox: Sandbox) -> None:
    assert not sandbox.faults.take_dropped_process_answer(), "the answer to the order was never dropped"
    assert_resumed(sandbox)


@pytest.mark.parametrize("variants", VARIANT_CASES)
def test_upload_process_download(variants, clip, tmp_path, monkeypatch, capsys):
    with Sandbox(data_dir=tmp_path / "sandbox", variants=variants, token_ttl=2) as sandbox:
        _env(monkeypatch, sandbox, key_only=False)
        _faults_midway(sandbox)
        with when(uploaded(sandbox), sandbox.faults.expire_tokens) as expired:
            status = cli.main(_upload(clip, tmp_path / "out"))
        captured = capsys.readouterr()
        assert status == 0, captured.err
        assert expired.is_set(), "the token was never expired mid-way"
        _name, video_id, output = captured.out.strip().split("\t")
        processed = assert_ordered_once(sandbox, video_id)
        assert sha256(output) == sandbox.state.media_sha256(processed.id)
        assert video_shape(output)[:2] == (320, 240)
        _assert_faults_fired(sandbox)


@pytest.mark.parametrize("variants", VARIANT_CASES)
def test_import_with_only_an_api_key(variants, clip, tmp_path, monkeypatch, capsys):
    with serve_https(tmp_path, clip) as source, \
            Sandbox(data_dir=tmp_path / "sandbox", variants=variants, allow_private_urls=True,
                    import_ca_file=source.ca_file) as sandbox:
        _env(monkeypatch, sandbox, key_only=True)
        _faults_midway(sandbox)
        status = cli.main(_import(f"{source.base}/clip.mp4", tmp_path / "out"))
        captured = capsys.readouterr()
        assert status == 0, captured.err
        _name, video_id, output, _clip = captured.out.strip().split("\t")
        processed = assert_ordered_once(sandbox, video_id)
        assert file_crc32c(output) == file_crc32c(sandbox.state.media_path(processed.id))
        assert video_shape(output)[:2] == (320, 240)
        _assert_faults_fired(sandbox)


def _assert_one_plain_line(status: int, err: str, seconds: float) -> None:
    """Non-zero, in time, and the failure said in one line at the end: the lines before it are
    the queue's progress lines (plain when stderr is not a terminal), never a traceback."""
    assert status != 0
    assert seconds < DEADLINE_SECONDS, f"the CLI took {seconds:.0f} s to give up"
    lines = err.strip().splitlines()
    said = [line for line in lines if line.startswith("pixop-desktop: ")]
    assert said == lines[-1:] and "Traceback" not in err, err
    assert "could not process" in said[0], err


def _timed(argv: list[str]) -> tuple[int, float]:
    began = time.monotonic()
    status = cli.main(argv)
    return status, time.monotonic() - began


@pytest.mark.parametrize("variants", FAILURE_CASES)
def test_a_failed_upload_processing_ends_with_one_line(variants, clip, tmp_path, monkeypatch, capsys):
    with Sandbox(data_dir=tmp_path / "sandbox", variants=variants, token_ttl=2) as sandbox:
        _env(monkeypatch, sandbox, key_only=False)
        status, seconds = _timed(_upload(clip, tmp_path / "out", failing_processing()))
        _assert_one_plain_line(status, capsys.readouterr().err, seconds)
        [original] = [v for v in sandbox.state.videos() if v.kind == "original"]
        assert assert_ordered_once(sandbox, original.id).processing_status == _failure_word(sandbox)
    assert not list((tmp_path / "out").glob("*")), "nothing downloaded"


@pytest.mark.parametrize("variants", FAILURE_CASES)
def test_a_failed_import_processing_ends_with_one_line(variants, clip, tmp_path, monkeypatch, capsys):
    with serve_https(tmp_path, clip) as source, \
            Sandbox(data_dir=tmp_path / "sandbox", variants=variants, allow_private_urls=True,
                    import_ca_file=source.ca_file) as sandbox:
        _env(monkeypatch, sandbox, key_only=True)
        status, seconds = _timed(_import(f"{source.base}/clip.mp4", tmp_path / "out", failing_processing()))
        _assert_one_plain_line(status, capsys.readouterr().err, seconds)
        [original] = [v for v in sandbox.state.videos() if v.kind == "original"]
        assert assert_ordered_once(sandbox, original.id).processing_status == _failure_word(sandbox)


def _failure_word(sandbox) -> str:
    """How the sandbox reports a failure: Pixop's v1 Java client's word under ``error-state``."""
    return "ERROR" if "error-state" in sandbox.variants else "FAILED"
