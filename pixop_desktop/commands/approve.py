"""``pixop-desktop approve JOB...``: approve jobs waiting for approval, so processing starts."""

from __future__ import annotations

import argparse

from pixop_desktop.commands.job_actions import act_on_jobs, add_job_arguments

HELP = "approve jobs waiting for approval, so processing starts"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_job_arguments(parser, can_delete=False)


def run(args: argparse.Namespace) -> int:
    return act_on_jobs(args, "approve")
