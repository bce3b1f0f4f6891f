"""``doctor``: check and repair the job queue, settings, presets, watch rules, keyring and server.

One line per finding as it is known (the full queue check and a silent server take a
while), then a summary. Exit 0 when everything is fine or was repaired, 1 when a problem
is left for the person.
"""

from __future__ import annotations

import argparse

from pixop_desktop.commands import Command
from pixop_desktop.commands._common import add_json_option, print_json, printable
from pixop_desktop.commands.errors import EXIT_FAILED, EXIT_OK


def add_doctor_arguments(parser: argparse.ArgumentParser) -> None:
    add_json_option(parser)
    parser.add_argument("--dry-run", action="store_true",
                        help="only report: change no file (what would be repaired is reported as a problem)")
    parser.add_argument("--no-network", action="store_true", help="skip the server check")


def doctor(args: argparse.Namespace) -> int:
    from pixop_desktop.services.doctor import DoctorOptions, run_doctor

    options = DoctorOptions(repair=not args.dry_run, network=not args.no_network,
                            server=getattr(args, "server", None), team=getattr(args, "team", None))
    report = run_doctor(options, on_finding=None if args.json else _print_finding)
    if args.json:
        print_json(report.to_json())
    else:
        print(_summary(report))
    return EXIT_OK if report.ok else EXIT_FAILED


def _print_finding(finding) -> None:
    print(f"{finding.status.value.upper():<9} {finding.check}: {printable(finding.message)}", flush=True)


def _summary(report) -> str:
    from pixop_desktop.services.doctor import Status

    problems = sum(1 for f in report.findings if f.status is Status.PROBLEM)
    repaired = sum(1 for f in report.findings if f.status is Status.REPAIRED)
    if problems:
        return f"{problems} problem(s) left: see the lines marked PROBLEM for what to do."
    if repaired:
        return f"Repaired {repaired} thing(s); everything else is fine."
    return "Everything is fine." + (" (dry run: nothing was changed)" if not report.repair else "")


COMMANDS = [
    Command("doctor", "check and repair the job queue, settings, presets, watch rules, keyring and "
                      "server connection, saying what was done", add_doctor_arguments, doctor),
]
