"""Preview 10 seconds: the before/after viewer, its decoder thread, and its place in the main window."""
