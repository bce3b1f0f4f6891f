"""Addresses that are neither private nor public (carrier-grade NAT, 100.64.0.0/10) are refused.

Pixop asks for a publicly reachable address; the rule is "ipaddress says it is global".
"""

from __future__ import annotations

import pytest

from pixop_desktop.addresses import non_public_reason
from pixop_desktop.imports.url_rules import check_url


@pytest.mark.parametrize("address", ["100.64.0.1", "100.100.100.100", "100.127.255.254", "::ffff:100.64.0.1"])
def test_shared_carrier_grade_nat_addresses_are_named(address):
    assert non_public_reason(address) == "a shared (carrier-grade NAT) address"


@pytest.mark.parametrize("address", ["100.63.255.255", "100.128.0.0", "8.8.8.8", "2606:4700::1111"])
def test_global_neighbours_pass(address):
    assert non_public_reason(address) is None


@pytest.mark.parametrize("url, address", [("https://100.64.0.1/a.mp4", "100.64.0.1"),
                                          ("https://[::ffff:100.64.3.4]/a.mp4", "::ffff:100.64.3.4")])
def test_a_url_on_a_shared_address_is_refused_by_its_rule(url, address):
    refusal = check_url(url)
    assert refusal is not None and refusal.rule == "no-shared" and refusal.field == "url"
    assert f"a shared (carrier-grade NAT) address ({address})" in refusal.message
    assert "publicly reachable" in refusal.message


def test_the_private_switch_lifts_the_shared_rule_too():
    assert check_url("https://100.64.0.1/a.mp4", allow_private=True) is None
