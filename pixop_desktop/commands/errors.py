"""How a command fails and how the process ends, shared by ``cli`` and the commands.

Failures end with exit status 1 (130 on Ctrl+C) and ONE line on stderr,
``pixop-desktop: <title>: <message>``.
"""

from __future__ import annotations

from pixop_desktop.errors import UserFacingError

PROG = "pixop-desktop"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class CommandFailed(UserFacingError):
    """A command's own failure, told as a title and a message."""
