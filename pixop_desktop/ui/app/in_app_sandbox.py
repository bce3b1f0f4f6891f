"""The sandbox the app runs in its own process (``--sandbox``, the welcome's choice), on a port
that stays the same from one launch to the next.

Jobs remember their server's address (``http://127.0.0.1:PORT``). A new port each launch
left every unfinished job pointing at a server that is gone; so the first port the system
gives is remembered in the settings (``sandbox_port``) and asked for again. When another
program holds it, a free port is taken, remembered, and the jobs of the old address move to
the new one (same data folder, same videos: it is the same sandbox). Qt-free.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

from pixop_desktop import paths
from pixop_desktop.credentials import CredentialSource, Credentials
from pixop_desktop.services.connection import ServerChoice
from pixop_desktop.settings import ServerKind, Settings, save_settings

log = logging.getLogger(__name__)

SANDBOX_DIR = "sandbox"
HOST = "127.0.0.1"


def sandbox_url(port: int) -> str:
    return f"http://{HOST}:{port}"


def start_in_app_sandbox(stack: contextlib.ExitStack, settings: Settings,
                         ) -> tuple[ServerChoice, Callable[[], Credentials]]:
    """Run the sandbox until ``stack`` closes; its data (``data_dir()/sandbox``) and port persist."""
    from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox

    data = paths.data_dir() / SANDBOX_DIR
    wanted = settings.sandbox_port
    box = None
    if wanted:
        try:
            box = Sandbox(data_dir=data, host=HOST, port=wanted).start()
        except OSError as exc:  # another program has it now
            log.info("the sandbox's port %s is taken (%s); using another", wanted, exc)
    if box is None:
        box = Sandbox(data_dir=data, host=HOST).start()
    stack.callback(box.stop)
    if box.port != wanted:
        _remember_port(settings, wanted, box.port)
    log.info("sandbox running at %s", box.url)
    demo = Credentials(DEFAULT_EMAIL, DEFAULT_PASSWORD, DEFAULT_API_KEY, CredentialSource.SESSION)
    return ServerChoice(box.url, ServerKind.SANDBOX), lambda: demo


def _remember_port(settings: Settings, old: int, new: int) -> None:
    settings.sandbox_port = new
    try:
        save_settings(settings)
    except OSError as exc:  # a read-only config folder: this launch still works
        log.warning("cannot remember the sandbox's port: %s", exc)
    if old:
        from pixop_desktop.jobs.store import JobStore

        with JobStore() as store:
            moved = store.move_server(sandbox_url(old), sandbox_url(new))
        log.info("the sandbox moved from port %s to %s; %s job(s) follow it", old, new, moved)
