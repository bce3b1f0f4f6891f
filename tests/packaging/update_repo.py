"""A signed update repository served over loopback, and stand-in app "bundles" to publish in it
(shared by the end-to-end update test and the window's update-check test)."""

from __future__ import annotations

import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.packaging.bundle import ROOT

sys.path.insert(0, str(ROOT / "packaging"))
import release  # noqa: E402  packaging/release.py, what publishers run

__all__ = ["LAUNCHER", "Server", "make_stand_in", "release"]

LAUNCHER = """\
import os, sys
from pathlib import Path
from pixop_desktop.updates.client import Updater, UpdateRefused
from pixop_desktop.updates.install import state_dir
from pixop_desktop.updates.pending import apply_pending
from pixop_desktop.updates.schedule import check_for_update

here = Path(__file__).resolve().parent
if apply_pending(state_dir(), here, Path(__file__)):  # what the frozen entry point does first
    os.execv(sys.executable, [sys.executable, __file__, *sys.argv[1:]])
version = (here / "VERSION").read_text().strip()
print("running", version, flush=True)
if len(sys.argv) > 1:
    updater = Updater(os.environ["UPDATE_URL"], install_folder=here, version=version, state_dir=state_dir(),
                      trusted_root=Path(os.environ["TRUSTED_ROOT"]))
    try:
        print(check_for_update(updater, download=sys.argv[1] == "update").sentence())
    except UpdateRefused as exc:
        print("REFUSED", exc.message)
"""


def make_stand_in(folder: Path, version: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "launcher.py").write_text(LAUNCHER, encoding="utf-8")
    (folder / "VERSION").write_text(version, encoding="utf-8")
    return folder


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 (the stdlib's name)
        pass


class Server:
    """The update repository's folder over loopback HTTP, as a static web server would serve it."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
