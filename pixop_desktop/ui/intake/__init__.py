"""Getting videos in: the drop zone, the intake panel's choices, and from dropped paths to queued jobs."""
