"""``pixop-desktop cancel JOB...``: cancel jobs (optionally deleting their video on Pixop)."""

from __future__ import annotations

import argparse

from pixop_desktop.commands.job_actions import act_on_jobs, add_job_arguments

HELP = "cancel jobs (optionally deleting their video on Pixop)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_job_arguments(parser, can_delete=True)


def run(args: argparse.Namespace) -> int:
    return act_on_jobs(args, "cancel")
