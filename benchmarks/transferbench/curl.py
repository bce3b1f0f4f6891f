"""``curl`` as the reference client: same endpoint, same token (read from a header file)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    """One measured transfer."""

    seconds: float
    bytes: int
    peak_rss: int | None = None
    """Bytes; None when not measured."""
    cpu_seconds: float | None = None
    """User + system CPU time the client spent (robust where wall time is noisy)."""

    @property
    def mb_per_s(self) -> float:
        return self.bytes / self.seconds / 1e6


def _run(argv: list[str], size: int) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace").strip()
    process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"curl failed ({process.returncode}): {error}")
    return Run(seconds, size, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime)


def sha256_cpu(path: Path) -> float | None:
    """CPU seconds ``openssl dgst -sha256`` spends on ``path``: what checking a download's
    SHA-256 adds to curl (None where openssl is missing). OpenSSL, as the app's hashlib: the
    CPU's SHA instructions where it has them (coreutils' sha256sum may not use them)."""
    if shutil.which("openssl") is None:
        return None
    return _run(["openssl", "dgst", "-sha256", str(path)], path.stat().st_size).cpu_seconds


def upload(url: str, path: Path, headers: Path) -> Run:
    """``curl -F file=@PATH`` — multipart POST with the bearer token from ``headers``."""
    argv = ["curl", "--silent", "--show-error", "--fail", "-H", f"@{headers}",
            "-F", f"file=@{path};type=video/mp4", "-o", os.devnull, url]
    return _run(argv, path.stat().st_size)


def download(url: str, target: Path, size: int, headers: Path | None = None) -> Run:
    """``curl -o TARGET`` — plain GET (with the bearer token when ``headers`` is given)."""
    argv = ["curl", "--silent", "--show-error", "--fail", "-o", str(target), url]
    if headers is not None:
        argv[4:4] = ["-H", f"@{headers}"]
    run = _run(argv, size)
    if target.stat().st_size != size:
        raise RuntimeError(f"curl downloaded {target.stat().st_size} bytes, expected {size}")
    return run
