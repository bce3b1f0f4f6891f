"""The X display seen from outside the app: find its window (xwininfo) and photograph it (ImageMagick)."""

from __future__ import annotations

import re
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

# xwininfo -root -tree lines:  0x1a00007 "Title": ("name" "Class")  1000x640+0+0  +140+80
_LINE = re.compile(r'^\s*(0x[0-9a-f]+) "(?P<title>[^"]*)".*?\s(\d+)x(\d+)\+-?\d+\+-?\d+\s+\+(-?\d+)\+(-?\d+)\s*$')


@dataclass(frozen=True)
class Window:
    id: str
    title: str
    geometry: tuple[int, int, int, int]  # x, y, width, height on the root window


def windows() -> list[Window]:
    text = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=True,
                          timeout=10).stdout
    found = []
    for line in text.splitlines():
        match = _LINE.match(line)
        if match:
            wid, title, w, h, x, y = match.group(1), match["title"], *map(int, match.groups()[2:])
            found.append(Window(wid, title, (x, y, w, h)))
    return found


def window_ids() -> set[str]:
    return {window.id for window in windows()}


def await_window(title_part: str, process: subprocess.Popen, exclude: set[str] = frozenset(),
                 timeout: float = 30.0) -> Window:
    """Poll the X tree until a new, large-enough window whose title contains ``title_part`` appears."""
    pause = threading.Event()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for window in windows():
            if title_part in window.title and window.id not in exclude and window.geometry[2] > 200:
                return window
        if process.poll() is not None:
            raise AssertionError(f"the app exited with {process.returncode} before its window appeared")
        pause.wait(0.1)
    raise AssertionError(f"no window titled *{title_part}* within {timeout:.0f} s")


def screenshot(dest: Path) -> bytes:
    subprocess.run(["import", "-window", "root", f"png:{dest}"], check=True, capture_output=True, timeout=30)
    return dest.read_bytes()


def screenshot_until_stable(dest: Path, timeout: float = 15.0) -> Path:
    """Photograph the screen until two shots in a row are identical (the window finished drawing)."""
    previous = None
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while time.monotonic() < deadline:
        current = screenshot(dest)
        if current == previous:
            return dest
        previous = current
        pause.wait(0.3)
    return dest
