"""A dry run: what a rule would do with the files in its folder right now, without doing it.

Same decisions as the watcher (patterns, ledger, pre-flight probe, duplicate
content), except that it cannot wait for a file to settle: a file changed
less than the settle time ago is listed as "still changing". Nothing is
written, moved or sent.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pixop_desktop.transfer.probe import LocalFileRefused, preflight

from .detector import scan_folder
from .ledger import FileSeen, Ledger, fingerprint
from .rules import WatchRule
from .watcher import came_back


class Verdict(StrEnum):
    SUBMIT = "submit"            # would be sent now
    CHANGING = "changing"        # changed too recently: waits until it settles
    KNOWN = "known"              # already dealt with (in the ledger)
    DUPLICATE = "duplicate"      # same content already sent by this rule
    NOT_A_VIDEO = "not_a_video"  # left where it is


@dataclass(frozen=True, slots=True)
class DryRunItem:
    rel_path: str
    verdict: Verdict
    detail: str = ""


ORDER = list(Verdict)


def dry_run(rule: WatchRule, ledger: Ledger, *, now: float | None = None) -> list[DryRunItem]:
    """Every candidate file with what would happen to it; those to submit first."""
    now = time.time() if now is None else now
    root = Path(rule.folder)
    items = [_judge(rule, ledger, root, c.path, c.info, now) for c in scan_folder(rule)]
    return sorted(items, key=lambda item: (ORDER.index(item.verdict), item.rel_path))


def _judge(rule: WatchRule, ledger: Ledger, root: Path, path: Path, info, now: float) -> DryRunItem:
    seen = FileSeen.of(path, root, info)
    if (entry := ledger.known(rule.id, seen)) is not None and not came_back(entry, seen):
        return DryRunItem(seen.rel_path, Verdict.KNOWN, entry.state.value)
    if now - info.st_mtime_ns / 1e9 < rule.settle_seconds:
        return DryRunItem(seen.rel_path, Verdict.CHANGING)
    try:
        preflight(path)
    except LocalFileRefused as refusal:
        return DryRunItem(seen.rel_path, Verdict.NOT_A_VIDEO, refusal.title)
    try:
        earlier = ledger.paid_for(rule.id, fingerprint(path, seen.size), seen.folder)
    except OSError as exc:
        return DryRunItem(seen.rel_path, Verdict.CHANGING, str(exc))
    if earlier is not None:
        return DryRunItem(seen.rel_path, Verdict.DUPLICATE, earlier.rel_path)
    return DryRunItem(seen.rel_path, Verdict.SUBMIT)
