"""Progress of queued jobs for the CLI: one line per job, fed by the runner's events.

On a terminal: a rich bar per job (stage words, percent, speed). Elsewhere (a
log file, CI, a pipe): plain lines like ``job 3 (clip.mp4): Uploading 40 % (9.6 Mbit/s)``
— one when a job moves to another stage or ends, and progress of the same
stage at most every ``PLAIN_INTERVAL`` seconds per job, never an animation.
Everything goes to stderr: stdout carries only results for scripts.

Events arrive on the runner's worker threads, so every method takes a lock.

Usage::

    with QueueProgress().watching(runner.events):
        runner.start(); runner.wait_for(ids) …
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from typing import Iterator, TextIO

from pixop_desktop.commands._common import printable
from pixop_desktop.commands.progress import PLAIN_INTERVAL, is_terminal
from pixop_desktop.jobs.events import RunnerEvents
from pixop_desktop.jobs.model import Job, Progress, State
from pixop_desktop.services.words import format_speed, stage_words


def job_words(job: Job) -> str:
    """What a job is doing, in the window's words (``services.words``), plus what only a log line
    can add: why it failed, and why a queued job waits to try again."""
    words = stage_words(job)
    if job.state is State.FAILED and job.error:
        words += f": {job.error.title}"
    if job.state is State.QUEUED and job.error and job.attempts:
        words += f" (will retry: {job.error.title})"
    return words


def progress_words(progress: Progress | None) -> str:
    """" 40 % (9.6 Mbit/s)", or "" when there is nothing to tell."""
    if progress is None or progress.percent is None:
        return ""
    text = f" {progress.percent:.0f} %"
    if progress.speed_bps:
        text += f" ({format_speed(progress.speed_bps)})"
    return text


class QueueProgress:
    """Shows the jobs a runner works on; ``terminal`` None = decide from the stream."""

    def __init__(self, stream: TextIO | None = None, *, terminal: bool | None = None,
                 interval: float = PLAIN_INTERVAL) -> None:
        self.stream = stream or sys.stderr
        self.terminal = is_terminal(self.stream) if terminal is None else terminal
        self.interval = interval
        self._lock = threading.Lock()
        self._label: dict[int, str] = {}
        self._words: dict[int, str] = {}
        self._last_line: dict[int, float] = {}
        self._bar = None
        self._tasks: dict[int, int] = {}

    @contextlib.contextmanager
    def watching(self, events: RunnerEvents) -> Iterator[QueueProgress]:
        """Subscribe for the duration of the block; the bars are closed afterwards."""
        if self.terminal:
            self._start_bar()
        unsubscribe = [events.subscribe_job_changed(self.job_changed),
                       events.subscribe_progress(self.progress)]
        try:
            yield self
        finally:
            for stop in unsubscribe:
                stop()
            if self._bar is not None:
                self._bar.stop()

    # ----- events (any thread) ---------------------------------------------------------------

    def job_changed(self, job: Job) -> None:
        words = job_words(job)
        with self._lock:
            self._label[job.id] = f"job {job.id} ({printable(job.source.file_name)})"
            if self._words.get(job.id) == words:
                return  # a status poll taken up again: no news
            self._words[job.id] = words
            self._last_line[job.id] = time.monotonic()
            if self._bar is not None:
                self._show_bar(job.id, words, None, state=job.state)
            else:
                self._write(f"{self._label[job.id]}: {words}")

    def progress(self, job_id: int, progress: Progress | None) -> None:
        with self._lock:
            words = self._words.get(job_id)
            if words is None:
                return  # not announced yet: its first job_changed comes first
            if self._bar is not None:
                self._show_bar(job_id, words, progress)
                return
            now = time.monotonic()
            if now - self._last_line.get(job_id, 0.0) < self.interval:
                return
            self._last_line[job_id] = now
            self._write(f"{self._label[job_id]}: {words}{progress_words(progress)}")

    # ----- output --------------------------------------------------------------------------

    def _write(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress as Bars, TaskProgressColumn, TextColumn

        columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                   TextColumn("{task.fields[speed]}"))
        self._bar = Bars(*columns, console=Console(file=self.stream, force_terminal=True), transient=False)
        self._bar.start()

    def _show_bar(self, job_id: int, words: str, progress: Progress | None, *, state: State | None = None) -> None:
        description = f"{self._label[job_id]}: {words}"
        if job_id not in self._tasks:
            self._tasks[job_id] = self._bar.add_task(description, total=None, speed="")
        task = self._tasks[job_id]
        if state is State.DONE:
            self._bar.update(task, description=description, total=100, completed=100, speed="")
        elif state in (State.FAILED, State.CANCELLED, State.PAUSED):
            self._bar.update(task, description=description, speed="")  # the bar stays where it stopped
        elif progress is None or progress.percent is None:
            self._bar.update(task, description=description, total=None, completed=0, speed="")
        else:
            speed = format_speed(progress.speed_bps)
            self._bar.update(task, description=description, total=100, completed=progress.percent, speed=speed)
