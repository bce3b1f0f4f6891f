"""Targets, the printed table and the JSON record of one benchmark run."""

from __future__ import annotations

import json
import platform
import time
from dataclasses import dataclass
from pathlib import Path

MIB = 1 << 20
RATIO_TARGET = 0.9  # throughput app/curl (issue 16)
CPU_TARGET = 1.25  # CPU per GiB app/curl at most (issue 16)
RSS_TARGET = 150 * MIB
RSS_SAME_WITHIN = 10 * MIB  # "the same for both sizes": peaks at most this far apart
RESUME_TARGET = 1.01


@dataclass
class Row:
    what: str
    value: str
    target: str = ""
    ok: bool | None = None  # None: a figure without a target

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else ("PASS" if self.ok else "MISS")


def mb(value: float) -> str:
    return f"{value:,.0f} MB/s"


def mib(value: int | None) -> str:
    return "n/a" if value is None else f"{value / MIB:,.1f} MiB"


def print_table(title: str, rows: list[Row]) -> None:
    widths = [max(len(r.what) for r in rows), max(len(r.value) for r in rows),
              max(len(r.target) for r in rows)]
    print(f"\n{title}")
    print(f"{'measure':<{widths[0]}}  {'value':>{widths[1]}}  {'target':<{widths[2]}}  result")
    print("-" * (sum(widths) + 14))
    for r in rows:
        print(f"{r.what:<{widths[0]}}  {r.value:>{widths[1]}}  {r.target:<{widths[2]}}  {r.verdict}")
    misses = [r.what for r in rows if r.ok is False]
    print(f"\n{'All targets met.' if not misses else f'{len(misses)} target(s) missed.'}")


def write_json(folder: Path, record: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"transfer-{time.strftime('%Y%m%d-%H%M%S')}.json"
    record = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "host": platform.node(),
              "python": platform.python_version(), "platform": platform.platform(), **record}
    path.write_text(json.dumps(record, indent=2) + "\n")
    return path
