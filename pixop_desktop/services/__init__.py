"""What the command line and the window both do, once, without Qt.

``commands/`` and ``ui/`` call these instead of keeping copies that drift apart:

- ``twins``: is this file already in the queue, and what then (take it up, report it done, ask)?
- ``words``: what a job is doing in words, sizes, speeds, megabits ↔ bytes per second.
- ``runner``: a runner started with the saved limits (bandwidth, parallel uploads and downloads).
- ``connection``: which server and team, credentials, a signed-in client.
"""
