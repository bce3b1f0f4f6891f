"""What is already in a folder when a rule is added, and "only new ones": leaving it alone.

A new rule would otherwise send every video already in its folder at once
(which costs money). Before a rule starts, ``already_there`` says how many
videos it would take; if the person wants only the videos that arrive from
now on, ``record_existing`` writes every file present now in the ledger as
``Entry.EXISTING``. The watcher treats such a file as known, by the same
match as any entry (folder + path or identity + size + modification time):
renamed in place it stays known; written again, changed or copied in anew
(a new size or time) it is a new file and is taken. An EXISTING entry is not
"paid for", so a later copy of the same content is sent, not called a duplicate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .detector import scan_folder
from .dryrun import Verdict, dry_run
from .ledger import Entry, FileSeen, Ledger
from .rules import WatchRule
from .watcher import came_back

REASON = "Already in the folder when it was added (only new videos are sent)."
#: Dry-run verdicts of files the rule would send (now, or once they settle).
WOULD_SEND = (Verdict.SUBMIT, Verdict.CHANGING)


@dataclass(frozen=True, slots=True)
class AlreadyThere:
    """The files a new rule finds in its folder that nothing has decided about yet."""

    videos: int                 # those it would send
    rel_paths: tuple[str, ...]  # all of them (sidecars and non-videos too: "only new" leaves them alone)


def already_there(rule: WatchRule, ledger: Ledger) -> AlreadyThere:
    """A dry run of the rule: slow (reads and probes files), so never on a GUI thread."""
    items = [item for item in dry_run(rule, ledger) if item.verdict is not Verdict.KNOWN]
    return AlreadyThere(sum(item.verdict in WOULD_SEND for item in items),
                        tuple(item.rel_path for item in items))


def record_existing(rule: WatchRule, ledger: Ledger, rel_paths: Iterable[str] | None = None) -> int:
    """Write the files in the folder now (only ``rel_paths``, if given) as EXISTING; how many.

    Files already in the ledger are left as they are. One transaction: all or none."""
    wanted = set(rel_paths) if rel_paths is not None else None
    root = Path(rule.folder)
    found = [FileSeen.of(c.path, root, c.info) for c in scan_folder(rule)]  # outside the store's lock
    written = 0
    with ledger.store.transaction():
        for seen in found:
            if wanted is not None and seen.rel_path not in wanted:
                continue
            earlier = ledger.known(rule.id, seen)
            if earlier is not None and not came_back(earlier, seen):
                continue
            ledger.record(rule.id, seen, Entry.EXISTING, reason=REASON)
            written += 1
    return written
