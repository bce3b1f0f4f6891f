"""At the very start of the frozen app: put a staged, verified update in place and start it.

Light on purpose (no tufup, no network): it runs before every start, in the frozen entry point.
"""

from __future__ import annotations

import logging
import os
import sys

from pixop_desktop.updates.install import current_installation, state_dir
from pixop_desktop.updates.pending import apply_pending, discard, pending_update

log = logging.getLogger(__name__)


def apply_staged_update(argv: list[str] | None = None) -> None:
    """If an update is staged, swap it in and replace this process with the new program (same
    arguments). Returns only when there is nothing to do, or the update could not be used."""
    installation = current_installation()
    if installation is None or pending_update(state_dir()) is None:
        return
    if not installation.writable:  # installed by the system: its package manager updates it
        discard(state_dir())
        return
    try:
        version = apply_pending(state_dir(), installation.folder, installation.program)
    except OSError as exc:  # a file in use, a full disk: start as we are, try again next time
        print(f"pixop-desktop: the downloaded update could not be put in place ({exc}); "
              "starting the current version.", file=sys.stderr)
        return
    if version:
        args = sys.argv[1:] if argv is None else argv
        os.execv(installation.program, [str(installation.program), *args])
