"""Claims on a shared watched folder: which machine sends which file.

Two machines (or two separate app homes) watching one network share each keep their own job
store, so neither's ledger knows what the other sent. Before sending a file a watcher claims it
ON THE SHARE: ``FOLDER/.pixop-claims/<hash of the file's relative path>.claim``, created with
``O_CREAT | O_EXCL`` (atomic on local disks, SMB 2+ and NFS v3+), holding who (host and job store, process),
which file, and a heartbeat the owner refreshes while the job runs. Another watcher that finds
the claim leaves the file alone; a claim whose heartbeat is older than ``stale_after`` (its
owner crashed or lost the share) is taken over. The claim is deleted when the job ends; the
file's later fate (sent already?) is then Pixop's to tell, by the fingerprint in video names.

Taking a stale claim over renames it aside first (one rename wins), then creates afresh, so two
watchers that both judged it stale cannot both win. Clocks: the heartbeat is the owner's wall
clock; machines sharing a folder are assumed within a few minutes of each other (NTP), far less
than the stale time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

CLAIMS_FOLDER = ".pixop-claims"
#: A claim not refreshed for this long is taken over (its owner is gone). Ten minutes: longer
#: than any pause of a live watcher (a sleeping laptop aside), short enough not to leave a
#: file unsent for long. ``PIXOP_WATCH_CLAIM_STALE_SECONDS`` overrides it (tests).
STALE_SECONDS = 600.0


def stale_seconds() -> float:
    try:
        return float(os.environ.get("PIXOP_WATCH_CLAIM_STALE_SECONDS", STALE_SECONDS))
    except ValueError:
        return STALE_SECONDS


def owner_for(store_path: str | os.PathLike[str]) -> str:
    """Who a claim belongs to: this machine and this job store. Not the process: a watcher that
    restarts (or the app and ``watch`` sharing one store) keeps its claims, since its jobs go on."""
    key = hashlib.sha256(os.fsencode(os.path.realpath(store_path))).hexdigest()[:12]
    return f"{socket.gethostname()}/{key}"


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a claim, as its file says."""

    owner: str
    pid: int | None
    heartbeat: float

    def describe(self) -> str:
        host = self.owner.rsplit("/", 1)[0]
        return f"{host} (process {self.pid})" if self.pid else host


class Claims:
    """The claims of one watcher in one watched folder."""

    def __init__(self, root: str | os.PathLike[str], owner: str, stale_after: float | None = None) -> None:
        self.folder = Path(root) / CLAIMS_FOLDER
        self.owner = owner
        self.stale_after = stale_seconds() if stale_after is None else stale_after
        self._refreshed: dict[str, float] = {}  # rel path → when this watcher last wrote its claim

    def path_for(self, rel_path: str) -> Path:
        digest = hashlib.sha256(rel_path.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        return self.folder / f"{digest}.claim"

    # ----- taking and giving back ---------------------------------------------------------

    def take(self, rel_path: str) -> Holder | None:
        """Claim the file; None when it is ours now, else who holds it."""
        path = self.path_for(rel_path)
        for _ in range(2):  # once more after taking over a stale claim
            if self._create(path, rel_path):
                return None
            holder = self.holder(path)
            if holder is None:
                continue  # released meanwhile
            if holder.owner == self.owner:
                return None
            if time.time() - holder.heartbeat < self.stale_after:
                return holder
            if not self._retire(path, holder):
                return self.holder(path) or holder
            log.warning("Took over the claim on %s from %s: no sign of it for %.0f s",
                        rel_path, holder.describe(), time.time() - holder.heartbeat)
        return self.holder(path)

    def keep(self, rel_path: str) -> None:
        """Refresh the heartbeat of our claim (at most every quarter of the stale time)."""
        now = time.time()
        if now - self._refreshed.get(rel_path, 0.0) < self.stale_after / 4:
            return
        path = self.path_for(rel_path)
        holder = self.holder(path)
        if holder is None or holder.owner == self.owner:
            self._write(path, rel_path)
        elif now - holder.heartbeat >= self.stale_after:
            self.take(rel_path)  # our job still runs: the file stays ours

    def release(self, rel_path: str) -> None:
        """Give the claim back (only our own)."""
        self._refreshed.pop(rel_path, None)
        path = self.path_for(rel_path)
        holder = self.holder(path)
        if holder is not None and holder.owner == self.owner:
            try:
                path.unlink()
            except OSError as exc:
                log.warning("Could not release the claim %s: %s", path, exc)

    # ----- the files ----------------------------------------------------------------------

    def holder(self, path: Path) -> Holder | None:
        """Who holds the claim at ``path`` (None if nobody). A claim caught while its owner is still
        writing it, or damaged, is held by "unknown" since its file's time."""
        try:
            raw = path.read_bytes()
            info = path.stat()
        except FileNotFoundError:
            return None
        try:
            data = json.loads(raw)
            return Holder(str(data["owner"]), data.get("pid"), float(data["heartbeat"]))
        except (ValueError, KeyError, TypeError):
            return Holder("an unknown machine", None, info.st_mtime)

    def _body(self, rel_path: str) -> bytes:
        return json.dumps({"owner": self.owner, "pid": os.getpid(), "file": rel_path,
                           "heartbeat": time.time()}).encode()

    def _create(self, path: Path, rel_path: str) -> bool:
        self.folder.mkdir(exist_ok=True)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        try:
            os.write(fd, self._body(rel_path))
        finally:
            os.close(fd)
        self._refreshed[rel_path] = time.time()
        return True

    def _write(self, path: Path, rel_path: str) -> None:
        temporary = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}.writing")
        try:
            temporary.write_bytes(self._body(rel_path))
            os.replace(temporary, path)
            self._refreshed[rel_path] = time.time()
        except OSError as exc:  # the share is away: tried again at the next pass
            log.warning("Could not refresh the claim %s: %s", path, exc)
            temporary.unlink(missing_ok=True)

    def _retire(self, path: Path, judged: Holder) -> bool:
        """Move a stale claim aside; False when another watcher got there first (then the claim
        now there, if any, is theirs)."""
        aside = path.with_name(f"{path.name}.stale-{uuid.uuid4().hex[:8]}")
        try:
            os.rename(path, aside)
        except FileNotFoundError:
            return True  # gone: free to create
        moved = self.holder(aside)
        if moved is not None and moved.owner != judged.owner:  # a fresh claim replaced it meanwhile
            try:
                os.link(aside, path)  # put it back unless yet another claim is there
            except OSError:
                pass
            aside.unlink(missing_ok=True)
            return False
        aside.unlink(missing_ok=True)
        return True
