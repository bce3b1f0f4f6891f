"""Which network addresses Pixop cannot import from, and the test-only switch that lifts it.

A leaf (standard library only) because three layers need the same rule: the client's
pre-flight checks (imports/url_rules), the pipeline that starts an import (jobs/), and the
sandbox, which refuses what Pixop would refuse.
"""

from __future__ import annotations

import ipaddress
import os

ALLOW_PRIVATE_ENV = "PIXOP_ALLOW_PRIVATE_IMPORT_URLS"  # test-only, see imports/url_rules


def allow_private_from_env() -> bool:
    """The test-only switch; anything but "1"/"true"/"yes" keeps the rules on."""
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in ("1", "true", "yes")


def non_public_reason(address: str) -> str | None:
    """Why Pixop would refuse this address ("a loopback address" …), or None when it is public."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    checks = (("is_loopback", "a loopback address"), ("is_link_local", "a link-local address"),
              ("is_multicast", "a multicast address"), ("is_unspecified", "an unspecified address"),
              ("is_private", "a private (site-local) address"), ("is_reserved", "a reserved address"))
    for attribute, words in checks:
        if getattr(ip, attribute):
            return words
    if not ip.is_global:  # e.g. 100.64.0.0/10: not private, yet not reachable from Pixop either
        shared = ipaddress.ip_network("100.64.0.0/10")
        return "a shared (carrier-grade NAT) address" if ip in shared else "a non-public address"
    return None
