"""The chaos test: the whole watched-folder journey through a faulty proxy (tests/chaos/proxy.py),
two watchers and two runners on one folder, then every file checked on the server and on disk.

The short version runs in ``make test`` with fixed seeds; ``make chaos`` runs new seeds for as long
as ``CHAOS_SECONDS`` says (``CHAOS_SEED`` replays one). Each failure prints its seed and the faults.
"""

from __future__ import annotations

import os
import time

import pytest

from .harness import run_round

SHORT_SEEDS = (1,)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("seed", SHORT_SEEDS)
def test_every_file_once_and_byte_identical_through_a_faulty_network(seed, tmp_path, app_home):
    result = run_round(tmp_path, app_home, seed)
    assert not result.problems, result.report()
    assert result.faults, "the proxy injected no fault: the test proved nothing"
