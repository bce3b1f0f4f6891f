"""ui/tasks.BackgroundTasks: answers reach the GUI thread, only the newest of a kind counts."""

from __future__ import annotations

import threading

import pytest

from pixop_desktop.ui.tasks import BackgroundTasks

pytestmark = pytest.mark.timeout(30)


def _boom(_):
    raise ValueError("nope")


def test_a_superseded_answer_is_dropped_and_the_newest_arrives(qtbot):
    tasks = BackgroundTasks(max_threads=2)
    release = threading.Event()
    done, stale, finished = [], [], []

    def slow(value):
        release.wait(5)
        return value

    tasks.run("videos", slow, "old", on_done=done.append, on_stale=stale.append,
              on_finished=lambda: finished.append("old"))
    tasks.run("videos", str.upper, "new", on_done=done.append, on_finished=lambda: finished.append("new"))
    qtbot.waitUntil(lambda: done == ["NEW"], timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: stale == ["old"], timeout=5_000)
    qtbot.waitUntil(lambda: not tasks.busy("videos"), timeout=5_000)
    assert done == ["NEW"]
    assert finished == ["new"]
    tasks.shutdown()


def test_kinds_do_not_supersede_each_other(qtbot):
    tasks = BackgroundTasks(max_threads=2)
    done = []
    tasks.run(("look", 1), str, 1, on_done=done.append)
    tasks.run(("look", 2), str, 2, on_done=done.append)
    qtbot.waitUntil(lambda: sorted(done) == ["1", "2"], timeout=5_000)
    tasks.shutdown()


def test_an_error_is_reported_as_title_and_message_in_the_gui_thread(qtbot):
    tasks = BackgroundTasks()
    errors, threads = [], []

    def on_error(title, message):
        threads.append(threading.current_thread())
        errors.append((title, message))

    tasks.run("probe", _boom, 1, on_done=pytest.fail, on_error=on_error)
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert errors == [("Something went wrong", "ValueError: nope")]
    assert threads == [threading.main_thread()]
    tasks.shutdown()


def test_shutdown_drops_answers_still_to_come(qtbot):
    tasks = BackgroundTasks()
    release = threading.Event()
    done, stale = [], []

    def slow():
        release.wait(5)
        return "late"

    tasks.run("facts", slow, on_done=done.append, on_stale=stale.append)
    assert tasks.busy() and tasks.asked("facts")
    release.set()
    tasks.shutdown()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=5_000)
    assert done == [] and stale == ["late"] and not tasks.asked("facts")
