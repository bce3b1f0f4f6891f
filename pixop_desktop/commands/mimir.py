"""``pixop-desktop mimir setup|remove|status``: the Pixop ⇄ Mimir integration (seed 000).

The Mimir API key and tenant come from ``PIXOP_MIMIR_API_KEY`` / ``PIXOP_MIMIR_TENANT``, or the
OS keyring (saved there after a successful ``setup`` unless ``--no-save``), or ``--tenant`` and a
hidden prompt for the key on a terminal. They never go into a settings file.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from pixop_desktop.cli import CommandFailed
from pixop_desktop.commands._common import connected, context_from
from pixop_desktop.imports.mimir import (DEFAULT_DAYS_TO_LIVE, format_date, recorded_setup, reminder,
                                         remove_mimir, setup_mimir)
from pixop_desktop.imports.mimir_store import (ENV_MIMIR_API_KEY, ENV_MIMIR_TENANT, MimirSecrets,
                                               MimirSecretStore)

HELP = "set up, renew, remove or check the Pixop ⇄ Mimir integration"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["setup", "remove", "status"],
                        help="setup (also renews), remove, or status (expiry and reminder)")
    parser.add_argument("--tenant", help=f"the Mimir tenant (default: ${ENV_MIMIR_TENANT}, then the keyring)")
    parser.add_argument("--days-to-live", type=int, default=DEFAULT_DAYS_TO_LIVE, metavar="DAYS",
                        help=f"how long the integration lasts unless renewed (default {DEFAULT_DAYS_TO_LIVE})")
    parser.add_argument("--configuration", action="append", default=[], metavar="ID",
                        help="configure Mimir with this Pixop processing configuration (repeatable)")
    parser.add_argument("--configure-mimir", action="store_true",
                        help="also configure Mimir (custom actions, approvals …) with no configurations")
    parser.add_argument("--no-save", action="store_true", help="do not save the key and tenant in the keyring")


def run(args: argparse.Namespace) -> int:
    if args.action == "status":
        return _status(args)
    with connected(args) as (client, ctx):
        store = MimirSecretStore(ctx.server.url)
        secrets = _secrets(store, args)
        if args.action == "remove":
            remove_mimir(client, secrets, ctx.server.url, team_id=ctx.team_id)
            store.forget_mimir()
            print(f"The integration with the Mimir tenant {secrets.tenant} was removed.")
            return 0
        result = setup_mimir(client, secrets, ctx.server.url, days_to_live=args.days_to_live,
                             configure_mimir=args.configure_mimir, configuration_ids=args.configuration,
                             team_id=ctx.team_id)
        _save(store, secrets, args)
        print(result.describe())
    return 0


def _secrets(store: MimirSecretStore, args: argparse.Namespace) -> MimirSecrets:
    found = store.load_mimir()
    tenant = args.tenant or found.tenant
    key = found.api_key
    if not key and sys.stdin.isatty():
        key = getpass.getpass("Mimir API key: ").strip() or None
    if not (key and tenant):
        missing = " and ".join(n for n, v in (("the Mimir API key", key), ("the Mimir tenant", tenant)) if not v)
        raise CommandFailed("Mimir details missing", f"Give {missing}: set {ENV_MIMIR_API_KEY} and "
                                                     f"{ENV_MIMIR_TENANT}, or use --tenant (the key is asked for on a terminal).")
    return MimirSecrets(key, tenant, found.source)


def _save(store: MimirSecretStore, secrets: MimirSecrets, args: argparse.Namespace) -> None:
    from pixop_desktop.credentials import CredentialError, CredentialSource

    if args.no_save or secrets.source is CredentialSource.ENVIRONMENT:
        return
    try:
        store.save_mimir(secrets.api_key, secrets.tenant)
    except CredentialError as exc:
        print(f"Not saved: {exc.message}", file=sys.stderr)


def _status(args: argparse.Namespace) -> int:
    ctx = context_from(args)
    record = recorded_setup(ctx.server.url)
    secrets = MimirSecretStore(ctx.server.url).load_mimir()
    if record is None:
        print("No Mimir integration has been set up from this computer for this server.")
        return 0
    tenant = secrets.tenant or "(tenant not saved)"
    print(f"Mimir tenant: {tenant}")
    if record.expires:
        print(f"Expires: {format_date(record.expires)} (days to live: {record.days_to_live})")
        if note := reminder(record.expires):
            print(note)
    if record.configuration_ids:
        print("Processing configurations: " + ", ".join(record.configuration_ids))
    for n, step in enumerate(record.manual_steps, 1):
        print(f"Manual step {n}: {step}")
    return 0
