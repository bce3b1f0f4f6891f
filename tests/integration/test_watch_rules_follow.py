"""A running headless ``watch`` (saved rules) follows the rules the app saves: a paused folder stops."""

from __future__ import annotations

import threading

import pytest

from pixop_desktop import cli
from pixop_desktop.commands import watch
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.watch.rules import WatchRule, load_rules, replace_rule, save_rules
from tests.fixtures.clips import make_clip

from .watch_helpers import wait_until

pytestmark = pytest.mark.timeout(60)


def _clip(path, seconds):
    return make_clip(path, seconds=seconds, width=64, height=48, fps=5)


def _sources(store) -> list[str]:
    return sorted(job.source.path.rsplit("/", 1)[-1] for job in store.list_jobs())


def test_pausing_a_folder_in_the_app_stops_a_running_watcher(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(watch, "RULES_CHECK_SECONDS", 0.1)
    paused_later, control = tmp_path / "a", tmp_path / "b"
    paused_later.mkdir()
    control.mkdir()
    rule_a = WatchRule(folder=str(paused_later), name="A", settle_seconds=0.2, rescan_seconds=0.1, poll_only=True)
    rule_b = WatchRule(folder=str(control), name="B", settle_seconds=0.2, rescan_seconds=0.1, poll_only=True)
    save_rules([rule_a, rule_b])
    parser, _ = cli.build_parser()
    args = parser.parse_args(["watch", "--no-runner"])
    stop = threading.Event()
    with JobStore() as store:
        printer = watch.EventPrinter({r.id: r.display_name for r in load_rules()})
        thread = threading.Thread(target=watch._watch, args=(store, load_rules(), printer, stop, args, None))
        thread.start()
        try:
            _clip(paused_later / "one.mp4", 1)
            wait_until(lambda: _sources(store) == ["one.mp4"], 20, "A's first file")
            save_rules(replace_rule(load_rules(), rule_a.model_copy(update={"paused": True})))
            wait_until(lambda: "watching 1 now" in capsys.readouterr().err, 20, "the rules to be re-read")
            _clip(paused_later / "two.mp4", 2)   # A is paused: never taken
            _clip(control / "three.mp4", 3)      # B still runs: taken after the same settle time
            wait_until(lambda: "three.mp4" in _sources(store), 20, "B's file")
            _clip(control / "four.mp4", 1)       # and one more: A has had time to take two.mp4, had it run
            wait_until(lambda: "four.mp4" in _sources(store), 20, "B's second file")
            assert _sources(store) == ["four.mp4", "one.mp4", "three.mp4"]
        finally:
            stop.set()
            thread.join()
