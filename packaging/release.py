"""Publish signed updates (tufup): the update repository a web server hands to every installed app.

    python packaging/release.py keys    --keys KEYS --repo REPO   once: key pairs + the first root.json
    python packaging/release.py publish --keys KEYS --repo REPO [--bundle DIR] [--version V]

(``make release-keys`` / ``make release``; KEYS defaults to ``$PIXOP_RELEASE_KEYS``, REPO to
``$PIXOP_UPDATE_REPO`` or ``dist/update-repo``.) ``publish`` adds the bundle as
``targets/pixop-desktop-<version>.tar.gz`` plus a binary patch from the previous version, and
signs new ``metadata/`` (root, targets, snapshot, timestamp). Upload ``REPO/metadata`` and
``REPO/targets`` as they are; the app reads ``<update URL>/metadata/`` and ``<update URL>/targets/``.

The private keys never go in REPO, nor in this checkout: both are refused. ``keys`` also copies
the public ``root.json`` to ``resources/update-root.json``, which the bundle ships (commit it):
only an app built with it trusts this repository. docs/releasing.md says how to keep the keys.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from pathlib import Path

from tufup.repo import DEFAULT_EXPIRATION_DAYS, Repository

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pixop_desktop import __version__  # noqa: E402
from pixop_desktop.updates.client import APP_NAME  # noqa: E402

SHIPPED_ROOT = ROOT / "resources" / "update-root.json"
# Root is renewed by hand (yearly); the others at each release. A timestamp that lasts a week
# lets a release sit for a while; an attacker can replay old metadata for at most that long.
EXPIRATION_DAYS = dict(DEFAULT_EXPIRATION_DAYS, root=365, targets=90, snapshot=90, timestamp=7)


class ReleaseError(Exception):
    pass


class _Repository(Repository):
    """tufup's repository without its config file in the current folder: every setting is given."""

    def save_config(self) -> None:
        pass

    @classmethod
    def load_config(cls) -> dict:
        return {}


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _repository(keys: Path, repo: Path, expiration_days: dict | None = None) -> _Repository:
    if _inside(keys, repo) or _inside(keys, ROOT):
        raise ReleaseError(f"the keys folder {keys} is inside {repo if _inside(keys, repo) else ROOT}: "
                           "keep private keys outside the update repository and outside the checkout")
    return _Repository(app_name=APP_NAME, repo_dir=repo, keys_dir=keys,
                       expiration_days=dict(expiration_days or EXPIRATION_DAYS))


def create_keys(keys: Path, repo: Path, *, ship_root: Path | None = SHIPPED_ROOT) -> Path:
    """New key pairs in ``keys`` and the first signed ``root.json`` in ``repo``; returns that root."""
    if keys.exists() and any(keys.iterdir()):
        raise ReleaseError(f"{keys} already holds keys: new keys would lock out every installed app")
    repository = _repository(keys, repo)
    repository.initialize()
    root = repository.metadata_dir / "root.json"
    if ship_root is not None:
        shutil.copy2(root, ship_root)
    return root


def publish(bundle: Path, version: str, keys: Path, repo: Path, *, expiration_days: dict | None = None) -> Path:
    """Add ``bundle`` as ``version`` and sign the metadata; returns the new archive."""
    if not (repo / "metadata" / "root.json").is_file():
        raise ReleaseError(f"{repo} has no metadata/root.json: create the keys first (make release-keys)")
    if not bundle.is_dir():
        raise ReleaseError(f"{bundle} is not a built bundle folder (make bundle)")
    repository = _repository(keys, repo, expiration_days)
    repository._load_keys_and_roles(create_keys=False)  # tufup's initialize() would ask about keys
    archive = repository.targets_dir / f"{APP_NAME}-{version}.tar.gz"
    if archive.exists():
        raise ReleaseError(f"{archive.name} is already published: raise the version")
    latest = repository.roles.get_latest_archive()
    if latest is not None and not latest.version < type(latest.version)(version):
        raise ReleaseError(f"{version} is not newer than the published {latest.version}")
    repository.add_bundle(new_bundle_dir=bundle, new_version=version)
    repository.publish_changes(private_key_dirs=[keys])
    return archive


def _default_bundle() -> Path:
    return ROOT / "dist" / ("Pixop Desktop.app" if sys.platform == "darwin" else "pixop-desktop")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["keys", "publish"])
    parser.add_argument("--keys", type=Path, default=os.environ.get("PIXOP_RELEASE_KEYS") or None,
                        help="the private keys' folder (default: $PIXOP_RELEASE_KEYS)")
    parser.add_argument("--repo", type=Path,
                        default=Path(os.environ.get("PIXOP_UPDATE_REPO") or ROOT / "dist" / "update-repo"))
    parser.add_argument("--bundle", type=Path, default=_default_bundle())
    parser.add_argument("--version", default=__version__)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="release: %(message)s")
    if args.keys is None:
        print("release: say where the private keys are: --keys DIR or PIXOP_RELEASE_KEYS=DIR", file=sys.stderr)
        return 2
    try:
        if args.action == "keys":
            root = create_keys(args.keys, args.repo)
            print(f"release: keys in {args.keys} (keep them offline, see docs/releasing.md)")
            print(f"release: {root} copied to {SHIPPED_ROOT}: commit it, then build and publish")
        else:
            archive = publish(args.bundle, args.version, args.keys, args.repo)
            print(f"release: {archive} signed; upload {args.repo}/metadata and {args.repo}/targets")
    except ReleaseError as exc:
        print(f"release: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
