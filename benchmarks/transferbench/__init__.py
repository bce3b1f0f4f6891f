"""Helpers of ``benchmarks/transfer.py``: the test file, the servers, the measured clients."""
