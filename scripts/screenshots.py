#!/usr/bin/env python3
"""Render the README's screenshots from the real widgets, against an in-process sandbox.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Runs itself inside scripts/with-test-session.sh (Xvfb, a private D-Bus and a throw-away
gnome-keyring), so the pictures look like a real X11 desktop with a Secret Service
keyring; without those tools it uses Qt's offscreen platform and no keyring. Uses a
throw-away PIXOP_DESKTOP_HOME and never touches your settings or keyring.

To add shots, append a function
``shot(context) -> list[(file_name, QWidget)]`` to ``SHOTS``; ``context`` has ``app``,
``sandbox``, ``settings``, ``wait_until`` and ``samples`` (three small real videos); after
``main_window_shots``, also ``window`` (the main window) and ``approval`` (its job waiting for
approval: a real video on the sandbox, for the wizard's estimate and the preview).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_BYTES = 200_000


def _ensure_display() -> None:
    if os.environ.get("PIXOP_SHOTS_INSIDE"):
        return
    if all(shutil.which(tool) for tool in ("xvfb-run", "dbus-run-session", "gnome-keyring-daemon")):
        env = dict(os.environ, PIXOP_SHOTS_INSIDE="1", QT_QPA_PLATFORM="xcb")
        command = [str(ROOT / "scripts" / "with-test-session.sh"), sys.executable, *sys.argv]
        sys.exit(subprocess.call(command, env=env))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@dataclass
class Context:
    app: object
    sandbox: object
    settings: object
    samples: list[Path]
    keep: list = field(default_factory=list)  # widgets that must live until the end
    window: object = None  # the main window, once main_window_shots made it
    approval: int = 0  # its job waiting for approval (a real video on the sandbox)

    def wait_until(self, condition: Callable[[], bool], timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the window did not get there in time")
            self.app.processEvents()
            time.sleep(0.01)
        from PySide6.QtCore import QEvent

        for _ in range(5):  # let layouts and repaints settle
            self.app.processEvents()
            # deleteLater() runs only from an event loop, which this script never enters
            self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def welcome_shots(ctx: Context):
    from pixop_desktop.ui.app.welcome import WelcomeDialog

    welcome = WelcomeDialog(ctx.settings, prefer_sandbox=True)
    welcome.samples._on_made(ctx.samples)  # as after "Make sample videos"
    welcome.show()
    ctx.keep.append(welcome)
    shots = [("welcome.png", welcome)]
    account = WelcomeDialog(ctx.settings, prefer_sandbox=False)
    account.show()
    form = account.account_form
    form.server_combo.setCurrentIndex(form.server_combo.findText("Custom server"))
    form.url_edit.setText(ctx.sandbox.url)
    form.email_edit.setText("demo@sandbox.pixop.local")
    form.password_edit.setText("demo-password")
    form.test()
    ctx.wait_until(lambda: "Connected as" in form.result_label.text())
    ctx.keep.append(account)
    shots.append(("welcome-account.png", account))
    choice = WelcomeDialog(ctx.settings, prefer_sandbox=True)
    choice.show()
    choice.start()  # Next: "What should Pixop do with your videos?", the recommended outcome chosen
    ctx.keep.append(choice)
    shots.append(("first-run-choice.png", choice))
    return shots


def settings_shots(ctx: Context):
    from pixop_desktop.api.client import PixopClient
    from pixop_desktop.ui.settings import SettingsDialog

    with PixopClient(ctx.sandbox.url, email="demo@sandbox.pixop.local", password="demo-password") as client:
        info = client.accounts.whoami()
    dialog = SettingsDialog(ctx.settings, account_info=info)
    dialog.account_page.form.email_edit.setText("demo@sandbox.pixop.local")
    dialog.show()
    ctx.keep.append(dialog)
    shots = []
    for name, page in (("settings-account.png", dialog.account_page),
                       ("settings-transfers.png", dialog.transfers_page),
                       ("settings-notifications.png", dialog.notifications_page)):
        dialog.show_page(page)
        ctx.wait_until(lambda: True)
        shots.append((name, _Snapshot(dialog)))
    return shots


def _concert_video(ctx: Context) -> Path:
    """A real two-minute SD video (few frames per second, so it is quick to make and to process)
    for the job waiting for approval: its estimate, wizard and preview are Pixop's real answers."""
    from pixop_desktop.ui.intake.sample_videos import Sample, _encode

    target = ctx.samples[0].parent / "concert_opening.mp4"
    _encode(Sample(target.name, "testsrc2", ""), target, seconds=120, width=320, height=240, fps=5)
    return target


