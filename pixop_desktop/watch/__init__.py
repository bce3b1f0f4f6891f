"""Watched folders: a file lands in a folder, the processed result comes back, unattended.

- ``rules``: ``WatchRule`` (what to watch, what to do) and its persistence;
- ``detector``: scanning, file-system events, ``StableFileDetector``;
- ``ledger``: what became of every file, in the job store's SQLite file;
- ``watcher``: ``RuleWatcher`` — one rule's pass: scan → stable → decide → enqueue → follow up;
- ``outcomes``: mirrored output folders, Done/ and Failed/ (with the reason);
- ``service``: ``WatchService`` — the active rules on threads;
- ``dryrun``: what a rule would do right now, without doing it.
"""
