"""Helpers of ``benchmarks/many_files.py``: what the runner did, from its events."""
