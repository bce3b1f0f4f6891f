"""The parent's side of ``child.py``: start it, hand it the job, collect a ``Run``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD

from .curl import Run

ROOT = Path(__file__).resolve().parents[2]


def _run_child(job: dict, size: int) -> tuple[Run, dict]:
    job = {"email": DEFAULT_EMAIL, "password": DEFAULT_PASSWORD, **job}
    # -m with the repo root as cwd: benchmarks/ itself is never on sys.path (it may hold
    # scripts named like standard modules).
    done = subprocess.run([sys.executable, "-m", "benchmarks.transferbench.child"], cwd=ROOT,
                          input=json.dumps(job), capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"the engine failed: {done.stderr.strip()[-2000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(report["seconds"], size, report.get("peak_rss"), report.get("cpu_seconds")), report


def upload(server: str, video_id: str, path: Path) -> Run:
    """``transfer.upload.upload_file`` (light ingestion) of ``path`` into ``video_id``."""
    run, _ = _run_child({"op": "upload", "server": server, "video_id": video_id,
                         "path": str(path)}, path.stat().st_size)
    return run


def download(server: str, video_id: str, dest: Path, size: int,
             connections: int | None = None) -> tuple[Run, dict]:
    """``transfer.download.download_media`` of the video's original into ``dest``."""
    run, report = _run_child({"op": "download", "server": server, "video_id": video_id,
                              "dest": str(dest), "connections": connections}, size)
    got = Path(report["path"]).stat().st_size
    if got != size:
        raise RuntimeError(f"the engine downloaded {got} bytes, expected {size}")
    return run, report