def main_window_shots(ctx: Context):
    """The main window: real uploads of the samples, processed with the recommended preset and
    downloaded (a new user's default), a real video waiting for approval with its estimate, plus
    jobs in the other states.

    The samples and the concert really go through the sandbox (so the details show real metadata,
    a real quality assessment and a real price); the queued, uploading and failed rows are put in
    the queue as the runner would leave them, with the runner paused so they stay put.
    """
    from pixop_desktop.services.connection import ServerChoice
    from pixop_desktop.credentials import CredentialSource, Credentials
    from pixop_desktop.jobs.model import Job, JobError, Progress, Source, Stage, State
    from pixop_desktop.presets import get_preset
    from pixop_desktop.settings import AFTER_UPLOAD_PRESET, RECOMMENDED_PRESET, ServerKind
    from pixop_desktop.ui.window.main_window import MainWindow

    ctx.settings.after_upload = AFTER_UPLOAD_PRESET + RECOMMENDED_PRESET  # the welcome's choice, by Enter
    demo = Credentials("demo@sandbox.pixop.local", "demo-password", "sandbox-api-key", CredentialSource.SESSION)
    window = MainWindow(ServerChoice(ctx.sandbox.url, ServerKind.SANDBOX), lambda: demo, settings=ctx.settings)
    window.ask_before_closing = False
    window.resize(1320, 820)
    window.show()
    ctx.keep.append(window)
    ctx.window = window
    ctx.wait_until(lambda: "demo@" in window.account_bar.user_label.text() and window.runner is not None)
    store = window.store
    concert = _concert_video(ctx)
    [approval] = store.add_many([Job(Source.local(str(concert)), preset=RECOMMENDED_PRESET,
                                     processing=get_preset(RECOMMENDED_PRESET).request.to_json(),
                                     needs_approval=True, output_folder=ctx.settings.download_folder,
                                     server=ctx.sandbox.url)])
    ctx.approval = approval
    window.queue_model.refresh_jobs([approval])
    notes = ctx.samples[0].parent / "notes.txt"
    notes.write_text("not a video")
    window.intake.add_paths([*map(str, ctx.samples), str(notes)])
    ctx.wait_until(lambda: len(store.list_jobs()) == len(ctx.samples) + 1)
    ctx.wait_until(lambda: sum(j.state is State.DONE for j in store.list_jobs()) == len(ctx.samples)
                   and store.get(approval).state is State.NEEDS_APPROVAL, timeout=300)
    window.runner.pause_queue()
    queued, uploading, failed = store.add_many([
        Job(Source.local("/home/anna/Videos/interview_take3.mov", 734_003_200, 1)),
        Job(Source.local("/home/anna/Videos/archive_reel_1987.mxf", 2_147_483_648, 1)),
        Job(Source.local("/home/anna/Videos/broken_export.mov", 52_428_800, 1)),
    ])
    store.transition(uploading, State.RUNNING, stage=Stage.UPLOAD)
    store.transition(failed, State.RUNNING, stage=Stage.UPLOAD)
    store.transition(failed, State.FAILED, error=JobError(
        "File changed during upload", "“broken_export.mov” changed while it was being sent. Wait until the "
        "program writing it has finished, then press Retry."))
    window.queue_model.reload()
    window.queue_model.inbox.progress(uploading, Progress(902_000_000, 2_147_483_648, 42.0, 18_400_000, 68))
    window.queue.tick()
    window.queue.update_batch_line()  # the window redoes it every few seconds
    stage = lambda: window.queue_model.approval_line(store.get(approval)) or ""  # noqa: E731
    ctx.wait_until(lambda: "about $" in stage(), timeout=60)
    done = [job.id for job in store.list_jobs() if job.state is State.DONE]
    window.queue.select_jobs([done[0]])
    window.queue.table.setFocus()
    ctx.wait_until(lambda: "Quality assessment" in window.details.browser.toPlainText()
                   and "Loading" not in window.details.browser.toPlainText(), timeout=30)
    shots = [("main-window.png", _Snapshot(window))]
    from pixop_desktop.ui.queue.details_panel import DetailsPanel

    details = DetailsPanel(store)  # the same panel on its own, tall enough to show every section
    details.set_client(window.client)
    details.resize(520, 820)
    details.show()
    details.show_job(store.get(done[0]))
    ctx.keep.append(details)
    ctx.wait_until(lambda: "Quality assessment" in details.browser.toPlainText()
                   and "Loading" not in details.browser.toPlainText(), timeout=30)
    shots.append(("details.png", _Snapshot(details)))
    window.queue.select_jobs([failed])
    ctx.wait_until(lambda: "Retry" in window.details.browser.toPlainText())
    shots.append(("main-window-failed.png", _Snapshot(window)))
    window.queue.select_jobs([approval])
    from pixop_desktop.ui.queue.model import STAGE

    window.queue.table.resizeColumnToContents(STAGE)  # as a person widens it to read the price
    ctx.wait_until(lambda: "about $" in window.queue.action["approve"].text()
                   and "Loading" not in window.details.browser.toPlainText(), timeout=30)
    shots.append(("approval-estimate.png", _Snapshot(window)))
    return shots


