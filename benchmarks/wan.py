"""Long-distance benchmark: the app's transfers against curl through a simulated long fat link.

    .venv/bin/python benchmarks/wan.py [--size 512MiB] [--rtt 0.15] [--rate 40e6] [--connections 1,4,8]
    make bench-wan

A relay on loopback (``transferbench/wanrelay.py``, its own process) delays every byte by half
the round trip each way and caps each TCP connection at ``--rate`` bytes/s, as a window-limited
stream over a long link is capped. Through it: the app's download (``download_media`` with 1, 4
and 8 connections, each in a child process) against ``curl -o``, and the app's upload against
``curl -F``. Throughput is the best of ``--repeat`` runs; every app download is checked
byte-identical (SHA-256) with the stored file. Targets: 4 connections >= 3x one curl; 1 connection
>= 0.9x curl. Results go to ``benchmarks/results/wan-<date>.json`` and ``.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

# As in transfer.py: import through the repo root, never from benchmarks/ itself.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from benchmarks.transfer import parse_size, pick_temp_root  # noqa: E402
from benchmarks.transferbench.report import Row, print_table  # noqa: E402
from benchmarks.transferbench.wan_measure import WanBench  # noqa: E402


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("512MiB"),
                        help="the file moved (default 512MiB)")
    parser.add_argument("--rtt", type=float, default=0.15, help="round trip in seconds (default 0.15)")
    parser.add_argument("--rate", type=float, default=40e6,
                        help="bytes/s per TCP connection and direction (default 40e6 = 40 MB/s)")
    parser.add_argument("--connections", default="1,4,8",
                        help="the app's connection counts to measure (default 1,4,8)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure; the best counts (default 1)")
    parser.add_argument("--origin", choices=("sandbox", "nginx"), default="sandbox",
                        help="who serves the download behind the relay (default: the sandbox)")
    parser.add_argument("--tmp", type=Path, default=None, help="folder for temp files (default /dev/shm "
                        "if it has room); needs about 3 x --size free")
    parser.add_argument("--results", type=Path, default=_HERE / "results",
                        help="folder for the JSON and markdown records (default benchmarks/results)")
    return parser.parse_args(argv)


def write_results(folder: Path, rows: list[Row], record: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"wan-{time.strftime('%Y%m%d-%H%M%S')}"
    record = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "host": platform.node(),
              "cpus": os.cpu_count(), "python": platform.python_version(),
              "platform": platform.platform(), **record}
    stem.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n")
    lines = [f"# Long-link benchmark, {record['when']}", "",
             f"{record['size'] / (1 << 20):.0f} MiB through a relay with {record['rtt_s'] * 1000:.0f} ms RTT "
             f"and {record['rate_per_connection'] / 1e6:.0f} MB/s per connection; origin "
             f"{record['origin']}; {record['cpus']} CPUs, load {record['load_before'][0]:.2f} before, "
             f"{record['load_after'][0]:.2f} after.", "",
             "| measure | value | target | result |", "|---|---|---|---|"]
    lines += [f"| {r.what} | {r.value} | {r.target} | {r.verdict} |" for r in rows]
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n")
    return stem


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if shutil.which("curl") is None:
        print("wan benchmark: curl is needed (apt-get install curl)", file=sys.stderr)
        return 2
    connections = [int(n) for n in args.connections.split(",") if n.strip()]
    root = pick_temp_root(args.tmp, 3 * args.size)
    with tempfile.TemporaryDirectory(prefix="pixop-wan-", dir=root) as tmp:
        print(f"Temp folder: {tmp}  (file {args.size:,} B; load {os.getloadavg()[0]:.2f})")
        bench = WanBench(Path(tmp), args.size, max(1, args.repeat), args.rtt, args.rate, connections,
                         args.origin)
        rows, record = bench.run_all()
    print_table(f"Long-link benchmark (RTT {args.rtt * 1000:.0f} ms, {args.rate / 1e6:.0f} MB/s per "
                f"connection; best of {max(1, args.repeat)}; MB = 10^6 bytes)", rows)
    stem = write_results(args.results, rows, record)
    print(f"Results written to {stem}.json and .md")
    return 0 if all(row.ok is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
