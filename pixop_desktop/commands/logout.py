"""Forget the credentials saved for the server."""

from __future__ import annotations

import argparse

from pixop_desktop.commands._common import context_from

HELP = "forget the credentials saved for the server"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    ctx = context_from(args)
    ctx.store.delete()
    print(f"Signed out of {ctx.server.url}: saved credentials removed.")
    if not ctx.store.environment_credentials().is_empty:
        print("Note: PIXOP_EMAIL / PIXOP_PASSWORD / PIXOP_API_KEY are still set in this environment.")
    return 0
