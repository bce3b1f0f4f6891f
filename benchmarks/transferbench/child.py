"""Run the app's transfer engine once, in its own process, and report time and peak memory.

Started by ``benchmarks/transfer.py`` as ``python -m benchmarks.transferbench.child`` with a
JSON job on stdin (so the sandbox's password never appears on a command line) and one JSON
line of results on stdout. Its own process means its peak RSS (``VmHWM``) is the engine's
alone: interpreter + imports + the transfer, nothing of the benchmark or the server.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def vm_hwm() -> int | None:
    """Peak resident set size of this process in bytes (Linux), else None."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _peak_rss_portable() -> int | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _cpu() -> float:
    times = os.times()
    return times.user + times.system


def run(job: dict) -> dict:
    from pixop_desktop.api import PixopClient
    from pixop_desktop.transfer.download import download_media
    from pixop_desktop.transfer.upload import upload_file

    client = PixopClient(job["server"], email=job["email"], password=job["password"],
                         timeout=120.0)
    try:
        client.current_jwt()  # sign in before the clock starts, as the app would be
        before = vm_hwm()
        cpu_before = _cpu()
        started = time.perf_counter()
        if job["op"] == "upload":
            upload_file(client, job["video_id"], job["path"], light=True)
            extra = {}
        else:
            result = download_media(client, job["video_id"], job["dest"], original=True,
                                    connections=job.get("connections"))
            extra = {"bytes_received": result.bytes_received, "attempts": result.attempts,
                     "path": str(result.path)}
        seconds = time.perf_counter() - started
        cpu_seconds = _cpu() - cpu_before
    finally:
        client.close()
    return {"seconds": seconds, "cpu_seconds": cpu_seconds,
            "peak_rss": vm_hwm() or _peak_rss_portable(),
            "rss_before_transfer": before, **extra}


def main() -> int:
    print(json.dumps(run(json.loads(sys.stdin.read()))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
