"""Signed self-updates (tufup on python-tuf), Qt-free: the CLI's ``update`` and the window share it.

- ``install.py``: where this copy runs from and whether it may replace itself;
- ``client.py``: ``Updater`` — check the update server's signed metadata, download and verify an
  archive, stage it (never install while running); every refusal is an ``UpdateRefused`` in plain words;
- ``pending.py``: the staged update and ``apply_pending`` (swap it in at the next start);
- ``schedule.py``: "is a check due?" (at start, then daily) and the configured source.

Publishing (keys, metadata, archives, patches) is ``packaging/release.py``; see docs/releasing.md.
"""
