"""Keep the computer awake while videos move, and let it sleep again when the queue is idle.

A laptop that sleeps in the middle of a 200 GB download stalls it for the night. While any
job runs, the system is asked not to sleep (the screen may still turn off):

- Windows: ``SetThreadExecutionState(ES_CONTINUOUS | ES_SYSTEM_REQUIRED)``, held by a thread of
  its own (the state belongs to the thread that set it);
- macOS: ``caffeinate -i -w PID`` (ends by itself if this process ends);
- Linux: ``systemd-inhibit --what=sleep`` around a process that ends with this one.

Where none of these is available nothing happens: staying awake is a courtesy, never a reason
for a job to fail.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
from typing import Protocol

from pixop_desktop.jobs.events import RunnerEvents
from pixop_desktop.jobs.model import Job, State

log = logging.getLogger(__name__)


class Inhibitor(Protocol):
    def hold(self) -> None: ...
    def release(self) -> None: ...


class CommandInhibitor:
    """Holds the system awake for as long as a helper program runs."""

    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.process: subprocess.Popen | None = None

    def hold(self) -> None:
        try:
            self.process = subprocess.Popen(self.command, stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as exc:
            log.info("Cannot keep the computer awake (%s): %s", self.command[0], exc)

    def release(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class WindowsInhibitor:  # pragma: no cover - runs on the Windows runners
    """SetThreadExecutionState from a thread that lives while the hold lasts."""

    _CONTINUOUS, _SYSTEM_REQUIRED = 0x80000000, 0x00000001

    def __init__(self) -> None:
        self._release = threading.Event()
        self._thread: threading.Thread | None = None

    def hold(self) -> None:
        self._release.clear()
        self._thread = threading.Thread(target=self._held, name="keep-awake", daemon=True)
        self._thread.start()

    def _held(self) -> None:
        import ctypes

        kernel32 = ctypes.windll.kernel32
        kernel32.SetThreadExecutionState(self._CONTINUOUS | self._SYSTEM_REQUIRED)
        try:
            while not self._release.wait(1.0):
                pass
        finally:
            kernel32.SetThreadExecutionState(self._CONTINUOUS)

    def release(self) -> None:
        self._release.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None


def system_inhibitor(platform: str = sys.platform) -> Inhibitor | None:
    """What keeps this system awake, or None where nothing can."""
    pid = str(os.getpid())
    if platform == "win32":
        return WindowsInhibitor()
    if platform == "darwin" and shutil.which("caffeinate"):
        return CommandInhibitor(["caffeinate", "-i", "-w", pid])
    if platform.startswith("linux") and shutil.which("systemd-inhibit") and shutil.which("tail"):
        return CommandInhibitor(["systemd-inhibit", "--what=sleep", "--who=Pixop Desktop",
                                 "--why=Sending videos to Pixop", "--mode=block",
                                 "tail", f"--pid={pid}", "-f", "/dev/null"])
    return None


class KeepAwake:
    """Follows a runner's jobs: holds the inhibitor while any job runs, releases it when none does."""

    def __init__(self, events: RunnerEvents, inhibitor: Inhibitor | None = None) -> None:
        self.inhibitor = inhibitor if inhibitor is not None else system_inhibitor()
        self._running: set[int] = set()
        self._held = False
        self._lock = threading.Lock()
        self._unsubscribe = events.subscribe_job_changed(self._job_changed)

    @property
    def held(self) -> bool:
        return self._held

    def _job_changed(self, job: Job) -> None:
        with self._lock:
            if job.state is State.RUNNING:
                self._running.add(job.id)
            else:
                self._running.discard(job.id)
            self._apply(bool(self._running))

    def _apply(self, want: bool) -> None:
        if self.inhibitor is None or want == self._held:
            return
        self._held = want
        (self.inhibitor.hold if want else self.inhibitor.release)()

    def close(self) -> None:
        self._unsubscribe()
        with self._lock:
            self._running.clear()
            self._apply(False)
