"""Transfer benchmark: the app's upload/download engines against curl and nginx, on loopback.

    .venv/bin/python benchmarks/transfer.py [--size 2GiB] [--small 256MiB] [--repeat 3]
    make bench-transfer

One run measures, against the same sandbox (in this process; every measured client is a child
process of its own): upload throughput of ``transfer.upload.upload_file`` vs ``curl -F``;
download throughput of ``transfer.download.download_media`` vs ``curl -o``, from the sandbox
and from nginx serving the same stored file; the engine's peak RSS for a small and a large
file; and the bytes received by a download cut at 40 % and resumed, over the file size.
Throughput is the best of ``--repeat`` runs, app and curl interleaved. Results are printed
with their targets and written to ``benchmarks/results/transfer-<date>.json``. Temp files
(several times ``--size``) are removed at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Import through the repo root, never from benchmarks/ itself: a sibling script there may be
# named like a standard module (queue.py) and would shadow it for everything we import.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import argparse  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

from benchmarks.transferbench.measure import Bench  # noqa: E402
from benchmarks.transferbench.report import print_table, write_json  # noqa: E402

UNITS = {"": 1, "b": 1, "k": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mib": 1 << 20,
         "g": 1 << 30, "gib": 1 << 30, "kb": 10**3, "mb": 10**6, "gb": 10**9}


def parse_size(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text)
    if not match or match.group(2).lower() not in UNITS:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 2GiB, 256MiB)")
    return int(float(match.group(1)) * UNITS[match.group(2).lower()])


def pick_temp_root(requested: Path | None, need: int) -> Path:
    """tmpfs when it has room (takes disk write-back noise out of a network benchmark)."""
    if requested is not None:
        return requested
    shm = Path("/dev/shm")
    if shm.is_dir() and shutil.disk_usage(shm).free > need * 1.2:
        return shm
    return Path(tempfile.gettempdir())


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("2GiB"),
                        help="the large file (default 2GiB)")
    parser.add_argument("--small", type=parse_size, default=parse_size("256MiB"),
                        help="the small file, for peak RSS only (default 256MiB)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per throughput figure; the best counts (default 3)")
    parser.add_argument("--tmp", type=Path, default=None,
                        help="folder for temp files (default /dev/shm if it has room, else "
                             "the system temp folder); needs about 4 x --size free")
    parser.add_argument("--results", type=Path, default=_HERE / "results",
                        help="folder for the JSON record (default benchmarks/results)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if shutil.which("curl") is None:
        print("transfer benchmark: curl is needed (apt-get install curl)", file=sys.stderr)
        return 2
    root = pick_temp_root(args.tmp, 4 * args.size + args.small)
    with tempfile.TemporaryDirectory(prefix="pixop-bench-", dir=root) as tmp:
        print(f"Temp folder: {tmp}  (large file {args.size:,} B, small {args.small:,} B)")
        bench = Bench(Path(tmp), args.size, args.small, max(1, args.repeat))
        rows, record = bench.run_all()
    print_table("Transfer benchmark (loopback; throughput = best of "
                f"{max(1, args.repeat)}; MB = 10^6 bytes)", rows)
    path = write_json(args.results, record)
    print(f"Results written to {path}")
    return 0 if all(row.ok is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
