"""Imports Pixop makes itself (HTTPS URL, S3 input location) and the Mimir integration, Qt-free.

- ``url_rules``: the client-side checks (same rules as the server), each refusal naming its rule;
- ``params``: ``HttpsImport`` / ``S3Import``, what the dialogs return and the CLI sends;
- ``crc``: CRC32C of a local copy, streamed (hardware-accelerated google-crc32c);
- ``derived``: the free 10-second clip Pixop makes under an imported master;
- ``mimir`` / ``mimir_store``: setting up, extending and removing the Pixop ⇄ Mimir mapping.
"""
