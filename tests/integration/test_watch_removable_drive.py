"""A watched folder on a removable drive (a camera card, a USB stick) must not be held open: on
Windows the file-event observer keeps a handle on the folder and "Safely remove" refuses. Such a
folder is rescanned instead of watched, and arrivals are still found within seconds."""

from __future__ import annotations

import pytest

from pixop_desktop.jobs.store import JobStore
from pixop_desktop.platform_paths import DRIVE_CDROM, DRIVE_REMOVABLE, events_hold_folder_open
from pixop_desktop.watch.detector import FolderEvents
from pixop_desktop.watch.service import WatchService
from pixop_desktop.watch.watcher import EventKind
from tests.fixtures.clips import make_clip

from .watch_helpers import EventLog, make_rule, wait_until

pytestmark = pytest.mark.timeout(60)

FIXED = 3


@pytest.mark.parametrize(("path", "kind", "held"), [
    ("E:\\DCIM\\100CANON", DRIVE_REMOVABLE, True),
    ("D:\\", DRIVE_CDROM, True),
    ("C:\\Users\\ana\\Pixop In", FIXED, False),
    ("\\\\newsroom\\share\\in", DRIVE_REMOVABLE, False),
])
def test_windows_removable_drives_are_not_watched(path, kind, held):
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return kind

    assert events_hold_folder_open(path, "win32", drive_type=drive_type) is held
    assert all(root.endswith("\\") for root in asked)


@pytest.mark.parametrize("platform", ["darwin", "linux"])
def test_other_systems_watch_every_folder(platform):
    assert events_hold_folder_open("/Volumes/CARD/DCIM", platform, drive_type=lambda root: DRIVE_REMOVABLE) is False


def test_a_folder_on_a_card_is_rescanned_not_held_and_arrivals_are_still_found(tmp_path):
    card = tmp_path / "card"
    card.mkdir()

    def on_a_card(folder) -> bool:  # this folder, as Windows would see it on drive E:
        return events_hold_folder_open("E:\\DCIM", "win32", drive_type=lambda root: DRIVE_REMOVABLE)

    events = FolderEvents(holds_open=on_a_card)
    rule = make_rule("events", card)  # events mode: rescans every 120 s, events would do the work
    log = EventLog()
    with JobStore(tmp_path / "q.sqlite3") as store, \
            WatchService(store, [rule], on_event=log, folder_events=events) as service:
        watcher = service.watcher(rule.id)
        wait_until(lambda: watcher.scans >= 1, 10, "the first scan")
        assert events._observer is None  # nothing holds the card's folder open
        make_clip(card / "clip.mp4", seconds=1, width=64, height=48, fps=5)
        wait_until(lambda: log.of(EventKind.ARRIVED), 20, "the clip to be found by a rescan")