def wizard_shots(ctx: Context):
    """Queue → Change processing… on the concert waiting for approval: the wizard's goal page, and
    its summary with Pixop's estimate for the chosen goal (an appraisal: nothing is ordered)."""
    editor = ctx.window.queue.editor
    editor.edit(ctx.approval)
    ctx.wait_until(lambda: editor.wizard is not None and editor.wizard.isVisible(), timeout=30)
    wizard = editor.wizard
    shots = [("wizard-goal.png", _Snapshot(wizard))]
    while wizard.currentPage() is not wizard.summary:
        wizard.next()
    ctx.wait_until(lambda: wizard.summary.estimate_label.text().startswith("About $"), timeout=60)
    shots.append(("wizard-estimate.png", _Snapshot(wizard)))
    wizard.reject()
    return shots


def preview_shots(ctx: Context):
    """Preview 10 seconds of the concert (Pixop really processes them), the before/after viewer
    opened on a frame in the middle, the divider in the middle."""
    previews = ctx.window.extras.previews
    opened = []
    previews.opened.connect(opened.append)
    previews.preview(ctx.approval)
    ctx.wait_until(lambda: bool(opened), timeout=240)
    viewer = opened[0]
    ctx.wait_until(lambda: viewer.shown == 0, timeout=30)
    middle = viewer.frame_count // 2
    viewer.go_to(middle)
    ctx.wait_until(lambda: viewer.shown == middle, timeout=30)
    viewer.canvas.set_divider(0.5)
    shot = [("preview-viewer.png", _Snapshot(viewer))]
    viewer.reject()
    return shot


def error_shots(ctx: Context):
    from pixop_desktop.ui.window.errors import UnexpectedErrorDialog, crash_report

    try:
        raise RuntimeError("an example of an unexpected problem (password=example-secret)")
    except RuntimeError:
        report = crash_report(*sys.exc_info())
    dialog = UnexpectedErrorDialog(report)
    dialog.show()
    ctx.keep.append(dialog)
    return [("unexpected-error.png", dialog)]


SHOTS: list[Callable[[Context], list]] = [welcome_shots, settings_shots, main_window_shots, wizard_shots,
                                          preview_shots, error_shots]


class _Snapshot:
    """A picture taken now (for one dialog shown with several pages)."""

    def __init__(self, widget) -> None:
        self.pixmap = widget.grab()

    def grab(self):
        return self.pixmap


def save(widget, path: Path) -> int:
    image = widget.grab().toImage()
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_RGB888)
    if not image.save(str(path), "PNG", 9):
        raise OSError(f"could not write {path}")
    size = path.stat().st_size
    if size > MAX_BYTES:  # a big screen: scale down to keep the README light
        image.scaledToWidth(int(image.width() * 0.75)).save(str(path), "PNG", 9)
        size = path.stat().st_size
    return size


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    _ensure_display()
    sys.path.insert(0, str(ROOT))
    home = Path(tempfile.mkdtemp(prefix="pixop-shots-"))
    os.environ["PIXOP_DESKTOP_HOME"] = str(home)
    try:
        return _render(args.out.resolve(), home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _render(out: Path, home: Path) -> int:
    import keyring
    from keyring.backends import fail

    from pixop_desktop.sandbox import Sandbox
    from pixop_desktop.settings import Settings
    from pixop_desktop.ui.app.start import create_application
    from pixop_desktop.ui.intake.sample_videos import make_sample_videos

    if not os.environ.get("PIXOP_SHOTS_INSIDE"):
        keyring.set_keyring(fail.Keyring())  # outside the throw-away session: never touch the real keyring
    app = create_application()
    out.mkdir(parents=True, exist_ok=True)
    with Sandbox(data_dir=home / "sandbox") as sandbox:
        samples = make_sample_videos(home / "samples", seconds=1, width=320, height=180)
        ctx = Context(app, sandbox, Settings(server=sandbox.url, server_kind="custom"), samples)
        for shot in SHOTS:
            for name, widget in shot(ctx):
                ctx.wait_until(lambda: True)
                size = save(widget, out / name)
                print(f"{out / name}  {size // 1024} KB")
        for widget in ctx.keep:
            if hasattr(widget, "shutdown"):
                widget.shutdown()
            widget.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
