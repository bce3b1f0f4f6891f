"""A local Pixop-compatible server for "try it" mode and every integration test.

``Sandbox`` serves the v1 accounts/videos/media services and the current API over loopback,
really probes and processes video (``sandbox.media``), keeps its state in a folder, and has
fault switches (``sandbox.faults``) and read access (``sandbox.state``) for tests.
"""

from pixop_desktop.sandbox.server import (DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD,
                                          DEMO_S3_BUCKET, DEMO_S3_LOCATION_ID, DEMO_TEAMS,
                                          Sandbox)

__all__ = ["Sandbox", "DEFAULT_EMAIL", "DEFAULT_PASSWORD", "DEFAULT_API_KEY", "DEMO_TEAMS",
           "DEMO_S3_LOCATION_ID", "DEMO_S3_BUCKET"]
