"""The measurements of ``benchmarks/wan.py``: the app and curl through the long-link relay."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from . import curl, engine, servers
from .curl import Run
from .media import make_video
from .report import Row, mb

ROOT = Path(__file__).resolve().parents[2]
MULTI_TARGET = 3.0   # the app with 4 connections vs one curl
SINGLE_TARGET = 0.9  # the app with 1 connection vs one curl


@contextmanager
def relay(target_port: int, rtt: float, rate: float) -> Iterator[str]:
    """The relay in a process of its own; yields its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.transferbench.wanrelay", "--target",
         f"127.0.0.1:{target_port}", "--rtt", str(rtt), "--rate", str(rate)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().split()
        if line[:1] != ["listening"]:
            raise RuntimeError("the relay did not start")
        yield f"http://127.0.0.1:{line[1]}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(4 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class WanBench:
    def __init__(self, tmp: Path, size: int, repeat: int, rtt: float, rate: float,
                 connections: list[int], origin: str) -> None:
        self.tmp, self.size, self.repeat, self.rtt, self.rate = tmp, size, repeat, rtt, rate
        self.connections, self.origin = connections, origin
        self.rows: list[Row] = []
        self.record: dict = {"size": size, "repeat": repeat, "rtt_s": rtt, "rate_per_connection": rate,
                             "origin": origin, "load_before": os.getloadavg()}

    def run_all(self) -> tuple[list[Row], dict]:
        print("Making the test video ...", flush=True)
        video = make_video(self.tmp / "large.mp4", self.size)
        with servers.sandbox(self.tmp / "sandbox") as sandbox:
            with servers.client(sandbox) as client:
                video_id = client.videos.create(name="wan benchmark").video_id
                headers = servers.header_file(self.tmp, client.current_jwt())
            with relay(sandbox.port, self.rtt, self.rate) as url:
                self.upload(sandbox, url, video_id, video, headers)
            video.unlink()
            expected = sandbox.state.media_sha256(video_id)
            media = sandbox.ctx.store.media_path(video_id)
            with self._origin(sandbox, media) as (root, port):
                with relay(port, self.rtt, self.rate) as url:
                    self.downloads(url, root != sandbox.url, video_id, headers, expected)
        self.record["load_after"] = os.getloadavg()
        return self.rows, self.record

    @contextmanager
    def _origin(self, sandbox, media: Path) -> Iterator[tuple[str, int]]:
        if self.origin != "nginx":
            yield sandbox.url, sandbox.port
            return
        with servers.nginx(media.parent, sandbox.url, self.tmp / "nginx") as root:
            if root is None:
                raise SystemExit(f"nginx not found: {servers.NGINX_HINT}")
            yield root, int(root.rsplit(":", 1)[1])

    def upload(self, sandbox, url: str, video_id: str, video: Path, headers: Path) -> None:
        print(f"Upload through the relay (RTT {self.rtt * 1000:.0f} ms, "
              f"{self.rate / 1e6:.0f} MB/s per connection):", flush=True)
        apps, curls = [], []
        for attempt in range(self.repeat):
            apps.append(engine.upload(url, video_id, video))
            sandbox.wait_idle()
            curls.append(curl.upload(f"{url}/media/v1/upload/light/{video_id}", video, headers))
            sandbox.wait_idle()
            print(f"  #{attempt + 1}: app {mb(apps[-1].mb_per_s)}, curl -F {mb(curls[-1].mb_per_s)}",
                  flush=True)
        self._ratio("upload", "upload: app / curl -F", apps, curls, SINGLE_TARGET)

    def downloads(self, url: str, nginx: bool, video_id: str, headers: Path, expected: str) -> None:
        print(f"Download through the relay from {'nginx' if nginx else 'the sandbox'}:", flush=True)
        target = self.tmp / "downloaded.mp4"
        curls: list[Run] = []
        apps: dict[int, list[Run]] = {n: [] for n in self.connections}
        for attempt in range(self.repeat):
            curls.append(curl.download(f"{url}/media/v1/download/original/{video_id}", target,
                                       self.size, headers))
            target.unlink()
            for count in self.connections:
                run, report = engine.download(url, video_id, target, self.size, connections=count)
                identical = sha256_of(Path(report["path"])) == expected
                Path(report["path"]).unlink()
                if not identical:
                    raise RuntimeError(f"the app's download with {count} connections is not the "
                                       "stored file (SHA-256 differs)")
                apps[count].append(run)
            print(f"  #{attempt + 1}: curl -o {mb(curls[-1].mb_per_s)}; app "
                  + ", ".join(f"{n} conn. {mb(apps[n][-1].mb_per_s)}" for n in self.connections),
                  flush=True)
        self.rows.append(Row("download: curl -o", mb(_best(curls).mb_per_s)))
        for count in self.connections:
            target_ratio = SINGLE_TARGET if count == 1 else MULTI_TARGET if count == 4 else None
            self._ratio(f"download_{count}", f"download: app {count} conn. / curl -o", apps[count],
                        curls, target_ratio)
        self.rows.append(Row("download: app output byte-identical (SHA-256)", "yes", "yes", True))

    def _ratio(self, key: str, label: str, apps: list[Run], refs: list[Run],
               target: float | None) -> None:
        app, ref = _best(apps), _best(refs)
        ratio = app.mb_per_s / ref.mb_per_s
        cpu = sorted(r.cpu_seconds / (r.bytes / (1 << 30)) for r in apps if r.cpu_seconds is not None)
        self.rows.append(Row(f"{label} ({mb(app.mb_per_s)})", f"{ratio:.2f}",
                             "" if target is None else f">= {target}",
                             None if target is None else ratio >= target))
        self.record[key] = {"app_mb_s": [r.mb_per_s for r in apps], "ref_mb_s": [r.mb_per_s for r in refs],
                            "ratio": ratio, "app_cpu_s_per_gib": cpu[len(cpu) // 2] if cpu else None}


def _best(runs: list[Run]) -> Run:
    return min(runs, key=lambda run: run.seconds / run.bytes)
