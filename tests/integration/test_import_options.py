"""Imports queued the way the app's dialogs queue them keep everything the person entered.

``imports.queueing.import_jobs`` makes jobs at their IMPORT stage with ``Job.import_options``;
the runner's ``import_source`` sends name, description, file name, CRC32C and connections.
A real HTTPS source on loopback, the sandbox with its private-URL switch, the real runner.
"""

from __future__ import annotations

import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.responses import FileResponse
from starlette.routing import Route

from pixop_desktop.transfer.crc import file_crc32c
from pixop_desktop.imports.params import HttpsImport, S3Import
from pixop_desktop.imports.queueing import import_jobs
from pixop_desktop.intake import JobOptions
from pixop_desktop.jobs.model import Stage, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEMO_S3_LOCATION_ID, Sandbox

from .https_source import _Ready, write_test_certificate
from .jobs_helpers import running

pytestmark = pytest.mark.timeout(120)


@dataclass
class CountingSource:
    """An HTTPS source that remembers the Range header of every request."""

    base: str
    ca_file: object
    ranges: list[str]


@contextmanager
def counting_https(folder, payload):
    cert_file, key_file = write_test_certificate(folder)
    ranges: list[str] = []

    async def serve(request):
        ranges.append(request.headers.get("range", ""))
        return FileResponse(payload)

    app = Starlette(routes=[Route("/{name}", serve)])
    server = _Ready(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off",
                                   ssl_certfile=str(cert_file), ssl_keyfile=str(key_file)))
    thread = threading.Thread(target=server.run, name="counting-https-source")
    thread.start()
    try:
        assert server.ready.wait(10), "the HTTPS source did not start"
        port = server.servers[0].sockets[0].getsockname()[1]
        yield CountingSource(f"https://127.0.0.1:{port}", cert_file, ranges)
    finally:
        server.should_exit = True
        thread.join()


@contextmanager
def private_sandbox(tmp_path, ca_file, monkeypatch):
    monkeypatch.setenv("PIXOP_ALLOW_PRIVATE_IMPORT_URLS", "1")  # the client's test-only twin of the switch
    with Sandbox(data_dir=tmp_path / "sandbox", allow_private_urls=True, import_ca_file=ca_file) as server:
        yield server


def _run(tmp_path, sandbox, imports) -> list:
    with JobStore(tmp_path / "queue.sqlite3") as store:
        ids = store.add_many(import_jobs(imports, JobOptions()))
        assert [store.get(i).stage for i in ids] == [Stage.IMPORT] * len(ids)
        with running(store, sandbox) as runner:
            assert runner.wait_for(ids, timeout=90)
        return [store.get(i) for i in ids]


def test_an_import_job_sends_name_description_file_name_and_crc32c(tmp_path, small_clip, monkeypatch):
    with counting_https(tmp_path, small_clip) as source, \
            private_sandbox(tmp_path, source.ca_file, monkeypatch) as sandbox:
        wanted = HttpsImport(f"{source.base}/clip.mp4", name="Archive reel", description="From the archive",
                             file_name="reel-1987.mp4", crc32c=file_crc32c(small_clip), connections=3)
        [job] = _run(tmp_path, sandbox, [wanted])
        assert job.state is State.DONE, job.error
        record = sandbox.state.record(job.video_id)
        assert record["name"] == f"Archive reel [{job.uid[:8]}]", "the person's name, tagged for crash recovery"
        assert record["description"] == "From the archive"
        assert record["upload"]["fileName"] == "reel-1987.mp4"
        assert sandbox.state.media_path(job.video_id).read_bytes() == small_clip.read_bytes()
        assert [v.id for v in sandbox.state.videos() if v.kind == "original"] == [job.video_id]


def test_a_wrong_crc32c_entered_in_the_dialog_fails_the_import(tmp_path, small_clip, monkeypatch):
    with counting_https(tmp_path, small_clip) as source, \
            private_sandbox(tmp_path, source.ca_file, monkeypatch) as sandbox:
        wrong = (file_crc32c(small_clip) + 1) % 2**32
        [job] = _run(tmp_path, sandbox, [HttpsImport(f"{source.base}/clip.mp4", crc32c=wrong)])
        assert job.state is State.FAILED
        assert job.error.title == "Import failed" and "CRC32C" in job.error.message
        assert sandbox.state.video(job.video_id).upload_status == "FAILED"


def test_the_connection_count_reaches_the_copy(tmp_path, monkeypatch):
    payload = tmp_path / "big.bin"
    payload.write_bytes(b"\0" * (3 * 2**20 + 100))  # four 1 MiB parts by default; not a video
    with counting_https(tmp_path, payload) as source, \
            private_sandbox(tmp_path, source.ca_file, monkeypatch) as sandbox:
        [job] = _run(tmp_path, sandbox, [HttpsImport(f"{source.base}/big.bin", connections=2)])
        assert sandbox.state.video(job.video_id).upload_done, "copied (ingestion then refuses the bytes)"
        copies = [r for r in source.ranges if r != "bytes=0-0"]  # the first asks the size
        assert len(copies) == 2, source.ranges


def test_an_s3_import_job_sends_name_description_and_file_name(tmp_path, sandbox, small_clip):
    shutil.copy(small_clip, sandbox.s3_folder() / "tape.mp4")
    wanted = S3Import(DEMO_S3_LOCATION_ID, "tape.mp4", name="Tape 7", description="Shelf B",
                      file_name="tape-7.mp4")
    [job] = _run(tmp_path, sandbox, [wanted])
    assert job.state is State.DONE, job.error
    record = sandbox.state.record(job.video_id)
    assert (record["name"], record["description"], record["upload"]["fileName"]) == (
        f"Tape 7 [{job.uid[:8]}]", "Shelf B", "tape-7.mp4")
