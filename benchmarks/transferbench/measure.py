"""The measurements of one benchmark run, in order, each printed as it finishes."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

from . import curl, engine, servers
from .curl import Run
from .media import make_video
from .relay import CountingRelay
from .report import (CPU_TARGET, RATIO_TARGET, RESUME_TARGET, RSS_SAME_WITHIN, RSS_TARGET, Row, mb, mib)

CUT_AT = 0.4


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda run: run.seconds / run.bytes)


def peak(runs: list[Run]) -> int | None:
    values = [run.peak_rss for run in runs if run.peak_rss is not None]
    return max(values) if values else None


def median_cpu(runs: list[Run]) -> float | None:
    """Median CPU seconds per GiB: what the client costs, whatever else the machine does."""
    values = sorted(r.cpu_seconds / (r.bytes / (1 << 30)) for r in runs if r.cpu_seconds is not None)
    return values[len(values) // 2] if values else None


def cpu_per_gib(runs: list[Run]) -> str:
    value = median_cpu(runs)
    return "n/a" if value is None else f"{value:.2f}"


class Bench:
    def __init__(self, tmp: Path, size: int, small: int, repeat: int) -> None:
        self.tmp, self.size, self.small, self.repeat = tmp, size, small, repeat
        self.rows: list[Row] = []
        self.record: dict = {"size": size, "small": small, "repeat": repeat}

    # --- the whole run ------------------------------------------------------------------
    def run_all(self) -> tuple[list[Row], dict]:
        print("Making the test videos ...", flush=True)
        big = make_video(self.tmp / "large.mp4", self.size)
        small = make_video(self.tmp / "small.mp4", self.small)
        with servers.sandbox(self.tmp / "sandbox") as sandbox:
            self.sandbox = sandbox
            with servers.client(sandbox) as client:
                big_id = client.videos.create(name="benchmark large").video_id
                small_id = client.videos.create(name="benchmark small").video_id
                self.headers = servers.header_file(self.tmp, client.current_jwt())
            self.uploads(big_id, big)
            big.unlink()  # the sandbox has its own copy now; keep the disk use down
            self.downloads(big_id)
            self.small_file(small_id, small)
            self.resumed(big_id)
        return self.rows, self.record

    def _interleaved(self, label: str, app: Callable[[], Run], ref: Callable[[], Run],
                     ref_name: str) -> tuple[list[Run], list[Run]]:
        apps, refs = [], []
        for attempt in range(self.repeat):
            apps.append(app())
            refs.append(ref())
            print(f"  {label} #{attempt + 1}: app {mb(apps[-1].mb_per_s)}, "
                  f"{ref_name} {mb(refs[-1].mb_per_s)}", flush=True)
        return apps, refs

    def _compare(self, key: str, label: str, apps: list[Run], refs: list[Run], ref: str,
                 checks: list[float] | None = None) -> None:
        app_best, ref_best = best(apps), best(refs)
        ratio = app_best.mb_per_s / ref_best.mb_per_s
        self.rows += [Row(f"{label}: app engine", mb(app_best.mb_per_s)),
                      Row(f"{label}: {ref}", mb(ref_best.mb_per_s)),
                      Row(f"{label}: ratio app/{ref}", f"{ratio:.2f}", f">= {RATIO_TARGET}",
                          ratio >= RATIO_TARGET),
                      Row(f"{label}: client CPU s/GiB app | {ref}",
                          f"{cpu_per_gib(apps)} | {cpu_per_gib(refs)}")]
        self.rows += self._cpu_rows(label, apps, refs, ref, checks)
        self.record[key] = {"app_mb_s": [r.mb_per_s for r in apps],
                            f"{ref}_mb_s": [r.mb_per_s for r in refs], "ratio": ratio,
                            "app_cpu_s": [r.cpu_seconds for r in apps],
                            f"{ref}_cpu_s": [r.cpu_seconds for r in refs],
                            "app_peak_rss": peak(apps)}

    def _cpu_rows(self, label: str, apps: list[Run], refs: list[Run], ref: str,
                  checks: list[float] | None) -> list[Row]:
        """CPU per GiB app/reference; where the app checks the SHA-256 the server's ETag names
        (the sandbox's), also against the reference plus ``openssl dgst -sha256``: the same work."""
        app, plain = median_cpu(apps), median_cpu(refs)
        if app is None or plain is None:
            return []
        rows = [Row(f"{label}: CPU ratio app/{ref}", f"{app / plain:.2f}", f"<= {CPU_TARGET}",
                    app / plain <= CPU_TARGET)]
        if checks:
            checked = plain + sorted(checks)[len(checks) // 2] / (self.size / (1 << 30))
            rows.append(Row(f"{label}: CPU ratio app/({ref} + openssl sha256), both checking",
                            f"{app / checked:.2f}", f"<= {CPU_TARGET}", app / checked <= CPU_TARGET))
        return rows

    # --- sections -----------------------------------------------------------------------
    def uploads(self, video_id: str, path: Path) -> None:
        print("Upload (light ingestion), sandbox:", flush=True)
        url = f"{self.sandbox.url}/media/v1/upload/light/{video_id}"

        def app() -> Run:
            run = engine.upload(self.sandbox.url, video_id, path)
            self.sandbox.wait_idle()
            return run

        def ref() -> Run:
            run = curl.upload(url, path, self.headers)
            self.sandbox.wait_idle()
            return run

        apps, refs = self._interleaved("upload", app, ref, "curl")
        self._compare("upload", "upload", apps, refs, "curl")
        self.big_upload_rss = peak(apps)

    def downloads(self, video_id: str) -> None:
        print("Download, sandbox:", flush=True)
        self._download_pair("download_sandbox", "download sandbox", self.sandbox.url, video_id)
        self._unchecked(video_id)
        media = self.sandbox.ctx.store.media_path(video_id)
        with servers.nginx(media.parent, self.sandbox.url, self.tmp / "nginx") as root:
            if root is None:
                print(f"  nginx not found — skipped; {servers.NGINX_HINT}", flush=True)
                self.rows.append(Row("download nginx", "skipped: nginx missing"))
                return
            print("Download, nginx:", flush=True)
            self._download_pair("download_nginx", "download nginx", root, video_id)

    def _unchecked(self, video_id: str) -> None:
        """The same download with a weak ETag, which names no digest: the engine's own CPU per
        GiB without the SHA-256 check, against curl's from the pair just measured."""
        target = self.tmp / "downloaded.mp4"
        self.sandbox.faults.weak_etag()
        try:
            runs = []
            for _ in range(self.repeat):
                run, _ = engine.download(self.sandbox.url, video_id, target, self.size)
                target.unlink()
                runs.append(run)
        finally:
            self.sandbox.faults.reset()
        app, ref = median_cpu(runs), self.record["download_sandbox"]["curl_cpu_s"]
        ref_median = sorted(ref)[len(ref) // 2] / (self.size / (1 << 30)) if ref else None
        if app is None or not ref_median:
            return
        print(f"  download sandbox, no digest to check: app {mb(best(runs).mb_per_s)}", flush=True)
        speed = best(runs).mb_per_s / max(self.record["download_sandbox"]["curl_mb_s"])
        self.rows += [Row("download sandbox, no digest to check: ratio app/curl", f"{speed:.2f}",
                          f">= {RATIO_TARGET}", speed >= RATIO_TARGET),
                      Row("download sandbox, no digest to check: CPU ratio app/curl",
                          f"{app / ref_median:.2f}", f"<= {CPU_TARGET}", app / ref_median <= CPU_TARGET)]
        self.record["download_sandbox_unchecked"] = {"app_mb_s": [r.mb_per_s for r in runs],
                                                     "app_cpu_s": [r.cpu_seconds for r in runs]}

    def _download_pair(self, key: str, label: str, root: str, video_id: str) -> None:
        target = self.tmp / "downloaded.mp4"
        url = f"{root}/media/v1/download/original/{video_id}"

        def app() -> Run:
            run, _ = engine.download(root, video_id, target, self.size)
            target.unlink()
            return run

        # The sandbox's ETag is the media's SHA-256, which the app checks as the bytes arrive;
        # nginx's is a version tag, checked by nobody.
        checks: list[float] = []

        def ref() -> Run:
            run = curl.download(url, target, self.size, self.headers)
            if key == "download_sandbox" and (cpu := curl.sha256_cpu(target)) is not None:
                checks.append(cpu)
            target.unlink()
            return run

        apps, refs = self._interleaved(label, app, ref, "curl")
        self._compare(key, label, apps, refs, "curl", checks)
        if key == "download_sandbox":
            self.big_download_rss = peak(apps)

    def small_file(self, video_id: str, path: Path) -> None:
        print("Peak RSS with the small file ...", flush=True)
        up = engine.upload(self.sandbox.url, video_id, path)
        self.sandbox.wait_idle()
        target = self.tmp / "small-downloaded.mp4"
        down, _ = engine.download(self.sandbox.url, video_id, target, self.small)
        target.unlink()
        path.unlink()
        for what, small_rss, big_rss in (("upload", up.peak_rss, self.big_upload_rss),
                                         ("download", down.peak_rss, self.big_download_rss)):
            self._rss_rows(what, small_rss, big_rss)

    def _rss_rows(self, what: str, small_rss: int | None, big_rss: int | None) -> None:
        sizes = (mib(self.small), mib(self.size))
        for size_text, value in zip(sizes, (small_rss, big_rss)):
            ok = None if value is None else value < RSS_TARGET
            self.rows.append(Row(f"peak RSS {what}, {size_text}", mib(value),
                                 f"< {mib(RSS_TARGET)}", ok))
        same = None if None in (small_rss, big_rss) else abs(big_rss - small_rss) <= RSS_SAME_WITHIN
        delta = "n/a" if same is None else mib(big_rss - small_rss)
        self.rows.append(Row(f"peak RSS {what}, large - small", delta,
                             f"|x| <= {mib(RSS_SAME_WITHIN)}", same))
        self.record[f"peak_rss_{what}"] = {"small": small_rss, "large": big_rss}

    def resumed(self, video_id: str) -> None:
        print(f"Download cut at {CUT_AT:.0%} and resumed ...", flush=True)
        target = self.tmp / "resumed.mp4"
        self.sandbox.faults.cut_downloads(count=1, after_bytes=int(CUT_AT * self.size))
        with CountingRelay(("127.0.0.1", self.sandbox.port)) as relay:
            _, report = engine.download(relay.url, video_id, target, self.size)
            wire = relay.downstream
        self.sandbox.faults.reset()
        intact = _sha256(target) == self.sandbox.state.media_sha256(video_id)
        target.unlink()
        ratio = wire / self.size
        self.rows += [
            Row("resumed download: attempts", str(report.get("attempts"))),
            Row("resumed download: file intact (SHA-256)", "yes" if intact else "NO", "yes", intact),
            Row("resumed download: wire bytes / size", f"{ratio:.4f}", f"<= {RESUME_TARGET}",
                ratio <= RESUME_TARGET),
            Row("resumed download: engine's count / size",
                f"{report['bytes_received'] / self.size:.4f}")]
        self.record["resumed"] = {"wire_bytes": wire, "engine_bytes": report["bytes_received"],
                                  "attempts": report.get("attempts"), "ratio": ratio,
                                  "intact": intact}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(4 << 20):
            digest.update(chunk)
    return digest.hexdigest()
