"""``pixop-desktop reject JOB...``: reject jobs waiting for approval (cancelled; the video stays on Pixop unless --delete-on-server)."""

from __future__ import annotations

import argparse

from pixop_desktop.commands.job_actions import act_on_jobs, add_job_arguments

HELP = "reject jobs waiting for approval (cancelled; the video stays on Pixop unless --delete-on-server)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_job_arguments(parser, can_delete=True)


def run(args: argparse.Namespace) -> int:
    return act_on_jobs(args, "reject")
